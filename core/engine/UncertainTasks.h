#pragma once

#include "EngineContext.h"

#include <QObject>
#include <functional>
#include <memory>

namespace dopool::engine {

// Settles tasks left UNCERTAIN (a create without a clear answer whose droplet had not shown up
// within the provisioner's look-up window). One look per task, by its tags on its account
// (findTaskDroplet): found -> CREATED with the droplet id; still absent once
// settings.uncertainGraceSecs have passed since its last write -> FAILED with the reason (the
// order may then be provisioned again); otherwise - absent within the grace, or the look
// itself failed - it stays UNCERTAIN for the next round. The slot its provisioner left
// reserved stays held meanwhile (until reservationTtlSecs at most), and is counted as the
// droplet (CREATED) or given back (FAILED) when the task is settled.
// A PENDING or IN_PROGRESS task not updated for uncertainGraceSecs was abandoned by its
// provisioner (a crash, a kill: a live one saves at every step) and is settled the same way,
// so an order never stays blocked by it: its droplet if the create went out, else FAILED.
// Only dopool's own rows (claimed_by set): an unclaimed row is queued, or the order-service's
// own (its IN_PROGRESS with its own create), and is never settled, failed or re-provisioned.
// A claimed row with a lease is abandoned once the lease has been over for the grace (a
// running serve adopts it sooner). Every write is compare-and-set (TaskLog::updateTask).
// Run by the scheduler after every sync round and by the provisioner for an order whose task
// is UNCERTAIN or abandoned.
class UncertainTasks : public QObject
{
    Q_OBJECT
public:
    explicit UncertainTasks(EngineContext context, QObject *parent = nullptr);

    // Whether task was left behind by a provisioner that is gone (see above).
    static bool isAbandoned(const ProvisioningTask &task, const EngineSettings &settings,
                            const QDateTime &now);
    // done gets the task as now stored. Never calls done synchronously.
    void resolve(const ProvisioningTask &task, std::function<void(Result<ProvisioningTask>)> done);
    // Every UNCERTAIN or abandoned task, one after the other; done gets how many remain
    // unsettled.
    void resolveAll(std::function<void(int stillUncertain)> done);

Q_SIGNALS:
    void taskUpdated(const dopool::ProvisioningTask &task);

private:
    void resolveNext(const std::shared_ptr<QList<ProvisioningTask>> &queue, int left,
                     const std::function<void(int)> &done);
    void settle(ProvisioningTask task, const QString &lookError, bool pastGrace,
                const std::function<void(Result<ProvisioningTask>)> &done);
    Result<ProvisioningTask> save(const ProvisioningTask &task);
    void finishReservations(const ProvisioningTask &task, bool created);

    EngineContext m_context; // its api, cipher, clock and settings
    // The store roles it works with (EngineContext), bound once.
    AccountRecords &m_accounts;
    CapacityLedger &m_capacity;
    TaskLog &m_tasks;
};

} // namespace dopool::engine
