#include "PoolWorker.h"

#include "DemoPool.h"
#include "DesktopLogging.h"
#include "WorkerErrors.h"
#include "common/ApiBaseUrl.h"
#include "common/Validation.h"
#include "crypto/QtKeychainSecretStore.h"
#include "engine/CatalogService.h"
#include "engine/Scheduler.h"
#include "engine/WebhookNotifier.h"
#include "fakedo/FakeDoServer.h"
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

PoolWorker::PoolWorker(DesktopConfig config, SecretStore *secrets)
    : m_config(std::move(config))
    , m_secrets(secrets)
{}

PoolWorker::~PoolWorker() = default;

void PoolWorker::open(Done<PoolInfo> done)
{
    QUrl apiBase = m_config.apiBase;
    SecretStore *secrets = m_secrets;
    if (m_config.demo) {
        m_demoDir = std::make_unique<QTemporaryDir>();
        m_fakeDo = demo::startFakeApi(m_config.demoLatencyMs, this);
        if (!m_demoDir->isValid() || !m_fakeDo) {
            done(makeError(ErrorKind::Store,
                           tr("Demo mode needs a temporary folder and a loopback port")));
            return;
        }
        m_config.database.kind = DatabaseUrl::Kind::Sqlite;
        m_config.database.path = QDir(m_demoDir->path()).filePath(QStringLiteral("demo.sqlite"));
        apiBase = m_fakeDo->baseUrl();
        // A throwaway pool gets a throwaway key: nothing of the demo reaches the keychain.
        m_demoSecrets = std::make_unique<MemorySecretStore>();
        secrets = m_demoSecrets.get();
        m_config.env.remove(QStringLiteral("ENCRYPTION_KEY"));
    }

    PoolSession::Options options;
    options.url = m_config.database;
    options.env = m_config.env;
    options.clock = &m_clock;
    options.secrets = secrets;
    m_session = new PoolSession(options, this);
    m_session->open(PoolSession::KeyUse::Verify, [this, apiBase, done](Result<void> opened) {
        if (!opened) {
            done(opened.error());
            return;
        }
        if (m_config.demo) {
            if (auto seeded =
                    demo::seedAccounts(m_session->store(), m_session->cipher(), m_clock.now());
                !seeded) {
                done(seeded.error());
                return;
            }
        }
        if (auto started = startEngine(apiBase); !started) {
            done(started.error());
            return;
        }
        if (auto joined = joinSharedPool(); !joined) {
            done(joined.error());
            return;
        }
        PoolInfo info;
        info.backend = m_session->store().backendName();
        info.location = m_session->store().location();
        info.apiBase = apiBase;
        info.demo = m_config.demo;
        info.keyFingerprint = m_session->cipher().key().fingerprint();
        done(info);
        reloadAccounts();
        if (const auto alerts = m_store->listAlerts(false, 500))
            Q_EMIT alertsReset(*alerts);
        // What was raised or resolved before this desktop opened is not news.
        if (const auto known = m_store->listAlerts(true, 500)) {
            for (const Alert &alert : *known) {
                m_notifiedAlerts.insert(alert.id + QStringLiteral(":raised"));
                if (!alert.isOpen())
                    m_notifiedAlerts.insert(alert.id + QStringLiteral(":resolved"));
            }
        }
        emitSharedState();
        if (m_scheduler)
            m_scheduler->start();
    });
}

