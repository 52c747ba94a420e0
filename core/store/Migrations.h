#pragma once

#include "common/Error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace dopool {

class SqlSession;

// One step of the schema history. Steps are applied in version order, each at most once, and
// recorded in dopool_schema_migrations. Released steps never change: append a new one instead.
struct Migration
{
    int version = 0;
    QString description;
    QStringList sqlite;   // statements, run in order
    QStringList postgres; // statements, run in order
};

const QList<Migration> &schemaMigrations();

// Version 4's statements (MigrationCoordination.cpp).
QStringList coordinationSqlite();
QStringList coordinationPostgres();
// Version 5's statements (MigrationKeyFence.cpp).
QStringList keyFenceSqlite();
QStringList keyFencePostgres();
// Version 6 (MigrationLeaderLease.cpp).
QStringList leaderLeaseSqlite();
QStringList leaderLeasePostgres();
// Version 7 statements (MigrationOrderTasks.cpp).
QStringList orderTasksSqlite();
QStringList orderTasksPostgres();
// Version 8 (MigrationOrderIntake.cpp).
QStringList orderIntakeSqlite();
QStringList orderIntakePostgres();
// Refuses (raises) a provisioning_tasks the order-service made in another shape: run by
// versions 2 and 8 before they touch the table. The columns expected, as text for messages.
QString taskShapeCheckPostgres();
QString expectedTaskColumnsText();
int latestSchemaVersion();

// Brings the database up to latestSchemaVersion() in one transaction that concurrent migrators
// wait for (PostgreSQL advisory lock / SQLite BEGIN IMMEDIATE). Does nothing, and takes no
// lock, when the schema is already current. Refuses a schema newer than this binary knows.
Result<void> migrateSchema(SqlSession &session);
// The same, stopping at version target (a restore loads an older backup into the schema it was
// made with, then migrates the rest of the way).
Result<void> migrateSchemaTo(SqlSession &session, int target);
// The highest applied version; 0 for a database without dopool's schema.
Result<int> schemaVersion(SqlSession &session);

} // namespace dopool
