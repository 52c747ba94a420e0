#pragma once

#include "OrderQueue.h"
#include "common/Error.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QString>

namespace dopool {

// What every store implementation refuses, and how it says so: the roles' contracts are kept
// by SqlStore and MemoryStore alike, word for word.
namespace StoreRules {

// The column limits of the Prisma model, checked before writing so SQLite (which has no
// varchar limit) and MemoryStore refuse exactly what PostgreSQL refuses, with a readable message.
Result<void> checkAccountLimits(const Account &account);
Error emailTooLong();

// The columns only the engine writes (recordObservation, finishReservation): the live state
// an admin's copy can hold a stale reading of (AccountRecords::updateAccount).
void keepNewerEngineState(Account &row, const Account &stored);

Error noSuchAccountId(const QString &id);
Error noAccountNamed(const QString &idOrName); // findAccount: by id or name
Error nameTaken(const QString &name);
Error changedBySomeoneElse(const QString &name, int versionNow);

Error noSuchReservation(const QString &id);
// reserveSlot's refusals before anything is read: the account id must be a uuid (NotFound),
// the task id, when given, too (Validation), and expiresAt after now (Validation). Else the
// reservation to make, without its id: ids canonical, created now, times as stored.
Result<Reservation> checkedReservation(const QString &accountId, const QString &taskId,
                                       const QDateTime &expiresAt, const QDateTime &now);
// recordObservation's refusals before anything is read: the account id canonical, or NotFound;
// an email longer than the column (Validation).
Result<QString> observedAccount(const QString &id, const AccountObservation &observation);

Error noSuchTask(const QString &id);
// The one-open-task-per-order rule said no (TaskLog::insertTask).
Error openTaskExists(const QString &orderId);
// The task as it will be written: its account id canonical; Validation error when unusable.
Result<ProvisioningTask> checkedTask(const ProvisioningTask &task);
// An order has at most one open task that is not an extra: does task count against it?
inline bool holdsOrder(const ProvisioningTask &task)
{
    return !task.extra && isOpenTaskStatus(task.status);
}

// A compare-and-set update found the row moved on (seen: the task as the caller last read it,
// now: the row as stored).
Error taskChanged(const ProvisioningTask &seen, const ProvisioningTask &now);
// An update of a task that was never read (no seenStatus to compare with).
Error neverRead(const ProvisioningTask &task);
QString claimText(const QString &claimedBy); // "nobody" for an empty claim
// What failUnknownStatuses writes into error around the unknown status text.
QString unknownStatusPrefix();
QString unknownStatusSuffix();
// The row enqueueOrder inserts (Validation: no order id): PENDING, texts trimmed, times as
// stored.
Result<ProvisioningTask> queuedTask(const OrderRequest &request, const QString &id,
                                    const QDateTime &now);
// What cancel and retry act on among an order's tasks (oldest first, not empty): its open
// task that is not an extra, else its newest.
const ProvisioningTask &orderFocus(const QList<ProvisioningTask> &tasks);
// What retryOrder queues for an order with these tasks: the request of its last one, if that
// is FAILED or CANCELLED (NotFound: no task; Conflict: not retryable).
Result<OrderRequest> retryRequest(const QString &orderId,
                                  const Result<QList<ProvisioningTask>> &tasks);
// OrderQueue's refusals.
Error noOrderTasks(const QString &orderId);
Error notCancellable(const ProvisioningTask &task); // task: the order's newest task
Error notRetryable(const ProvisioningTask &task);

// Canonical account id of an alert ("" = pool-wide), or a Validation error.
Result<QString> alertAccount(const QString &accountId);

} // namespace StoreRules

} // namespace dopool
