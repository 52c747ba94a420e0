#include "BackupWriter.h"

#include "store/Migrations.h"
#include "store/PoolMeta.h"
#include "store/SqlSession.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlField>
#include <QSqlRecord>

namespace dopool::backup {

namespace {

ColumnKind kindOf(const QString &table, const QSqlField &field)
{
    if (const CatalogTable *known = SchemaCatalog::table(table)) {
        for (const CatalogColumn &c : known->columns) {
            if (c.name == field.name())
                return c.kind;
        }
    }
    // A column dopool does not know (the order-service's own): by what the driver says.
    switch (field.metaType().id()) {
    case QMetaType::Bool:
        return ColumnKind::Bool;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return ColumnKind::Integer;
    case QMetaType::QDateTime:
        return ColumnKind::Timestamp;
    default:
        return ColumnKind::Text;
    }
}

QString selectExpression(const SqlDialect &dialect, const QString &column, ColumnKind kind)
{
    const QString quoted = u'"' + column + u'"';
    if (kind != ColumnKind::Timestamp || dialect.kind() != SqlDialect::Kind::Postgres)
        return quoted;
    // Microseconds: a PostgreSQL-to-PostgreSQL restore gives back the very same instants.
    return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
        .arg(quoted);
}

QJsonValue jsonValue(const QVariant &value, ColumnKind kind)
{
    if (value.isNull())
        return QJsonValue::Null;
    switch (kind) {
    case ColumnKind::Integer:
        return QJsonValue(value.toLongLong());
    case ColumnKind::Bool:
        return QJsonValue(value.toBool());
    case ColumnKind::Timestamp:
    case ColumnKind::Text:
        break;
    }
    return QJsonValue(value.toString());
}

class Writer
{
public:
    Writer(SqlSession &session, QFile &file)
        : m_session(session)
        , m_file(file)
    {}

    Result<void> run(BackupSummary &summary)
    {
        auto version = schemaVersion(m_session);
        if (!version)
            return version.error();
        if (*version == 0) {
            return makeError(ErrorKind::Store, QStringLiteral("%1 holds no dopool pool (no schema "
                                                              "version); nothing to back up")
                                                   .arg(m_session.target()));
        }
        if (*version > latestSchemaVersion()) {
            return makeError(ErrorKind::Store,
                             QStringLiteral("the pool's schema is version %1, newer than this "
                                            "dopool (which knows up to %2); back it up with the "
                                            "dopool that uses it")
                                 .arg(*version)
                                 .arg(latestSchemaVersion()));
        }
        BackupHeader &header = summary.header;
        header.schemaVersion = *version;
        header.source = m_session.dialect().backendName();
        header.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        auto fingerprint =
            m_session.exec(QStringLiteral("SELECT value FROM dopool_meta WHERE key = ?"),
                           {PoolMeta::keyFingerprintMeta()}, QStringLiteral("reading the key"));
        if (!fingerprint)
            return fingerprint.error();
        if (fingerprint->next())
            header.keyFingerprint = fingerprint->value(0).toString();
        if (auto ok =
                writeLine(QJsonObject{{QStringLiteral("format"), formatName()},
                                      {QStringLiteral("formatVersion"), kFormatVersion},
                                      {QStringLiteral("schemaVersion"), *version},
                                      {QStringLiteral("keyFingerprint"), header.keyFingerprint},
                                      {QStringLiteral("source"), header.source},
                                      {QStringLiteral("createdAt"), header.createdAt}});
            !ok) {
            return ok;
        }
        QJsonObject counts;
        qint64 total = 0;
        for (const CatalogTable &table : SchemaCatalog::tablesAt(*version)) {
            auto rows = writeTable(table.name);
            if (!rows)
                return rows.error();
            summary.tables << TableCount{table.name, *rows};
            counts.insert(table.name, *rows);
            total += *rows;
        }
        return writeLine(QJsonObject{{QStringLiteral("end"), true},
                                     {QStringLiteral("rows"), total},
                                     {QStringLiteral("tables"), counts}});
    }

private:
    Result<qint64> writeTable(const QString &table)
    {
        const QString doing = QStringLiteral("backing up %1").arg(table);
        auto shape = m_session.exec(QStringLiteral("SELECT * FROM \"%1\" WHERE 1 = 0").arg(table),
                                    {}, doing);
        if (!shape)
            return shape.error();
        const QSqlRecord record = shape->record();
        QStringList columns;
        QJsonArray kindNames;
        QList<ColumnKind> kinds;
        QStringList select;
        for (int i = 0; i < record.count(); ++i) {
            const QSqlField field = record.field(i);
            const ColumnKind kind = kindOf(table, field);
            columns << field.name();
            kinds << kind;
            kindNames << SchemaCatalog::kindName(kind);
            select << selectExpression(m_session.dialect(), field.name(), kind);
        }
        if (auto ok = writeLine(
                QJsonObject{{QStringLiteral("table"), table},
                            {QStringLiteral("columns"), QJsonArray::fromStringList(columns)},
                            {QStringLiteral("kinds"), kindNames}});
            !ok) {
            return ok.error();
        }
        auto rows = m_session.exec(
            QStringLiteral("SELECT %1 FROM \"%2\"").arg(select.join(QStringLiteral(", ")), table),
            {}, doing);
        if (!rows)
            return rows.error();
        qint64 count = 0;
        while (rows->next()) {
            QJsonArray row;
            for (int i = 0; i < kinds.size(); ++i)
                row.append(jsonValue(rows->value(i), kinds.at(i)));
            if (auto ok = writeLine(row); !ok)
                return ok.error();
            ++count;
        }
        return count;
    }

