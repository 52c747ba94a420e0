// SqlStore: what sync and health checks learn (observations and their history) and the slot
// reservations of selection / provisioning. Tasks and alerts: SqlStoreRecords.cpp.
//
// Lock order, on PostgreSQL: a transaction that touches an account's row and its reservations
// locks the account row first (SELECT ... FOR UPDATE), so reserving, finishing and deleting
// never deadlock each other. On SQLite every write transaction is BEGIN IMMEDIATE and holds the
// database's write lock from its start.
#include "EngineRows.h"
#include "SqlStore.h"
#include "StoreRules.h"
#include "common/Logging.h"

#include <QSqlQuery>

namespace dopool {

using EngineRows::canonicalUuid;
using EngineRows::limitClause;
using EngineRows::toStoredTime;
using StoreRules::noSuchAccountId;
using StoreRules::noSuchReservation;

namespace {

// The SET list of recordObservation: only what the observation carries.
class Assignments
{
public:
    void set(const char *column, const QVariant &value)
    {
        m_columns << QStringLiteral("%1 = ?").arg(QLatin1String(column));
        m_values << value;
    }
    QString sql() const { return m_columns.join(QLatin1String(", ")); }
    QVariantList values() const { return m_values; }

private:
    QStringList m_columns;
    QVariantList m_values;
};

Assignments assignmentsFor(const AccountObservation &o, const QDateTime &at)
{
    Assignments a;
    if (o.dropletLimit)
        a.set("droplet_limit", *o.dropletLimit);
    if (o.activeDroplets) {
        a.set("active_droplets", *o.activeDroplets);
        a.set("capacity_observed_at", timestampParam(at));
    }
    if (o.email)
        a.set("email", requiredText(*o.email));
    if (o.doUuid)
        a.set("do_uuid", nullableText(*o.doUuid));
    if (o.doStatus)
        a.set("do_status", nullableText(*o.doStatus));
    if (o.doStatusMessage)
        a.set("do_status_message", nullableText(*o.doStatusMessage));
    if (o.health)
        a.set("health_status", healthToDb(*o.health));
    if (o.consecutiveFailures)
        a.set("consecutive_failures", *o.consecutiveFailures);
    // An explicit lastError wins over the clearing a successful sync implies.
    if (o.lastError)
        a.set("last_error", nullableText(*o.lastError));
    else if (o.succeeded)
        a.set("last_error", nullableText(QString()));
    if (o.rateLimitLimit)
        a.set("ratelimit_limit", nullableInt(*o.rateLimitLimit));
    if (o.rateLimitRemaining)
        a.set("ratelimit_remaining", nullableInt(*o.rateLimitRemaining));
    if (o.rateLimitReset)
        a.set("ratelimit_reset", timestampParam(*o.rateLimitReset));
    if (o.healthChecked)
        a.set("last_health_check", timestampParam(at));
    if (o.succeeded)
        a.set("last_sync_at", timestampParam(at));
    a.set("updated_at", timestampParam(at));
    return a;
}

} // namespace

// NotFound unless account id (canonical) exists; asGiven is what the caller passed.
Result<void> SqlStore::requireAccount(const QString &id, const QString &asGiven)
{
    auto query = m_session->exec(QStringLiteral("SELECT 1 FROM do_accounts WHERE id = ?"), {id},
                                 QStringLiteral("looking up account %1").arg(id));
    if (!query)
        return query.error();
    if (!query->next())
        return noSuchAccountId(asGiven);
    return {};
}

// The history rows an observation implies, inside recordObservation's transaction.
Result<void> SqlStore::recordHistory(const Account &before, const AccountObservation &o,
                                     const QDateTime &at)
{
    const QString doing = QStringLiteral("recording the history of account %1").arg(before.name);
    if (o.health && *o.health != before.healthStatus) {
        auto inserted =
            m_session->exec(QStringLiteral("INSERT INTO account_health_history "
                                           "(account_id, at, from_status, to_status, reason) "
                                           "VALUES (?, ?, ?, ?, ?)"),
                            {before.id, timestampParam(at), healthToDb(before.healthStatus),
                             healthToDb(*o.health), requiredText(o.healthReason)},
                            doing);
        if (!inserted)
            return inserted.error();
        qCDebug(lcStore).noquote()
            << "account" << before.name << "health" << healthToDb(before.healthStatus) << "->"
            << healthToDb(*o.health) << ":" << o.healthReason;
    }
    if (o.dropletLimit && o.activeDroplets) {
        auto inserted = m_session->exec(
            QStringLiteral("INSERT INTO account_capacity_history "
                           "(account_id, at, droplet_limit, active_droplets) VALUES (?, ?, ?, ?)"),
            {before.id, timestampParam(at), *o.dropletLimit, *o.activeDroplets}, doing);
        if (!inserted)
            return inserted.error();
    }
    return {};
}

// DO's droplet count was requested at `at` (observations carry the time their requests were
// sent). Droplets we confirmed after that moment may be missing from it, so they are added;
// those confirmed before it are in it, so their reservations are done. A count older than the
// one stored is stale (its answer overtook a newer one) and returns -1.
Result<int> SqlStore::reconcileCount(const QString &account, const AccountObservation &o,
                                     const QDateTime &at)
{
    const QString doing =
        QStringLiteral("reconciling the droplet count of account %1").arg(account);
    auto observed = m_session->exec(
        QStringLiteral("SELECT %1 FROM do_accounts WHERE id = ?")
            .arg(m_session->dialect().timestampAsText(QStringLiteral("capacity_observed_at"))),
        {account}, doing);
    if (!observed)
        return observed.error();
    if (observed->next() && !observed->value(0).isNull()) {
        const QDateTime last = timestampFromText(observed->value(0));
        if (last.isValid() && at < last)
            return -1;
    }
    auto included =
        m_session->exec(QStringLiteral("DELETE FROM droplet_reservations WHERE account_id = ? AND "
                                       "confirmed_at IS NOT NULL AND confirmed_at < ?"),
                        {account, timestampParam(at)}, doing);
    if (!included)
        return included.error();
    auto pending = m_session->exec(
        QStringLiteral("SELECT COUNT(*) FROM droplet_reservations WHERE account_id = ? AND "
                       "confirmed_at IS NOT NULL"),
        {account}, doing);
    if (!pending)
        return pending.error();
    const int confirmedSince = pending->next() ? pending->value(0).toInt() : 0;
    return *o.activeDroplets + confirmedSince;
}

Result<Account> SqlStore::recordObservation(const QString &id,
                                            const AccountObservation &observation)
{
    std::optional<Account> stored;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto recorded = recordObservationInTransaction(id, observation);
            if (!recorded)
                return recorded.error();
            stored = *recorded;
            return {};
        },
        QStringLiteral("recording the state of account %1").arg(id));
    if (!done)
        return done.error();
    return *stored;
}

