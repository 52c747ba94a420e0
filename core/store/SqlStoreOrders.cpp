// SqlStore: provisioning_tasks as the order queue (OrderQueue). Claims are one conditional
// UPDATE ... RETURNING each: on PostgreSQL the row to take is picked FOR UPDATE SKIP LOCKED,
// so concurrent claimers pass over each other's rows instead of waiting for them; SQLite has
// one writer at a time.
#include "EngineRows.h"
#include "SqlStore.h"
#include "StoreRules.h"
#include "common/Logging.h"

#include <QSqlQuery>

namespace dopool {

using EngineRows::toStoredTime;

namespace {

// Rows a claim may take, with the bound values it needs appended.
QString queuedRows(WaitingRows waiting, const QDateTime &now, QVariantList &values)
{
    switch (waiting) {
    case WaitingRows::None:
        return QStringLiteral("claimed_by IS NULL AND status = 'PENDING'");
    case WaitingRows::Due:
        values << timestampParam(now);
        return QStringLiteral("claimed_by IS NULL AND (status = 'PENDING' OR (status = 'WAITING' "
                              "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)))");
    case WaitingRows::All:
        break;
    }
    return QStringLiteral("claimed_by IS NULL AND status IN ('PENDING', 'WAITING')");
}

QString knownStatusesSql()
{
    QStringList names;
    for (TaskStatus s :
         {TaskStatus::Pending, TaskStatus::Waiting, TaskStatus::InProgress, TaskStatus::Uncertain,
          TaskStatus::Created, TaskStatus::Failed, TaskStatus::Cancelled}) {
        names << u'\'' + taskStatusToDb(s) + u'\'';
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

Result<QList<ProvisioningTask>> SqlStore::updateReturning(const QString &set, const QString &where,
                                                          const QVariantList &values,
                                                          const QString &doing)
{
    const QString sql = QStringLiteral("UPDATE provisioning_tasks SET %1 WHERE %2 RETURNING %3")
                            .arg(set, where, TaskRow::selectList(m_session->dialect()));
    QList<ProvisioningTask> rows;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto query = m_session->exec(sql, values, doing);
            if (!query)
                return query.error();
            while (query->next())
                rows << TaskRow::read(*query);
            return {};
        },
        doing);
    if (!done)
        return done.error();
    return rows;
}

Result<std::optional<ProvisioningTask>> SqlStore::claimNextOrder(const QString &instanceId,
                                                                 const QDateTime &leaseUntil,
                                                                 WaitingRows waiting)
{
    const QDateTime now = toStoredTime(m_clock->now());
    QVariantList values{instanceId, timestampParam(toStoredTime(leaseUntil)), timestampParam(now)};
    const QString pick = queuedRows(waiting, now, values);
    const QString recheck = queuedRows(waiting, now, values);
    const QString where =
        QStringLiteral("id = (SELECT id FROM provisioning_tasks WHERE %1 ORDER BY created_at, id "
                       "LIMIT 1%2) AND %3")
            .arg(pick, m_session->dialect().skipLockedSuffix(), recheck);
    auto claimed = updateReturning(
        QStringLiteral(
            "claimed_by = ?, claim_expires_at = ?, updated_at = ?, status = 'IN_PROGRESS'"),
        where, values, QStringLiteral("claiming a queued order"));
    if (!claimed)
        return claimed.error();
    if (claimed->isEmpty())
        return std::optional<ProvisioningTask>();
    qCDebug(lcStore) << "claimed order" << claimed->first().orderId << "task"
                     << claimed->first().id;
    return std::optional<ProvisioningTask>(claimed->first());
}

Result<int> SqlStore::renewClaims(const QString &instanceId, const QDateTime &leaseUntil)
{
    auto renewed =
        m_session->exec(QStringLiteral("UPDATE provisioning_tasks SET claim_expires_at = ? "
                                       "WHERE claimed_by = ? AND status = 'IN_PROGRESS'"),
                        {timestampParam(toStoredTime(leaseUntil)), instanceId},
                        QStringLiteral("renewing the claims of %1").arg(instanceId));
    if (!renewed)
        return renewed.error();
    return std::max(0, renewed->numRowsAffected());
}

Result<std::optional<ProvisioningTask>> SqlStore::adoptExpiredClaim(const QString &instanceId,
                                                                    const QDateTime &leaseUntil)
{
    // updated_at is left as the dead claimer wrote it last: how long its create may still be
    // on its way is counted from there (ProvisionJob::resumeAdopted).
    const QVariant now = timestampParam(toStoredTime(m_clock->now()));
    // Never its own: a row this instance claimed is worked on here, even if a renewal failed.
    const QString expired = QStringLiteral("status = 'IN_PROGRESS' AND claimed_by IS NOT NULL "
                                           "AND claimed_by <> ? AND claim_expires_at < ?");
    const QString where = QStringLiteral("id = (SELECT id FROM provisioning_tasks WHERE %1 "
                                         "ORDER BY claim_expires_at, id LIMIT 1%2) AND %1")
                              .arg(expired, m_session->dialect().skipLockedSuffix());
    auto adopted = updateReturning(
        QStringLiteral("claimed_by = ?, claim_expires_at = ?"), where,
        {instanceId, timestampParam(toStoredTime(leaseUntil)), instanceId, now, instanceId, now},
        QStringLiteral("adopting an expired claim"));
    if (!adopted)
        return adopted.error();
    if (adopted->isEmpty())
        return std::optional<ProvisioningTask>();
    return std::optional<ProvisioningTask>(adopted->first());
}

Result<QList<ProvisioningTask>> SqlStore::failUnknownStatuses()
{
    return updateReturning(
        QStringLiteral("status = 'FAILED', updated_at = ?, error = CAST(? AS TEXT) || status || "
                       "CAST(? AS TEXT)"),
        QStringLiteral("claimed_by IS NULL AND status NOT IN (%1)").arg(knownStatusesSql()),
        {timestampParam(toStoredTime(m_clock->now())), StoreRules::unknownStatusPrefix(),
         StoreRules::unknownStatusSuffix()},
        QStringLiteral("failing orders with a status dopool does not know"));
}

Result<ProvisioningTask> SqlStore::enqueueOrder(const OrderRequest &request)
{
    auto row = StoreRules::queuedTask(request, EngineRows::newUuid(), m_clock->now());
    if (!row)
        return row.error();
    const QString doing = QStringLiteral("queueing order %1").arg(row->orderId);
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto inserted = m_session->exec(
                QStringLiteral("INSERT INTO provisioning_tasks (id, order_id, status, do_region, "
                               "do_size, do_image, created_at, updated_at) "
                               "VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?)"),
                {row->id, row->orderId, nullableText(row->region), nullableText(row->size),
                 nullableText(row->image), timestampParam(row->createdAt),
                 timestampParam(row->updatedAt)},
                doing);
            if (!inserted) {
                if (m_session->lastFailure() == SqlFailure::UniqueViolation)
                    return StoreRules::openTaskExists(row->orderId);
                return inserted.error();
            }
            return {};
        },
        doing);
    if (!done)
        return done.error();
    return findTask(row->id);
}

