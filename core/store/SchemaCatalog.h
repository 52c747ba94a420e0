#pragma once

#include "SqlDialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace dopool {

// What each schema version of dopool's own tables holds: the tables in load order (a table's
// foreign keys point only to tables before it), their columns with the version that added
// them, and the indexes, trigger functions and triggers the migrations create. Written down
// once here for the schema check (SchemaCheck.h) and the backup (core/backup); the statements
// that create each object stay in the migrations, found by name (creatingStatement).
enum class ColumnKind
{
    Text,
    Integer,
    Bool,
    Timestamp,
};

struct CatalogColumn
{
    QString name;
    ColumnKind kind = ColumnKind::Text;
    int since = 1;
};

struct CatalogTable
{
    QString name;
    int since = 1;
    QList<CatalogColumn> columns;
    // Holds what only running processes mean (who is online, who leads): backed up for the
    // record, never restored, and recreated empty by the schema check when it is missing.
    bool ephemeral = false;
    // May be recreated empty by the schema check when it is missing (coordination tables).
    bool recreatable = false;
    // id is an identity column on PostgreSQL (its sequence follows a restore).
    bool identityId = false;
};

enum class ObjectType
{
    Index,
    Function, // PostgreSQL only
    Trigger,  // PostgreSQL only
};

struct CatalogObject
{
    ObjectType type = ObjectType::Index;
    QString name;
    QString table; // the table an index or trigger belongs to; empty for a function
    int since = 1;
    bool postgresOnly = false;
};

namespace SchemaCatalog {

// Every dopool table known to this binary, in load order.
const QList<CatalogTable> &tables();
// The tables and columns version `version` has (columns added later left out).
QList<CatalogTable> tablesAt(int version);
const CatalogTable *table(const QString &name);
ColumnKind columnKind(const QString &table, const QString &column);
QString kindName(ColumnKind kind);
ColumnKind kindFromName(const QString &name);

// The indexes, functions and triggers version `version` has on this backend.
QList<CatalogObject> objectsAt(int version, SqlDialect::Kind kind);

// The migration statement that creates table/index/function/trigger `name` on this backend
// (the latest one, when a later step recreates it); a function's statement is made
// CREATE OR REPLACE. Empty when no step creates it.
QString creatingStatement(SqlDialect::Kind kind, const QString &name);

} // namespace SchemaCatalog

} // namespace dopool
