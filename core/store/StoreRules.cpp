#include "StoreRules.h"

#include "EngineRows.h"
#include "common/Translate.h"
#include "common/Validation.h"

namespace dopool::StoreRules {

Result<void> checkAccountLimits(const Account &account)
{
    if (account.name.trimmed().isEmpty())
        return makeError(ErrorKind::Validation, QStringLiteral("an account needs a name"));
    if (account.name.size() > 100)
        return makeError(ErrorKind::Validation,
                         QStringLiteral("an account name is at most 100 characters"));
    if (account.email.size() > 255)
        return emailTooLong();
    return {};
}

Error emailTooLong()
{
    return makeError(ErrorKind::Validation,
                     QStringLiteral("an email address is at most 255 characters"));
}

void keepNewerEngineState(Account &row, const Account &stored)
{
    row.activeDroplets = stored.activeDroplets;
    row.healthStatus = stored.healthStatus;
    row.lastHealthCheck = stored.lastHealthCheck;
    row.lastSyncAt = stored.lastSyncAt;
    row.lastError = stored.lastError;
    row.consecutiveFailures = stored.consecutiveFailures;
    row.rateLimitLimit = stored.rateLimitLimit;
    row.rateLimitRemaining = stored.rateLimitRemaining;
    row.rateLimitReset = stored.rateLimitReset;
}

Error noSuchAccountId(const QString &id)
{
    return makeError(ErrorKind::NotFound, QStringLiteral("no account with id '%1'").arg(id));
}

Error noAccountNamed(const QString &idOrName)
{
    return makeError(ErrorKind::NotFound,
                     CoreTr::tr("no account with id or name %1").arg(quotedForMessage(idOrName)));
}

Error nameTaken(const QString &name)
{
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("an account named %1 already exists").arg(name));
}

Error changedBySomeoneElse(const QString &name, int versionNow)
{
    return makeError(
        ErrorKind::Conflict,
        QStringLiteral(
            "account %1 was changed by someone else (version now %2); reload and try again")
            .arg(name)
            .arg(versionNow));
}

Error noSuchReservation(const QString &id)
{
    return makeError(ErrorKind::NotFound,
                     QStringLiteral("no reservation with id '%1' (finished, or expired and "
                                    "released)")
                         .arg(id));
}

Result<Reservation> checkedReservation(const QString &accountId, const QString &taskId,
                                       const QDateTime &expiresAt, const QDateTime &now)
{
    Reservation r;
    r.accountId = EngineRows::canonicalUuid(accountId);
    if (r.accountId.isEmpty())
        return noSuchAccountId(accountId);
    r.taskId = taskId.isEmpty() ? QString() : EngineRows::canonicalUuid(taskId);
    if (!taskId.isEmpty() && r.taskId.isEmpty())
        return makeError(ErrorKind::Validation,
                         QStringLiteral("task id '%1' is not a uuid").arg(taskId));
    r.createdAt = EngineRows::toStoredTime(now);
    r.expiresAt = EngineRows::toStoredTime(expiresAt);
    if (!r.expiresAt.isValid() || r.expiresAt <= r.createdAt)
        return makeError(ErrorKind::Validation,
                         QStringLiteral("a reservation must expire in the future"));
    return r;
}

Result<QString> observedAccount(const QString &id, const AccountObservation &observation)
{
    const QString canonical = EngineRows::canonicalUuid(id);
    if (canonical.isEmpty())
        return noSuchAccountId(id);
    if (observation.email && observation.email->size() > 255)
        return emailTooLong();
    return canonical;
}

Error noSuchTask(const QString &id)
{
    return makeError(ErrorKind::NotFound,
                     QStringLiteral("no provisioning task with id '%1'").arg(id));
}

Error openTaskExists(const QString &orderId)
{
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("order %1 already has an open provisioning task").arg(orderId));
}

Result<ProvisioningTask> checkedTask(const ProvisioningTask &task)
{
    if (task.orderId.trimmed().isEmpty())
        return makeError(ErrorKind::Validation,
                         QStringLiteral("a provisioning task needs an order id"));
    if (task.status == TaskStatus::Unknown)
        return makeError(ErrorKind::Validation,
                         QStringLiteral("task %1 has a status dopool does not know ('%2'): it is "
                                        "never written")
                             .arg(task.id, task.seenStatus));
    ProvisioningTask row = task;
    if (!task.doAccountId.isEmpty()) {
        row.doAccountId = EngineRows::canonicalUuid(task.doAccountId);
        if (row.doAccountId.isEmpty())
            return makeError(ErrorKind::Validation,
                             QStringLiteral("account id '%1' is not a uuid").arg(task.doAccountId));
    }
    return row;
}

