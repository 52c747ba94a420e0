#include "SchemaCatalog.h"

#include "Migrations.h"

#include <QRegularExpression>

namespace dopool {

namespace {

constexpr ColumnKind T = ColumnKind::Text;
constexpr ColumnKind I = ColumnKind::Integer;
constexpr ColumnKind B = ColumnKind::Bool;
constexpr ColumnKind TS = ColumnKind::Timestamp;

CatalogColumn col(const char *name, ColumnKind kind, int since = 0)
{
    return CatalogColumn{QString::fromLatin1(name), kind, since};
}

CatalogTable makeTable(const char *name, int since, QList<CatalogColumn> columns)
{
    CatalogTable table;
    table.name = QString::fromLatin1(name);
    table.since = since;
    for (CatalogColumn &c : columns) {
        if (c.since == 0)
            c.since = since;
    }
    table.columns = std::move(columns);
    return table;
}

QList<CatalogTable> buildTables()
{
    QList<CatalogTable> tables;
    tables << makeTable("dopool_meta", 1, {col("key", T), col("value", T)});
    tables << makeTable("do_accounts", 1,
                        {col("id", T),
                         col("name", T),
                         col("email", T),
                         col("access_token", T),
                         col("droplet_limit", I),
                         col("active_droplets", I),
                         col("is_active", B),
                         col("is_primary", B),
                         col("last_health_check", TS),
                         col("health_status", T),
                         col("created_at", TS),
                         col("updated_at", TS),
                         col("do_uuid", T),
                         col("do_status", T),
                         col("do_status_message", T),
                         col("last_sync_at", TS),
                         col("last_error", T),
                         col("consecutive_failures", I),
                         col("ratelimit_limit", I),
                         col("ratelimit_remaining", I),
                         col("ratelimit_reset", TS),
                         col("version", I),
                         col("capacity_observed_at", TS, 3)});
    tables << makeTable(
        "provisioning_tasks", 2,
        {col("id", T), col("order_id", T), col("status", T), col("do_account_id", T),
         col("do_region", T), col("do_size", T), col("do_image", T), col("droplet_name", T),
         col("tag", T), col("droplet_id", I), col("error", T), col("attempts", I),
         col("created_at", TS), col("updated_at", TS), col("is_extra", B, 7),
         col("claimed_by", T, 8), col("claim_expires_at", TS, 8), col("next_attempt_at", TS, 8)});
    CatalogTable health = makeTable("account_health_history", 3,
                                    {col("id", I), col("account_id", T), col("at", TS),
                                     col("from_status", T), col("to_status", T), col("reason", T)});
    health.identityId = true;
    tables << health;
    CatalogTable capacity = makeTable("account_capacity_history", 3,
                                      {col("id", I), col("account_id", T), col("at", TS),
                                       col("droplet_limit", I), col("active_droplets", I)});
    capacity.identityId = true;
    tables << capacity;
    tables << makeTable("droplet_reservations", 3,
                        {col("id", T), col("account_id", T), col("task_id", T),
                         col("created_at", TS), col("expires_at", TS), col("confirmed_at", TS)});
    tables << makeTable("alerts", 3,
                        {col("id", T), col("kind", T), col("severity", T), col("account_id", T),
                         col("message", T), col("details", T), col("raised_at", TS),
                         col("resolved_at", TS)});
    CatalogTable audit = makeTable("audit_log", 4,
                                   {col("id", I), col("at", TS), col("os_user", T), col("host", T),
                                    col("instance_id", T), col("action", T), col("account_id", T),
                                    col("account_name", T), col("details", T)});
    audit.identityId = true;
    // Its rows are history, not state the pool needs to work: a lost audit_log is recreated
    // empty (the repair line says the earlier entries are gone) rather than leaving every
    // write failing.
    audit.recreatable = true;
    tables << audit;
    CatalogTable rounds = makeTable("scheduler_rounds", 4,
                                    {col("round", T), col("due_at", TS), col("last_started_at", TS),
                                     col("last_instance", T), col("runs", I)});
    rounds.recreatable = true;
    tables << rounds;
    CatalogTable instances =
        makeTable("pool_instances", 4,
                  {col("instance_id", T), col("os_user", T), col("host", T), col("pid", I),
                   col("backend_pid", I), col("started_at", TS), col("last_seen", TS)});
    instances.recreatable = true;
    instances.ephemeral = true;
    tables << instances;
    CatalogTable lease =
        makeTable("leader_lease", 6,
                  {col("id", I), col("instance_id", T), col("backend_pid", I), col("epoch", I),
                   col("acquired_at", TS), col("renewed_at", TS), col("expires_at", TS)});
    lease.recreatable = true;
    lease.ephemeral = true;
    tables << lease;
    return tables;
}

CatalogObject object(ObjectType type, const char *name, const char *table, int since,
                     bool postgresOnly = false)
{
    return CatalogObject{type, QString::fromLatin1(name), QString::fromLatin1(table), since,
                         postgresOnly};
}

QList<CatalogObject> buildObjects()
{
    constexpr ObjectType X = ObjectType::Index;
    constexpr ObjectType F = ObjectType::Function;
    constexpr ObjectType G = ObjectType::Trigger;
    return {
        object(X, "do_accounts_name_key", "do_accounts", 1),
        object(X, "do_accounts_single_primary_idx", "do_accounts", 1),
        object(X, "do_accounts_is_active_health_status_idx", "do_accounts", 1),
        object(X, "provisioning_tasks_do_account_id_idx", "provisioning_tasks", 2),
        object(X, "account_health_history_account_id_at_idx", "account_health_history", 3),
        object(X, "account_capacity_history_account_id_at_idx", "account_capacity_history", 3),
        object(X, "droplet_reservations_account_id_expires_at_idx", "droplet_reservations", 3),
        object(X, "alerts_one_open_idx", "alerts", 3),
        object(X, "alerts_raised_at_idx", "alerts", 3),
        object(X, "alerts_account_id_idx", "alerts", 3),
        object(X, "audit_log_at_idx", "audit_log", 4),
        object(X, "audit_log_account_id_at_idx", "audit_log", 4),
        object(X, "provisioning_tasks_one_open_per_order_idx", "provisioning_tasks", 7),
        object(X, "provisioning_tasks_order_id_idx", "provisioning_tasks", 7),
        object(X, "provisioning_tasks_status_idx", "provisioning_tasks", 7),
        object(X, "provisioning_tasks_queue_idx", "provisioning_tasks", 8),
        // Functions before the triggers that call them: repairs run in this order.
        object(F, "dopool_notify_change", "", 4, true),
        object(F, "dopool_notify_meta_change", "", 5, true),
        object(F, "dopool_notify_order", "", 8, true),
        object(G, "do_accounts_dopool_notify", "do_accounts", 4, true),
        object(G, "provisioning_tasks_dopool_notify", "provisioning_tasks", 4, true),
        object(G, "alerts_dopool_notify", "alerts", 4, true),
        object(G, "audit_log_dopool_notify", "audit_log", 4, true),
        object(G, "dopool_meta_dopool_notify", "dopool_meta", 5, true),
        object(G, "provisioning_tasks_dopool_orders", "provisioning_tasks", 8, true),
        object(G, "provisioning_tasks_dopool_orders_status", "provisioning_tasks", 8, true),
    };
}

} // namespace

namespace SchemaCatalog {

const QList<CatalogTable> &tables()
{
    static const QList<CatalogTable> all = buildTables();
    return all;
}

QList<CatalogTable> tablesAt(int version)
{
    QList<CatalogTable> result;
    for (CatalogTable table : tables()) {
        if (table.since > version)
            continue;
        table.columns.removeIf([version](const CatalogColumn &c) { return c.since > version; });
        result << table;
    }
    return result;
}

const CatalogTable *table(const QString &name)
{
    for (const CatalogTable &t : tables()) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

ColumnKind columnKind(const QString &tableName, const QString &column)
{
    if (const CatalogTable *t = table(tableName)) {
        for (const CatalogColumn &c : t->columns) {
            if (c.name == column)
                return c.kind;
        }
    }
    return ColumnKind::Text;
}

QString kindName(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Integer:
        return QStringLiteral("integer");
    case ColumnKind::Bool:
        return QStringLiteral("bool");
    case ColumnKind::Timestamp:
        return QStringLiteral("timestamp");
    case ColumnKind::Text:
        break;
    }
    return QStringLiteral("text");
}

ColumnKind kindFromName(const QString &name)
{
    for (ColumnKind kind : {ColumnKind::Integer, ColumnKind::Bool, ColumnKind::Timestamp}) {
        if (kindName(kind) == name)
            return kind;
    }
    return ColumnKind::Text;
}

QList<CatalogObject> objectsAt(int version, SqlDialect::Kind kind)
{
    static const QList<CatalogObject> all = buildObjects();
    QList<CatalogObject> result;
    for (const CatalogObject &o : all) {
        if (o.since <= version && (!o.postgresOnly || kind == SqlDialect::Kind::Postgres))
            result << o;
    }
    return result;
}

QString creatingStatement(SqlDialect::Kind kind, const QString &name)
{
    const QRegularExpression creates(
        QStringLiteral("^\\s*CREATE\\s+(UNIQUE\\s+)?(TABLE|INDEX|FUNCTION|TRIGGER)\\s+"
                       "(IF\\s+NOT\\s+EXISTS\\s+)?%1\\b")
            .arg(QRegularExpression::escape(name)));
    QString found;
    for (const Migration &step : schemaMigrations()) {
        const QStringList &statements =
            kind == SqlDialect::Kind::Postgres ? step.postgres : step.sqlite;
        for (const QString &statement : statements) {
            if (creates.match(statement).hasMatch())
                found = statement;
        }
    }
    static const QRegularExpression function(QStringLiteral("^\\s*CREATE\\s+FUNCTION\\b"));
    found.replace(function, QStringLiteral("CREATE OR REPLACE FUNCTION"));
    return found;
}

} // namespace SchemaCatalog

} // namespace dopool
