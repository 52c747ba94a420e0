// PoolWorker: the order queue for the Orders view, the status bar and the alert banner - the
// task rows as they change (whoever changed them: this instance's engine, another instance, the
// order-service), the queue's counts, and the admin's Cancel and Retry.
#include "DesktopLogging.h"
#include "PoolWorker.h"
#include "host/EngineHost.h"

namespace dopool::desktop {

namespace {

constexpr int kQueueCoalesceMs = 100;
// Without a change feed (SQLite) nothing says that another process queued an order: the
// counts are read again this often.
constexpr int kQueuePollMs = 5000;

} // namespace

void PoolWorker::followOrders()
{
    m_queueTimer = new QTimer(this);
    m_queueTimer->setSingleShot(true);
    m_queueTimer->setInterval(kQueueCoalesceMs);
    connect(m_queueTimer, &QTimer::timeout, this, &PoolWorker::announceQueue);
    connect(m_provisioner, &engine::Provisioner::taskUpdated, this, &PoolWorker::taskChanged);
    if (!m_host->sharedPool().isShared()) {
        m_queuePoll = new QTimer(this);
        m_queuePoll->setInterval(kQueuePollMs);
        connect(m_queuePoll, &QTimer::timeout, this, &PoolWorker::announceQueue);
        m_queuePoll->start();
    }
}

void PoolWorker::taskChanged(const ProvisioningTask &task)
{
    Q_EMIT taskUpdated(task);
    scheduleQueue();
}

void PoolWorker::scheduleQueue()
{
    if (m_queueTimer && !m_queueTimer->isActive())
        m_queueTimer->start();
}

void PoolWorker::announceQueue()
{
    if (!isOpen())
        return;
    const auto summary = store().queueSummary();
    if (!summary) {
        Q_EMIT backgroundError(summary.error().message);
        return;
    }
    QueueCounts queue;
    queue.queued = summary->count(TaskStatus::Pending);
    queue.waiting = summary->count(TaskStatus::Waiting);
    for (const QDateTime &oldest : {summary->oldestPending, summary->oldestWaiting}) {
        if (oldest.isValid() &&
            (!queue.oldestCreatedAt.isValid() || oldest < queue.oldestCreatedAt))
            queue.oldestCreatedAt = oldest;
    }
    if (m_queue == queue)
        return;
    m_queue = queue;
    Q_EMIT orderQueueChanged(queue);
}

void PoolWorker::applyTaskChanges(const ChangeBatch::Work &work)
{
    if (!work.tasksChanged())
        return;
    if (work.reloadTasks) {
        Q_EMIT tasksReloadNeeded();
    } else {
        for (const QString &id : work.deletedTasks)
            Q_EMIT taskRemoved(id);
        for (const QString &id : work.changedTasks) {
            const auto task = store().findTask(id);
            if (task)
                Q_EMIT taskUpdated(*task);
            else if (task.error().kind == ErrorKind::NotFound)
                Q_EMIT taskRemoved(id);
            else
                Q_EMIT backgroundError(task.error().message);
        }
    }
    scheduleQueue();
}

void PoolWorker::listOrders(int limit, Done<QList<ProvisioningTask>> done)
{
    OrderFilter filter;
    filter.limit = limit;
    auto tasks = store().listOrders(filter);
    if (!tasks)
        return done(tasks.error());
    done(*tasks);
}

void PoolWorker::cancelOrder(const QString &orderId, Done<ProvisioningTask> done)
{
    const auto cancelled = store().cancelOrder(orderId);
    if (!cancelled) {
        // Show the order's rows as they are now: the admin sees who took it, or that it is gone.
        if (const auto tasks = store().orderTasks(orderId)) {
            for (const ProvisioningTask &task : *tasks)
                Q_EMIT taskUpdated(task);
        }
        return done(cancelled.error());
    }
    qCInfo(lcDesktop) << "order cancelled:" << cancelled->orderId;
    taskChanged(*cancelled);
    Q_EMIT auditChanged();
    done(*cancelled);
}

void PoolWorker::retryOrder(const QString &orderId, Done<ProvisioningTask> done)
{
    const auto queued = store().retryOrder(orderId);
    if (!queued)
        return done(queued.error());
    qCInfo(lcDesktop) << "order queued again:" << queued->orderId;
    taskChanged(*queued);
    Q_EMIT auditChanged();
    done(*queued);
}

} // namespace dopool::desktop
