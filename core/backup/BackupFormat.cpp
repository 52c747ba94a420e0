#include "BackupFormat.h"

#include "store/SqlDialect.h"
#include "store/SqlSession.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace dopool::backup {

namespace {

// A row of a few hundred bytes; anything this long is not a dopool backup line.
constexpr qint64 kMaxLineBytes = 16 * 1024 * 1024;

Error damaged(const QString &path, qint64 line, const QString &why)
{
    return makeError(ErrorKind::Validation,
                     QStringLiteral("%1 is not a complete dopool backup: line %2 %3; nothing was "
                                    "restored")
                         .arg(path)
                         .arg(line)
                         .arg(why));
}

Result<BackupHeader> parseHeader(const QJsonObject &object, const QString &path)
{
    if (object.value(QStringLiteral("format")).toString() != formatName())
        return damaged(path, 1, QStringLiteral("is not a dopool backup header"));
    BackupHeader header;
    header.formatVersion = object.value(QStringLiteral("formatVersion")).toInt();
    header.schemaVersion = object.value(QStringLiteral("schemaVersion")).toInt();
    header.keyFingerprint = object.value(QStringLiteral("keyFingerprint")).toString();
    header.source = object.value(QStringLiteral("source")).toString();
    header.createdAt = object.value(QStringLiteral("createdAt")).toString();
    if (header.formatVersion < 1 || header.formatVersion > kFormatVersion) {
        return makeError(ErrorKind::Validation,
                         QStringLiteral("%1 is a dopool backup of format %2; this dopool reads "
                                        "format %3. Use a newer dopool")
                             .arg(path)
                             .arg(header.formatVersion)
                             .arg(kFormatVersion));
    }
    if (header.schemaVersion < 1)
        return damaged(path, 1, QStringLiteral("has no schema version"));
    return header;
}

Result<TableBlock> parseTable(const QJsonObject &object, const QString &path, qint64 line)
{
    TableBlock block;
    block.table = object.value(QStringLiteral("table")).toString();
    const QJsonArray columns = object.value(QStringLiteral("columns")).toArray();
    const QJsonArray kinds = object.value(QStringLiteral("kinds")).toArray();
    static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (!identifier.match(block.table).hasMatch() || columns.isEmpty() ||
        columns.size() != kinds.size())
        return damaged(path, line, QStringLiteral("is not a valid table line"));
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QString column = columns.at(i).toString();
        // Names go into SQL (as identifiers): only plain lower-case names are accepted.
        if (!identifier.match(column).hasMatch())
            return damaged(path, line, QStringLiteral("names a column '%1'").arg(column));
        block.columns << column;
        block.kinds << SchemaCatalog::kindFromName(kinds.at(i).toString());
    }
    return block;
}

} // namespace

QString formatName()
{
    return QStringLiteral("dopool-backup");
}

Result<QList<TableCount>> readBackup(const QString &path, const BackupVisitor &visitor)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorKind::Usage,
            QStringLiteral("cannot read the backup %1: %2").arg(path, file.errorString()));
    }
    QList<TableCount> counts;
    std::optional<TableBlock> current;
    bool haveHeader = false;
    bool ended = false;
    qint64 lineNo = 0;
    while (!file.atEnd()) {
        // readLine(max) would allocate max bytes for every line: read, then bound.
        const QByteArray line = file.readLine();
        ++lineNo;
        if (line.size() > kMaxLineBytes)
            return damaged(path, lineNo, QStringLiteral("is longer than any backup line"));
        if (!line.endsWith('\n'))
            return damaged(path, lineNo, QStringLiteral("is cut off (the file is truncated)"));
        if (ended)
            return damaged(path, lineNo, QStringLiteral("follows the end line"));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return damaged(path, lineNo, QStringLiteral("is not JSON"));
        if (!haveHeader) {
            auto header = parseHeader(doc.object(), path);
            if (!header)
                return header.error();
            haveHeader = true;
            if (visitor.header) {
                if (auto ok = visitor.header(*header); !ok)
                    return ok.error();
            }
            continue;
        }
        if (doc.isArray()) {
            if (!current)
                return damaged(path, lineNo, QStringLiteral("is a row outside any table"));
            const QJsonArray row = doc.array();
            if (row.size() != current->columns.size())
                return damaged(path, lineNo,
                               QStringLiteral("has %1 values for %2 columns")
                                   .arg(row.size())
                                   .arg(current->columns.size()));
            ++counts.last().rows;
            if (visitor.row) {
                if (auto ok = visitor.row(*current, row); !ok)
                    return ok.error();
            }
            continue;
        }
        const QJsonObject object = doc.object();
        if (object.contains(QStringLiteral("table"))) {
            auto block = parseTable(object, path, lineNo);
            if (!block)
                return block.error();
            for (const TableCount &seen : std::as_const(counts)) {
                if (seen.table == block->table)
                    return damaged(path, lineNo,
                                   QStringLiteral("repeats table %1").arg(seen.table));
            }
            current = *block;
            counts << TableCount{block->table, 0};
            if (visitor.table) {
                if (auto ok = visitor.table(*current); !ok)
                    return ok.error();
            }
            continue;
        }
        if (!object.value(QStringLiteral("end")).toBool())
            return damaged(path, lineNo, QStringLiteral("is not a row, table or end line"));
        const QJsonObject expected = object.value(QStringLiteral("tables")).toObject();
        if (expected.size() != counts.size())
            return damaged(path, lineNo, QStringLiteral("counts other tables than the file holds"));
        for (const TableCount &count : std::as_const(counts)) {
            if (expected.value(count.table).toInteger(-1) != count.rows) {
                return damaged(path, lineNo,
                               QStringLiteral("counts %1 rows of %2, the file holds %3")
                                   .arg(expected.value(count.table).toInteger(-1))
                                   .arg(count.table)
                                   .arg(count.rows));
            }
        }
        ended = true;
    }
    if (!haveHeader)
        return damaged(path, 1, QStringLiteral("is missing (the file is empty)"));
    if (!ended)
        return damaged(path, lineNo + 1,
                       QStringLiteral("(the end line) is missing: the file is "
                                      "truncated"));
    return counts;
}

Result<BackupHeader> readBackupHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorKind::Usage,
            QStringLiteral("cannot read the backup %1: %2").arg(path, file.errorString()));
    }
    const QByteArray line = file.readLine(64 * 1024);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return damaged(path, 1, QStringLiteral("is not a dopool backup header"));
    return parseHeader(doc.object(), path);
}

QVariant databaseValue(const QJsonValue &value, ColumnKind kind, const SqlDialect &dialect)
{
    const bool sqlite = dialect.kind() == SqlDialect::Kind::Sqlite;
    switch (kind) {
    case ColumnKind::Integer:
        if (value.isNull())
            return QVariant(QMetaType::fromType<qlonglong>());
        return QVariant(value.toInteger());
    case ColumnKind::Bool:
        if (value.isNull())
            return QVariant(QMetaType::fromType<bool>());
        return dialect.boolValue(value.toBool());
    case ColumnKind::Timestamp: {
        if (value.isNull())
            return QVariant(QMetaType::fromType<QString>());
        QString text = value.toString();
        // SQLite compares the text: every timestamp there has exactly milliseconds.
        static const QRegularExpression micro(QStringLiteral("^(.*\\.\\d{3})\\d+Z$"));
        if (sqlite)
            text.replace(micro, QStringLiteral("\\1Z"));
        return text;
    }
    case ColumnKind::Text:
        break;
    }
    if (value.isNull())
        return QVariant(QMetaType::fromType<QString>());
    return requiredText(value.toString());
}

} // namespace dopool::backup
