#include "SchemaCheck.h"

#include "Migrations.h"
#include "SqlSession.h"
#include "common/Logging.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace dopool {

namespace {

using Type = MissingObject::Type;

// What the database has: table -> columns, and the names of indexes, functions, triggers.
struct Present
{
    QHash<QString, QSet<QString>> columns;
    QSet<QString> indexes;
    QSet<QString> functions;
    QSet<QString> triggers;
};

// Two catalogue queries on PostgreSQL (columns; indexes, functions and triggers), two on SQLite.
Result<Present> readPresent(SqlSession &session)
{
    const bool pg = session.dialect().kind() == SqlDialect::Kind::Postgres;
    const QString doing = QStringLiteral("checking the schema");
    const QString columnsSql =
        pg ? QStringLiteral("SELECT c.relname, a.attname FROM pg_class c "
                            "JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT "
                            "a.attisdropped "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')")
           : QStringLiteral("SELECT m.name, p.name FROM sqlite_master m "
                            "JOIN pragma_table_info(m.name) p WHERE m.type = 'table'");
    auto columns = session.exec(columnsSql, {}, doing);
    if (!columns)
        return columns.error();
    Present present;
    while (columns->next())
        present.columns[columns->value(0).toString()].insert(columns->value(1).toString());

    const QString objectsSql =
        pg ? QStringLiteral(
                 "SELECT 'index', c.relname FROM pg_class c JOIN pg_namespace n "
                 "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'i' "
                 "UNION ALL SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n "
                 "ON n.oid = p.pronamespace WHERE n.nspname = current_schema() "
                 "UNION ALL SELECT 'trigger', t.tgname FROM pg_trigger t JOIN pg_class c "
                 "ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = current_schema() AND NOT t.tgisinternal")
           : QStringLiteral("SELECT type, name FROM sqlite_master WHERE type IN ('index', "
                            "'trigger')");
    auto objects = session.exec(objectsSql, {}, doing);
    if (!objects)
        return objects.error();
    while (objects->next()) {
        const QString type = objects->value(0).toString();
        const QString name = objects->value(1).toString();
        if (type == QLatin1String("index"))
            present.indexes.insert(name);
        else if (type == QLatin1String("function"))
            present.functions.insert(name);
        else
            present.triggers.insert(name);
    }
    return present;
}

SchemaReport compare(const Present &present, int version, SqlDialect::Kind kind)
{
    SchemaReport report;
    report.version = version;
    QSet<QString> recreatedTables;
    for (const CatalogTable &table : SchemaCatalog::tablesAt(version)) {
        const auto found = present.columns.constFind(table.name);
        if (found == present.columns.cend()) {
            report.missing << MissingObject{Type::Table, table.name, table.name, table.recreatable};
            if (table.recreatable)
                recreatedTables.insert(table.name);
            continue;
        }
        for (const CatalogColumn &column : table.columns) {
            if (!found->contains(column.name))
                report.missing << MissingObject{Type::Column, column.name, table.name, false};
        }
    }
    const QSet<QString> missingTables = [&report] {
        QSet<QString> names;
        for (const MissingObject &m : report.missing) {
            if (m.type == Type::Table)
                names.insert(m.name);
        }
        return names;
    }();
    for (const CatalogObject &object : SchemaCatalog::objectsAt(version, kind)) {
        bool exists = false;
        Type type = Type::Index;
        switch (object.type) {
        case ObjectType::Index:
            exists = present.indexes.contains(object.name);
            break;
        case ObjectType::Function:
            type = Type::Function;
            exists = present.functions.contains(object.name);
            break;
        case ObjectType::Trigger:
            type = Type::Trigger;
            exists = present.triggers.contains(object.name);
            break;
        }
        if (exists)
            continue;
        // An index or trigger of a table that is itself missing comes back with that table,
        // or not at all.
        const bool tableMissing = missingTables.contains(object.table);
        if (tableMissing && !recreatedTables.contains(object.table))
            continue;
        report.missing << MissingObject{type, object.name, object.table, true};
    }
    return report;
}

QString statementFor(SqlDialect::Kind kind, const MissingObject &missing)
{
    return SchemaCatalog::creatingStatement(kind, missing.name);
}

Result<void> repair(SqlSession &session, SchemaReport &report)
{
    const SqlDialect::Kind kind = session.dialect().kind();
    return session.transaction(
        [&session, &report, kind]() -> Result<void> {
            if (const QString lock = session.dialect().migrationLock(); !lock.isEmpty()) {
                if (auto locked = session.exec(lock, {kMigrationLockKey},
                                               QStringLiteral("waiting for other migrators"));
                    !locked) {
                    return locked.error();
                }
            }
            // Again under the lock: another process may have repaired meanwhile.
            auto present = readPresent(session);
            if (!present)
                return present.error();
            SchemaReport now = compare(*present, report.version, kind);
            now.target = report.target;
            if (!now.repairable())
                return SchemaCheck::refusal(now);
            for (const MissingObject &missing : now.missing) {
                const QString statement = statementFor(kind, missing);
                if (statement.isEmpty())
                    return SchemaCheck::refusal(now);
                if (auto done = session.execPlain(
                        statement, QStringLiteral("recreating %1").arg(missing.describe()));
                    !done) {
                    return done;
                }
                report.repaired << missing.describe();
            }
            report.missing.clear();
            return {};
        },
        QStringLiteral("repairing the schema"));
}

QString typeName(Type type)
{
    switch (type) {
    case Type::Table:
        return QStringLiteral("table");
    case Type::Column:
        return QStringLiteral("column");
    case Type::Index:
        return QStringLiteral("index");
    case Type::Function:
        return QStringLiteral("function");
    case Type::Trigger:
        return QStringLiteral("trigger");
    }
    return {};
}

} // namespace

QString MissingObject::describe() const
{
    switch (type) {
    case Type::Column:
        return QStringLiteral("column %1.%2").arg(table, name);
    case Type::Function:
        return QStringLiteral("function %1()").arg(name);
    case Type::Table:
        return QStringLiteral("table %1").arg(name);
    case Type::Index:
    case Type::Trigger:
        break;
    }
    return QStringLiteral("%1 %2 on %3").arg(typeName(type), name, table);
}

bool SchemaReport::repairable() const
{
    return std::all_of(missing.cbegin(), missing.cend(),
                       [](const MissingObject &m) { return m.repairable; });
}

QJsonObject SchemaReport::toJson() const
{
    QJsonArray missingJson;
    for (const MissingObject &m : missing) {
        missingJson.append(QJsonObject{{QStringLiteral("type"), typeName(m.type)},
                                       {QStringLiteral("name"), m.name},
                                       {QStringLiteral("table"), m.table},
                                       {QStringLiteral("repairable"), m.repairable}});
    }
    return QJsonObject{{QStringLiteral("database"), target},
                       {QStringLiteral("schemaVersion"), version},
                       {QStringLiteral("complete"), complete()},
                       {QStringLiteral("missing"), missingJson},
                       {QStringLiteral("repaired"), QJsonArray::fromStringList(repaired)}};
}

namespace SchemaCheck {

Result<int> recordedVersion(SqlSession &session)
{
    return schemaVersion(session);
}

Result<SchemaReport> inspect(SqlSession &session)
{
    auto version = schemaVersion(session);
    if (!version)
        return version.error();
    auto present = readPresent(session);
    if (!present)
        return present.error();
    SchemaReport report = compare(*present, *version, session.dialect().kind());
    report.target = session.target();
    return report;
}

Result<SchemaReport> ensure(SqlSession &session)
{
    auto report = inspect(session);
    if (!report || report->complete())
        return report;
    if (!report->repairable())
        return refusal(*report);
    if (auto repaired = repair(session, report.value()); !repaired)
        return repaired.error();
    if (!report->repaired.isEmpty()) {
        // Critical, not a warning: the command line shows no warnings, and this must be seen.
        qCCritical(lcStore).noquote()
            << QStringLiteral("repaired the schema of %1 (version %2): recreated %3")
                   .arg(report->target)
                   .arg(report->version)
                   .arg(report->repaired.join(QStringLiteral(", ")));
    }
    return report;
}

Error refusal(const SchemaReport &report)
{
    QStringList unrepairable;
    for (const MissingObject &m : report.missing) {
        if (!m.repairable)
            unrepairable << m.describe();
    }
    if (unrepairable.isEmpty()) {
        for (const MissingObject &m : report.missing)
            unrepairable << m.describe();
    }
    return makeError(
        ErrorKind::Store,
        QStringLiteral("the database %1 records schema version %2 but lacks %3; it was "
                       "restored or changed incompletely and dopool will not use it. Restore "
                       "it with 'dopool-cli restore' from a dopool backup (docs/operations.md)")
            .arg(report.target)
            .arg(report.version)
            .arg(unrepairable.join(QStringLiteral(", "))));
}

} // namespace SchemaCheck

} // namespace dopool
