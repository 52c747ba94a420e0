#include "Migrations.h"

#include "SqlSession.h"
#include "common/Logging.h"

#include <QSqlQuery>

namespace dopool {

namespace {

// SQLite keeps timestamps as ISO-8601 UTC text with milliseconds, the same text we bind.
#define DOPOOL_SQLITE_NOW "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"

// --- version 1: accounts and pool metadata ------------------------------------------------
// PostgreSQL: do_accounts is the order-service's Prisma model DoAccount, column for column;
// our extra columns all have defaults or are nullable so the service's INSERTs keep working.
// Everything is IF NOT EXISTS because Prisma may have created the type and table first.

QStringList accountsSqlite()
{
    return {
        QStringLiteral(
            "CREATE TABLE dopool_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
        QStringLiteral(R"sql(CREATE TABLE do_accounts (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        access_token TEXT NOT NULL,
        droplet_limit INTEGER NOT NULL DEFAULT 25,
        active_droplets INTEGER NOT NULL DEFAULT 0,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
        is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
        last_health_check TEXT NULL,
        health_status TEXT NOT NULL DEFAULT 'UNKNOWN'
            CHECK (health_status IN ('HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN')),
        created_at TEXT NOT NULL DEFAULT )sql" DOPOOL_SQLITE_NOW R"sql(,
        updated_at TEXT NOT NULL,
        do_uuid TEXT NULL,
        do_status TEXT NULL,
        do_status_message TEXT NULL,
        last_sync_at TEXT NULL,
        last_error TEXT NULL,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        ratelimit_limit INTEGER NULL,
        ratelimit_remaining INTEGER NULL,
        ratelimit_reset TEXT NULL,
        version INTEGER NOT NULL DEFAULT 1))sql"),
        QStringLiteral("CREATE UNIQUE INDEX do_accounts_name_key ON do_accounts (name)"),
        QStringLiteral(
            "CREATE UNIQUE INDEX do_accounts_single_primary_idx ON do_accounts (is_primary) "
            "WHERE is_primary = 1"),
        QStringLiteral("CREATE INDEX do_accounts_is_active_health_status_idx "
                       "ON do_accounts (is_active, health_status)"),
    };
}

QStringList accountsPostgres()
{
    return {
        QStringLiteral(R"sql(DO $$ BEGIN
        CREATE TYPE "AccountHealth" AS ENUM ('HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN');
    EXCEPTION WHEN duplicate_object THEN NULL;
    END $$)sql"),
        QStringLiteral(R"sql(CREATE TABLE IF NOT EXISTS do_accounts (
        id uuid NOT NULL,
        name varchar(100) NOT NULL,
        email varchar(255) NOT NULL,
        access_token text NOT NULL,
        droplet_limit integer NOT NULL DEFAULT 25,
        active_droplets integer NOT NULL DEFAULT 0,
        is_active boolean NOT NULL DEFAULT true,
        is_primary boolean NOT NULL DEFAULT false,
        last_health_check timestamptz NULL,
        health_status "AccountHealth" NOT NULL DEFAULT 'UNKNOWN',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL,
        CONSTRAINT do_accounts_pkey PRIMARY KEY (id)))sql"),
        QStringLiteral(R"sql(ALTER TABLE do_accounts
        ADD COLUMN IF NOT EXISTS do_uuid text NULL,
        ADD COLUMN IF NOT EXISTS do_status text NULL,
        ADD COLUMN IF NOT EXISTS do_status_message text NULL,
        ADD COLUMN IF NOT EXISTS last_sync_at timestamptz NULL,
        ADD COLUMN IF NOT EXISTS last_error text NULL,
        ADD COLUMN IF NOT EXISTS consecutive_failures integer NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS ratelimit_limit integer NULL,
        ADD COLUMN IF NOT EXISTS ratelimit_remaining integer NULL,
        ADD COLUMN IF NOT EXISTS ratelimit_reset timestamptz NULL,
        ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1)sql"),
        QStringLiteral(
            "CREATE UNIQUE INDEX IF NOT EXISTS do_accounts_name_key ON do_accounts (name)"),
        // The store clears other primaries in the same transaction; this makes two concurrent
        // writers unable to both win.
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS do_accounts_single_primary_idx "
                       "ON do_accounts (is_primary) WHERE is_primary"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS do_accounts_is_active_health_status_idx "
                       "ON do_accounts (is_active, health_status)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS dopool_meta (key text PRIMARY KEY, value text NOT NULL)"),
    };
}

