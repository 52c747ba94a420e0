#pragma once

#include "common/Error.h"
#include "store/SchemaCatalog.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace dopool {
class SqlDialect;
}

namespace dopool::backup {

// A dopool backup is JSON lines (UTF-8, one JSON value per line; docs/operations.md):
//   {"format":"dopool-backup","formatVersion":1,"schemaVersion":8,"keyFingerprint":"ab12-...",
//    "source":"postgresql","createdAt":"2026-12-07T19:30:27.123Z"}
//   {"table":"do_accounts","columns":["id",...],"kinds":["text",...]}
//   ["<id>", ...]                                   one array per row, in the columns' order
//   ...                                             the next table, its rows
//   {"end":true,"rows":123,"tables":{"do_accounts":2,...}}
// Values are backend-neutral: text as strings, integers as numbers, booleans as true/false,
// timestamps as ISO-8601 UTC strings (microseconds from PostgreSQL, milliseconds from
// SQLite), NULL as null. Tokens are the stored ciphertexts; the key is never in the file.
inline constexpr int kFormatVersion = 1;
QString formatName(); // "dopool-backup"

struct BackupHeader
{
    int formatVersion = kFormatVersion;
    int schemaVersion = 0;
    QString keyFingerprint; // empty: the pool had no key check value
    QString source;         // "sqlite" | "postgresql"
    QString createdAt;
};

struct TableCount
{
    QString table;
    qint64 rows = 0;
};

struct TableBlock
{
    QString table;
    QStringList columns;
    QList<ColumnKind> kinds;
};

// What readBackup hands its visitor, in file order. Returning an error stops the read.
struct BackupVisitor
{
    std::function<Result<void>(const BackupHeader &)> header;
    std::function<Result<void>(const TableBlock &)> table;
    std::function<Result<void>(const TableBlock &, const QJsonArray &)> row;
};

// Reads path from start to end, checking its shape as it goes: the header first, every row
// inside a table and as long as its columns, the end line last with counts that match. A file
// that is not a dopool backup, is truncated or damaged is an error (Validation) naming the
// line; the visitor's own errors pass through unchanged.
Result<QList<TableCount>> readBackup(const QString &path, const BackupVisitor &visitor);

// Just the header (the first line), for naming the key a restore needs.
Result<BackupHeader> readBackupHeader(const QString &path);

// The value the database gets for a backup value of this kind (typed NULLs included;
// timestamps as ISO-8601 text, cut to milliseconds for SQLite).
QVariant databaseValue(const QJsonValue &value, ColumnKind kind, const SqlDialect &dialect);

} // namespace dopool::backup
