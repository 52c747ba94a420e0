// MemoryStore: provisioning tasks as the order queue (OrderQueue), under the one lock.
#include "MemoryStoreState.h"

namespace dopool {

using namespace MemoryStoreParts;

namespace {

bool claimable(const ProvisioningTask &t, WaitingRows waiting, const QDateTime &now)
{
    if (t.isClaimed())
        return false;
    if (t.status == TaskStatus::Pending)
        return true;
    if (t.status != TaskStatus::Waiting)
        return false;
    switch (waiting) {
    case WaitingRows::None:
        return false;
    case WaitingRows::Due:
        return !t.nextAttemptAt.isValid() || t.nextAttemptAt <= now;
    case WaitingRows::All:
        break;
    }
    return true;
}

// The oldest of tasks that pick accepts (created_at, id), or null.
template <typename Pick> ProvisioningTask *oldest(QList<ProvisioningTask> &tasks, Pick pick)
{
    ProvisioningTask *found = nullptr;
    for (ProvisioningTask &t : tasks) {
        if (pick(t) &&
            (!found || std::tie(t.createdAt, t.id) < std::tie(found->createdAt, found->id)))
            found = &t;
    }
    return found;
}

} // namespace

Result<std::optional<ProvisioningTask>> MemoryStore::claimNextOrder(const QString &instanceId,
                                                                    const QDateTime &leaseUntil,
                                                                    WaitingRows waiting)
{
    QMutexLocker lock(&m_mutex);
    const QDateTime at = now();
    ProvisioningTask *row = oldest(
        m_state->tasks, [&](const ProvisioningTask &t) { return claimable(t, waiting, at); });
    if (!row)
        return std::optional<ProvisioningTask>();
    row->status = TaskStatus::InProgress;
    row->claimedBy = instanceId;
    row->claimExpiresAt = leaseUntil;
    row->updatedAt = at;
    *row = storedTask(*row);
    return std::optional<ProvisioningTask>(*row);
}

Result<int> MemoryStore::renewClaims(const QString &instanceId, const QDateTime &leaseUntil)
{
    QMutexLocker lock(&m_mutex);
    int renewed = 0;
    for (ProvisioningTask &t : m_state->tasks) {
        if (t.status == TaskStatus::InProgress && t.claimedBy == instanceId) {
            t.claimExpiresAt = toStoredTime(leaseUntil);
            ++renewed;
        }
    }
    return renewed;
}

Result<std::optional<ProvisioningTask>> MemoryStore::adoptExpiredClaim(const QString &instanceId,
                                                                       const QDateTime &leaseUntil)
{
    QMutexLocker lock(&m_mutex);
    const QDateTime at = now();
    ProvisioningTask *found = nullptr;
    for (ProvisioningTask &t : m_state->tasks) {
        // Never its own: a row this instance claimed is worked on here.
        const bool expired = t.status == TaskStatus::InProgress && t.isClaimed() &&
                             t.claimedBy != instanceId && t.claimExpiresAt.isValid() &&
                             t.claimExpiresAt < at;
        if (expired && (!found || std::tie(t.claimExpiresAt, t.id) <
                                      std::tie(found->claimExpiresAt, found->id)))
            found = &t;
    }
    if (!found)
        return std::optional<ProvisioningTask>();
    found->claimedBy = instanceId;
    found->claimExpiresAt = leaseUntil; // updatedAt stays the dead claimer's last write
    *found = storedTask(*found);
    return std::optional<ProvisioningTask>(*found);
}

Result<QList<ProvisioningTask>> MemoryStore::failUnknownStatuses()
{
    QMutexLocker lock(&m_mutex);
    QList<ProvisioningTask> failed;
    for (ProvisioningTask &t : m_state->tasks) {
        if (t.status != TaskStatus::Unknown || t.isClaimed())
            continue;
        t.error =
            StoreRules::unknownStatusPrefix() + t.seenStatus + StoreRules::unknownStatusSuffix();
        t.status = TaskStatus::Failed;
        t.updatedAt = now();
        t = storedTask(t);
        failed << t;
    }
    return failed;
}

Result<ProvisioningTask> MemoryStore::enqueueOrder(const OrderRequest &request)
{
    auto row = StoreRules::queuedTask(request, EngineRows::newUuid(), m_clock->now());
    if (!row)
        return row.error();
    QMutexLocker lock(&m_mutex);
    if (m_state->orderHeldByOther(*row))
        return StoreRules::openTaskExists(row->orderId);
    m_state->tasks.append(storedTask(*row));
    return m_state->tasks.constLast();
}

ProvisioningTask MemoryStore::insertForeignRow(ProvisioningTask row, const QString &statusText)
{
    QMutexLocker lock(&m_mutex);
    row.id = EngineRows::newUuid();
    row.status = taskStatusFromDb(statusText).value_or(TaskStatus::Unknown);
    row.createdAt = row.createdAt.isValid() ? row.createdAt : now();
    row.updatedAt = row.createdAt;
    row = storedTask(row);
    row.seenStatus = statusText;
    m_state->tasks.append(row);
    return row;
}

Result<ProvisioningTask> MemoryStore::cancelOrder(const QString &orderId)
{
    auto tasks = orderTasks(orderId);
    if (!tasks)
        return tasks.error();
    if (tasks->isEmpty())
        return StoreRules::noOrderTasks(orderId.trimmed());
    const QString focus = StoreRules::orderFocus(*tasks).id;
    QMutexLocker lock(&m_mutex);
    for (ProvisioningTask &t : m_state->tasks) {
        if (t.id != focus)
            continue;
        if (!isQueuedTaskStatus(t.status) || t.isClaimed())
            return StoreRules::notCancellable(t);
        t.status = TaskStatus::Cancelled;
        t.updatedAt = now();
        t = storedTask(t);
        return t;
    }
    return StoreRules::noOrderTasks(orderId.trimmed());
}

Result<ProvisioningTask> MemoryStore::retryOrder(const QString &orderId)
{
    const auto again = StoreRules::retryRequest(orderId, orderTasks(orderId));
    if (!again)
        return again.error();
    return enqueueOrder(*again);
}

Result<QList<ProvisioningTask>> MemoryStore::listOrders(const OrderFilter &filter)
{
    QMutexLocker lock(&m_mutex);
    QList<ProvisioningTask> tasks;
    for (const ProvisioningTask &t : std::as_const(m_state->tasks)) {
        if (filter.statuses.isEmpty() || filter.statuses.contains(t.seenStatus))
            tasks << t;
    }
    sortTasks(tasks, true);
    return firstOf(tasks, filter.limit);
}

Result<QueueSummary> MemoryStore::queueSummary()
{
    QMutexLocker lock(&m_mutex);
    QueueSummary summary;
    for (const ProvisioningTask &t : std::as_const(m_state->tasks)) {
        ++summary.counts[t.seenStatus];
        QDateTime *oldestOfStatus = t.status == TaskStatus::Pending   ? &summary.oldestPending
                                    : t.status == TaskStatus::Waiting ? &summary.oldestWaiting
                                                                      : nullptr;
        if (oldestOfStatus && (!oldestOfStatus->isValid() || t.createdAt < *oldestOfStatus))
            *oldestOfStatus = t.createdAt;
    }
    return summary;
}

} // namespace dopool
