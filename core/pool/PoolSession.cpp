#include "PoolSession.h"

#include "PoolKey.h"
#include "PoolKeyResolver.h"
#include "common/Logging.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace dopool {

PoolSession::PoolSession(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_keyProvider(m_options.secrets, m_options.env)
    , m_actor(actorFromEnvironment(m_options.env))
{}

Actor PoolSession::actorFromEnvironment(const QProcessEnvironment &env)
{
    Actor actor;
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        actor.osUser = env.value(QString::fromLatin1(name)).trimmed();
        if (!actor.osUser.isEmpty())
            break;
    }
#ifdef Q_OS_UNIX
    if (actor.osUser.isEmpty()) {
        // Daemons (systemd, cron, su -) may run without USER/LOGNAME: ask the system.
        if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name)
            actor.osUser = QString::fromLocal8Bit(entry->pw_name);
    }
#endif
    if (actor.osUser.isEmpty())
        actor.osUser = QStringLiteral("unknown");
    actor.host = QSysInfo::machineHostName();
    if (actor.host.isEmpty())
        actor.host = QStringLiteral("unknown");
    actor.pid = QCoreApplication::applicationPid();
    actor.instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return actor;
}

PoolSession::~PoolSession() = default;

void PoolSession::open(KeyUse keyUse, Done done)
{
    openStoreWithPassword(QString(), keyUse, done, false);
}

void PoolSession::openStoreWithPassword(const QString &password, KeyUse keyUse, const Done &done,
                                        bool passwordFromKeychain)
{
    StoreOptions storeOptions;
    storeOptions.url = m_options.url;
    storeOptions.password = password;
    storeOptions.clock = m_options.clock;
    const auto timeouts = PgTimeouts::resolve(m_options.env, m_options.url.timeouts);
    if (!timeouts) {
        done(timeouts.error());
        return;
    }
    storeOptions.pgTimeouts = *timeouts;
    OpenResult opened = openStore(storeOptions);
    if (!opened.store) {
        // libpq already tried PGPASSWORD and ~/.pgpass; the keychain is our last source.
        const bool tryKeychain = opened.failure.isAuthFailure && !passwordFromKeychain &&
                                 m_options.url.kind == DatabaseUrl::Kind::Postgres &&
                                 !m_options.env.contains(QStringLiteral("PGPASSWORD"));
        if (!tryKeychain) {
            done(opened.failure.error);
            return;
        }
        const Error original = opened.failure.error;
        m_options.secrets->read(
            m_options.url.passwordKey(), this,
            [this, keyUse, done, original](Result<std::optional<QString>> secret) {
                if (!secret || !secret->has_value()) {
                    done(original);
                    return;
                }
                openStoreWithPassword(**secret, keyUse, done, true);
            });
        return;
    }
    m_store = std::move(opened.store);
    m_store->setActor(m_actor);
    // No key yet: this session may not write tokens (set once the key is verified).
    m_store->setWriterKeyFingerprint(QString());
    m_storeOptions = storeOptions;
    if (keyUse == KeyUse::None) {
        done({});
        return;
    }
    resolveKey(done);
}

void PoolSession::resolveKey(const Done &done)
{
    resolvePoolKey(*m_store, m_keyProvider, this,
                   [this, done](Result<KeyProvider::Resolved> resolved) {
                       if (!resolved) {
                           done(resolved.error());
                           return;
                       }
                       adoptKey(resolved->key, resolved->source);
                       done({});
                   });
}

void PoolSession::adoptKey(const EncryptionKey &key, KeyProvider::Source source)
{
    m_cipher.emplace(key);
    m_keySource = source;
    m_store->setWriterKeyFingerprint(key.fingerprint());
}

Result<QString> PoolSession::poolKeyFingerprint()
{
    return m_store->metaValue(AccountStore::keyFingerprintMeta());
}

void PoolSession::refreshKey(Done done)
{
    Q_ASSERT(m_cipher);
    const auto pool = poolKeyFingerprint();
    if (!pool) {
        done(pool.error());
        return;
    }
    const QString ours = m_cipher->key().fingerprint();
    if (*pool == ours) {
        done({});
        return;
    }
    const QString current = *pool;
    auto outOfDate = [ours, current] {
        return makeError(ErrorKind::KeyMismatch,
                         CoreTr::tr("this instance's pool key (fingerprint %1) is out of date: the "
                                    "pool's key was rotated to fingerprint %2. It writes nothing "
                                    "until it has the new key (ENCRYPTION_KEY, or dopool-cli key "
                                    "import)")
                             .arg(ours, current));
    };
    if (m_keySource == KeyProvider::Source::Environment) {
        done(outOfDate());
        return;
    }
    // The keychain may already hold the new key (rotate-key on this machine stores it there).
    m_keyProvider.findInKeychain(
        current, this,
        [this, current, outOfDate, done](Result<std::optional<EncryptionKey>> found) {
            if (!found || !found->has_value()) {
                done(outOfDate());
                return;
            }
            if (auto verified = verifyPoolKey(*m_store, **found); !verified) {
                done(verified.error());
                return;
            }
            qCInfo(lcCrypto) << "the pool key was rotated; now using" << current
                             << "from the OS keychain";
            adoptKey(**found, KeyProvider::Source::Keychain);
            done({});
        });
}

} // namespace dopool
