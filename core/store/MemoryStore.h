#pragma once

#include "AccountRecords.h"
#include "AlertLog.h"
#include "CapacityLedger.h"
#include "OrderQueue.h"
#include "TaskLog.h"
#include "common/Clock.h"

#include <QMutex>

namespace dopool {

// The roles the engine works with (engine::EngineContext), kept in memory: for the engine's
// unit tests, where a database adds nothing but time. Honours the roles' contracts as the
// SQL store does - the same refusals with the same messages, timestamps at millisecond
// precision, reservations atomic and the one-open-task-per-order rule kept across threads (one
// lock; "across processes" has no meaning here) - except what belongs to other roles: no
// audit rows and no key fence on account writes. Times come from the injected clock.
class MemoryStore final : public AccountRecords,
                          public CapacityLedger,
                          public TaskLog,
                          public OrderQueue,
                          public AlertLog
{
public:
    explicit MemoryStore(const Clock *clock);
    ~MemoryStore() override;

    Result<QList<Account>> listAccounts() override;
    Result<Account> findAccount(const QString &idOrName) override;
    Result<Account> insertAccount(const Account &account) override;
    Result<Account> updateAccount(const Account &account, int expectedVersion = -1) override;
    Result<void> deleteAccount(const QString &id) override;

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

    // The order queue: MemoryStoreOrders.cpp.
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
    // A row as another program might write it, status text and all (tests: a status dopool
    // does not know, the order-service's own IN_PROGRESS rows).
    ProvisioningTask insertForeignRow(ProvisioningTask row, const QString &statusText);

    Result<std::pair<Alert, bool>> raiseAlert(const Alert &alert) override;
    Result<std::optional<Alert>> resolveAlert(AlertKind kind, const QString &accountId,
                                              const QDateTime &at) override;
    Result<QList<Alert>> listAlerts(bool includeResolved, int limit) override;

private:
    struct State;
    QDateTime now() const;

    const Clock *m_clock;
    mutable QMutex m_mutex; // every call holds it throughout: each is atomic
    std::unique_ptr<State> m_state;
};

} // namespace dopool