Result<ProvisioningTask> SqlStore::cancelOrder(const QString &orderId)
{
    auto tasks = orderTasks(orderId);
    if (!tasks)
        return tasks.error();
    if (tasks->isEmpty())
        return StoreRules::noOrderTasks(orderId.trimmed());
    const ProvisioningTask newest = StoreRules::orderFocus(*tasks);
    auto cancelled = updateReturning(
        QStringLiteral("status = 'CANCELLED', updated_at = ?"),
        QStringLiteral("id = ? AND status IN ('PENDING', 'WAITING') AND claimed_by IS NULL"),
        {timestampParam(toStoredTime(m_clock->now())), newest.id},
        QStringLiteral("cancelling order %1").arg(newest.orderId));
    if (!cancelled)
        return cancelled.error();
    if (cancelled->isEmpty()) {
        auto now = findTask(newest.id);
        return StoreRules::notCancellable(now ? *now : newest);
    }
    return cancelled->first();
}

Result<ProvisioningTask> SqlStore::retryOrder(const QString &orderId)
{
    const auto again = StoreRules::retryRequest(orderId, orderTasks(orderId));
    if (!again)
        return again.error();
    return enqueueOrder(*again);
}

Result<QList<ProvisioningTask>> SqlStore::listOrders(const OrderFilter &filter)
{
    QVariantList values;
    QString where;
    if (!filter.statuses.isEmpty()) {
        where = QStringLiteral("status IN (%1)")
                    .arg(QStringList(filter.statuses.size(), QStringLiteral("?"))
                             .join(QStringLiteral(", ")));
        for (const QString &status : filter.statuses)
            values << status;
    }
    return queryTasks(where, values, QStringLiteral("created_at DESC, id DESC"), filter.limit,
                      QStringLiteral("listing orders"));
}

Result<QueueSummary> SqlStore::queueSummary()
{
    const QString doing = QStringLiteral("summing up the order queue");
    auto counts = m_session->exec(
        QStringLiteral("SELECT status, COUNT(*), MIN(%1) FROM provisioning_tasks GROUP BY status")
            .arg(m_session->dialect().timestampAsText(QStringLiteral("created_at"))),
        {}, doing);
    if (!counts)
        return counts.error();
    QueueSummary summary;
    while (counts->next()) {
        const QString status = counts->value(0).toString();
        summary.counts.insert(status, counts->value(1).toInt());
        if (status == taskStatusToDb(TaskStatus::Pending))
            summary.oldestPending = timestampFromText(counts->value(2));
        else if (status == taskStatusToDb(TaskStatus::Waiting))
            summary.oldestWaiting = timestampFromText(counts->value(2));
    }
    return summary;
}

} // namespace dopool