// --- version 2: provisioning tasks ----------------------------------------------------------
// The order-service may own provisioning_tasks already: then we only add the columns we use,
// nullable or with defaults so its own INSERTs keep working, and the FK to do_accounts. A
// table of another shape (Prisma's camelCase columns, other types) is refused first.

QStringList tasksSqlite()
{
    return {
        QStringLiteral(R"sql(CREATE TABLE provisioning_tasks (
        id TEXT PRIMARY KEY NOT NULL,
        order_id TEXT NOT NULL,
        status TEXT NOT NULL,
        do_account_id TEXT NULL REFERENCES do_accounts (id) ON DELETE SET NULL ON UPDATE CASCADE,
        do_region TEXT NULL,
        do_size TEXT NULL,
        do_image TEXT NULL,
        droplet_name TEXT NULL,
        tag TEXT NULL,
        droplet_id INTEGER NULL,
        error TEXT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT )sql" DOPOOL_SQLITE_NOW R"sql(,
        updated_at TEXT NOT NULL))sql"),
        QStringLiteral("CREATE INDEX provisioning_tasks_do_account_id_idx ON provisioning_tasks "
                       "(do_account_id)"),
    };
}

QStringList tasksPostgres()
{
    return {
        taskShapeCheckPostgres(),
        QStringLiteral(R"sql(CREATE TABLE IF NOT EXISTS provisioning_tasks (
        id uuid NOT NULL PRIMARY KEY,
        order_id text NOT NULL,
        status text NOT NULL,
        do_account_id uuid NULL,
        do_region text NULL,
        do_size text NULL,
        do_image text NULL,
        droplet_name text NULL,
        tag text NULL,
        droplet_id bigint NULL,
        error text NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL))sql"),
        QStringLiteral(R"sql(ALTER TABLE provisioning_tasks
        ADD COLUMN IF NOT EXISTS order_id text NULL,
        ADD COLUMN IF NOT EXISTS status text NULL,
        ADD COLUMN IF NOT EXISTS do_account_id uuid NULL,
        ADD COLUMN IF NOT EXISTS do_region text NULL,
        ADD COLUMN IF NOT EXISTS do_size text NULL,
        ADD COLUMN IF NOT EXISTS do_image text NULL,
        ADD COLUMN IF NOT EXISTS droplet_name text NULL,
        ADD COLUMN IF NOT EXISTS tag text NULL,
        ADD COLUMN IF NOT EXISTS droplet_id bigint NULL,
        ADD COLUMN IF NOT EXISTS error text NULL,
        ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now())sql"),
        // The service's table may already carry this FK under another name: add ours only when
        // do_account_id has none.
        QStringLiteral(R"sql(DO $$ BEGIN
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.conrelid = 'provisioning_tasks'::regclass AND c.contype = 'f'
              AND a.attname = 'do_account_id') THEN
            ALTER TABLE provisioning_tasks ADD CONSTRAINT provisioning_tasks_do_account_id_fkey
                FOREIGN KEY (do_account_id) REFERENCES do_accounts (id)
                ON DELETE SET NULL ON UPDATE CASCADE;
        END IF;
    END $$)sql"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS provisioning_tasks_do_account_id_idx "
                       "ON provisioning_tasks (do_account_id)"),
    };
}

// --- version 3: what the engine records -----------------------------------------------------
// History of health and capacity, slot reservations and alerts. These tables are dopool's own
// (the order-service knows nothing of them): created without IF NOT EXISTS, so a foreign table
// of the same name stops the migration instead of being silently adopted.

