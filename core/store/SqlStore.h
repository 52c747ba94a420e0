#pragma once

#include "AccountStore.h"
#include "SqlSession.h"
#include "common/Clock.h"

#include <memory>
#include <optional>

namespace dopool {

// AccountStore on QtSql, shared by SQLite and PostgreSQL: the SQL is written once in the
// subset both understand and SqlDialect covers the rest. Constructed by openSqliteStore() /
// openPostgresStore() on an open, migrated session.
class SqlStore final : public AccountStore
{
public:
    SqlStore(std::unique_ptr<SqlSession> session, const Clock *clock, QString location);
    ~SqlStore() override;

    QString backendName() const override;
    QString location() const override { return m_location; }

    Result<QList<Account>> listAccounts() override;
    Result<Account> findAccount(const QString &idOrName) override;
    Result<Account> insertAccount(const Account &account) override;
    Result<Account> updateAccount(const Account &account, int expectedVersion = -1) override;
    Result<void> deleteAccount(const QString &id) override;

    Result<QString> metaValue(const QString &key) override;
    Result<QString> setMetaIfAbsent(const QString &key, const QString &value) override;

    Result<int> rewriteAllTokens(const TokenTransform &transform, const QString &oldFingerprint,
                                 const QString &newFingerprint) override;
    void setWriterKeyFingerprint(const QString &fingerprint) override { m_writerKey = fingerprint; }

    // Engine state: SqlStoreEngine.cpp.
    Result<Account> recordObservation(const QString &id,
                                      const AccountObservation &observation) override;
    QList<Result<Account>>
    recordObservations(const QList<std::pair<QString, AccountObservation>> &observations) override;
    Result<QList<HealthEvent>> healthHistory(const QString &accountId, int limit) override;
    Result<QList<CapacitySample>> capacityHistory(const QString &accountId,
                                                  const QDateTime &since) override;
    Result<std::optional<Reservation>> reserveSlot(const QString &accountId, const QString &taskId,
                                                   const QDateTime &expiresAt) override;
    Result<void> finishReservation(const QString &reservationId, bool dropletCreated) override;
    Result<int> openReservations(const QString &accountId) override;
    Result<QHash<QString, int>> openReservationCounts() override;
    Result<int> finishTaskReservations(const QString &taskId, bool dropletCreated) override;
    Result<ProvisioningTask> insertTask(const ProvisioningTask &task) override;
    Result<ProvisioningTask> updateTask(const ProvisioningTask &task) override;
    Result<ProvisioningTask> findTask(const QString &id) override;
    Result<QList<ProvisioningTask>> listTasks(int limit) override;
    Result<QList<ProvisioningTask>> orderTasks(const QString &orderId) override;
    Result<QList<ProvisioningTask>> tasksWithStatus(TaskStatus status, int limit) override;

    // The order queue: SqlStoreOrders.cpp.
    Result<std::optional<ProvisioningTask>> claimNextOrder(const QString &instanceId,
                                                           const QDateTime &leaseUntil,
                                                           WaitingRows waiting) override;
    Result<int> renewClaims(const QString &instanceId, const QDateTime &leaseUntil) override;
    Result<std::optional<ProvisioningTask>> adoptExpiredClaim(const QString &instanceId,
                                                              const QDateTime &leaseUntil) override;
    Result<QList<ProvisioningTask>> failUnknownStatuses() override;
    Result<ProvisioningTask> enqueueOrder(const OrderRequest &request) override;
    Result<ProvisioningTask> cancelOrder(const QString &orderId) override;
    Result<ProvisioningTask> retryOrder(const QString &orderId) override;
    Result<QList<ProvisioningTask>> listOrders(const OrderFilter &filter) override;
    Result<QueueSummary> queueSummary() override;

    Result<std::pair<Alert, bool>> raiseAlert(const Alert &alert) override;
    Result<std::optional<Alert>> resolveAlert(AlertKind kind, const QString &accountId,
                                              const QDateTime &at) override;
    Result<QList<Alert>> listAlerts(bool includeResolved, int limit) override;

    // Audit log: SqlStoreAudit.cpp.
    void setActor(const Actor &actor) override { m_actor = actor; }
    Actor actor() const override { return m_actor; }
    Result<QList<AuditEntry>> listAudit(const AuditFilter &filter, int limit) override;

private:
    // Inside the caller's transaction.
    Result<void> writeAudit(const QString &action, const QString &accountId,
                            const QString &accountName, const QString &details);
    Result<Account> recordObservationInTransaction(const QString &id,
                                                   const AccountObservation &observation);
    Result<int> reconcileCount(const QString &account, const AccountObservation &o,
                               const QDateTime &at);
    Result<std::optional<Account>> selectAccount(const QString &where, const QVariantList &values);
    Result<bool> nameTaken(const QString &name, const QString &exceptId);
    Result<void> clearOtherPrimaries(const QString &keepId);
    Result<void> writeAccount(const Account &account, bool insert, int expectedVersion);
    Error uniqueViolation(const Account &account) const;
    // Inside the caller's transaction: the writer's key is still the pool's (see
    // setWriterKeyFingerprint). lockSuffix: FOR SHARE for writers, FOR UPDATE for rotation.
    Result<QString> lockedKeyFingerprint(const QString &lockSuffix);
    Result<void> checkWriterKey();

    // Engine state (SqlStoreEngine.cpp, SqlStoreRecords.cpp).
    Result<void> requireAccount(const QString &id, const QString &asGiven);
    Result<void> recordHistory(const Account &before, const AccountObservation &observation,
                               const QDateTime &at);
    Result<std::optional<ProvisioningTask>> selectTask(const QString &id);
    Result<ProvisioningTask> writeTask(const ProvisioningTask &task, bool insert);
    Result<QList<ProvisioningTask>> queryTasks(const QString &where, QVariantList values,
                                               const QString &order, int limit,
                                               const QString &doing);
    // One UPDATE provisioning_tasks SET set WHERE where RETURNING every column, in a
    // transaction; the rows it changed.
    Result<QList<ProvisioningTask>> updateReturning(const QString &set, const QString &where,
                                                    const QVariantList &values,
                                                    const QString &doing);
    Result<std::optional<Alert>> selectOpenAlert(AlertKind kind, const QString &accountId,
                                                 bool lock);

    std::unique_ptr<SqlSession> m_session;
    const Clock *m_clock;
    QString m_location;
    Actor m_actor;
    std::optional<QString> m_writerKey;
};

} // namespace dopool
