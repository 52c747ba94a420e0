#pragma once

// MemoryStore's private parts, shared by MemoryStore.cpp (accounts, tasks, alerts) and
// MemoryStoreLedger.cpp (observations and slot reservations). Not for other code.

#include "EngineRows.h"
#include "MemoryStore.h"
#include "StoreRules.h"

#include <QMutexLocker>
#include <algorithm>

namespace dopool {

namespace MemoryStoreParts {

using EngineRows::toStoredTime;

struct HeldSlot
{
    Reservation reservation;
    QDateTime confirmedAt; // null until the droplet was created
};

// The first limit items (all when limit <= 0).
template <typename T> QList<T> firstOf(QList<T> items, int limit)
{
    if (limit > 0 && items.size() > limit)
        items.resize(limit);
    return items;
}

// Account timestamps as a later read returns them (millisecond precision).
inline Account storedForm(Account a)
{
    a.lastHealthCheck = toStoredTime(a.lastHealthCheck);
    a.lastSyncAt = toStoredTime(a.lastSyncAt);
    a.rateLimitReset = toStoredTime(a.rateLimitReset);
    a.createdAt = toStoredTime(a.createdAt);
    a.updatedAt = toStoredTime(a.updatedAt);
    return a;
}

// Oldest first (created_at, id), or newest first.
inline void sortTasks(QList<ProvisioningTask> &tasks, bool newestFirst)
{
    std::stable_sort(tasks.begin(), tasks.end(),
                     [newestFirst](const ProvisioningTask &a, const ProvisioningTask &b) {
                         return newestFirst
                                    ? std::tie(a.createdAt, a.id) > std::tie(b.createdAt, b.id)
                                    : std::tie(a.createdAt, a.id) < std::tie(b.createdAt, b.id);
                     });
}

// A task as a later read returns it: times at millisecond precision, what it was seen as.
inline ProvisioningTask storedTask(ProvisioningTask t)
{
    t.createdAt = toStoredTime(t.createdAt);
    t.updatedAt = toStoredTime(t.updatedAt);
    t.claimExpiresAt = toStoredTime(t.claimExpiresAt);
    t.nextAttemptAt = toStoredTime(t.nextAttemptAt);
    t.seenStatus = t.statusText();
    t.seenClaimedBy = t.claimedBy;
    return t;
}

} // namespace MemoryStoreParts

struct MemoryStore::State
{
    QList<Account> accounts;                      // in insertion order; listings sort
    QHash<QString, QDateTime> capacityObservedAt; // by account: when its stored count was asked
    QList<HealthEvent> health;                    // in insertion order (HealthEvent::id)
    qint64 nextHealthId = 1;
    QList<CapacitySample> capacity; // in insertion order
    QList<MemoryStoreParts::HeldSlot> reservations;
    QList<ProvisioningTask> tasks;
    QList<Alert> alerts;

    Account *account(const QString &canonicalId)
    {
        for (Account &a : accounts) {
            if (a.id == canonicalId)
                return &a;
        }
        return nullptr;
    }

    bool nameTaken(const QString &name, const QString &exceptId) const
    {
        return std::any_of(accounts.cbegin(), accounts.cend(),
                           [&](const Account &a) { return a.name == name && a.id != exceptId; });
    }

    // A changed row is a new version, so a stale editor of the old primary gets a conflict.
    void clearOtherPrimaries(const QString &keepId, const QDateTime &now)
    {
        for (Account &a : accounts) {
            if (a.isPrimary && a.id != keepId) {
                a.isPrimary = false;
                a.updatedAt = now;
                ++a.version;
            }
        }
    }

    int unconfirmedSlots(const QString &accountId, const QDateTime &unexpiredAt) const
    {
        return int(std::count_if(
            reservations.cbegin(), reservations.cend(), [&](const MemoryStoreParts::HeldSlot &s) {
                return s.reservation.accountId == accountId && !s.confirmedAt.isValid() &&
                       (!unexpiredAt.isValid() || s.reservation.expiresAt > unexpiredAt);
            }));
    }

    // The one-open-task-per-order rule (TaskLog::insertTask), for row written as it is.
    bool orderHeldByOther(const ProvisioningTask &row) const
    {
        if (!StoreRules::holdsOrder(row))
            return false;
        return std::any_of(tasks.cbegin(), tasks.cend(), [&](const ProvisioningTask &t) {
            return t.id != row.id && t.orderId == row.orderId && StoreRules::holdsOrder(t);
        });
    }

    Result<Account> record(const QString &id, const AccountObservation &o, const QDateTime &now);
    Result<void> finish(const QString &reservationId, bool created, const QDateTime &now);
};

// recordObservation, under the lock. A droplet count was requested at `at`: droplets confirmed
// after that moment may be missing from it, so they are added; those confirmed before it are

} // namespace dopool
