// SqlStore: provisioning tasks and alerts (the rest of the engine state: SqlStoreEngine.cpp).
#include "EngineRows.h"
#include "SqlStore.h"
#include "StoreRules.h"
#include "common/Logging.h"

#include <QSqlQuery>

namespace dopool {

using EngineRows::canonicalUuid;
using EngineRows::limitClause;
using EngineRows::toStoredTime;

using StoreRules::alertAccount;
using StoreRules::checkedTask;
using StoreRules::noSuchTask;
using StoreRules::openTaskExists;

// --- provisioning tasks -------------------------------------------------------------------

Result<std::optional<ProvisioningTask>> SqlStore::selectTask(const QString &id)
{
    auto query = m_session->exec(QStringLiteral("SELECT %1 FROM provisioning_tasks WHERE id = ?")
                                     .arg(TaskRow::selectList(m_session->dialect())),
                                 {id}, QStringLiteral("reading provisioning task %1").arg(id));
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<ProvisioningTask>();
    return std::optional<ProvisioningTask>(TaskRow::read(*query));
}

// Insert or update (by id) of a checked task, in one transaction; returns the stored row. An
// update is compare-and-set: it changes the row only while its status and claim are still the
// ones row.seenStatus / row.seenClaimedBy say (TaskLog::updateTask).
Result<ProvisioningTask> SqlStore::writeTask(const ProvisioningTask &row, bool insert)
{
    const QString doing = insert ? QStringLiteral("adding provisioning task %1").arg(row.id)
                                 : QStringLiteral("updating provisioning task %1").arg(row.id);
    std::optional<ProvisioningTask> stored;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            // The FK would refuse it too, with a message nobody can act on.
            if (!row.doAccountId.isEmpty()) {
                if (auto exists = requireAccount(row.doAccountId, row.doAccountId); !exists)
                    return exists;
            }
            const QStringList &columns = TaskRow::writableColumns();
            QVariantList values = TaskRow::writableValues(row, m_session->dialect());
            QString sql;
            if (insert) {
                sql = QStringLiteral(
                          "INSERT INTO provisioning_tasks (id, created_at, %1) VALUES (?, ?%2)")
                          .arg(columns.join(QLatin1String(", ")),
                               QStringLiteral(", ?").repeated(columns.size()));
                values.prepend(timestampParam(row.createdAt));
                values.prepend(row.id);
            } else {
                sql = QStringLiteral("UPDATE provisioning_tasks SET %1 = ? WHERE id = ? AND "
                                     "status = ? AND %2")
                          .arg(columns.join(QLatin1String(" = ?, ")),
                               m_session->dialect().sameAs(QStringLiteral("claimed_by")));
                values << row.id << row.seenStatus << nullableText(row.seenClaimedBy);
            }
            auto written = m_session->exec(sql, values, doing);
            if (!written) {
                if (m_session->lastFailure() == SqlFailure::UniqueViolation)
                    return openTaskExists(row.orderId);
                return written.error();
            }
            const bool changed = insert || written->numRowsAffected() > 0;
            auto readBack = selectTask(row.id);
            if (!readBack)
                return readBack.error();
            if (!readBack->has_value())
                return noSuchTask(row.id);
            if (!changed)
                return StoreRules::taskChanged(row, **readBack);
            stored = *readBack;
            return {};
        },
        doing);
    if (!done)
        return done.error();
    if (!stored)
        return noSuchTask(row.id);
    return *stored;
}

Result<ProvisioningTask> SqlStore::insertTask(const ProvisioningTask &task)
{
    auto row = checkedTask(task);
    if (!row)
        return row.error();
    row->id = EngineRows::newUuid();
    row->createdAt = toStoredTime(m_clock->now());
    row->updatedAt = row->createdAt;
    auto stored = writeTask(*row, true);
    if (stored)
        qCDebug(lcStore) << "added provisioning task" << stored->id << "for order"
                         << stored->orderId;
    return stored;
}