QList<Result<Account>>
SqlStore::recordObservations(const QList<std::pair<QString, AccountObservation>> &observations)
{
    QList<Result<Account>> results;
    if (observations.isEmpty())
        return results;
    results.reserve(observations.size());
    // PostgreSQL locks rows: one transaction holding many accounts' rows (and their
    // reservations) at once would deadlock with concurrent provisioners' reserveSlot, which
    // locks them one by one - so there each observation keeps its own short transaction. SQLite
    // has one database-wide write lock and pays a commit (an fsync) per transaction: there the
    // whole batch is one.
    if (m_session->dialect().kind() != SqlDialect::Kind::Sqlite) {
        for (const auto &[id, observation] : observations)
            results.append(recordObservation(id, observation));
        return results;
    }
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            for (const auto &[id, observation] : observations) {
                auto recorded = recordObservationInTransaction(id, observation);
                if (!recorded)
                    return recorded.error();
                results.append(*recorded);
            }
            return {};
        },
        QStringLiteral("recording the state of %1 accounts").arg(observations.size()));
    if (done)
        return results;
    // One row failed (deleted meanwhile, say) and rolled the others back: each on its own, so
    // the others are recorded and only that one reports its error.
    results.clear();
    for (const auto &[id, observation] : observations)
        results.append(recordObservation(id, observation));
    return results;
}

