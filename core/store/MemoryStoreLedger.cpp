// MemoryStore's capacity ledger: what sync learns, and slot reservations.
#include "MemoryStoreState.h"

namespace dopool {

using EngineRows::canonicalUuid;
using EngineRows::toStoredTime;
using StoreRules::noSuchAccountId;
using StoreRules::noSuchReservation;
using StoreRules::noSuchTask;
using namespace MemoryStoreParts;

namespace {

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

} // namespace dopool
