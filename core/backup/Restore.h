#pragma once

#include "BackupFormat.h"
#include "store/SchemaCheck.h"

#include <QJsonObject>

namespace dopool {
class SqlSession;
}

namespace dopool::backup {

struct RestoreOptions
{
    // Replace a pool that is not empty (never while other instances are online).
    bool replace = false;
    // The fingerprint of the key this process has; a backup of another key's pool is refused
    // before anything is written. Empty: no key (only a backup without tokens' key is taken).
    QString keyFingerprint;
    // An instance seen within this many seconds is online (coord::Leadership's window).
    int onlineWindowSecs = 15;
};

struct RestoreSummary
{
    QString path;
    BackupHeader header;
    QList<TableCount> restored; // rows loaded per table
    QStringList skipped;        // tables kept in the file but not restored (who is online)
    int schemaVersion = 0;      // of the pool after the restore
    bool replaced = false;

    qint64 rows() const;
    QJsonObject toJson() const;
};

// Restores the backup at path into the database behind target:
//  1. reads the whole file first (a damaged or truncated file restores nothing) and refuses a
//     newer schema version or another key's backup, naming both fingerprints;
//  2. refuses a pool with rows unless options.replace, and then while instances are online;
//  3. creates the schema through the migrations up to the backup's version, loads every row in
//     one transaction (identity sequences follow), then migrates the rest of the way. A
//     target already at another version gets the backup upgraded first through a scratch
//     SQLite file (restore, migrate, back up again).
// Ends with the schema check, so the restored pool is complete or the restore fails.
Result<RestoreSummary> restoreBackup(SqlSession &target, const QString &path,
                                     const RestoreOptions &options);

} // namespace dopool::backup
