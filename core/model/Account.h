#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace dopool {

// Prisma enum "AccountHealth"; the database spelling is the upper-case name.
enum class AccountHealth
{
    Healthy,
    Degraded,
    Unhealthy,
    Unknown
};

// The healths selection hands out slots on (docs/behaviour.md#health-states).
inline bool isSelectableHealth(AccountHealth health)
{
    return health == AccountHealth::Healthy || health == AccountHealth::Unknown;
}

QString healthToDb(AccountHealth health);                       // "HEALTHY", ...
std::optional<AccountHealth> healthFromDb(const QString &text); // case-sensitive
QString healthLabel(AccountHealth health);                      // "Healthy", ... for people

// One DigitalOcean account of the pool: the Prisma model DoAccount plus what sync keeps.
struct Account
{
    // --- Prisma model (do_accounts) ---
    QString id; // uuid, lower-case, no braces
    QString name;
    QString email;
    QString encryptedToken; // access_token: ivHex:authTagHex:ciphertextHex, never plain text
    int dropletLimit = 25;
    int activeDroplets = 0;
    bool isActive = true;
    bool isPrimary = false;
    QDateTime lastHealthCheck; // null when never checked
    AccountHealth healthStatus = AccountHealth::Unknown;
    QDateTime createdAt;
    QDateTime updatedAt;

    // --- our extra columns ---
    QString doUuid;          // DO's account uuid
    QString doStatus;        // active | warning | locked
    QString doStatusMessage; // DO's status_message
    QDateTime lastSyncAt;    // last successful sync
    QString lastError;       // last failure, human-readable; empty after a success
    int consecutiveFailures = 0;
    int rateLimitLimit = -1;     // -1 when unknown
    int rateLimitRemaining = -1; // -1 when unknown
    QDateTime rateLimitReset;
    int version = 1; // optimistic concurrency: bumped by every update

    int availableSlots() const
    {
        return dropletLimit > activeDroplets ? dropletLimit - activeDroplets : 0;
    }
    bool isFull() const { return activeDroplets >= dropletLimit; }
    // 0..1 (can exceed 1 when DO reports more droplets than the limit)
    double utilisation() const
    {
        return dropletLimit > 0 ? double(activeDroplets) / dropletLimit : 1.0;
    }
};

enum class TaskStatus
{
    Pending,
    InProgress,
    Created,
    Failed,
    // The create got no clear answer (timeout, 5xx, reset) and no droplet carrying the task's
    // tags has been found yet: it may still appear. Never retried elsewhere while uncertain.
    Uncertain,
    // Queued, but no account has room (error says why): retried when capacity appears, FAILED
    // after DOPOOL_ORDER_MAX_WAIT_SECS. Unclaimed, like PENDING.
    Waiting,
    // A queued order called off before anyone claimed it (the order-service or an admin).
    Cancelled,
    // A status text this dopool does not know (ProvisioningTask::seenStatus has it): read so a
    // listing shows the row and the queue can fail it, never written.
    Unknown
};
// PENDING, IN_PROGRESS, CREATED, FAILED, UNCERTAIN, WAITING, CANCELLED
QString taskStatusToDb(TaskStatus status);
// An open task stands for its order's droplet (queued, being made, or made). At most one per
// order that is not an extra (the store's one-open-task-per-order index).
inline bool isOpenTaskStatus(TaskStatus status)
{
    return status == TaskStatus::Pending || status == TaskStatus::Waiting ||
           status == TaskStatus::InProgress || status == TaskStatus::Uncertain ||
           status == TaskStatus::Created;
}
// Queued for `serve` to claim: PENDING or WAITING (with claimed_by NULL).
inline bool isQueuedTaskStatus(TaskStatus status)
{
    return status == TaskStatus::Pending || status == TaskStatus::Waiting;
}
std::optional<TaskStatus> taskStatusFromDb(const QString &text);

// One attempt to provision a droplet for an order (provisioning_tasks).
struct ProvisioningTask
{
    QString id; // uuid
    QString orderId;
    TaskStatus status = TaskStatus::Pending;
    QString doAccountId; // empty = null
    QString region;
    QString size;
    QString image;
    QString dropletName;
    QString tag; // per-task tag used to find the droplet again
    // A deliberate further droplet for an order that has one (provision --another): exempt
    // from the one-open-task-per-order rule.
    bool extra = false;
    qint64 dropletId = 0; // 0 = none yet
    QString error;
    int attempts = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    // The dopool instance provisioning it (its instance id; "dopool" for rows from before
    // schema 8). Empty: queued (PENDING/WAITING), or the order-service's own row.
    QString claimedBy;
    QDateTime claimExpiresAt; // the claim's lease: another instance adopts it once past
    QDateTime nextAttemptAt;  // WAITING: not retried before this unless capacity appears

    // The row as the store last returned it: what a compare-and-set update expects to find
    // (TaskLog::updateTask). seenStatus is the stored text, also of a status dopool does not
    // know (status Unknown); empty for a task never read from a store.
    QString seenStatus;
    QString seenClaimedBy;

    // The status as stored: the raw text of an Unknown one.
    QString statusText() const
    {
        return status == TaskStatus::Unknown ? seenStatus : taskStatusToDb(status);
    }
    bool isClaimed() const { return !claimedBy.isEmpty(); }
};

} // namespace dopool
