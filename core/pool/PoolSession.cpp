#include "PoolSession.h"

#include "PoolKey.h"
#include "common/Logging.h"

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
    m_storeOptions = storeOptions;
    if (keyUse == KeyUse::None) {
        done({});
        return;
    }
    resolveKey(done);
}

void PoolSession::resolveKey(const Done &done)
{
    const auto brandNew = poolIsBrandNew(*m_store);
    if (!brandNew) {
        done(brandNew.error());
        return;
    }
    m_keyProvider.resolve(*brandNew, this, [this, done](Result<KeyProvider::Resolved> resolved) {
        if (!resolved) {
            done(resolved.error());
            return;
        }
        if (auto verified = verifyPoolKey(*m_store, resolved->key); !verified) {
            done(verified.error());
            return;
        }
        m_cipher.emplace(resolved->key);
        m_keySource = resolved->source;
        if (m_keySource == KeyProvider::Source::Generated)
            qCInfo(lcCrypto) << "generated a new pool key" << resolved->key.fingerprint()
                             << "in the OS keychain";
        done({});
    });
}

} // namespace dopool