Result<ProvisioningTask> SqlStore::updateTask(const ProvisioningTask &task)
{
    auto row = checkedTask(task);
    if (!row)
        return row.error();
    row->id = canonicalUuid(task.id);
    if (row->id.isEmpty())
        return noSuchTask(task.id);
    if (task.seenStatus.isEmpty())
        return StoreRules::neverRead(task);
    row->updatedAt = toStoredTime(m_clock->now());
    row->claimExpiresAt = toStoredTime(task.claimExpiresAt);
    row->nextAttemptAt = toStoredTime(task.nextAttemptAt);
    return writeTask(*row, false);
}

// Tasks dopool creates have uuid ids; anything else is no task of ours.
Result<ProvisioningTask> SqlStore::findTask(const QString &id)
{
    const QString canonical = canonicalUuid(id);
    if (canonical.isEmpty())
        return noSuchTask(id);
    auto found = selectTask(canonical);
    if (!found)
        return found.error();
    if (!found->has_value())
        return noSuchTask(id);
    return **found;
}

Result<QList<ProvisioningTask>> SqlStore::queryTasks(const QString &where, QVariantList values,
                                                     const QString &order, int limit,
                                                     const QString &doing)
{
    const QString sql = QStringLiteral("SELECT %1 FROM provisioning_tasks%2 ORDER BY %3%4")
                            .arg(TaskRow::selectList(m_session->dialect()),
                                 where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where,
                                 order, limitClause(limit, values));
    auto query = m_session->exec(sql, values, doing);
    if (!query)
        return query.error();
    QList<ProvisioningTask> tasks;
    while (query->next())
        tasks << TaskRow::read(*query);
    return tasks;
}

Result<QList<ProvisioningTask>> SqlStore::listTasks(int limit)
{
    return queryTasks(QString(), {}, QStringLiteral("created_at DESC, id DESC"), limit,
                      QStringLiteral("listing provisioning tasks"));
}

Result<QList<ProvisioningTask>> SqlStore::orderTasks(const QString &orderId)
{
    return queryTasks(QStringLiteral("order_id = ?"), {orderId.trimmed()},
                      QStringLiteral("created_at, id"), 0,
                      QStringLiteral("listing the provisioning tasks of order %1").arg(orderId));
}

Result<QList<ProvisioningTask>> SqlStore::tasksWithStatus(TaskStatus status, int limit)
{
    return queryTasks(QStringLiteral("status = ?"), {taskStatusToDb(status)},
                      QStringLiteral("created_at, id"), limit,
                      QStringLiteral("listing %1 provisioning tasks").arg(taskStatusToDb(status)));
}

// --- alerts ---------------------------------------------------------------------------------

Result<std::optional<Alert>> SqlStore::selectOpenAlert(AlertKind kind, const QString &accountId,
                                                       bool lock)
{
    QVariantList values{alertKindToDb(kind)};
    QString account = QStringLiteral("account_id IS NULL");
    if (!accountId.isEmpty()) {
        account = QStringLiteral("account_id = ?");
        values << accountId;
    }
    const QString sql =
        QStringLiteral("SELECT %1 FROM alerts WHERE kind = ? AND %2 AND resolved_at IS NULL%3")
            .arg(AlertRow::selectList(m_session->dialect()), account,
                 lock ? m_session->dialect().lockRowsSuffix() : QString());
    auto query = m_session->exec(sql, values, QStringLiteral("reading the open alerts"));
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Alert>();
    return AlertRow::read(*query);
}

