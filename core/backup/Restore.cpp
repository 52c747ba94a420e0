#include "Restore.h"

#include "BackupWriter.h"
#include "common/Clock.h"
#include "store/Migrations.h"
#include "store/SqlSession.h"
#include "store/StoreFactory.h"

#include <QJsonArray>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <optional>

namespace dopool::backup {

namespace {

// A multi-row INSERT stays under SQLite's smallest bound-parameter limit (999).
constexpr int kMaxParameters = 900;

// The tables whose rows make a pool "not empty" (metadata and round schedules do not).
bool holdsPoolData(const CatalogTable &table)
{
    return !table.ephemeral && table.name != QLatin1String("dopool_meta") &&
           table.name != QLatin1String("scheduler_rounds");
}

Result<qint64> countRows(SqlSession &session, const QString &table)
{
    auto counted = session.exec(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table), {},
                                QStringLiteral("looking into the pool"));
    if (!counted)
        return counted.error();
    return counted->next() ? counted->value(0).toLongLong() : 0;
}

// "3 do_accounts, 12 audit_log" for the tables with rows; empty when the pool is empty.
Result<QStringList> poolContents(SqlSession &session, int version)
{
    QStringList contents;
    for (const CatalogTable &table : SchemaCatalog::tablesAt(version)) {
        if (!holdsPoolData(table))
            continue;
        auto rows = countRows(session, table.name);
        if (!rows)
            return rows.error();
        if (*rows > 0)
            contents << QStringLiteral("%1 %2").arg(*rows).arg(table.name);
    }
    return contents;
}

Result<void> refuseOnlineInstances(SqlSession &session, int windowSecs)
{
    if (session.dialect().kind() != SqlDialect::Kind::Postgres)
        return {}; // SQLite keeps no register of instances (docs: close the desktop first)
    auto online = session.exec(QStringLiteral("SELECT count(*) FROM pool_instances WHERE "
                                              "last_seen > now() - make_interval(secs => ?)"),
                               {double(windowSecs)}, QStringLiteral("looking for instances"));
    if (!online)
        return online.error();
    const int count = online->next() ? online->value(0).toInt() : 0;
    if (count > 0) {
        return makeError(ErrorKind::Conflict,
                         QStringLiteral("%1 dopool instance(s) are online on %2; stop every "
                                        "desktop and serve of this pool before restore --replace")
                             .arg(count)
                             .arg(session.target()));
    }
    return {};
}

class Loader
{
public:
    Loader(SqlSession &session, int version)
        : m_session(session)
        , m_version(version)
    {}

    Result<void> clear()
    {
        const QList<CatalogTable> tables = SchemaCatalog::tablesAt(m_version);
        for (auto it = tables.crbegin(); it != tables.crend(); ++it) {
            if (it->ephemeral)
                continue;
            if (auto ok = m_session.execPlain(QStringLiteral("DELETE FROM \"%1\"").arg(it->name),
                                              QStringLiteral("emptying %1").arg(it->name));
                !ok) {
                return ok;
            }
        }
        return {};
    }

    Result<void> table(const TableBlock &block)
    {
        if (auto ok = flush(); !ok)
            return ok;
        const CatalogTable *known = SchemaCatalog::table(block.table);
        m_skipping = known && known->ephemeral;
        if (m_skipping) {
            m_skipped << block.table;
            return {};
        }
        if (!known || known->since > m_version) {
            return makeError(ErrorKind::Validation,
                             QStringLiteral("the backup holds table %1, which schema version %2 "
                                            "does not have")
                                 .arg(block.table)
                                 .arg(m_version));
        }
        auto shape =
            m_session.exec(QStringLiteral("SELECT * FROM \"%1\" WHERE 1 = 0").arg(block.table), {},
                           QStringLiteral("reading the columns of %1").arg(block.table));
        if (!shape)
            return shape.error();
        const QSqlRecord record = shape->record();
        QStringList unknown;
        for (const QString &column : block.columns) {
            if (!record.contains(column))
                unknown << column;
        }
        if (!unknown.isEmpty()) {
            return makeError(
                ErrorKind::Store,
                QStringLiteral("%1 in %2 has no column %3 that the backup holds; "
                               "nothing was restored")
                    .arg(block.table, m_session.target(), unknown.join(QStringLiteral(", "))));
        }
        m_restored << TableCount{block.table, 0};
        QStringList quoted;
        for (const QString &column : block.columns)
            quoted << u'"' + column + u'"';
        m_insertHead = QStringLiteral("INSERT INTO \"%1\" (%2) VALUES ")
                           .arg(block.table, quoted.join(QStringLiteral(", ")));
        m_rowPlaceholders =
            u'(' + QStringList(block.columns.size(), QStringLiteral("?")).join(u',') + u')';
        m_rowsPerInsert = qMax(1, kMaxParameters / int(block.columns.size()));
        m_chunk.reset();
        m_identity = known->identityId;
        m_table = block.table;
        return {};
    }