Result<void> PoolWorker::startEngine(const QUrl &apiBase)
{
    api::DoApiClient::Options apiOptions;
    apiOptions.timeoutMs = m_config.apiTimeoutMs;
    api::DoApiClient::Dependencies deps;
    deps.clock = &m_clock;
    m_api = new api::DoApiClient(apiBase, apiOptions, deps, this);
    if (m_api->refusal())
        return makeError(ErrorKind::Validation, m_api->refusal()->message);

    m_store = &m_session->store();
    m_context.useStore(*m_store);
    m_context.api = m_api;
    m_context.cipher = &m_session->cipher();
    m_context.clock = &m_clock;
    m_context.settings = m_config.engine;

    m_sync = new engine::SyncService(m_context, this);
    m_alerts = new engine::AlertEvaluator(m_context, this);
    m_selector = new engine::AccountSelector(m_context, this);
    m_provisioner = new engine::Provisioner(m_context, this);
    m_catalog = new engine::CatalogService(m_context, this);
    m_syncEventTimer = new QTimer(this);
    m_syncEventTimer->setSingleShot(true);
    m_syncEventTimer->setInterval(kSyncEventMs);
    connect(m_syncEventTimer, &QTimer::timeout, this, &PoolWorker::flushSyncEvents);
    connect(m_sync, &engine::SyncService::accountFinished, this, &PoolWorker::takeSyncOutcome);
    connect(m_sync, &engine::SyncService::progress, this, &PoolWorker::takeSyncProgress);
    connect(m_alerts, &engine::AlertEvaluator::alertChanged, this, &PoolWorker::notifyAlertOnce);
    connect(m_provisioner, &engine::Provisioner::taskUpdated, this, &PoolWorker::taskUpdated);

    if (!m_config.webhookUrl.isEmpty()) {
        const QUrl webhook(m_config.webhookUrl, QUrl::StrictMode);
        if (!isSafeTransportUrl(webhook))
            return makeError(ErrorKind::Validation,
                             tr("The webhook URL must be https:// (or http:// to this machine)"));
        auto *notifier = new engine::WebhookNotifier(webhook, this);
        connect(m_alerts, &engine::AlertEvaluator::alertChanged, notifier,
                &engine::WebhookNotifier::notify);
    }

    if (m_config.schedule) {
        // The scheduler has its own sync service: its rounds report through accountChanged
        // like the admin's, without mixing into the progress of an admin's Sync All.
        auto *roundSync = new engine::SyncService(m_context, this);
        connect(roundSync, &engine::SyncService::accountFinished, this,
                &PoolWorker::takeSyncOutcome);
        m_scheduler = new engine::Scheduler(m_context, roundSync, m_alerts, this);
        m_scheduler->setIntervals(m_config.syncIntervalSecs, m_config.healthIntervalSecs);
        connect(m_scheduler, &engine::Scheduler::roundStarted, this,
                [this](engine::Scheduler::Round round) {
                    Q_EMIT roundStarted(round == engine::Scheduler::Round::Sync);
                });
        connect(m_scheduler, &engine::Scheduler::roundFinished, this,
                [this](engine::Scheduler::Round round, int accounts, int failures) {
                    Q_EMIT roundFinished(round == engine::Scheduler::Round::Sync, accounts,
                                         failures);
                });
    }
    return {};
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
    const auto accounts = m_store->listAccounts();
    if (!accounts) {
        Q_EMIT backgroundError(accounts.error().message);
        return;
    }
    Q_EMIT accountsReset(*accounts);
}

void PoolWorker::addAccount(const AccountDraft &draft, Done<Account> done)
{
    if (!isOpen())
        return done(poolNotOpen());
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
    const auto existing = findAccountWithToken(*m_store, *m_context.cipher, *token);
    if (!existing && existing.error().kind != ErrorKind::Crypto)
        return done(existing.error());
    if (existing && existing->has_value())
        return done(makeError(ErrorKind::Conflict,
                              tr("This token is already in the pool as account '%1'; nothing "
                                 "was added")
                                  .arg((*existing)->name)));
    const auto encrypted = m_context.cipher->encrypt(*token);
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
    const auto inserted = m_store->insertAccount(account);
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
    if (!isOpen())
        return done(poolNotOpen());
    const auto name = validateAccountName(edit.name);
    if (!name)
        return done(name.error());
    auto current = m_store->findAccount(edit.id);
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
        const auto encrypted = m_context.cipher->encrypt(*token);
        if (!encrypted)
            return done(encrypted.error());
        account.encryptedToken = *encrypted;
        applyVerifiedInfo(account, *edit.verified);
    }
    const bool primaryMoved = edit.isPrimary && !account.isPrimary;
    account.name = *name;
    account.isPrimary = edit.isPrimary;
    account.isActive = edit.isActive;
    const auto updated = m_store->updateAccount(account, account.version);
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
    if (!isOpen())
        return done(poolNotOpen());
    if (auto deleted = m_store->deleteAccount(id); !deleted)
        return done(deleted.error());
    Q_EMIT accountRemoved(id);
    Q_EMIT auditChanged();
    evaluateAlerts();
    done({});
}

void PoolWorker::verifyToken(const QString &token, Done<api::AccountInfo> done)
{
    if (!isOpen())
        return done(poolNotOpen());
    const auto valid = validateToken(token);
    if (!valid)
        return done(valid.error());
    m_api->getAccount(*valid, this, [done](api::ApiResult<api::AccountInfo> reply) {
        if (!reply)
            return done(reply.error().toError());
        done(reply.value());
    });
}

void PoolWorker::evaluateAlerts()
{
    if (const auto evaluated = m_alerts->evaluate(); !evaluated)
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
    options.clock = &m_clock;
    options.secrets = m_demoSecrets ? m_demoSecrets.get() : m_secrets;
    auto *probe = new PoolSession(options, this);
    probe->open(PoolSession::KeyUse::None, [probe, done](Result<void> opened) {
        probe->deleteLater();
        done(opened);
    });
}

} // namespace dopool::desktop
