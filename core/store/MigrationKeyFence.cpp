// Schema version 5: running instances hear of a key rotation at once. The key check value
// lives in dopool_meta; its changes are announced on the change feed like account changes,
// with the meta key as the row id (never the value).
#include "Migrations.h"

namespace dopool {

QStringList keyFenceSqlite()
{
    // One instance per SQLite file: nobody to tell. Fenced writes check the value anyway.
    return {};
}

QStringList keyFencePostgres()
{
    return {
        QStringLiteral(R"sql(CREATE FUNCTION dopool_notify_meta_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
    DECLARE
        meta_key text;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            meta_key := OLD.key;
        ELSE
            meta_key := NEW.key;
        END IF;
        PERFORM pg_notify('dopool_changes', json_build_object(
            'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'id', meta_key)::text);
        RETURN NULL;
    END $$)sql"),
        QStringLiteral("CREATE TRIGGER dopool_meta_dopool_notify AFTER INSERT OR UPDATE OR "
                       "DELETE ON dopool_meta FOR EACH ROW EXECUTE FUNCTION "
                       "dopool_notify_meta_change()"),
    };
}

} // namespace dopool