    Result<void> row(const TableBlock &block, const QJsonArray &values)
    {
        if (m_skipping)
            return {};
        for (qsizetype i = 0; i < values.size(); ++i)
            m_pending << databaseValue(values.at(i), block.kinds.at(i), m_session.dialect());
        ++m_pendingRows;
        ++m_restored.last().rows;
        if (m_pendingRows >= m_rowsPerInsert)
            return flush();
        return {};
    }

    Result<void> finish() { return flush(); }

    const QList<TableCount> &restored() const { return m_restored; }
    const QStringList &skipped() const { return m_skipped; }

private:
    Result<void> flush()
    {
        if (m_pendingRows == m_rowsPerInsert) {
            if (auto ok = insertFullChunk(); !ok)
                return ok;
        } else if (m_pendingRows > 0) {
            const QString sql =
                m_insertHead +
                QStringList(m_pendingRows, m_rowPlaceholders).join(QStringLiteral(", "));
            auto inserted =
                m_session.exec(sql, m_pending, QStringLiteral("restoring %1").arg(m_table));
            if (!inserted)
                return inserted.error();
        }
        m_pending.clear();
        m_pendingRows = 0;
        if (m_identity && m_session.dialect().kind() == SqlDialect::Kind::Postgres) {
            // The identity goes on after the restored ids, or the next insert collides.
            m_identity = false;
            auto moved = m_session.exec(
                QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                               "COALESCE((SELECT MAX(id) FROM \"%1\"), 0) + 1, false)")
                    .arg(m_table),
                {}, QStringLiteral("moving the ids of %1 on").arg(m_table));
            if (!moved)
                return moved.error();
        }
        return {};
    }

    // Full chunks all have the same statement: prepared once per table (compiling a
    // multi-row INSERT is most of the work on SQLite; on PostgreSQL it saves a PREPARE and a
    // DEALLOCATE per chunk).
    Result<void> insertFullChunk()
    {
        const QString doing = QStringLiteral("restoring %1").arg(m_table);
        if (!m_chunk) {
            m_chunk.emplace(m_session.database());
            const QString sql =
                m_insertHead +
                QStringList(m_rowsPerInsert, m_rowPlaceholders).join(QStringLiteral(", "));
            if (!m_chunk->prepare(sql))
                return m_session.errorFor(m_chunk->lastError(), doing);
        }
        for (qsizetype i = 0; i < m_pending.size(); ++i)
            m_chunk->bindValue(int(i), m_pending.at(i));
        if (!m_chunk->exec())
            return m_session.errorFor(m_chunk->lastError(), doing);
        return {};
    }

    SqlSession &m_session;
    std::optional<QSqlQuery> m_chunk;
    int m_version;
    QList<TableCount> m_restored;
    QStringList m_skipped;
    bool m_skipping = false;
    QString m_table;
    QString m_insertHead;
    QString m_rowPlaceholders;
    int m_rowsPerInsert = 1;
    bool m_identity = false;
    QVariantList m_pending;
    int m_pendingRows = 0;
};

Result<void> checkKey(const BackupHeader &header, const RestoreOptions &options)
{
    if (header.keyFingerprint.isEmpty() || header.keyFingerprint == options.keyFingerprint)
        return {};
    if (options.keyFingerprint.isEmpty()) {
        return makeError(ErrorKind::KeyMismatch,
                         QStringLiteral("the backup's pool key has fingerprint %1 and this process "
                                        "has no key; nothing was written")
                             .arg(header.keyFingerprint));
    }
    return makeError(ErrorKind::KeyMismatch,
                     QStringLiteral("the backup's pool key has fingerprint %1, this process's key "
                                    "fingerprint %2; nothing was written. Restore with the "
                                    "backup's key (ENCRYPTION_KEY, or key import)")
                         .arg(header.keyFingerprint, options.keyFingerprint));
}

// An older backup brought to this binary's schema: restored into a scratch SQLite file at its
// own version, migrated there, and backed up again. Used when the target already has a schema
// of another version, which the backup's rows cannot be loaded into as they are.
Result<QString> upgradedCopy(const QString &path, QTemporaryDir &scratch,
                             const RestoreOptions &options)
{
    if (!scratch.isValid())
        return makeError(
            ErrorKind::Store,
            QStringLiteral("cannot create a scratch folder: %1").arg(scratch.errorString()));
    const SystemClock clock;
    StoreOptions store;
    store.url.kind = DatabaseUrl::Kind::Sqlite;
    store.url.path = scratch.filePath(QStringLiteral("upgrade.sqlite"));
    store.clock = &clock;
    SessionResult opened = openSession(store);
    if (!opened.session)
        return opened.failure.error;
    RestoreOptions scratchOptions = options;
    scratchOptions.replace = false;
    if (auto restored = restoreBackup(*opened.session, path, scratchOptions); !restored)
        return restored.error();
    const QString upgraded = scratch.filePath(QStringLiteral("upgraded.jsonl"));
    if (auto written = writeBackup(*opened.session, upgraded); !written)
        return written.error();
    return upgraded;
}

} // namespace

