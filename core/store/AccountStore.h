#pragma once

#include "common/Error.h"
#include "model/Account.h"
#include "model/Audit.h"
#include "model/PoolRecords.h"

#include <QHash>
#include <QList>
#include <QString>
#include <functional>

namespace dopool {

// Persistent pool state. Synchronous (QtSql); every mutating call is one transaction and
// either fully happens or changes nothing. Implementations: SqliteStore, PostgresStore.
class AccountStore
{
public:
    virtual ~AccountStore() = default;

    virtual QString backendName() const = 0; // "sqlite" | "postgresql"
    virtual QString location() const = 0;    // display string, no secrets

    // --- accounts ---
    virtual Result<QList<Account>> listAccounts() = 0; // ordered by created_at, name
    // By id (uuid) or exact name. NotFound error names what was looked for.
    virtual Result<Account> findAccount(const QString &idOrName) = 0;
    // Assigns id, created_at, updated_at, version=1. When isPrimary, any other primary is
    // cleared in the same transaction. Name taken -> Conflict.
    virtual Result<Account> insertAccount(const Account &account) = 0;
    // Writes every field of account (by id); bumps version and updated_at. When
    // expectedVersion >= 0 and the row's version differs -> Conflict (someone else changed it).
    // Primary handled as in insert. The version guards what admins edit, so the engine's own
    // writes (recordObservation, finishReservation) do not bump it - a sync landing while an
    // admin edits is no conflict. Instead, when the row was written since account was read
    // (its updated_at differs from account.updatedAt), the engine-owned live state (active
    // droplets, health, last sync/health check, last error, failures, rate limit) keeps the
    // stored, newer values rather than the copy's stale ones.
    virtual Result<Account> updateAccount(const Account &account, int expectedVersion = -1) = 0;
    virtual Result<void> deleteAccount(const QString &id) = 0;

    // --- pool metadata (key check value, ...) ---
    // Empty string when unset.
    virtual Result<QString> metaValue(const QString &key) = 0;
    // Sets key to value unless it is already set; returns the value now stored (atomic across
    // processes: first writer wins).
    virtual Result<QString> setMetaIfAbsent(const QString &key, const QString &value) = 0;

    // Re-encrypts every access_token in one transaction: transform(account) returns the new
    // ciphertext or an error; on any error nothing changes. The key check value is locked first
    // (FOR UPDATE: every fenced writer waits, then sees the new key) and must still be
    // oldFingerprint (else KeyMismatch: another rotation won); then sets it to newFingerprint
    // in the same transaction.
    using TokenTransform = std::function<Result<QString>(const Account &)>;
    virtual Result<int> rewriteAllTokens(const TokenTransform &transform,
                                         const QString &oldFingerprint,
                                         const QString &newFingerprint) = 0;

    // The fence of every token write. Once set, insertAccount and updateAccount confirm inside
    // their transaction that fingerprint is still the pool's key check value (the meta row read
    // FOR SHARE on PostgreSQL, so a rotation in progress is waited for; SQLite's write lock
    // serialises the same way) and refuse with KeyMismatch otherwise, writing nothing. An empty
    // fingerprint (a session opened without its key) refuses every account write. Never set (a
    // store used directly, in tests): no fence.
    virtual void setWriterKeyFingerprint(const QString &fingerprint) = 0;

    static QString keyFingerprintMeta() { return QStringLiteral("key_fingerprint"); }

    // --- what sync and health checks learn (engine) ---
    // Applies the set fields of observation to account id in one transaction, with a
    // health-history row when the health changes and a capacity-history row when both limit
    // and count are known. Does not bump version (see updateAccount: what the version guards).
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
    // observation.at for a droplet count must be the time its request was sent.
    virtual Result<std::optional<Reservation>>
    reserveSlot(const QString &accountId, const QString &taskId, const QDateTime &expiresAt) = 0;
    // dropletCreated: the droplet exists, so active_droplets += 1 in the same transaction and the
    // reservation stays, confirmed, until a DO count requested after the confirmation is
    // recorded (recordObservation reconciles: a count requested at observation.at gets the
    // droplets confirmed after that moment added, and a count older than the stored one is
    // ignored). Otherwise the reservation is simply dropped.
    virtual Result<void> finishReservation(const QString &reservationId, bool dropletCreated) = 0;
    virtual Result<int> openReservations(const QString &accountId) = 0; // unexpired
    // openReservations of every account that has any, in one query (selection orders its
    // candidates by stored count + open reservations without one query per account).
    virtual Result<QHash<QString, int>> openReservationCounts() = 0;
    // finishReservation for every reservation of the task not finished yet (a task settled
    // after its provisioner gave it up: UNCERTAIN -> CREATED or FAILED); returns how many.
    virtual Result<int> finishTaskReservations(const QString &taskId, bool dropletCreated) = 0;

    // --- provisioning tasks ---
    // Assigns id and timestamps. An order has at most one open task (PENDING, IN_PROGRESS,
    // UNCERTAIN or CREATED) that is not an extra: inserting or updating into a second one is a
    // Conflict, enforced by a unique index, so atomic across processes.
    virtual Result<ProvisioningTask> insertTask(const ProvisioningTask &task) = 0;
    virtual Result<ProvisioningTask> updateTask(const ProvisioningTask &task) = 0;
    virtual Result<ProvisioningTask> findTask(const QString &id) = 0;
    virtual Result<QList<ProvisioningTask>> listTasks(int limit) = 0; // newest first
    // Every task of the order, oldest first.
    virtual Result<QList<ProvisioningTask>> orderTasks(const QString &orderId) = 0;
    // The tasks in status, oldest first (limit <= 0: all).
    virtual Result<QList<ProvisioningTask>> tasksWithStatus(TaskStatus status, int limit) = 0;

    // --- alerts ---
    // Raises alert unless one of the same kind for the same account (or pool-wide) is open;
    // returns the stored alert and whether it is new. Atomic across processes.
    virtual Result<std::pair<Alert, bool>> raiseAlert(const Alert &alert) = 0;
    // Resolves the open alert of that kind/account, if any; returns it (std::nullopt if none).
    virtual Result<std::optional<Alert>> resolveAlert(AlertKind kind, const QString &accountId,
                                                      const QDateTime &at) = 0;
    virtual Result<QList<Alert>> listAlerts(bool includeResolved, int limit) = 0; // newest first

    // --- audit log (who changed what, never a token) ---
    // The identity written into the audit_log rows of this store's later changes: account
    // add/update/delete/primary and key rotation each write their row in the same transaction
    // as the change. Set once after opening (PoolSession does).
    virtual void setActor(const Actor &actor) = 0;
    virtual Actor actor() const = 0;
    virtual Result<QList<AuditEntry>> listAudit(const AuditFilter &filter,
                                                int limit) = 0; // newest first
};

} // namespace dopool
