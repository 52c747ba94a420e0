#pragma once

#include "SchemaCatalog.h"
#include "common/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace dopool {

class SqlSession;

// One object the recorded schema version implies and the database does not have.
struct MissingObject
{
    enum class Type
    {
        Table,
        Column,
        Index,
        Function,
        Trigger
    };
    Type type = Type::Table;
    QString name;
    QString table; // a column's, index's or trigger's table
    bool repairable = false;

    QString describe() const; // "table audit_log", "column provisioning_tasks.claimed_by", ...
};

struct SchemaReport
{
    QString target;  // the database, as in messages
    int version = 0; // the recorded schema version
    QList<MissingObject> missing;
    QStringList repaired; // what a repair recreated, described

    bool complete() const { return missing.isEmpty(); }
    bool repairable() const;
    QJsonObject toJson() const;
};

// Every process that opens a pool runs ensureSchema after the migrations: the tables, columns,
// indexes, trigger functions and triggers the recorded version implies (SchemaCatalog) are
// looked up in two catalogue queries. What is missing and safe to recreate (a trigger, a
// trigger function, an index, an empty coordination table) is recreated in one transaction
// under the migration lock, with one log line naming it; anything else (a table holding the
// pool's data, a column) refuses the pool with one error naming every missing object.
// Nothing the order-service owns is altered: only dopool's own objects are ever created.
namespace SchemaCheck {

// What is missing, without changing anything (dopool-cli db check without repairs).
Result<SchemaReport> inspect(SqlSession &session);
// inspect, then repair what is repairable. Refuses (ErrorKind::Store) when anything
// unrepairable is missing; repairs nothing then.
Result<SchemaReport> ensure(SqlSession &session);
// The refusal for a report with unrepairable gaps.
Error refusal(const SchemaReport &report);
// The recorded schema version (0: no dopool schema).
Result<int> recordedVersion(SqlSession &session);

} // namespace SchemaCheck

} // namespace dopool
