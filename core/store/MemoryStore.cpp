#include "MemoryStoreState.h"

namespace dopool {

using EngineRows::canonicalUuid;
using EngineRows::toStoredTime;
using StoreRules::noSuchAccountId;
using StoreRules::noSuchReservation;
using StoreRules::noSuchTask;
using namespace MemoryStoreParts;

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
    m_state->tasks.append(storedTask(*row));
    return m_state->tasks.constLast();
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
    if (task.seenStatus.isEmpty())
        return StoreRules::neverRead(task);
    // Compare-and-set: only from the status and claim the caller last saw.
    if (stored->seenStatus != task.seenStatus || stored->claimedBy != task.seenClaimedBy)
        return StoreRules::taskChanged(task, *stored);
    if (m_state->orderHeldByOther(*row))
        return StoreRules::openTaskExists(row->orderId);
    row->createdAt = stored->createdAt;
    row->updatedAt = now();
    *stored = storedTask(*row);
    return *stored;
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
