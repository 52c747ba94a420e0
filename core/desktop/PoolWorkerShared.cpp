// PoolWorker and the other instances on one PostgreSQL pool: the scheduled rounds run only
// where leadership says, what others change is reloaded row by row, and the database's
// outages are shown. All of it in the engine thread, so a reconnect never freezes a window.
#include "PoolWorker.h"
#include "coord/SharedPool.h"
#include "host/EngineHost.h"

namespace dopool::desktop {

namespace {

constexpr int kCoalesceMs = 100;

} // namespace

void PoolWorker::followSharedPool()
{
    coord::SharedPool &shared = m_host->sharedPool();
    m_changeTimer = new QTimer(this);
    m_changeTimer->setSingleShot(true);
    m_changeTimer->setInterval(kCoalesceMs);
    connect(m_changeTimer, &QTimer::timeout, this, &PoolWorker::applyChanges);
    connect(&shared, &coord::SharedPool::changed, this, &PoolWorker::takeChange);
    connect(&shared, &coord::SharedPool::resyncNeeded, this, [this] {
        m_changes.addEverything();
        m_changeTimer->start();
    });
    connect(&shared, &coord::SharedPool::leadershipChanged, this, &PoolWorker::emitSharedState);
    connect(&shared, &coord::SharedPool::connectionChanged, this, &PoolWorker::emitSharedState);
}

void PoolWorker::emitSharedState()
{
    if (!m_host)
        return;
    const coord::SharedPool &shared = m_host->sharedPool();
    SharedState state;
    state.shared = shared.isShared();
    state.isLeader = shared.isLeader();
    state.leader = shared.leaderDescription();
    state.self = shared.self().description();
    state.instancesOnline = shared.instancesOnline();
    state.databaseUp = shared.databaseUp();
    state.lastError = shared.lastDatabaseError();
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
            const auto account = store().findAccount(id);
            if (account)
                Q_EMIT accountChanged(*account);
            else if (account.error().kind == ErrorKind::NotFound)
                Q_EMIT accountRemoved(id);
            else
                Q_EMIT backgroundError(account.error().message);
        }
    }
    applyTaskChanges(work);
    if (work.alerts) {
        // Alerts raised or resolved by the instance that runs the rounds: every desktop
        // notifies its admin once.
        if (const auto alerts = store().listAlerts(true, 50)) {
            for (auto it = alerts->crbegin(); it != alerts->crend(); ++it)
                notifyAlertOnce(engine::AlertChange{*it, it->isOpen()});
            if (const auto open = store().listAlerts(false, 500))
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
    AuditFilter filter;
    filter.accountId = accountId;
    auto entries = store().listAudit(filter, limit);
    if (!entries)
        return done(entries.error());
    done(*entries);
}

} // namespace dopool::desktop
