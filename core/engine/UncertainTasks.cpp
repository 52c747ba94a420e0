#include "UncertainTasks.h"

#include "EngineLogging.h"
#include "TaskDropletLookout.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/CapacityLedger.h"
#include "store/TaskLog.h"

#include <QTimer>

namespace dopool::engine {

UncertainTasks::UncertainTasks(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_accounts(requiredRole(context.accounts))
    , m_capacity(requiredRole(context.capacity))
    , m_tasks(requiredRole(context.tasks))
{}

bool UncertainTasks::isAbandoned(const ProvisioningTask &task, const EngineSettings &settings,
                                 const QDateTime &now)
{
    // Unclaimed rows are the queue's (PENDING) or the order-service's own: never abandoned.
    if (!task.isClaimed() ||
        (task.status != TaskStatus::Pending && task.status != TaskStatus::InProgress))
        return false;
    const int grace = std::max(1, settings.uncertainGraceSecs);
    // A leased claim is adopted by a running serve once the lease runs out; only if nobody
    // did within the grace do the rounds settle it.
    if (task.claimExpiresAt.isValid())
        return now >= task.claimExpiresAt.addSecs(grace);
    return task.updatedAt.isValid() && now >= task.updatedAt.addSecs(grace);
}

void UncertainTasks::resolve(const ProvisioningTask &task,
                             std::function<void(Result<ProvisioningTask>)> done)
{
    QTimer::singleShot(0, this, [this, task, done = std::move(done)] {
        if (!task.isClaimed()) { // the order-service's own: never settled by dopool
            done(task);
            return;
        }
        // The grace runs from the row's last write (the create that got no clear answer, or the
        // end of its provisioner's look), never from when the order came in: an order that
        // waited for capacity longer than the grace is still inside it when its create is.
        const QDateTime lastWrite = task.updatedAt.isValid() ? task.updatedAt : task.createdAt;
        const bool pastGrace =
            m_context.clock->now() >=
            lastWrite.addSecs(std::max(1, m_context.settings.uncertainGraceSecs));
        if (task.doAccountId.isEmpty()) { // no account chosen yet: nothing was sent
            settle(task, QString(), pastGrace, done);
            return;
        }
        const Result<Account> account = m_accounts.findAccount(task.doAccountId);
        if (!account) {
            settle(task, account.error().message, pastGrace, done);
            return;
        }
        // The same look the provisioner makes while a create is uncertain, once.
        auto *lookout = new TaskDropletLookout(m_context, this);
        lookout->start(
            *account, task, TaskDropletLookout::once(),
            [this, lookout, task, pastGrace, done](TaskDropletLookout::Outcome seen) {
                lookout->deleteLater();
                if (!seen.droplet) {
                    settle(task, seen.lastLookError, pastGrace, done);
                    return;
                }
                ProvisioningTask settled = task;
                settled.status = TaskStatus::Created;
                settled.claimExpiresAt = QDateTime();
                settled.dropletId = seen.droplet->id;
                settled.error.clear();
                qCInfo(lcEngine).noquote()
                    << CoreTr::tr("task %1: the uncertain create did happen: droplet %2 (id %3) "
                                  "found by its tags")
                           .arg(task.id, seen.droplet->name, QString::number(seen.droplet->id));
                const Result<ProvisioningTask> saved = save(settled);
                if (saved)
                    finishReservations(settled, true);
                done(saved);
            });
    });
}

// No droplet found (lookError empty) or nothing learned (lookError set).
void UncertainTasks::settle(ProvisioningTask task, const QString &lookError, bool pastGrace,
                            const std::function<void(Result<ProvisioningTask>)> &done)
{
    if (!lookError.isEmpty() || !pastGrace) {
        if (!lookError.isEmpty()) {
            qCWarning(lcEngine).noquote()
                << CoreTr::tr("task %1 stays UNCERTAIN: looking for its droplet failed: %2")
                       .arg(task.id, lookError);
        }
        done(task); // unchanged: the next round looks again
        return;
    }
    const bool abandoned = task.status != TaskStatus::Uncertain;
    task.status = TaskStatus::Failed;
    task.claimExpiresAt = QDateTime();
    task.error =
        abandoned
            ? CoreTr::tr("abandoned by its provisioner (no progress for %1 s) and no droplet "
                         "tagged %2 exists; the order may be provisioned again")
                  .arg(QString::number(m_context.settings.uncertainGraceSecs), task.tag)
            : CoreTr::tr("no droplet tagged %1 appeared within %2 s of the create that got no "
                         "clear answer; the order may be provisioned again")
                  .arg(task.tag, QString::number(m_context.settings.uncertainGraceSecs));
    qCWarning(lcEngine).noquote() << CoreTr::tr("task %1 FAILED: %2").arg(task.id, task.error);
    const Result<ProvisioningTask> saved = save(task);
    if (saved)
        finishReservations(task, false);
    done(saved);
}

void UncertainTasks::resolveAll(std::function<void(int)> done)
{
    auto queue = std::make_shared<QList<ProvisioningTask>>();
    const QDateTime now = m_context.clock->now();
    for (TaskStatus status : {TaskStatus::Uncertain, TaskStatus::InProgress, TaskStatus::Pending}) {
        const Result<QList<ProvisioningTask>> tasks = m_tasks.tasksWithStatus(status, 0);
        if (!tasks) {
            qCWarning(lcEngine).noquote() << tasks.error().message;
            QTimer::singleShot(0, this, [done = std::move(done)] { done(-1); });
            return;
        }
        for (const ProvisioningTask &task : *tasks) {
            const bool ours = task.isClaimed(); // unclaimed: the order-service's own
            if (ours &&
                (status == TaskStatus::Uncertain || isAbandoned(task, m_context.settings, now)))
                queue->append(task);
        }
    }
    resolveNext(queue, 0, done);
}

void UncertainTasks::resolveNext(const std::shared_ptr<QList<ProvisioningTask>> &queue, int left,
                                 const std::function<void(int)> &done)
{
    if (queue->isEmpty()) {
        QTimer::singleShot(0, this, [done, left] { done(left); });
        return;
    }
    const ProvisioningTask next = queue->takeFirst();
    resolve(next, [this, queue, left, done](Result<ProvisioningTask> task) {
        const bool stays =
            !task || (task->status != TaskStatus::Created && task->status != TaskStatus::Failed);
        resolveNext(queue, left + (stays ? 1 : 0), done);
    });
}

// The slot its provisioner left reserved: counted as the droplet now, or given back.
void UncertainTasks::finishReservations(const ProvisioningTask &task, bool created)
{
    const Result<int> finished = m_capacity.finishTaskReservations(task.id, created);
    if (!finished)
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("task %1: %2").arg(task.id, finished.error().message);
}

Result<ProvisioningTask> UncertainTasks::save(const ProvisioningTask &task)
{
    Result<ProvisioningTask> stored = m_tasks.updateTask(task);
    if (!stored) {
        qCWarning(lcEngine).noquote() << CoreTr::tr("cannot save provisioning task %1: %2")
                                             .arg(task.id, stored.error().message);
        return stored;
    }
    Q_EMIT taskUpdated(*stored);
    return stored;
}

} // namespace dopool::engine