Result<std::pair<Alert, bool>> SqlStore::raiseAlert(const Alert &alert)
{
    const auto account = alertAccount(alert.accountId);
    if (!account)
        return account.error();
    Alert row = alert;
    row.id = EngineRows::newUuid();
    row.accountId = *account;
    row.raisedAt = toStoredTime(alert.raisedAt.isValid() ? alert.raisedAt : m_clock->now());
    row.resolvedAt = QDateTime();
    const QString doing = QStringLiteral("raising alert %1").arg(alertKindToDb(alert.kind));

    std::optional<Alert> existing;
    bool raced = false;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto open = selectOpenAlert(row.kind, row.accountId, false);
            if (!open)
                return open.error();
            if (open->has_value()) {
                existing = *open;
                return {};
            }
            if (!row.accountId.isEmpty()) {
                if (auto exists = requireAccount(row.accountId, alert.accountId); !exists)
                    return exists;
            }
            auto inserted = m_session->exec(
                QStringLiteral("INSERT INTO alerts (id, kind, severity, account_id, message, "
                               "details, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {row.id, alertKindToDb(row.kind), alertSeverityToDb(row.severity),
                 nullableText(row.accountId), requiredText(row.message),
                 AlertRow::detailsText(row.details), timestampParam(row.raisedAt)},
                doing);
            if (!inserted) {
                raced = m_session->lastFailure() == SqlFailure::UniqueViolation;
                return inserted.error();
            }
            return {};
        },
        doing);
    if (!done && raced) {
        // Another process raised the same alert between our check and our INSERT (its row was
        // not committed yet when we looked); the unique index made us wait for it. Theirs wins.
        auto theirs = selectOpenAlert(row.kind, row.accountId, false);
        if (!theirs)
            return theirs.error();
        if (theirs->has_value())
            return std::pair(**theirs, false);
        return makeError(ErrorKind::Conflict,
                         QStringLiteral("alert %1 was raised and resolved at the same time by "
                                        "another process; try again")
                             .arg(alertKindToDb(row.kind)));
    }
    if (!done)
        return done.error();
    if (existing)
        return std::pair(*existing, false);
    qCDebug(lcStore).noquote() << "alert raised:" << alertKindToDb(row.kind)
                               << alertSeverityToDb(row.severity) << row.message;
    return std::pair(row, true);
}

Result<std::optional<Alert>> SqlStore::resolveAlert(AlertKind kind, const QString &accountId,
                                                    const QDateTime &at)
{
    const auto account = alertAccount(accountId);
    if (!account)
        return account.error();
    const QDateTime resolvedAt = toStoredTime(at.isValid() ? at : m_clock->now());
    const QString doing = QStringLiteral("resolving alert %1").arg(alertKindToDb(kind));
    std::optional<Alert> resolved;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto open = selectOpenAlert(kind, *account, true);
            if (!open)
                return open.error();
            if (!open->has_value())
                return {};
            auto updated = m_session->exec(
                QStringLiteral(
                    "UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL"),
                {timestampParam(resolvedAt), (*open)->id}, doing);
            if (!updated)
                return updated.error();
            resolved = **open;
            resolved->resolvedAt = resolvedAt;
            return {};
        },
        doing);
    if (!done)
        return done.error();
    if (resolved)
        qCDebug(lcStore).noquote() << "alert resolved:" << alertKindToDb(kind) << resolved->message;
    return resolved;
}

Result<QList<Alert>> SqlStore::listAlerts(bool includeResolved, int limit)
{
    QVariantList values;
    const QString sql =
        QStringLiteral("SELECT %1 FROM alerts%2 ORDER BY raised_at DESC, id DESC%3")
            .arg(AlertRow::selectList(m_session->dialect()),
                 includeResolved ? QString() : QStringLiteral(" WHERE resolved_at IS NULL"),
                 limitClause(limit, values));
    auto query = m_session->exec(sql, values, QStringLiteral("listing alerts"));
    if (!query)
        return query.error();
    QList<Alert> alerts;
    while (query->next()) {
        if (auto alert = AlertRow::read(*query))
            alerts << *alert;
        else
            qCDebug(lcStore) << "skipping an alert of unknown kind or severity";
    }
    return alerts;
}

} // namespace dopool
