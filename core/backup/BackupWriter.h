#pragma once

#include "BackupFormat.h"

#include <QFile>
#include <QJsonObject>

namespace dopool {
class SqlSession;
}

namespace dopool::backup {

struct BackupSummary
{
    QString path;
    BackupHeader header;
    QList<TableCount> tables;
    qint64 bytes = 0;
    qint64 elapsedMs = 0;

    qint64 rows() const;
    QJsonObject toJson() const;
};

// Writes every dopool table of the pool behind session to the new file path (mode 0600, never
// over an existing file), in one read-only snapshot: REPEATABLE READ on PostgreSQL, one read
// transaction on SQLite (WAL: writers go on meanwhile). The pool is not migrated or changed;
// its schema version goes into the header. A failure removes the half-written file.
Result<BackupSummary> writeBackup(SqlSession &session, const QString &path);

// Creates path as a new owner-only file (the rule key export follows): an existing file is a
// Usage error, a file system failure a Store error.
Result<void> createPrivateFile(QFile &file);

} // namespace dopool::backup
