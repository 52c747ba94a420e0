#include "PoolWorker.h"

#include "DesktopLogging.h"
#include "common/Validation.h"
#include "crypto/QtKeychainSecretStore.h"
#include "host/EngineHost.h"
#include "pool/PoolKey.h"
#include "pool/PoolSession.h"

#include <QDir>
#include <QTemporaryDir>

namespace dopool::desktop {

namespace {

// What DigitalOcean said about a token when the admin verified it (GET /v2/account).
void applyVerifiedInfo(Account &account, const api::AccountInfo &info)
{
    account.email = info.email;
    account.dropletLimit = info.dropletLimit;
    account.doUuid = info.uuid;
    account.doStatus = info.status;
    account.doStatusMessage = info.statusMessage;
}

} // namespace

PoolWorker::PoolWorker(DesktopConfig config, SecretStore *secrets, const Clock *clock)
    : m_config(std::move(config))
    , m_secrets(secrets)
    , m_clock(clock ? clock : &m_systemClock)
{}

PoolWorker::~PoolWorker() = default;

AccountStore &PoolWorker::store() const
{
    return m_session->store();
}

const TokenCipher &PoolWorker::cipher() const
{
    return m_session->cipher();
}

Result<QUrl> PoolWorker::prepareDemo(SecretStore *&secrets)
{
    m_demoDir = std::make_unique<QTemporaryDir>();
    const auto apiBase = m_config.demo->startApi(m_config.demoLatencyMs, this);
    if (!m_demoDir->isValid() || !apiBase)
        return makeError(ErrorKind::Store,
                         tr("Demo mode needs a temporary folder and a loopback port"));
    m_config.database.kind = DatabaseUrl::Kind::Sqlite;
    m_config.database.path = QDir(m_demoDir->path()).filePath(QStringLiteral("demo.sqlite"));
    // A throwaway pool gets a throwaway key: nothing of the demo reaches the keychain.
    m_demoSecrets = std::make_unique<MemorySecretStore>();
    secrets = m_demoSecrets.get();
    m_config.env.remove(QStringLiteral("ENCRYPTION_KEY"));
    return *apiBase;
}

void PoolWorker::open(Done<PoolInfo> done)
{
    QUrl apiBase = m_config.apiBase;
    SecretStore *secrets = m_secrets;
    if (m_config.demo) {
        const auto demoApi = prepareDemo(secrets);
        if (!demoApi)
            return done(demoApi.error());
        apiBase = *demoApi;
    }

    PoolSession::Options options;
    options.url = m_config.database;
    options.env = m_config.env;
    options.clock = m_clock;
    options.secrets = secrets;
    m_session = new PoolSession(options, this);
    m_session->open(PoolSession::KeyUse::Verify, [this, apiBase, done](Result<void> opened) {
        if (!opened) {
            done(opened.error());
            return;
        }
        if (m_config.demo) {
            if (auto seeded = m_config.demo->seed(store(), cipher(), m_clock->now()); !seeded) {
                done(seeded.error());
                return;
            }
        }
        if (auto started = startEngine(apiBase); !started) {
            done(started.error());
            return;
        }
        PoolInfo info;
        info.backend = store().backendName();
        info.location = store().location();
        info.apiBase = apiBase;
        info.demo = bool(m_config.demo);
        info.keyFingerprint = cipher().key().fingerprint();
        done(info);
        reloadAccounts();
        if (const auto alerts = store().listAlerts(false, 500))
            Q_EMIT alertsReset(*alerts);
        // What was raised or resolved before this desktop opened is not news.
        if (const auto known = store().listAlerts(true, 500)) {
            for (const Alert &alert : *known) {
                m_notifiedAlerts.insert(alert.id + QStringLiteral(":raised"));
                if (!alert.isOpen())
                    m_notifiedAlerts.insert(alert.id + QStringLiteral(":resolved"));
            }
        }
        emitSharedState();
        announceQueue();
        m_host->startRounds();
    });
}

void PoolWorker::takeSyncOutcome(const engine::SyncOutcome &outcome)
{
    m_syncedAccounts.append(outcome.account);
    if (!m_syncEventTimer->isActive())
        m_syncEventTimer->start();
}

void PoolWorker::takeSyncProgress(int finished, int total)
{
    m_syncProgress = {finished, total};
    if (!m_syncEventTimer->isActive())
        m_syncEventTimer->start();
}

void PoolWorker::flushSyncEvents()
{
    m_syncEventTimer->stop();
    if (!m_syncedAccounts.isEmpty())
        Q_EMIT accountsChanged(std::exchange(m_syncedAccounts, {}));
    if (const auto progress = std::exchange(m_syncProgress, std::nullopt))
        Q_EMIT syncProgress(progress->first, progress->second);
}

void PoolWorker::reloadAccounts()
{
    if (!isOpen())
        return;
    const auto accounts = store().listAccounts();
    if (!accounts) {
        Q_EMIT backgroundError(accounts.error().message);
        return;
    }
    Q_EMIT accountsReset(*accounts);
}

void PoolWorker::addAccount(const AccountDraft &draft, Done<Account> done)
{
    const auto name = validateAccountName(draft.name);
    if (!name)
        return done(name.error());
    const auto token = validateToken(draft.token);
    if (!token)
        return done(token.error());
    if (!draft.verified)
        return done(makeError(ErrorKind::Validation,
                              tr("Verify the token with DigitalOcean before saving")));
    // One DigitalOcean account in the pool twice would count its capacity double.
    // A token that no longer decrypts means this instance's key is out of date: the insert
    // below is then refused by the key fence, with the message that says so.
    const auto existing = findAccountWithToken(store(), cipher(), *token);
    if (!existing && existing.error().kind != ErrorKind::Crypto)
        return done(existing.error());
    if (existing && existing->has_value())
        return done(makeError(ErrorKind::Conflict,
                              tr("This token is already in the pool as account '%1'; nothing "
                                 "was added")
                                  .arg((*existing)->name)));
    const auto encrypted = cipher().encrypt(*token);
    if (!encrypted)
        return done(encrypted.error());
    Account account;
    account.name = *name;
    account.encryptedToken = *encrypted;
    account.isPrimary = draft.isPrimary;
    account.isActive = draft.isActive;
    applyVerifiedInfo(account, *draft.verified);
    if (auto valid = validateEmail(account.email); !valid)
        return done(valid.error());
    const auto inserted = store().insertAccount(account);
    if (!inserted)
        return done(inserted.error());
    qCInfo(lcDesktop) << "account added:" << inserted->name;
    // The rows first, then the answer: the window shows the new row when the dialog hears back.
    // A primary moved: the old primary's row changed too.
    if (inserted->isPrimary)
        reloadAccounts();
    else
        Q_EMIT accountChanged(*inserted);
    Q_EMIT auditChanged();
    done(*inserted);
    // Its droplet count comes from DO, now.
    sync(engine::SyncService::Mode::Sync, {inserted->id}, [](Result<SyncSummary>) {});
}

void PoolWorker::updateAccount(const AccountEdit &edit, Done<Account> done)
{
    const auto name = validateAccountName(edit.name);
    if (!name)
        return done(name.error());
    auto current = store().findAccount(edit.id);
    if (!current)
        return done(current.error());
    Account account = *current;
    if (edit.expectedVersion >= 0 && account.version != edit.expectedVersion) {
        return done(makeError(ErrorKind::Conflict,
                              tr("Account '%1' was changed by someone else while you edited it; "
                                 "nothing was saved. Reopen it to see the current values.")
                                  .arg(account.name)));
    }
    const bool tokenChanged = !edit.newToken.isEmpty();
    if (tokenChanged) {
        const auto token = validateToken(edit.newToken);
        if (!token)
            return done(token.error());
        if (!edit.verified)
            return done(makeError(ErrorKind::Validation,
                                  tr("Verify the new token with DigitalOcean before saving")));
        const auto encrypted = cipher().encrypt(*token);
        if (!encrypted)
            return done(encrypted.error());
        account.encryptedToken = *encrypted;
        applyVerifiedInfo(account, *edit.verified);
    }
    const bool primaryMoved = edit.isPrimary && !account.isPrimary;
    account.name = *name;
    account.isPrimary = edit.isPrimary;
    account.isActive = edit.isActive;
    const auto updated = store().updateAccount(account, account.version);
    if (!updated)
        return done(updated.error());
    if (primaryMoved)
        reloadAccounts();
    else
        Q_EMIT accountChanged(*updated);
    Q_EMIT auditChanged();
    evaluateAlerts(); // an account made inactive no longer counts towards the pool's alerts
    done(*updated);
    if (tokenChanged)
        sync(engine::SyncService::Mode::Sync, {updated->id}, [](Result<SyncSummary>) {});
}

void PoolWorker::deleteAccount(const QString &id, Done<void> done)
{
    if (auto deleted = store().deleteAccount(id); !deleted)
        return done(deleted.error());
    Q_EMIT accountRemoved(id);
    Q_EMIT auditChanged();
    evaluateAlerts();
    done({});
}

void PoolWorker::verifyToken(const QString &token, Done<api::AccountInfo> done)
{
    const auto valid = validateToken(token);
    if (!valid)
        return done(valid.error());
    // The pool's own key pasted into the token field is never sent to DigitalOcean.
    if (const auto asKey = EncryptionKey::fromHex(*valid); asKey && *asKey == cipher().key())
        return done(makeError(ErrorKind::Validation,
                              tr("This is the pool's encryption key, not a DigitalOcean token; "
                                 "it was not sent anywhere")));
    m_host->api().getAccount(*valid, this, [done](api::ApiResult<api::AccountInfo> reply) {
        if (!reply)
            return done(reply.error().toError());
        done(reply.value());
    });
}

void PoolWorker::evaluateAlerts()
{
    if (const auto evaluated = m_host->alerts().evaluate(); !evaluated)
        Q_EMIT backgroundError(evaluated.error().message);
}

void PoolWorker::testDatabase(const QString &url, Done<void> done)
{
    const auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return done(parsed.error());
    PoolSession::Options options;
    options.url = *parsed;
    options.env = m_config.env;
    options.clock = m_clock;
    options.secrets = m_demoSecrets ? m_demoSecrets.get() : m_secrets;
    auto *probe = new PoolSession(options, this);
    probe->open(PoolSession::KeyUse::None, [probe, done](Result<void> opened) {
        probe->deleteLater();
        done(opened);
    });
}

} // namespace dopool::desktop
