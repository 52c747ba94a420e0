#pragma once

#include "common/Error.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace dopool {

// How full each account is: what sync and health checks learn (with its history) and the
// slots selection and provisioning hold between choosing an account and DO's answer.
class CapacityLedger
{
public:
    virtual ~CapacityLedger() = default;

    // --- what sync and health checks learn ---
    // Applies the set fields of observation to account id in one transaction, with a
    // health-history row when the health changes and a capacity-history row when both limit
    // and count are known. Does not bump version (see AccountRecords::updateAccount: what the
    // version guards). observation.at for a droplet count must be the time its request was
    // sent (see finishReservation: how the count is reconciled).
    virtual Result<Account> recordObservation(const QString &id,
                                              const AccountObservation &observation) = 0;
    // recordObservation of many accounts: a result per observation, in order. On SQLite in one
    // transaction (one commit for a burst of sync answers rather than one per account); on
    // PostgreSQL one short transaction each, which never holds two accounts' rows at once (so
    // it cannot deadlock with concurrent reserveSlot). If one fails, the others are still
    // recorded and only that one carries its error.
    virtual QList<Result<Account>>
    recordObservations(const QList<std::pair<QString, AccountObservation>> &observations) = 0;
    virtual Result<QList<HealthEvent>> healthHistory(const QString &accountId,
                                                     int limit) = 0; // newest first
    virtual Result<QList<CapacitySample>>
    capacityHistory(const QString &accountId, const QDateTime &since) = 0; // oldest first

    // --- slot reservations (selection / provisioning) ---
    // Atomically, across processes: expired reservations are dropped, then a slot on the
    // account is reserved if active_droplets + open reservations < droplet_limit and the
    // account is still active. std::nullopt when it is full (or inactive).
    virtual Result<std::optional<Reservation>>
    reserveSlot(const QString &accountId, const QString &taskId, const QDateTime &expiresAt) = 0;
    // dropletCreated: the droplet exists, so active_droplets += 1 in the same transaction and the
    // reservation stays, confirmed, until a DO count requested after the confirmation is
    // recorded (recordObservation reconciles: a count requested at observation.at gets the
    // droplets confirmed after that moment added, and a count older than the stored one is
    // ignored). Otherwise the reservation is simply dropped. A reservation that is gone already
    // (finished, or expired and dropped) is NotFound and nothing changes.
    virtual Result<void> finishReservation(const QString &reservationId, bool dropletCreated) = 0;
    virtual Result<int> openReservations(const QString &accountId) = 0; // unexpired
    // openReservations of every account that has any, in one query (selection orders its
    // candidates by stored count + open reservations without one query per account).
    virtual Result<QHash<QString, int>> openReservationCounts() = 0;
    // finishReservation for every reservation of the task not finished yet (a task settled
    // after its provisioner gave it up: UNCERTAIN -> CREATED or FAILED); returns how many.
    virtual Result<int> finishTaskReservations(const QString &taskId, bool dropletCreated) = 0;
};

} // namespace dopool
