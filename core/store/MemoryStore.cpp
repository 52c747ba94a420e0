#include "MemoryStore.h"

#include "EngineRows.h"
#include "StoreRules.h"

#include <QMutexLocker>
#include <algorithm>

namespace dopool {

using EngineRows::canonicalUuid;
using EngineRows::toStoredTime;
using StoreRules::noSuchAccountId;
using StoreRules::noSuchReservation;
using StoreRules::noSuchTask;

namespace {

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
Account storedForm(Account a)
{
    a.lastHealthCheck = toStoredTime(a.lastHealthCheck);
    a.lastSyncAt = toStoredTime(a.lastSyncAt);
    a.rateLimitReset = toStoredTime(a.rateLimitReset);
    a.createdAt = toStoredTime(a.createdAt);
    a.updatedAt = toStoredTime(a.updatedAt);
    return a;
}

// What an observation writes (only what it carries), as SqlStore's UPDATE does.
void apply(Account &a, const AccountObservation &o, const QDateTime &at)
{
    if (o.dropletLimit)
        a.dropletLimit = *o.dropletLimit;
    if (o.activeDroplets)
        a.activeDroplets = *o.activeDroplets;
    if (o.email)
        a.email = *o.email;
    if (o.doUuid)
        a.doUuid = *o.doUuid;
    if (o.doStatus)
        a.doStatus = *o.doStatus;
    if (o.doStatusMessage)
        a.doStatusMessage = *o.doStatusMessage;
    if (o.health)
        a.healthStatus = *o.health;
    if (o.consecutiveFailures)
        a.consecutiveFailures = *o.consecutiveFailures;
    // An explicit lastError wins over the clearing a successful sync implies.
    if (o.lastError)
        a.lastError = *o.lastError;
    else if (o.succeeded)
        a.lastError.clear();
    if (o.rateLimitLimit)
        a.rateLimitLimit = *o.rateLimitLimit;
    if (o.rateLimitRemaining)
        a.rateLimitRemaining = *o.rateLimitRemaining;
    if (o.rateLimitReset)
        a.rateLimitReset = toStoredTime(*o.rateLimitReset);
    if (o.healthChecked)
        a.lastHealthCheck = at;
    if (o.succeeded)
        a.lastSyncAt = at;
    a.updatedAt = at;
}

} // namespace

struct MemoryStore::State
{
    QList<Account> accounts;                      // in insertion order; listings sort
    QHash<QString, QDateTime> capacityObservedAt; // by account: when its stored count was asked
    QList<HealthEvent> health;                    // in insertion order (HealthEvent::id)
    qint64 nextHealthId = 1;
    QList<CapacitySample> capacity; // in insertion order
    QList<HeldSlot> reservations;
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
        return int(
            std::count_if(reservations.cbegin(), reservations.cend(), [&](const HeldSlot &s) {
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
// in it, so their reservations are done. A count older than the stored one is ignored.
Result<Account> MemoryStore::State::record(const QString &id, const AccountObservation &o,
                                           const QDateTime &now)
{
    const auto observed = StoreRules::observedAccount(id, o);
    if (!observed)
        return observed.error();
    const QString canonical = *observed;
    Account *row = account(canonical);
    if (!row)
        return noSuchAccountId(id);
    const QDateTime at = toStoredTime(o.at.isValid() ? o.at : now);

    AccountObservation effective = o;
    if (o.activeDroplets) {
        const QDateTime last = capacityObservedAt.value(canonical);
        if (last.isValid() && at < last) {
            effective.activeDroplets.reset();
            effective.dropletLimit.reset();
        } else {
            reservations.removeIf([&](const HeldSlot &s) {
                return s.reservation.accountId == canonical && s.confirmedAt.isValid() &&
                       s.confirmedAt < at;
            });
            const auto confirmedSince =
                std::count_if(reservations.cbegin(), reservations.cend(), [&](const HeldSlot &s) {
                    return s.reservation.accountId == canonical && s.confirmedAt.isValid();
                });
            effective.activeDroplets = *o.activeDroplets + int(confirmedSince);
            capacityObservedAt.insert(canonical, at);
        }
    }
    const Account before = *row;
    apply(*row, effective, at);
    if (effective.health && *effective.health != before.healthStatus) {
        health.append(HealthEvent{nextHealthId++, canonical, at, before.healthStatus,
                                  *effective.health, effective.healthReason});
    }
    if (effective.dropletLimit && effective.activeDroplets)
        capacity.append(
            CapacitySample{canonical, at, *effective.dropletLimit, *effective.activeDroplets});
    return *row;
}

// finishReservation, under the lock.
Result<void> MemoryStore::State::finish(const QString &reservationId, bool created,
                                        const QDateTime &now)
{
    const QString id = canonicalUuid(reservationId);
    const auto held =
        std::find_if(reservations.begin(), reservations.end(), [&](const HeldSlot &s) {
            return !id.isEmpty() && s.reservation.id == id && !s.confirmedAt.isValid();
        });
    if (held == reservations.end())
        return noSuchReservation(reservationId);
    if (!created) {
        reservations.erase(held);
        return {};
    }
    held->confirmedAt = now;
    if (Account *a = account(held->reservation.accountId)) {
        ++a->activeDroplets;
        a->updatedAt = now;
    }
    return {};
}

MemoryStore::MemoryStore(const Clock *clock)
    : m_clock(clock)
    , m_state(std::make_unique<State>())
{
    Q_ASSERT(clock);
}

MemoryStore::~MemoryStore() = default;

QDateTime MemoryStore::now() const
{
    return toStoredTime(m_clock->now());
}

// --- accounts -----------------------------------------------------------------------------

Result<QList<Account>> MemoryStore::listAccounts()
{
    QMutexLocker lock(&m_mutex);
    QList<Account> accounts = m_state->accounts;
    std::stable_sort(accounts.begin(), accounts.end(), [](const Account &a, const Account &b) {
        return std::tie(a.createdAt, a.name, a.id) < std::tie(b.createdAt, b.name, b.id);
    });
    return accounts;
}

Result<Account> MemoryStore::findAccount(const QString &idOrName)
{
    QMutexLocker lock(&m_mutex);
    // An id always wins over a name that looks like one.
    if (const QString id = canonicalUuid(idOrName); !id.isEmpty()) {
        if (const Account *a = m_state->account(id))
            return *a;
    }
    for (const Account &a : std::as_const(m_state->accounts)) {
        if (a.name == idOrName)
            return a;
    }
    return StoreRules::noAccountNamed(idOrName);
}

Result<Account> MemoryStore::insertAccount(const Account &account)
{
    if (auto valid = StoreRules::checkAccountLimits(account); !valid)
        return valid.error();
    QMutexLocker lock(&m_mutex);
    Account row = storedForm(account);
    row.id = EngineRows::newUuid();
    row.createdAt = now();
    row.updatedAt = row.createdAt;
    row.version = 1;
    if (m_state->nameTaken(row.name, row.id))
        return StoreRules::nameTaken(row.name);
    if (row.isPrimary)
        m_state->clearOtherPrimaries(row.id, row.createdAt);
    m_state->accounts.append(row);
    return row;
}

Result<Account> MemoryStore::updateAccount(const Account &account, int expectedVersion)
{
    if (auto valid = StoreRules::checkAccountLimits(account); !valid)
        return valid.error();
    const QString id = canonicalUuid(account.id);
    if (id.isEmpty())
        return noSuchAccountId(account.id);
    QMutexLocker lock(&m_mutex);
    if (m_state->nameTaken(account.name, id))
        return StoreRules::nameTaken(account.name);
    Account *stored = m_state->account(id);
    if (!stored)
        return noSuchAccountId(id);
    if (expectedVersion >= 0 && stored->version != expectedVersion)
        return StoreRules::changedBySomeoneElse(account.name, stored->version);
    Account row = storedForm(account);
    // Written since the copy was read, without a version bump: its live state is newer.
    if (stored->updatedAt != toStoredTime(account.updatedAt))
        StoreRules::keepNewerEngineState(row, *stored);
    row.id = id;
    row.createdAt = stored->createdAt;
    row.updatedAt = now();
    row.version = stored->version + 1;
    if (row.isPrimary)
        m_state->clearOtherPrimaries(id, row.updatedAt);
    *m_state->account(id) = row;
    return row;
}

Result<void> MemoryStore::deleteAccount(const QString &id)
{
    const QString canonical = canonicalUuid(id);
    QMutexLocker lock(&m_mutex);
    State &s = *m_state;
    if (canonical.isEmpty() ||
        !s.accounts.removeIf([&](const Account &a) { return a.id == canonical; }))
        return noSuchAccountId(id);
    // As the schema's foreign keys do: history, reservations and alerts go with the account;
    // its tasks stay, with no account.
    s.capacityObservedAt.remove(canonical);
    s.health.removeIf([&](const HealthEvent &e) { return e.accountId == canonical; });
    s.capacity.removeIf([&](const CapacitySample &c) { return c.accountId == canonical; });
    s.reservations.removeIf(
        [&](const HeldSlot &h) { return h.reservation.accountId == canonical; });
    s.alerts.removeIf([&](const Alert &a) { return a.accountId == canonical; });
    for (ProvisioningTask &t : s.tasks) {
        if (t.doAccountId == canonical)
            t.doAccountId.clear();
    }
    return {};
}

// --- observations -------------------------------------------------------------------------

Result<Account> MemoryStore::recordObservation(const QString &id,
                                               const AccountObservation &observation)
{
    QMutexLocker lock(&m_mutex);
    return m_state->record(id, observation, now());
}

QList<Result<Account>>
MemoryStore::recordObservations(const QList<std::pair<QString, AccountObservation>> &observations)
{
    QMutexLocker lock(&m_mutex);
    QList<Result<Account>> results;
    results.reserve(observations.size());
    for (const auto &[id, observation] : observations)
        results.append(m_state->record(id, observation, now()));
    return results;
}

Result<QList<HealthEvent>> MemoryStore::healthHistory(const QString &accountId, int limit)
{
    const QString canonical = canonicalUuid(accountId);
    QMutexLocker lock(&m_mutex);
    if (canonical.isEmpty() || !m_state->account(canonical))
        return noSuchAccountId(accountId);
    QList<HealthEvent> events;
    for (const HealthEvent &e : std::as_const(m_state->health)) {
        if (e.accountId == canonical)
            events.prepend(e);
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const HealthEvent &a, const HealthEvent &b) { return a.at > b.at; });
    return firstOf(events, limit);
}

Result<QList<CapacitySample>> MemoryStore::capacityHistory(const QString &accountId,
                                                           const QDateTime &since)
{
    const QString canonical = canonicalUuid(accountId);
    QMutexLocker lock(&m_mutex);
    if (canonical.isEmpty() || !m_state->account(canonical))
        return noSuchAccountId(accountId);
    const QDateTime from = toStoredTime(since);
    QList<CapacitySample> samples;
    for (const CapacitySample &c : std::as_const(m_state->capacity)) {
        if (c.accountId == canonical && (!from.isValid() || c.at >= from))
            samples.append(c);
    }
    std::stable_sort(samples.begin(), samples.end(),
                     [](const CapacitySample &a, const CapacitySample &b) { return a.at < b.at; });
    return samples;
}

// --- slot reservations --------------------------------------------------------------------

Result<std::optional<Reservation>> MemoryStore::reserveSlot(const QString &accountId,
                                                            const QString &taskId,
                                                            const QDateTime &expiresAt)
{
    auto request = StoreRules::checkedReservation(accountId, taskId, expiresAt, now());
    if (!request)
        return request.error();
    const QString &account = request->accountId;
    const QDateTime &at = request->createdAt;

    QMutexLocker lock(&m_mutex);
    State &s = *m_state;
    const Account *row = s.account(account);
    if (!row)
        return noSuchAccountId(accountId);
    // A crashed provisioner's reservations come back once they expire.
    s.reservations.removeIf([&](const HeldSlot &h) {
        return h.reservation.accountId == account && !h.confirmedAt.isValid() &&
               h.reservation.expiresAt <= at;
    });
    // Confirmed reservations are already in activeDroplets (see finishReservation).
    if (!row->isActive ||
        row->activeDroplets + s.unconfirmedSlots(account, {}) >= row->dropletLimit)
        return std::optional<Reservation>();
    request->id = EngineRows::newUuid();
    s.reservations.append(HeldSlot{*request, {}});
    return std::optional<Reservation>(*request);
}

Result<void> MemoryStore::finishReservation(const QString &reservationId, bool dropletCreated)
{
    QMutexLocker lock(&m_mutex);
    return m_state->finish(reservationId, dropletCreated, now());
}

Result<int> MemoryStore::openReservations(const QString &accountId)
{
    const QString canonical = canonicalUuid(accountId);
    QMutexLocker lock(&m_mutex);
    if (canonical.isEmpty() || !m_state->account(canonical))
        return noSuchAccountId(accountId);
    return m_state->unconfirmedSlots(canonical, now());
}

Result<QHash<QString, int>> MemoryStore::openReservationCounts()
{
    QMutexLocker lock(&m_mutex);
    const QDateTime at = now();
    QHash<QString, int> counts;
    for (const HeldSlot &h : std::as_const(m_state->reservations)) {
        if (!h.confirmedAt.isValid() && h.reservation.expiresAt > at)
            ++counts[h.reservation.accountId];
    }
    return counts;
}

Result<int> MemoryStore::finishTaskReservations(const QString &taskId, bool dropletCreated)
{
    const QString task = canonicalUuid(taskId);
    if (task.isEmpty())
        return 0;
    QMutexLocker lock(&m_mutex);
    QStringList ids;
    for (const HeldSlot &h : std::as_const(m_state->reservations)) {
        if (h.reservation.taskId == task && !h.confirmedAt.isValid())
            ids << h.reservation.id;
    }
    for (const QString &id : std::as_const(ids))
        (void)m_state->finish(id, dropletCreated, now()); // each is still held: under the lock
    return int(ids.size());
}

// --- provisioning tasks -------------------------------------------------------------------

Result<ProvisioningTask> MemoryStore::insertTask(const ProvisioningTask &task)
{
    auto row = StoreRules::checkedTask(task);
    if (!row)
        return row.error();
    QMutexLocker lock(&m_mutex);
    if (!row->doAccountId.isEmpty() && !m_state->account(row->doAccountId))
        return noSuchAccountId(row->doAccountId);
    row->id = EngineRows::newUuid();
    row->createdAt = now();
    row->updatedAt = row->createdAt;
    if (m_state->orderHeldByOther(*row))
        return StoreRules::openTaskExists(row->orderId);
    m_state->tasks.append(*row);
    return *row;
}

Result<ProvisioningTask> MemoryStore::updateTask(const ProvisioningTask &task)
{
    auto row = StoreRules::checkedTask(task);
    if (!row)
        return row.error();
    row->id = canonicalUuid(task.id);
    if (row->id.isEmpty())
        return noSuchTask(task.id);
    QMutexLocker lock(&m_mutex);
    const auto stored = std::find_if(m_state->tasks.begin(), m_state->tasks.end(),
                                     [&](const ProvisioningTask &t) { return t.id == row->id; });
    if (!row->doAccountId.isEmpty() && !m_state->account(row->doAccountId))
        return noSuchAccountId(row->doAccountId);
    if (stored == m_state->tasks.end())
        return noSuchTask(row->id);
    if (m_state->orderHeldByOther(*row))
        return StoreRules::openTaskExists(row->orderId);
    row->createdAt = stored->createdAt;
    row->updatedAt = now();
    *stored = *row;
    return *row;
}

Result<ProvisioningTask> MemoryStore::findTask(const QString &id)
{
    const QString canonical = canonicalUuid(id);
    QMutexLocker lock(&m_mutex);
    for (const ProvisioningTask &t : std::as_const(m_state->tasks)) {
        if (!canonical.isEmpty() && t.id == canonical)
            return t;
    }
    return noSuchTask(id);
}

namespace {

// Oldest first (created_at, id), or newest first.
void sortTasks(QList<ProvisioningTask> &tasks, bool newestFirst)
{
    std::stable_sort(tasks.begin(), tasks.end(),
                     [newestFirst](const ProvisioningTask &a, const ProvisioningTask &b) {
                         return newestFirst
                                    ? std::tie(a.createdAt, a.id) > std::tie(b.createdAt, b.id)
                                    : std::tie(a.createdAt, a.id) < std::tie(b.createdAt, b.id);
                     });
}

} // namespace

Result<QList<ProvisioningTask>> MemoryStore::listTasks(int limit)
{
    QMutexLocker lock(&m_mutex);
    QList<ProvisioningTask> tasks = m_state->tasks;
    sortTasks(tasks, true);
    return firstOf(tasks, limit);
}

Result<QList<ProvisioningTask>> MemoryStore::orderTasks(const QString &orderId)
{
    QMutexLocker lock(&m_mutex);
    QList<ProvisioningTask> tasks;
    for (const ProvisioningTask &t : std::as_const(m_state->tasks)) {
        if (t.orderId == orderId.trimmed())
            tasks << t;
    }
    sortTasks(tasks, false);
    return tasks;
}

Result<QList<ProvisioningTask>> MemoryStore::tasksWithStatus(TaskStatus status, int limit)
{
    QMutexLocker lock(&m_mutex);
    QList<ProvisioningTask> tasks;
    for (const ProvisioningTask &t : std::as_const(m_state->tasks)) {
        if (t.status == status)
            tasks << t;
    }
    sortTasks(tasks, false);
    return firstOf(tasks, limit);
}

// --- alerts -------------------------------------------------------------------------------

Result<std::pair<Alert, bool>> MemoryStore::raiseAlert(const Alert &alert)
{
    const auto account = StoreRules::alertAccount(alert.accountId);
    if (!account)
        return account.error();
    QMutexLocker lock(&m_mutex);
    for (const Alert &open : std::as_const(m_state->alerts)) {
        if (open.isOpen() && open.kind == alert.kind && open.accountId == *account)
            return std::pair(open, false);
    }
    if (!account->isEmpty() && !m_state->account(*account))
        return noSuchAccountId(alert.accountId);
    Alert row = alert;
    row.id = EngineRows::newUuid();
    row.accountId = *account;
    row.raisedAt = toStoredTime(alert.raisedAt.isValid() ? alert.raisedAt : now());
    row.resolvedAt = QDateTime();
    m_state->alerts.append(row);
    return std::pair(row, true);
}

Result<std::optional<Alert>> MemoryStore::resolveAlert(AlertKind kind, const QString &accountId,
                                                       const QDateTime &at)
{
    const auto account = StoreRules::alertAccount(accountId);
    if (!account)
        return account.error();
    QMutexLocker lock(&m_mutex);
    for (Alert &open : m_state->alerts) {
        if (open.isOpen() && open.kind == kind && open.accountId == *account) {
            open.resolvedAt = toStoredTime(at.isValid() ? at : now());
            return std::optional<Alert>(open);
        }
    }
    return std::optional<Alert>();
}

Result<QList<Alert>> MemoryStore::listAlerts(bool includeResolved, int limit)
{
    QMutexLocker lock(&m_mutex);
    QList<Alert> alerts;
    for (const Alert &a : std::as_const(m_state->alerts)) {
        if (includeResolved || a.isOpen())
            alerts << a;
    }
    std::stable_sort(alerts.begin(), alerts.end(), [](const Alert &a, const Alert &b) {
        return std::tie(a.raisedAt, a.id) > std::tie(b.raisedAt, b.id);
    });
    return firstOf(alerts, limit);
}

} // namespace dopool
