// The audit log: one row per admin change, written in the change's own transaction.
#include "AuditDetails.h"
#include "SqlStore.h"

#include <QSqlQuery>

namespace dopool {

Result<void> SqlStore::writeAudit(const QString &action, const QString &accountId,
                                  const QString &accountName, const QString &details)
{
    // A store nobody named still says where the change came from.
    const QString user = m_actor.osUser.isEmpty() ? QStringLiteral("unknown") : m_actor.osUser;
    const QString host = m_actor.host.isEmpty() ? QStringLiteral("unknown") : m_actor.host;
    auto written = m_session->exec(
        QStringLiteral("INSERT INTO audit_log (at, os_user, host, instance_id, action, account_id, "
                       "account_name, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {timestampParam(m_clock->now()), user, host, requiredText(m_actor.instanceId), action,
         nullableText(accountId), requiredText(accountName), requiredText(details)},
        QStringLiteral("writing the audit log"));
    if (!written)
        return written.error();
    return {};
}

Result<QList<AuditEntry>> SqlStore::listAudit(const AuditFilter &filter, int limit)
{
    const SqlDialect &dialect = m_session->dialect();
    QString sql = QStringLiteral("SELECT id, %1, os_user, host, instance_id, action, account_id, "
                                 "account_name, details FROM audit_log")
                      .arg(dialect.timestampAsText(QStringLiteral("at")));
    QVariantList values;
    if (!filter.accountId.isEmpty()) {
        sql += QStringLiteral(" WHERE account_id = ?");
        values << filter.accountId;
    }
    sql += QStringLiteral(" ORDER BY at DESC, id DESC LIMIT ?");
    values << std::max(1, limit);
    auto query = m_session->exec(sql, values, QStringLiteral("reading the audit log"));
    if (!query)
        return query.error();
    QList<AuditEntry> entries;
    while (query->next()) {
        AuditEntry e;
        e.id = query->value(0).toLongLong();
        e.at = timestampFromText(query->value(1));
        e.osUser = query->value(2).toString();
        e.host = query->value(3).toString();
        e.instanceId = query->value(4).toString();
        e.action = query->value(5).toString();
        e.accountId = query->value(6).toString();
        e.accountName = query->value(7).toString();
        e.details = query->value(8).toString();
        entries << e;
    }
    return entries;
}

namespace AuditDetails {

QString describeNew(const Account &a)
{
    QStringList parts{QStringLiteral("email %1").arg(a.email),
                      QStringLiteral("droplet limit %1").arg(a.dropletLimit),
                      a.isActive ? QStringLiteral("active") : QStringLiteral("inactive")};
    if (a.isPrimary)
        parts << QStringLiteral("primary");
    return parts.join(QLatin1String("; "));
}

QString describeChanges(const Account &before, const Account &after)
{
    auto yesNo = [](bool b) {
        return b ? QStringLiteral("yes") : QStringLiteral("no");
    };
    QStringList parts;
    if (before.name != after.name)
        parts << QStringLiteral("name: %1 -> %2").arg(before.name, after.name);
    if (before.email != after.email)
        parts << QStringLiteral("email: %1 -> %2").arg(before.email, after.email);
    // Never the token, nor its ciphertext: only that it changed.
    if (before.encryptedToken != after.encryptedToken)
        parts << QStringLiteral("token replaced");
    if (before.dropletLimit != after.dropletLimit)
        parts << QStringLiteral("droplet limit: %1 -> %2")
                     .arg(before.dropletLimit)
                     .arg(after.dropletLimit);
    if (before.isActive != after.isActive)
        parts << QStringLiteral("active: %1 -> %2")
                     .arg(yesNo(before.isActive), yesNo(after.isActive));
    if (before.isPrimary != after.isPrimary)
        parts << QStringLiteral("primary: %1 -> %2")
                     .arg(yesNo(before.isPrimary), yesNo(after.isPrimary));
    if (before.healthStatus != after.healthStatus)
        parts << QStringLiteral("health: %1 -> %2")
                     .arg(healthToDb(before.healthStatus), healthToDb(after.healthStatus));
    if (before.activeDroplets != after.activeDroplets)
        parts << QStringLiteral("active droplets: %1 -> %2")
                     .arg(before.activeDroplets)
                     .arg(after.activeDroplets);
    return parts.isEmpty() ? QStringLiteral("no field changed") : parts.join(QLatin1String("; "));
}

} // namespace AuditDetails

} // namespace dopool
