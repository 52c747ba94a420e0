#pragma once

#include "common/Error.h"
#include "model/Account.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace dopool {

// An order as the order-service queues it: one INSERT of a PENDING row (docs/order-service.md).
struct OrderRequest
{
    QString orderId; // required
    QString region;  // empty: NULL (the pool's default applies when provisioned)
    QString size;
    QString image;
};

// Which queued rows a claim may take besides PENDING ones.
enum class WaitingRows
{
    None, // PENDING only
    Due,  // and WAITING ones whose next_attempt_at has passed
    All,  // and every WAITING one (capacity has just appeared)
};

struct OrderFilter
{
    QStringList statuses; // status texts; empty: every status
    int limit = 0;        // <= 0: all
};

// How the queue stands: rows per status text and the oldest queued ones.
struct QueueSummary
{
    QMap<QString, int> counts; // status text -> rows
    QDateTime oldestPending;   // created_at of the oldest PENDING row; null when none
    QDateTime oldestWaiting;   // of the oldest WAITING row
    int count(TaskStatus status) const { return counts.value(taskStatusToDb(status)); }
};

// provisioning_tasks as the queue the order-service fills (the order-intake contract,
// docs/order-service.md). A row is dopool's to write only once claimed (claimed_by = the
// claimer's instance id); rows IN_PROGRESS/UNCERTAIN/CREATED with no claimer are the
// order-service's own and nothing here touches them. Every call is one atomic statement or
// transaction, safe across processes sharing one PostgreSQL. Times: the store's clock.
class OrderQueue
{
public:
    virtual ~OrderQueue() = default;

    // Claims the oldest queued row (PENDING, plus WAITING ones as `waiting` says) nobody has
    // claimed: IN_PROGRESS, claimed_by = instanceId, claim_expires_at = leaseUntil. Two
    // claimers never get the same row (FOR UPDATE SKIP LOCKED / one conditional UPDATE).
    // nullopt when there is none.
    virtual Result<std::optional<ProvisioningTask>>
    claimNextOrder(const QString &instanceId, const QDateTime &leaseUntil, WaitingRows waiting) = 0;
    // Extends the lease of every IN_PROGRESS row instanceId holds; returns how many.
    virtual Result<int> renewClaims(const QString &instanceId, const QDateTime &leaseUntil) = 0;
    // Takes over the IN_PROGRESS row of another instance whose lease ran out longest ago (its
    // claimer died or froze; a row of instanceId's own is never taken, it is worked on):
    // claimed_by = instanceId, a new lease; updated_at stays the dead claimer's last write (a
    // create it sent may still land until the uncertain grace after it); nullopt when none.
    virtual Result<std::optional<ProvisioningTask>>
    adoptExpiredClaim(const QString &instanceId, const QDateTime &leaseUntil) = 0;
    // Fails every unclaimed row whose status this dopool does not know (knownStatuses are the
    // status texts it does), with a message naming the status; returns those rows as stored.
    virtual Result<QList<ProvisioningTask>> failUnknownStatuses() = 0;

    // Exactly the order-service's INSERT: id, order_id, status PENDING, region/size/image when
    // given, timestamps; nothing else. Conflict when the order has an open task (the unique
    // index), Validation for an empty order id.
    virtual Result<ProvisioningTask> enqueueOrder(const OrderRequest &request) = 0;
    // Cancels the order's queued row nobody has claimed (CANCELLED). NotFound: the order has no
    // task; Conflict: it is not queued, or was claimed meanwhile.
    virtual Result<ProvisioningTask> cancelOrder(const QString &orderId) = 0;
    // Queues the order again (a new PENDING row with the last one's region/size/image) when
    // its newest task is FAILED or CANCELLED. NotFound / Conflict as above.
    virtual Result<ProvisioningTask> retryOrder(const QString &orderId) = 0;
    // Newest first.
    virtual Result<QList<ProvisioningTask>> listOrders(const OrderFilter &filter) = 0;
    virtual Result<QueueSummary> queueSummary() = 0;
};

} // namespace dopool