// recordObservation's work, inside a transaction the caller opened.
Result<Account> SqlStore::recordObservationInTransaction(const QString &id,
                                                         const AccountObservation &observation)
{
    const auto observed = StoreRules::observedAccount(id, observation);
    if (!observed)
        return observed.error();
    const QString canonical = *observed;
    const QDateTime at = toStoredTime(observation.at.isValid() ? observation.at : m_clock->now());
    const SqlDialect &dialect = m_session->dialect();
    const QString doing = QStringLiteral("recording the state of account %1").arg(canonical);

    auto before =
        selectAccount(QStringLiteral("id = ?%1").arg(dialect.lockRowsSuffix()), {canonical});
    if (!before)
        return before.error();
    if (!before->has_value())
        return noSuchAccountId(id);

    AccountObservation effective = observation;
    if (observation.activeDroplets) {
        auto capacity = reconcileCount(canonical, observation, at);
        if (!capacity)
            return capacity.error();
        if (*capacity < 0) {
            // Older than the count already stored: keep the newer one.
            effective.activeDroplets.reset();
            effective.dropletLimit.reset();
        } else {
            effective.activeDroplets = *capacity;
        }
    }
    const Assignments assignments = assignmentsFor(effective, at);
    QVariantList values = assignments.values();
    values << canonical;
    // Not version: admin edits and sync write different columns (AccountStore.h).
    auto updated = m_session->exec(
        QStringLiteral("UPDATE do_accounts SET %1 WHERE id = ?").arg(assignments.sql()), values,
        doing);
    if (!updated)
        return updated.error();
    if (auto history = recordHistory(**before, effective, at); !history)
        return history.error();

    auto after = selectAccount(QStringLiteral("id = ?"), {canonical});
    if (!after)
        return after.error();
    if (!after->has_value())
        return noSuchAccountId(id);
    return **after;
}

Result<QList<HealthEvent>> SqlStore::healthHistory(const QString &accountId, int limit)
{
    const QString canonical = canonicalUuid(accountId);
    if (canonical.isEmpty())
        return noSuchAccountId(accountId);
    QVariantList values{canonical};
    const QString sql = QStringLiteral("SELECT id, account_id, %1, from_status, to_status, reason "
                                       "FROM account_health_history WHERE account_id = ? "
                                       "ORDER BY at DESC, id DESC%2")
                            .arg(m_session->dialect().timestampAsText(QStringLiteral("at")),
                                 limitClause(limit, values));
    auto query = m_session->exec(sql, values,
                                 QStringLiteral("reading the health history of %1").arg(canonical));
    if (!query)
        return query.error();
    QList<HealthEvent> events;
    while (query->next()) {
        HealthEvent e;
        e.id = query->value(0).toLongLong();
        e.accountId = query->value(1).toString();
        e.at = timestampFromText(query->value(2));
        e.from = healthFromDb(query->value(3).toString()).value_or(AccountHealth::Unknown);
        e.to = healthFromDb(query->value(4).toString()).value_or(AccountHealth::Unknown);
        e.reason = query->value(5).toString();
        events << e;
    }
    if (events.isEmpty()) {
        if (auto exists = requireAccount(canonical, accountId); !exists)
            return exists.error();
    }
    return events;
}

Result<QList<CapacitySample>> SqlStore::capacityHistory(const QString &accountId,
                                                        const QDateTime &since)
{
    const QString canonical = canonicalUuid(accountId);
    if (canonical.isEmpty())
        return noSuchAccountId(accountId);
    QVariantList values{canonical};
    QString sinceClause;
    if (since.isValid()) {
        sinceClause = QStringLiteral(" AND at >= ?");
        values << timestampParam(toStoredTime(since));
    }
    const QString sql =
        QStringLiteral("SELECT account_id, %1, droplet_limit, active_droplets "
                       "FROM account_capacity_history WHERE account_id = ?%2 "
                       "ORDER BY at, id")
            .arg(m_session->dialect().timestampAsText(QStringLiteral("at")), sinceClause);
    auto query = m_session->exec(
        sql, values, QStringLiteral("reading the capacity history of %1").arg(canonical));
    if (!query)
        return query.error();
    QList<CapacitySample> samples;
    while (query->next()) {
        CapacitySample s;
        s.accountId = query->value(0).toString();
        s.at = timestampFromText(query->value(1));
        s.dropletLimit = query->value(2).toInt();
        s.activeDroplets = query->value(3).toInt();
        samples << s;
    }
    if (samples.isEmpty()) {
        if (auto exists = requireAccount(canonical, accountId); !exists)
            return exists.error();
    }
    return samples;
}