Error taskChanged(const ProvisioningTask &seen, const ProvisioningTask &now)
{
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("provisioning task %1 changed meanwhile (seen %2, claimed by "
                                    "%3; now %4, claimed by %5): nothing was overwritten")
                         .arg(seen.id, seen.seenStatus, claimText(seen.seenClaimedBy),
                              now.statusText(), claimText(now.claimedBy)));
}

Error neverRead(const ProvisioningTask &task)
{
    return makeError(ErrorKind::Validation,
                     QStringLiteral("provisioning task %1 was not read from the store: an "
                                    "update needs the status and claim it last saw")
                         .arg(task.id));
}

QString claimText(const QString &claimedBy)
{
    return claimedBy.isEmpty() ? QStringLiteral("nobody") : claimedBy;
}

QString unknownStatusPrefix()
{
    return QStringLiteral("dopool does not know the status '");
}

QString unknownStatusSuffix()
{
    return QStringLiteral("': queue an order with status PENDING (docs/order-service.md); this "
                          "row was not provisioned");
}

Result<ProvisioningTask> queuedTask(const OrderRequest &request, const QString &id,
                                    const QDateTime &now)
{
    ProvisioningTask row;
    row.id = id;
    row.orderId = request.orderId.trimmed();
    if (row.orderId.isEmpty())
        return makeError(ErrorKind::Validation, QStringLiteral("an order needs an order id"));
    row.status = TaskStatus::Pending;
    row.region = request.region.trimmed();
    row.size = request.size.trimmed();
    row.image = request.image.trimmed();
    row.createdAt = EngineRows::toStoredTime(now);
    row.updatedAt = row.createdAt;
    row.seenStatus = taskStatusToDb(TaskStatus::Pending);
    return row;
}

const ProvisioningTask &orderFocus(const QList<ProvisioningTask> &tasks)
{
    for (const ProvisioningTask &t : tasks) {
        if (holdsOrder(t))
            return t;
    }
    return tasks.constLast();
}

Result<OrderRequest> retryRequest(const QString &orderId,
                                  const Result<QList<ProvisioningTask>> &tasks)
{
    if (!tasks)
        return tasks.error();
    if (tasks->isEmpty())
        return noOrderTasks(orderId.trimmed());
    const ProvisioningTask &last = orderFocus(*tasks);
    if (last.status != TaskStatus::Failed && last.status != TaskStatus::Cancelled)
        return notRetryable(last);
    return OrderRequest{last.orderId, last.region, last.size, last.image};
}

Error noOrderTasks(const QString &orderId)
{
    return makeError(ErrorKind::NotFound,
                     QStringLiteral("order %1 has no provisioning task").arg(orderId));
}

Error notCancellable(const ProvisioningTask &task)
{
    if (isQueuedTaskStatus(task.status) && task.isClaimed())
        return makeError(ErrorKind::Conflict,
                         QStringLiteral("order %1 was claimed by %2 meanwhile: a claimed order "
                                        "is never cancelled halfway")
                             .arg(task.orderId, task.claimedBy));
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("order %1 is %2, not queued: only a PENDING or WAITING order "
                                    "nobody has claimed can be cancelled")
                         .arg(task.orderId, task.statusText()));
}

Error notRetryable(const ProvisioningTask &task)
{
    return makeError(ErrorKind::Conflict,
                     QStringLiteral("order %1 has task %2 (%3): only an order whose last task "
                                    "is FAILED or CANCELLED can be retried")
                         .arg(task.orderId, task.id, task.statusText()));
}

Result<QString> alertAccount(const QString &accountId)
{
    if (accountId.isEmpty())
        return QString();
    const QString canonical = EngineRows::canonicalUuid(accountId);
    if (canonical.isEmpty())
        return makeError(ErrorKind::Validation,
                         QStringLiteral("account id '%1' is not a uuid").arg(accountId));
    return canonical;
}

} // namespace dopool::StoreRules