qint64 RestoreSummary::rows() const
{
    qint64 total = 0;
    for (const TableCount &t : restored)
        total += t.rows;
    return total;
}

QJsonObject RestoreSummary::toJson() const
{
    QJsonObject counts;
    for (const TableCount &t : restored)
        counts.insert(t.table, t.rows);
    return QJsonObject{{QStringLiteral("file"), path},
                       {QStringLiteral("backupSchemaVersion"), header.schemaVersion},
                       {QStringLiteral("schemaVersion"), schemaVersion},
                       {QStringLiteral("keyFingerprint"), header.keyFingerprint},
                       {QStringLiteral("source"), header.source},
                       {QStringLiteral("rows"), rows()},
                       {QStringLiteral("tables"), counts},
                       {QStringLiteral("notRestored"), QJsonArray::fromStringList(skipped)},
                       {QStringLiteral("replaced"), replaced}};
}

Result<RestoreSummary> restoreBackup(SqlSession &target, const QString &path,
                                     const RestoreOptions &options)
{
    RestoreSummary summary;
    summary.path = path;
    // The whole file first: a damaged or truncated backup restores nothing.
    auto scanned = readBackup(path, {[&summary](const BackupHeader &h) -> Result<void> {
                                         summary.header = h;
                                         return {};
                                     },
                                     {},
                                     {}});
    if (!scanned)
        return scanned.error();
    const int backupVersion = summary.header.schemaVersion;
    if (backupVersion > latestSchemaVersion()) {
        return makeError(ErrorKind::Store,
                         QStringLiteral("the backup is of schema version %1, newer than this "
                                        "dopool (which knows up to %2); restore it with a newer "
                                        "dopool")
                             .arg(backupVersion)
                             .arg(latestSchemaVersion()));
    }
    if (auto key = checkKey(summary.header, options); !key)
        return key.error();

    auto targetVersion = schemaVersion(target);
    if (!targetVersion)
        return targetVersion.error();
    if (*targetVersion > 0) {
        if (*targetVersion > latestSchemaVersion())
            return migrateSchema(target).error(); // names the newer version
        auto contents = poolContents(target, *targetVersion);
        if (!contents)
            return contents.error();
        if (!contents->isEmpty() && !options.replace) {
            return makeError(ErrorKind::Conflict,
                             QStringLiteral("the pool at %1 is not empty (%2); restore writes "
                                            "only into an empty pool, or with --replace "
                                            "replaces everything in it")
                                 .arg(target.target(), contents->join(QStringLiteral(", "))));
        }
        summary.replaced = !contents->isEmpty();
        if (summary.replaced) {
            if (auto alone = refuseOnlineInstances(target, options.onlineWindowSecs); !alone)
                return alone.error();
        }
    }

    // The schema the rows go into: the backup's own version when the database has none yet.
    int loadVersion = backupVersion;
    QString loadPath = path;
    QTemporaryDir scratch;
    if (*targetVersion == 0) {
        if (auto created = migrateSchemaTo(target, backupVersion); !created)
            return created.error();
    } else if (*targetVersion != backupVersion) {
        if (auto migrated = migrateSchema(target); !migrated)
            return migrated.error();
        loadVersion = latestSchemaVersion();
        if (backupVersion != loadVersion) {
            auto upgraded = upgradedCopy(path, scratch, options);
            if (!upgraded)
                return upgraded.error();
            loadPath = *upgraded;
        }
    }

    Loader loader(target, loadVersion);
    auto loaded = target.transaction(
        [&loader, &loadPath, &target, &options, loadVersion]() -> Result<void> {
            // Again inside the transaction: nobody filled the pool since it was looked at.
            if (!options.replace) {
                auto contents = poolContents(target, loadVersion);
                if (!contents)
                    return contents.error();
                if (!contents->isEmpty())
                    return makeError(ErrorKind::Conflict,
                                     QStringLiteral("the pool at %1 got rows meanwhile (%2); "
                                                    "nothing was restored")
                                         .arg(target.target(), contents->join(u',')));
            }
            if (auto cleared = loader.clear(); !cleared)
                return cleared;
            auto read = readBackup(
                loadPath, {{},
                           [&loader](const TableBlock &block) { return loader.table(block); },
                           [&loader](const TableBlock &block, const QJsonArray &row) {
                               return loader.row(block, row);
                           }});
            if (!read)
                return read.error();
            return loader.finish();
        },
        QStringLiteral("restoring the pool"));
    if (!loaded)
        return loaded.error();
    summary.restored = loader.restored();
    summary.skipped = loader.skipped();
    if (auto migrated = migrateSchema(target); !migrated)
        return migrated.error();
    auto checked = SchemaCheck::ensure(target);
    if (!checked)
        return checked.error();
    summary.schemaVersion = checked->version;
    return summary;
}

} // namespace dopool::backup