Result<std::optional<Reservation>>
SqlStore::reserveSlot(const QString &accountId, const QString &taskId, const QDateTime &expiresAt)
{
    const auto request =
        StoreRules::checkedReservation(accountId, taskId, expiresAt, m_clock->now());
    if (!request)
        return request.error();
    const QString account = request->accountId;
    const QString task = request->taskId;
    const QDateTime now = request->createdAt;
    const QDateTime expires = request->expiresAt;
    const QString doing = QStringLiteral("reserving a droplet slot on account %1").arg(account);

    std::optional<Reservation> reserved;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            // Concurrent reservers of this account (any process) queue here.
            auto row = m_session->exec(
                QStringLiteral("SELECT droplet_limit, active_droplets, is_active FROM "
                               "do_accounts WHERE id = ?%1")
                    .arg(m_session->dialect().lockRowsSuffix()),
                {account}, doing);
            if (!row)
                return row.error();
            if (!row->next())
                return noSuchAccountId(accountId);
            const int limit = row->value(0).toInt();
            const int active = row->value(1).toInt();
            const bool isActive = row->value(2).toBool();

            // A crashed provisioner's slots come back once they expire.
            auto purged = m_session->exec(
                QStringLiteral("DELETE FROM droplet_reservations WHERE account_id = ? AND "
                               "confirmed_at IS NULL AND expires_at <= ?"),
                {account, timestampParam(now)}, doing);
            if (!purged)
                return purged.error();
            // Confirmed reservations are already in active_droplets (see finishReservation).
            auto open = m_session->exec(
                QStringLiteral("SELECT COUNT(*) FROM droplet_reservations WHERE account_id = ? "
                               "AND confirmed_at IS NULL"),
                {account}, doing);
            if (!open)
                return open.error();
            const int held = open->next() ? open->value(0).toInt() : 0;
            if (!isActive || active + held >= limit) {
                qCDebug(lcStore) << "no slot on account" << account << ":" << active << "active +"
                                 << held << "reserved of" << limit
                                 << (isActive ? "" : "(inactive)");
                return {};
            }

            Reservation r;
            r.id = EngineRows::newUuid();
            r.accountId = account;
            r.taskId = task;
            r.createdAt = now;
            r.expiresAt = expires;
            auto inserted =
                m_session->exec(QStringLiteral("INSERT INTO droplet_reservations "
                                               "(id, account_id, task_id, created_at, expires_at) "
                                               "VALUES (?, ?, ?, ?, ?)"),
                                {r.id, r.accountId, nullableText(r.taskId),
                                 timestampParam(r.createdAt), timestampParam(r.expiresAt)},
                                doing);
            if (!inserted)
                return inserted.error();
            qCDebug(lcStore) << "reserved slot" << r.id << "on account" << account << ":" << active
                             << "active +" << held + 1 << "reserved of" << limit;
            reserved = r;
            return {};
        },
        doing);
    if (!done)
        return done.error();
    return reserved;
}

