// Schema version 5: one droplet per order. A task for an order that is not a deliberate extra
// (provision --another) is unique among the open ones (PENDING, IN_PROGRESS, UNCERTAIN,
// CREATED): two provisioners of the same order - threads, processes, hosts on one PostgreSQL -
// cannot both insert one, so at most one of them ever sends a create.
#include "Migrations.h"

namespace dopool {

namespace {

// Rows that would break the new index (the very duplicates it prevents, made before it
// existed) are kept, and marked as extras: the oldest open task of each order stays the one.
QString markEarlierDuplicates(const QString &isExtra, const QString &no)
{
    return QStringLiteral(R"sql(UPDATE provisioning_tasks SET %1
        WHERE %2 AND status IN ('PENDING', 'IN_PROGRESS', 'UNCERTAIN', 'CREATED')
          AND EXISTS (
            SELECT 1 FROM provisioning_tasks earlier
            WHERE earlier.order_id = provisioning_tasks.order_id
              AND earlier.status IN ('PENDING', 'IN_PROGRESS', 'UNCERTAIN', 'CREATED')
              AND earlier.id <> provisioning_tasks.id
              AND (earlier.created_at < provisioning_tasks.created_at
                   OR (earlier.created_at = provisioning_tasks.created_at
                       AND earlier.id < provisioning_tasks.id))))sql")
        .arg(isExtra, no);
}

} // namespace

QStringList orderTasksSqlite()
{
    return {
        QStringLiteral("ALTER TABLE provisioning_tasks ADD COLUMN is_extra INTEGER NOT NULL "
                       "DEFAULT 0 CHECK (is_extra IN (0, 1))"),
        markEarlierDuplicates(QStringLiteral("is_extra = 1"), QStringLiteral("is_extra = 0")),
        QStringLiteral("CREATE UNIQUE INDEX provisioning_tasks_one_open_per_order_idx "
                       "ON provisioning_tasks (order_id) WHERE is_extra = 0 AND status IN "
                       "('PENDING', 'IN_PROGRESS', 'UNCERTAIN', 'CREATED')"),
        QStringLiteral(
            "CREATE INDEX provisioning_tasks_order_id_idx ON provisioning_tasks (order_id)"),
        QStringLiteral("CREATE INDEX provisioning_tasks_status_idx ON provisioning_tasks (status)"),
    };
}

QStringList orderTasksPostgres()
{
    return {
        QStringLiteral("ALTER TABLE provisioning_tasks ADD COLUMN IF NOT EXISTS is_extra boolean "
                       "NOT NULL DEFAULT false"),
        markEarlierDuplicates(QStringLiteral("is_extra = true"), QStringLiteral("NOT is_extra")),
        QStringLiteral(
            "CREATE UNIQUE INDEX IF NOT EXISTS provisioning_tasks_one_open_per_order_idx "
            "ON provisioning_tasks (order_id) WHERE NOT is_extra AND status IN "
            "('PENDING', 'IN_PROGRESS', 'UNCERTAIN', 'CREATED')"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS provisioning_tasks_order_id_idx "
                       "ON provisioning_tasks (order_id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS provisioning_tasks_status_idx "
                       "ON provisioning_tasks (status)"),
    };
}

} // namespace dopool
