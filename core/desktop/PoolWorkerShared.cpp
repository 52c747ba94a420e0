// PoolWorker and the other instances on one PostgreSQL pool: the scheduled rounds run only
// where leadership says, what others change is reloaded row by row, and the database's
// outages are shown. All of it in the engine thread, so a reconnect never freezes a window.
#include "PoolWorker.h"
#include "WorkerErrors.h"
#include "coord/SharedPool.h"
#include "engine/Scheduler.h"
#include "pool/PoolKeyWatch.h"
#include "pool/PoolSession.h"

namespace dopool::desktop {

namespace {

constexpr int kCoalesceMs = 100;

} // namespace

Result<void> PoolWorker::joinSharedPool()
{
    const auto options = coord::SharedPool::Options::fromEnvironment(m_session->options().env);
    if (!options)
        return options.error();
    auto shared =
        coord::SharedPool::open(m_session->storeOptions(), m_session->actor(), *options, this);
    if (!shared)
        return shared.error();
    m_shared = *shared;
    if (m_scheduler)
        m_shared->gate(*m_scheduler);
    m_changeTimer = new QTimer(this);
    m_changeTimer->setSingleShot(true);
    m_changeTimer->setInterval(kCoalesceMs);
    connect(m_changeTimer, &QTimer::timeout, this, &PoolWorker::applyChanges);
    connect(m_shared, &coord::SharedPool::changed, this, &PoolWorker::takeChange);
    connect(m_shared, &coord::SharedPool::resyncNeeded, this, [this] {
        m_changes.addEverything();
        m_changeTimer->start();
    });
    connect(m_shared, &coord::SharedPool::leadershipChanged, this, &PoolWorker::emitSharedState);
    connect(m_shared, &coord::SharedPool::connectionChanged, this, &PoolWorker::emitSharedState);
    watchPoolKey();
    return {};
}

void PoolWorker::watchPoolKey()
{
    // A rotation by another process: the new key from this machine's keychain, or a red banner
    // and no rounds until the admin imports it (the store refuses every write meanwhile).
    m_keyWatch = new PoolKeyWatch(*m_session, 5000, this);
    connect(m_shared, &coord::SharedPool::changed, m_keyWatch, [this](const coord::Change &change) {
        if (change.table == QLatin1String("dopool_meta"))
            m_keyWatch->check();
    });
    connect(m_keyWatch, &PoolKeyWatch::outOfDate, this, [this](const QString &message) {
        if (m_scheduler)
            m_scheduler->stop();
        if (m_shared->leadership())
            m_shared->leadership()->stop(); // another instance runs the rounds meanwhile
        Q_EMIT keyProblemChanged(message);
    });
    connect(m_keyWatch, &PoolKeyWatch::upToDate, this, [this] {
        Q_EMIT keyProblemChanged(QString());
        if (m_shared->leadership())
            m_shared->leadership()->start();
        if (m_scheduler)
            m_scheduler->start();
    });
    m_keyWatch->start();
}

void PoolWorker::emitSharedState()
{
    if (!m_shared)
        return;
    SharedState state;
    state.shared = m_shared->isShared();
    state.isLeader = m_shared->isLeader();
    state.leader = m_shared->leaderDescription();
    state.self = m_shared->self().description();
    state.instancesOnline = m_shared->instancesOnline();
    state.databaseUp = m_shared->databaseUp();
    state.lastError = m_shared->lastDatabaseError();
    Q_EMIT sharedStateChanged(state);
}

void PoolWorker::takeChange(const coord::Change &change)
{
    m_changes.add(change);
    if (!m_changeTimer->isActive())
        m_changeTimer->start();
}

void PoolWorker::applyChanges()
{
    if (!isOpen())
        return;
    const ChangeBatch::Work work = m_changes.take();
    if (work.reloadAll) {
        reloadAccounts();
    } else {
        for (const QString &id : work.deletedAccounts)
            Q_EMIT accountRemoved(id);
        for (const QString &id : work.changedAccounts) {
            const auto account = m_store->findAccount(id);
            if (account)
                Q_EMIT accountChanged(*account);
            else if (account.error().kind == ErrorKind::NotFound)
                Q_EMIT accountRemoved(id);
            else
                Q_EMIT backgroundError(account.error().message);
        }
    }
    if (work.alerts) {
        // Alerts raised or resolved by the instance that runs the rounds: every desktop
        // notifies its admin once.
        if (const auto alerts = m_store->listAlerts(true, 50)) {
            for (auto it = alerts->crbegin(); it != alerts->crend(); ++it)
                notifyAlertOnce(engine::AlertChange{*it, it->isOpen()});
            if (const auto open = m_store->listAlerts(false, 500))
                Q_EMIT alertsReset(*open);
        } else {
            Q_EMIT backgroundError(alerts.error().message);
        }
    }
    if (work.audit)
        Q_EMIT auditChanged();
}

void PoolWorker::notifyAlertOnce(const engine::AlertChange &change)
{
    const QString key =
        change.alert.id + (change.raised ? QStringLiteral(":raised") : QStringLiteral(":resolved"));
    if (m_notifiedAlerts.contains(key))
        return;
    m_notifiedAlerts.insert(key);
    Q_EMIT alertChanged(change);
}

void PoolWorker::listAudit(const QString &accountId, int limit, Done<QList<AuditEntry>> done)
{
    if (!isOpen())
        return done(poolNotOpen());
    AuditFilter filter;
    filter.accountId = accountId;
    auto entries = m_store->listAudit(filter, limit);
    if (!entries)
        return done(entries.error());
    done(*entries);
}

} // namespace dopool::desktop