// A reservation that is gone already (finished, or expired and purged by a later reserveSlot)
// is NotFound, and then nothing changes even when dropletCreated: the caller records the droplet
// with the next observation (sync) instead.
Result<void> SqlStore::finishReservation(const QString &reservationId, bool dropletCreated)
{
    const QString id = canonicalUuid(reservationId);
    if (id.isEmpty())
        return noSuchReservation(reservationId);
    const QString doing = QStringLiteral("finishing reservation %1").arg(id);
    const SqlDialect &dialect = m_session->dialect();
    return m_session->transaction(
        [&]() -> Result<void> {
            auto found = m_session->exec(
                QStringLiteral("SELECT account_id FROM droplet_reservations WHERE id = ?"), {id},
                doing);
            if (!found)
                return found.error();
            if (!found->next())
                return noSuchReservation(reservationId);
            const QString account = found->value(0).toString();
            // The account row first, as reserveSlot does (see the lock order above).
            auto locked =
                m_session->exec(QStringLiteral("SELECT id FROM do_accounts WHERE id = ?%1")
                                    .arg(dialect.lockRowsSuffix()),
                                {account}, doing);
            if (!locked)
                return locked.error();
            // A created droplet keeps its reservation, confirmed, until an observation of DO's
            // count that was requested after the confirmation (and so includes the droplet)
            // replaces active_droplets: see recordObservation.
            const QString finish =
                dropletCreated ? QStringLiteral("UPDATE droplet_reservations SET confirmed_at = ? "
                                                "WHERE id = ? AND confirmed_at IS NULL")
                               : QStringLiteral("DELETE FROM droplet_reservations WHERE id = ? AND "
                                                "confirmed_at IS NULL");
            auto finished =
                m_session->exec(finish,
                                dropletCreated ? QVariantList{timestampParam(m_clock->now()), id}
                                               : QVariantList{id},
                                doing);
            if (!finished)
                return finished.error();
            if (finished->numRowsAffected() <= 0)
                return noSuchReservation(reservationId); // purged while we waited for the lock
            if (dropletCreated) {
                auto counted = m_session->exec(
                    QStringLiteral("UPDATE do_accounts SET active_droplets = active_droplets + 1, "
                                   "updated_at = ? WHERE id = ?"),
                    {timestampParam(m_clock->now()), account}, doing);
                if (!counted)
                    return counted.error();
            }
            qCDebug(lcStore) << "finished reservation" << id << "on account" << account
                             << (dropletCreated ? "(droplet created)" : "(released)");
            return {};
        },
        doing);
}

Result<int> SqlStore::openReservations(const QString &accountId)
{
    const QString canonical = canonicalUuid(accountId);
    if (canonical.isEmpty())
        return noSuchAccountId(accountId);
    auto query = m_session->exec(
        QStringLiteral(
            "SELECT COUNT(*) FROM droplet_reservations WHERE account_id = ? AND expires_at > ? "
            "AND confirmed_at IS NULL"),
        {canonical, timestampParam(m_clock->now())},
        QStringLiteral("counting the reservations on account %1").arg(canonical));
    if (!query)
        return query.error();
    const int count = query->next() ? query->value(0).toInt() : 0;
    if (count == 0) {
        if (auto exists = requireAccount(canonical, accountId); !exists)
            return exists.error();
    }
    return count;
}

Result<QHash<QString, int>> SqlStore::openReservationCounts()
{
    auto query = m_session->exec(
        QStringLiteral("SELECT account_id, COUNT(*) FROM droplet_reservations WHERE "
                       "expires_at > ? AND confirmed_at IS NULL GROUP BY account_id"),
        {timestampParam(m_clock->now())}, QStringLiteral("counting the open reservations"));
    if (!query)
        return query.error();
    QHash<QString, int> counts;
    while (query->next())
        counts.insert(canonicalUuid(query->value(0).toString()), query->value(1).toInt());
    return counts;
}

Result<int> SqlStore::finishTaskReservations(const QString &taskId, bool dropletCreated)
{
    const QString task = canonicalUuid(taskId);
    if (task.isEmpty())
        return 0;
    auto held =
        m_session->exec(QStringLiteral("SELECT id FROM droplet_reservations WHERE "
                                       "task_id = ? AND confirmed_at IS NULL"),
                        {task}, QStringLiteral("listing the reservations of task %1").arg(task));
    if (!held)
        return held.error();
    QStringList ids;
    while (held->next())
        ids << held->value(0).toString();
    int finished = 0;
    for (const QString &id : std::as_const(ids)) {
        const Result<void> done = finishReservation(id, dropletCreated);
        if (done)
            ++finished;
        else if (done.error().kind != ErrorKind::NotFound) // purged meanwhile: nothing to do
            return done.error();
    }
    return finished;
}

} // namespace dopool