    template <typename Json> Result<void> writeLine(const Json &json)
    {
        QByteArray line = QJsonDocument(json).toJson(QJsonDocument::Compact);
        line += '\n';
        if (m_file.write(line) != line.size()) {
            return makeError(
                ErrorKind::Store,
                QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
        }
        return {};
    }

    SqlSession &m_session;
    QFile &m_file;
};

} // namespace

qint64 BackupSummary::rows() const
{
    qint64 total = 0;
    for (const TableCount &t : tables)
        total += t.rows;
    return total;
}

QJsonObject BackupSummary::toJson() const
{
    QJsonObject counts;
    for (const TableCount &t : tables)
        counts.insert(t.table, t.rows);
    return QJsonObject{{QStringLiteral("file"), path},
                       {QStringLiteral("schemaVersion"), header.schemaVersion},
                       {QStringLiteral("keyFingerprint"), header.keyFingerprint},
                       {QStringLiteral("source"), header.source},
                       {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("rows"), rows()},
                       {QStringLiteral("tables"), counts},
                       {QStringLiteral("elapsedMs"), elapsedMs}};
}

Result<void> createPrivateFile(QFile &file)
{
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return {};
    }
    if (QFileInfo::exists(file.fileName())) {
        return makeError(ErrorKind::Usage,
                         QStringLiteral("%1 already exists; a backup is never written over a "
                                        "file. Choose a new file name")
                             .arg(file.fileName()));
    }
    return makeError(
        ErrorKind::Store,
        QStringLiteral("cannot create %1: %2").arg(file.fileName(), file.errorString()));
}

Result<BackupSummary> writeBackup(SqlSession &session, const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    QFile file(path);
    if (auto created = createPrivateFile(file); !created)
        return created.error();
    BackupSummary summary;
    summary.path = path;
    Writer writer(session, file);
    const QString begin = session.dialect().kind() == SqlDialect::Kind::Postgres
                              ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                              : QStringLiteral("BEGIN");
    auto written = session.transaction([&writer, &summary] { return writer.run(summary); },
                                       QStringLiteral("backing up the pool"), begin);
    if (written && !file.flush())
        written = makeError(ErrorKind::Store,
                            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (!written) {
        file.close();
        file.remove(); // half a backup is worse than none: it would look like one
        return written.error();
    }
    summary.bytes = file.size();
    file.close();
    summary.elapsedMs = timer.elapsed();
    return summary;
}

} // namespace dopool::backup
