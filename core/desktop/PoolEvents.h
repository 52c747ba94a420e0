#pragma once

#include "DesktopTypes.h"
#include "engine/AlertEvaluator.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QObject>

namespace dopool::desktop {

// What changed in the pool, whoever changed it (the admin, the scheduler, a provisioning run).
// Emitted in the engine's thread; a window connects to PoolClient::events() and gets them
// queued into its own thread.
class PoolEvents : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void accountsReset(const QList<dopool::Account> &accounts);
    void accountChanged(const dopool::Account &account);
    // What syncs and health checks learnt, coalesced (every 50 ms while a run is going,
    // and once more when it ends): one event for many accounts, so a window
    // applies a 1,000-account sync-all in a few updates rather than one per account.
    void accountsChanged(const QList<dopool::Account> &accounts);
    void accountRemoved(const QString &id);
    void syncProgress(int finished, int total);
    void alertsReset(const QList<dopool::Alert> &openAlerts);
    void alertChanged(const dopool::engine::AlertChange &change);
    // A provisioning task (an order's row) as it is now: new, or changed by anyone.
    void taskUpdated(const dopool::ProvisioningTask &task);
    void taskRemoved(const QString &id); // deleted (the order-service may DELETE to cancel)
    // Too much changed at once, or the change feed was away: reload the whole list.
    void tasksReloadNeeded();
    // The queue's counts changed (or were read for the first time since the pool opened).
    void orderQueueChanged(const dopool::desktop::QueueCounts &queue);
    void roundStarted(bool syncRound);
    void roundFinished(bool syncRound, int accounts, int failures);
    void backgroundError(const QString &message); // a scheduled round or alert check failed
    void sharedStateChanged(const dopool::desktop::SharedState &state);
    void auditChanged(); // someone (any instance) changed the pool: the audit log grew
    // Another process rotated the pool's key and this desktop does not have the new one
    // (message), or has it again (empty message).
    void keyProblemChanged(const QString &message);
};

} // namespace dopool::desktop