QStringList engineSqlite()
{
    return {
        QStringLiteral(R"sql(CREATE TABLE account_health_history (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        from_status TEXT NOT NULL
            CHECK (from_status IN ('HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN')),
        to_status TEXT NOT NULL
            CHECK (to_status IN ('HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN')),
        reason TEXT NOT NULL))sql"),
        QStringLiteral("CREATE INDEX account_health_history_account_id_at_idx "
                       "ON account_health_history (account_id, at)"),
        QStringLiteral(R"sql(CREATE TABLE account_capacity_history (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        droplet_limit INTEGER NOT NULL,
        active_droplets INTEGER NOT NULL))sql"),
        QStringLiteral("CREATE INDEX account_capacity_history_account_id_at_idx "
                       "ON account_capacity_history (account_id, at)"),
        QStringLiteral(R"sql(CREATE TABLE droplet_reservations (
        id TEXT PRIMARY KEY NOT NULL,
        account_id TEXT NOT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        task_id TEXT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        confirmed_at TEXT NULL))sql"),
        QStringLiteral("ALTER TABLE do_accounts ADD COLUMN capacity_observed_at TEXT NULL"),
        QStringLiteral("CREATE INDEX droplet_reservations_account_id_expires_at_idx "
                       "ON droplet_reservations (account_id, expires_at)"),
        QStringLiteral(R"sql(CREATE TABLE alerts (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        account_id TEXT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        message TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        raised_at TEXT NOT NULL,
        resolved_at TEXT NULL))sql"),
        // At most one open alert per kind and account ('' = pool-wide), across processes.
        QStringLiteral("CREATE UNIQUE INDEX alerts_one_open_idx "
                       "ON alerts (kind, IFNULL(account_id, '')) WHERE resolved_at IS NULL"),
        QStringLiteral("CREATE INDEX alerts_raised_at_idx ON alerts (raised_at)"),
        QStringLiteral("CREATE INDEX alerts_account_id_idx ON alerts (account_id)"),
    };
}

QStringList enginePostgres()
{
    return {
        QStringLiteral(R"sql(CREATE TABLE account_health_history (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        from_status "AccountHealth" NOT NULL,
        to_status "AccountHealth" NOT NULL,
        reason text NOT NULL))sql"),
        QStringLiteral("CREATE INDEX account_health_history_account_id_at_idx "
                       "ON account_health_history (account_id, at)"),
        QStringLiteral(R"sql(CREATE TABLE account_capacity_history (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        droplet_limit integer NOT NULL,
        active_droplets integer NOT NULL))sql"),
        QStringLiteral("CREATE INDEX account_capacity_history_account_id_at_idx "
                       "ON account_capacity_history (account_id, at)"),
        QStringLiteral(R"sql(CREATE TABLE droplet_reservations (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        task_id uuid NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        confirmed_at timestamptz NULL))sql"),
        QStringLiteral("ALTER TABLE do_accounts ADD COLUMN IF NOT EXISTS capacity_observed_at "
                       "timestamptz NULL"),
        QStringLiteral("CREATE INDEX droplet_reservations_account_id_expires_at_idx "
                       "ON droplet_reservations (account_id, expires_at)"),
        QStringLiteral(R"sql(CREATE TABLE alerts (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        severity text NOT NULL,
        account_id uuid NULL REFERENCES do_accounts (id) ON DELETE CASCADE,
        message text NOT NULL,
        details text NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL,
        resolved_at timestamptz NULL))sql"),
        // At most one open alert per kind and account (the nil uuid = pool-wide), across
        // processes.
        QStringLiteral("CREATE UNIQUE INDEX alerts_one_open_idx ON alerts "
                       "(kind, COALESCE(account_id, '00000000-0000-0000-0000-000000000000'::uuid)) "
                       "WHERE resolved_at IS NULL"),
        QStringLiteral("CREATE INDEX alerts_raised_at_idx ON alerts (raised_at)"),
        QStringLiteral("CREATE INDEX alerts_account_id_idx ON alerts (account_id)"),
    };
}

#undef DOPOOL_SQLITE_NOW

