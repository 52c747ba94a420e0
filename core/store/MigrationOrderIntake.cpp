// Schema version 8: the order intake. provisioning_tasks becomes the queue the order-service
// fills (docs/order-service.md): who claimed a row and until when, when a WAITING row is tried
// again, WAITING among the open statuses of the one-open-task-per-order index, and a
// notification on dopool_orders for every new row, status change and deletion.
// Also the check both this step and version 2 make before touching a provisioning_tasks the
// order-service created: a table of another shape is refused, not patched.
#include "Migrations.h"

namespace dopool {

namespace {

// What dopool reads and writes, with the PostgreSQL types each column may have. Prisma's
// String is text (or varchar with @db.VarChar), DateTime timestamp(tz), Int integer.
struct ExpectedColumn
{
    const char *name;
    const char *camelCase; // the name Prisma gives a field without @map
    const char *types;     // information_schema data_type values, '|'-separated
    bool required;         // the order-service's table must have it (else dopool adds it)
};

constexpr ExpectedColumn kTaskColumns[] = {
    {"id", "id", "uuid|text|character varying", true},
    {"order_id", "orderId", "text|character varying", true},
    {"status", "status", "text|character varying", true},
    {"do_account_id", "doAccountId", "uuid", false},
    {"do_region", "doRegion", "text|character varying", false},
    {"do_size", "doSize", "text|character varying", false},
    {"do_image", "doImage", "text|character varying", false},
    {"droplet_name", "dropletName", "text|character varying", false},
    {"tag", "tag", "text|character varying", false},
    {"droplet_id", "dropletId", "bigint|integer", false},
    {"error", "error", "text|character varying", false},
    {"attempts", "attempts", "integer|bigint", false},
    {"is_extra", "isExtra", "boolean", false},
    {"created_at", "createdAt", "timestamp with time zone|timestamp without time zone", false},
    {"updated_at", "updatedAt", "timestamp with time zone|timestamp without time zone", false},
    {"claimed_by", "claimedBy", "text|character varying", false},
    {"claim_expires_at", "claimExpiresAt", "timestamp with time zone|timestamp without time zone",
     false},
    {"next_attempt_at", "nextAttemptAt", "timestamp with time zone|timestamp without time zone",
     false},
};

QString sqlText(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', QStringLiteral("''")) + u'\'';
}

} // namespace

QString expectedTaskColumnsText()
{
    QStringList parts;
    for (const ExpectedColumn &c : kTaskColumns) {
        parts << QStringLiteral("%1 %2").arg(QLatin1String(c.name),
                                             QString::fromLatin1(c.types).section(u'|', 0, 0));
    }
    return parts.join(QStringLiteral(", "));
}

QString taskShapeCheckPostgres()
{
    // Rows (name, camelCase, types, required) checked against information_schema in one DO
    // block; any mismatch raises one exception naming what was expected and what was found.
    QStringList rows;
    for (const ExpectedColumn &c : kTaskColumns) {
        rows << QStringLiteral("(%1, %2, %3, %4)")
                    .arg(sqlText(QLatin1String(c.name)), sqlText(QLatin1String(c.camelCase)),
                         sqlText(QLatin1String(c.types)),
                         c.required ? QStringLiteral("true") : QStringLiteral("false"));
    }
    return QStringLiteral(R"sql(DO $$
    DECLARE
        problems text[] := '{}';
        found text;
        expected record;
        actual text;
    BEGIN
        IF to_regclass(format('%I.provisioning_tasks', current_schema())) IS NULL THEN
            RETURN;
        END IF;
        FOR expected IN SELECT * FROM (VALUES %1) AS e(name, camel, types, required) LOOP
            SELECT data_type INTO actual FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'provisioning_tasks'
                  AND column_name = expected.name;
            IF actual IS NULL AND expected.required THEN
                problems := problems || format('%s is missing', expected.name);
            ELSIF actual IS NOT NULL
                  AND NOT (actual = ANY (string_to_array(expected.types, '|'))) THEN
                problems := problems || format('%s is %s, not %s', expected.name, actual,
                                               replace(expected.types, '|', ' or '));
            END IF;
            IF expected.camel <> expected.name AND EXISTS (
                SELECT 1 FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'provisioning_tasks'
                  AND column_name = expected.camel) THEN
                problems := problems || format('"%s" should be %s (@map("%s") in Prisma)',
                                               expected.camel, expected.name, expected.name);
            END IF;
        END LOOP;
        IF array_length(problems, 1) > 0 THEN
            SELECT string_agg(format('%s %s', quote_ident(column_name), data_type), ', '
                              ORDER BY ordinal_position) INTO found
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'provisioning_tasks';
            RAISE EXCEPTION USING
                MESSAGE = format('provisioning_tasks does not have the columns dopool expects '
                                 '(%s). Expected: %s. Found: %s. Map the order-service''s '
                                 'Prisma model as docs/order-service.md shows; dopool changes '
                                 'nothing in a table of another shape',
                                 array_to_string(problems, '; '), %2, found);
        END IF;
    END $$)sql")
        .arg(rows.join(QStringLiteral(", ")), sqlText(expectedTaskColumnsText()));
}

// The open statuses of the one-open-task-per-order index, as of this step.
const QString kOpenStatuses =
    QStringLiteral("'PENDING', 'WAITING', 'IN_PROGRESS', 'UNCERTAIN', 'CREATED'");

QStringList orderIntakeSqlite()
{
    const QString &open = kOpenStatuses;
    return {
        QStringLiteral("ALTER TABLE provisioning_tasks ADD COLUMN claimed_by TEXT NULL"),
        QStringLiteral("ALTER TABLE provisioning_tasks ADD COLUMN claim_expires_at TEXT NULL"),
        QStringLiteral("ALTER TABLE provisioning_tasks ADD COLUMN next_attempt_at TEXT NULL"),
        QStringLiteral("UPDATE provisioning_tasks SET claimed_by = 'dopool' WHERE tag IS NOT NULL"),
        QStringLiteral("DROP INDEX provisioning_tasks_one_open_per_order_idx"),
        QStringLiteral("CREATE UNIQUE INDEX provisioning_tasks_one_open_per_order_idx "
                       "ON provisioning_tasks (order_id) WHERE is_extra = 0 AND status IN (%1)")
            .arg(open),
        QStringLiteral("CREATE INDEX provisioning_tasks_queue_idx ON provisioning_tasks "
                       "(created_at) WHERE claimed_by IS NULL AND status IN ('PENDING', "
                       "'WAITING')"),
    };
}

QStringList orderIntakePostgres()
{
    const QString &open = kOpenStatuses;
    return {
        taskShapeCheckPostgres(),
        QStringLiteral(R"sql(ALTER TABLE provisioning_tasks
        ADD COLUMN IF NOT EXISTS claimed_by text NULL,
        ADD COLUMN IF NOT EXISTS claim_expires_at timestamptz NULL,
        ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz NULL,
        ALTER COLUMN updated_at SET DEFAULT now())sql"),
        // dopool's own rows from before: they carry its tag.
        QStringLiteral("UPDATE provisioning_tasks SET claimed_by = 'dopool' "
                       "WHERE tag IS NOT NULL AND claimed_by IS NULL"),
        QStringLiteral("DROP INDEX IF EXISTS provisioning_tasks_one_open_per_order_idx"),
        QStringLiteral("CREATE UNIQUE INDEX provisioning_tasks_one_open_per_order_idx "
                       "ON provisioning_tasks (order_id) WHERE NOT is_extra AND status IN (%1)")
            .arg(open),
        QStringLiteral("CREATE INDEX IF NOT EXISTS provisioning_tasks_queue_idx "
                       "ON provisioning_tasks (created_at) "
                       "WHERE claimed_by IS NULL AND status IN ('PENDING', 'WAITING')"),
        // The order-service's channel: which task, which order, its status now. Column values
        // here are no secret (no token is ever in this table).
        QStringLiteral(R"sql(CREATE FUNCTION dopool_notify_order() RETURNS trigger
        LANGUAGE plpgsql AS $$
    DECLARE
        row_data provisioning_tasks;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            row_data := OLD;
        ELSE
            row_data := NEW;
        END IF;
        PERFORM pg_notify('dopool_orders', json_build_object(
            'id', row_data.id::text, 'order_id', row_data.order_id,
            'status', row_data.status)::text);
        RETURN NULL;
    END $$)sql"),
        QStringLiteral("CREATE TRIGGER provisioning_tasks_dopool_orders AFTER INSERT OR DELETE "
                       "ON provisioning_tasks FOR EACH ROW EXECUTE FUNCTION "
                       "dopool_notify_order()"),
        QStringLiteral("CREATE TRIGGER provisioning_tasks_dopool_orders_status AFTER UPDATE OF "
                       "status ON provisioning_tasks FOR EACH ROW WHEN (OLD.status IS DISTINCT "
                       "FROM NEW.status) EXECUTE FUNCTION dopool_notify_order()"),
    };
}

} // namespace dopool
