#include "StoreRules.h"

#include "EngineRows.h"
#include "common/TextSafety.h"
#include "common/Translate.h"
#include "common/Validation.h"

namespace dopool::StoreRules {

Result<void> checkAccountLimits(const Account &account)
{
    if (account.name.trimmed().isEmpty())
        return makeError(ErrorKind::Validation, QStringLiteral("an account needs a name"));
    // Characters as PostgreSQL's varchar counts them (code points), not UTF-16 units.
    if (characterCount(account.name) > 100)
        return makeError(ErrorKind::Validation,
                         QStringLiteral("an account name is at most 100 characters"));
    if (characterCount(account.email) > 255)
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
    if (observation.email && characterCount(*observation.email) > 255)
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
    ProvisioningTask row = task;
    if (!task.doAccountId.isEmpty()) {
        row.doAccountId = EngineRows::canonicalUuid(task.doAccountId);
        if (row.doAccountId.isEmpty())
            return makeError(ErrorKind::Validation,
                             QStringLiteral("account id '%1' is not a uuid").arg(task.doAccountId));
    }
    return row;
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
