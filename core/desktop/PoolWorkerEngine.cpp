// PoolWorker: what goes to DigitalOcean - sync, health, selection, provisioning, the detail
// view's live data.
#include "PoolWorker.h"
#include "engine/CatalogService.h"
#include "engine/OrderIntake.h"
#include "engine/Scheduler.h"
#include "host/EngineHost.h"
#include "pool/PoolKey.h"
#include "pool/PoolSession.h"

#include <QSet>

namespace dopool::desktop {

Result<void> PoolWorker::startEngine(const QUrl &apiBase)
{
    const auto webhook = host::checkedWebhook(m_config.webhookUrl, host::FrontEnd::Desktop);
    if (!webhook)
        return webhook.error();
    host::EngineHost::Settings settings;
    settings.apiBase = apiBase;
    settings.engine.settings = m_config.engine;
    settings.engine.apiTimeoutMs = m_config.apiTimeoutMs;
    settings.webhook = *webhook;
    settings.schedule = m_config.schedule;
    settings.syncIntervalSecs = m_config.syncIntervalSecs;
    settings.healthIntervalSecs = m_config.healthIntervalSecs;
    // Settings -> "Provision queued orders from this desktop" (off by default: a laptop is
    // not a server); serve claims by default.
    settings.provisionOrders = m_config.provisionOrders;
    host::EngineHost::Dependencies deps;
    deps.clock = m_clock;
    const auto created = host::EngineHost::create(*m_session, settings, deps, this);
    if (!created)
        return created.error();
    m_host = *created;
    engine::EngineContext &context = m_host->context();
    m_sync = new engine::SyncService(context, this);
    m_selector = new engine::AccountSelector(context, this);
    m_provisioner = new engine::Provisioner(context, this);
    m_catalog = new engine::CatalogService(context, this);
    m_syncEventTimer = new QTimer(this);
    m_syncEventTimer->setSingleShot(true);
    m_syncEventTimer->setInterval(kSyncEventMs);
    connect(m_syncEventTimer, &QTimer::timeout, this, &PoolWorker::flushSyncEvents);
    connect(m_sync, &engine::SyncService::accountFinished, this, &PoolWorker::takeSyncOutcome);
    connect(m_sync, &engine::SyncService::progress, this, &PoolWorker::takeSyncProgress);
    connect(&m_host->alerts(), &engine::AlertEvaluator::alertChanged, this,
            &PoolWorker::notifyAlertOnce);
    connect(m_host, &host::EngineHost::keyProblemChanged, this, &PoolWorker::keyProblemChanged);
    if (engine::OrderIntake *intake = m_host->orderIntake())
        connect(intake, &engine::OrderIntake::taskUpdated, this, &PoolWorker::taskChanged);
    if (engine::Scheduler *scheduler = m_host->scheduler()) {
        // The scheduler has its own sync service: its rounds report through accountChanged
        // like the admin's, without mixing into the progress of an admin's Sync All.
        connect(&m_host->roundSync(), &engine::SyncService::accountFinished, this,
                &PoolWorker::takeSyncOutcome);
        connect(scheduler, &engine::Scheduler::roundStarted, this,
                [this](engine::Scheduler::Round round) {
                    Q_EMIT roundStarted(round == engine::Scheduler::Round::Sync);
                });
        connect(scheduler, &engine::Scheduler::roundFinished, this,
                [this](engine::Scheduler::Round round, int accounts, int failures) {
                    Q_EMIT roundFinished(round == engine::Scheduler::Round::Sync, accounts,
                                         failures);
                });
    }
    followSharedPool();
    followOrders();
    return {};
}

void PoolWorker::sync(engine::SyncService::Mode mode, const QStringList &ids,
                      Done<SyncSummary> done)
{
    const auto all = store().listAccounts();
    if (!all)
        return done(all.error());
    QList<Account> accounts;
    if (ids.isEmpty()) {
        accounts = *all;
    } else {
        const QSet<QString> wanted(ids.cbegin(), ids.cend());
        for (const Account &account : *all) {
            if (wanted.contains(account.id))
                accounts.append(account);
        }
    }
    m_sync->run(mode, accounts, [this, done](QList<engine::SyncOutcome> outcomes) {
        SyncSummary summary;
        summary.accounts = int(outcomes.size());
        for (const engine::SyncOutcome &outcome : outcomes)
            summary.failures += outcome.ok() ? 0 : 1;
        flushSyncEvents(); // the rows before the answer
        evaluateAlerts();
        done(summary);
    });
}

void PoolWorker::previewSelection(Done<engine::Selection> done)
{
    m_selector->select(engine::AccountSelector::Mode::Preview, QString(), {},
                       [done](Result<engine::Selection> selection) { done(std::move(selection)); });
}

void PoolWorker::provision(const engine::ProvisionRequest &request,
                           Done<engine::ProvisionOutcome> done)
{
    m_provisioner->provision(request, [this, done](Result<engine::ProvisionOutcome> outcome) {
        // The account that got the droplet (or was tried last) has a new count: every window
        // shows it when the answer arrives, not at the next round.
        if (outcome && !outcome->task.doAccountId.isEmpty())
            announceAccounts({outcome->task.doAccountId});
        else
            reloadAccounts(); // a failure may have marked accounts full or unhealthy
        evaluateAlerts();
        done(std::move(outcome));
    });
}

void PoolWorker::announceAccounts(const QStringList &ids)
{
    for (const QString &id : ids) {
        const auto account = store().findAccount(id);
        if (account)
            Q_EMIT accountChanged(*account);
        else
            Q_EMIT backgroundError(account.error().message);
    }
}

void PoolWorker::catalog(bool refresh, Done<engine::Catalog> done)
{
    m_catalog->catalog(refresh ? engine::CatalogService::Freshness::Refresh
                               : engine::CatalogService::Freshness::CachedOk,
                       [done](Result<engine::Catalog> catalog) { done(std::move(catalog)); });
}

void PoolWorker::loadDetail(const QString &id, Done<AccountDetail> done)
{
    AccountDetail detail;
    const auto account = store().findAccount(id);
    if (!account)
        return done(account.error());
    detail.account = *account;
    const auto health = store().healthHistory(id, 50);
    if (!health)
        return done(health.error());
    detail.healthHistory = *health;
    const auto capacity = store().capacityHistory(id, m_clock->now().addDays(-30));
    if (!capacity)
        return done(capacity.error());
    detail.capacityHistory = *capacity;
    const auto tasks = store().listTasks(500);
    if (!tasks)
        return done(tasks.error());
    for (const ProvisioningTask &task : *tasks) {
        if (task.doAccountId == id)
            detail.tasks.append(task);
    }
    done(detail);
}

void PoolWorker::loadPoolHistory(int days, Done<QList<PoolHistoryPoint>> done)
{
    const auto accounts = store().listAccounts();
    if (!accounts)
        return done(accounts.error());
    const QDateTime since = m_clock->now().addDays(-std::max(1, days));
    QList<CapacitySample> samples;
    for (const Account &account : *accounts) {
        const auto history = store().capacityHistory(account.id, since);
        if (!history)
            return done(history.error());
        samples.append(*history);
    }
    done(poolHistory(std::move(samples)));
}

Result<QString> PoolWorker::storedToken(const QString &id) const
{
    const auto account = store().findAccount(id);
    if (!account)
        return account.error();
    return decryptAccountToken(cipher(), *account);
}

void PoolWorker::liveIdentity(const QString &id, Done<api::AccountInfo> done)
{
    const auto token = storedToken(id);
    if (!token)
        return done(token.error());
    m_host->api().getAccount(*token, this, [done](api::ApiResult<api::AccountInfo> reply) {
        if (!reply)
            return done(reply.error().toError());
        done(reply.value());
    });
}

void PoolWorker::listDroplets(const QString &id, int page, int perPage, Done<api::DropletPage> done)
{
    const auto token = storedToken(id);
    if (!token)
        return done(token.error());
    api::DropletQuery query;
    query.page = page;
    query.perPage = perPage;
    m_host->api().listDroplets(*token, query, this, [done](api::ApiResult<api::DropletPage> reply) {
        if (!reply)
            return done(reply.error().toError());
        done(reply.value());
    });
}

} // namespace dopool::desktop