// Bookkeeping table, created before any step so the steps can be recorded.
QString versionTableDdl(SqlDialect::Kind kind)
{
    if (kind == SqlDialect::Kind::Postgres) {
        return QStringLiteral(
            "CREATE TABLE IF NOT EXISTS dopool_schema_migrations (version integer PRIMARY "
            "KEY, description text, applied_at timestamptz NOT NULL DEFAULT now())");
    }
    return QStringLiteral(
        "CREATE TABLE IF NOT EXISTS dopool_schema_migrations (version INTEGER PRIMARY "
        "KEY, description TEXT, applied_at TEXT NOT NULL DEFAULT "
        "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
}

Error newerSchema(int found)
{
    return makeError(
        ErrorKind::Store,
        QStringLiteral("the database schema is version %1, newer than this dopool (which knows "
                       "up to %2); upgrade dopool")
            .arg(found)
            .arg(latestSchemaVersion()));
}

// Highest applied version; 0 for a database we never touched.
Result<int> appliedVersion(SqlSession &session)
{
    const QString doing = QStringLiteral("reading the schema version");
    auto exists = session.exec(session.dialect().tableExistsQuery(),
                               {QStringLiteral("dopool_schema_migrations")}, doing);
    if (!exists)
        return exists.error();
    if (!exists->next())
        return 0;
    auto max = session.exec(
        QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM dopool_schema_migrations"), {},
        doing);
    if (!max)
        return max.error();
    return max->next() ? max->value(0).toInt() : 0;
}

Result<void> applyPending(SqlSession &session, int &from, int target)
{
    const SqlDialect &dialect = session.dialect();
    if (const QString lock = dialect.migrationLock(); !lock.isEmpty()) {
        if (auto locked = session.exec(lock, {kMigrationLockKey},
                                       QStringLiteral("waiting for other migrators"));
            !locked) {
            return locked.error();
        }
    }
    if (auto created = session.execPlain(versionTableDdl(dialect.kind()),
                                         QStringLiteral("creating the schema version table"));
        !created) {
        return created;
    }
    // Again, under the lock: another process may have migrated while we waited.
    auto current = appliedVersion(session);
    if (!current)
        return current.error();
    from = *current;
    if (from > latestSchemaVersion())
        return newerSchema(from);
    for (const Migration &step : schemaMigrations()) {
        if (step.version <= from || step.version > target)
            continue;
        const QString doing = QStringLiteral("applying schema migration %1 (%2)")
                                  .arg(step.version)
                                  .arg(step.description);
        const QStringList &statements =
            dialect.kind() == SqlDialect::Kind::Postgres ? step.postgres : step.sqlite;
        for (const QString &statement : statements) {
            if (auto applied = session.execPlain(statement, doing); !applied)
                return applied;
        }
        auto recorded = session.exec(
            QStringLiteral(
                "INSERT INTO dopool_schema_migrations (version, description) VALUES (?, ?)"),
            {step.version, step.description}, doing);
        if (!recorded)
            return recorded.error();
    }
    return {};
}

} // namespace

const QList<Migration> &schemaMigrations()
{
    // Append new steps at the end with the next version number.
    static const QList<Migration> steps = {
        {1, QStringLiteral("accounts and pool metadata"), accountsSqlite(), accountsPostgres()},
        {2, QStringLiteral("provisioning tasks"), tasksSqlite(), tasksPostgres()},
        {3, QStringLiteral("health and capacity history, reservations, alerts"), engineSqlite(),
         enginePostgres()},
        {4, QStringLiteral("audit log, scheduler rounds, instances, change notifications"),
         coordinationSqlite(), coordinationPostgres()},
        {5, QStringLiteral("change notifications of the pool's key check value"), keyFenceSqlite(),
         keyFencePostgres()},
        {6, QStringLiteral("the leader's lease"), leaderLeaseSqlite(), leaderLeasePostgres()},
        {7, QStringLiteral("one open provisioning task per order"), orderTasksSqlite(),
         orderTasksPostgres()},
        {8, QStringLiteral("order intake"), orderIntakeSqlite(), orderIntakePostgres()},
    };
    return steps;
}

int latestSchemaVersion()
{
    return schemaMigrations().isEmpty() ? 0 : schemaMigrations().constLast().version;
}

Result<int> schemaVersion(SqlSession &session)
{
    return appliedVersion(session);
}

Result<void> migrateSchema(SqlSession &session)
{
    return migrateSchemaTo(session, latestSchemaVersion());
}

Result<void> migrateSchemaTo(SqlSession &session, int target)
{
    // Fast path without any lock: opening an up-to-date pool must not wait for writers.
    auto current = appliedVersion(session);
    if (!current)
        return current.error();
    if (*current > latestSchemaVersion())
        return newerSchema(*current);
    if (*current >= target)
        return {};

    int from = 0;
    auto migrated = session.transaction(
        [&session, &from, target] { return applyPending(session, from, target); },
        QStringLiteral("migrating the schema"));
    if (!migrated)
        return migrated;
    // Creating a new pool is routine; upgrading an existing one is worth a line in the log.
    if (from == 0)
        qCDebug(lcStore) << "created schema version" << target << "in" << session.target();
    else if (from < target)
        qCInfo(lcStore) << "migrated" << session.target() << "from schema version" << from << "to"
                        << target;
    return {};
}

} // namespace dopool
