#include "EngineRows.h"

#include "SqlDialect.h"
#include "SqlSession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

namespace dopool {

namespace {

struct ColumnInfo
{
    const char *name;
    bool timestamp;
};

QString selectListOf(const ColumnInfo *columns, size_t count, const SqlDialect &dialect)
{
    QStringList parts;
    for (size_t i = 0; i < count; ++i) {
        const QString name = QLatin1String(columns[i].name);
        parts << (columns[i].timestamp ? dialect.timestampAsText(name) : name);
    }
    return parts.join(QLatin1String(", "));
}

// --- provisioning_tasks ---

enum TaskColumn
{
    TaskId,
    OrderId,
    Status,
    DoAccountId,
    DoRegion,
    DoSize,
    DoImage,
    DropletName,
    Tag,
    IsExtra,
    DropletId,
    TaskError,
    Attempts,
    TaskCreatedAt,
    TaskUpdatedAt,
    ClaimedBy,
    ClaimExpiresAt,
    NextAttemptAt,
};

// Indexed by TaskColumn.
constexpr ColumnInfo kTaskColumns[] = {
    {"id", false},
    {"order_id", false},
    {"status", false},
    {"do_account_id", false},
    {"do_region", false},
    {"do_size", false},
    {"do_image", false},
    {"droplet_name", false},
    {"tag", false},
    {"is_extra", false},
    {"droplet_id", false},
    {"error", false},
    {"attempts", false},
    {"created_at", true},
    {"updated_at", true},
    {"claimed_by", false},
    {"claim_expires_at", true},
    {"next_attempt_at", true},
};

// --- alerts ---

enum AlertColumn
{
    AlertId,
    Kind,
    Severity,
    AccountId,
    Message,
    Details,
    RaisedAt,
    ResolvedAt,
};

// Indexed by AlertColumn.
constexpr ColumnInfo kAlertColumns[] = {
    {"id", false},      {"kind", false},    {"severity", false}, {"account_id", false},
    {"message", false}, {"details", false}, {"raised_at", true}, {"resolved_at", true},
};

} // namespace

namespace EngineRows {

QString canonicalUuid(const QString &text)
{
    const QUuid uuid = QUuid::fromString(text.trimmed());
    return uuid.isNull() ? QString() : uuid.toString(QUuid::WithoutBraces).toLower();
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
}

QDateTime toStoredTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC);
}

QString limitClause(int limit, QVariantList &values)
{
    if (limit <= 0)
        return QString();
    values << limit;
    return QStringLiteral(" LIMIT ?");
}

} // namespace EngineRows

namespace TaskRow {

QString selectList(const SqlDialect &dialect)
{
    return selectListOf(kTaskColumns, std::size(kTaskColumns), dialect);
}

ProvisioningTask read(const QSqlQuery &query)
{
    ProvisioningTask t;
    t.id = query.value(TaskId).toString();
    t.orderId = query.value(OrderId).toString();
    // The order-service may write statuses of its own: Unknown, with the text in seenStatus.
    t.seenStatus = query.value(Status).toString();
    t.status = taskStatusFromDb(t.seenStatus).value_or(TaskStatus::Unknown);
    t.doAccountId = query.value(DoAccountId).toString();
    t.region = query.value(DoRegion).toString();
    t.size = query.value(DoSize).toString();
    t.image = query.value(DoImage).toString();
    t.dropletName = query.value(DropletName).toString();
    t.tag = query.value(Tag).toString();
    t.extra = query.value(IsExtra).toBool();
    t.dropletId = query.value(DropletId).isNull() ? 0 : query.value(DropletId).toLongLong();
    t.error = query.value(TaskError).toString();
    t.attempts = query.value(Attempts).toInt();
    t.createdAt = timestampFromText(query.value(TaskCreatedAt));
    t.updatedAt = timestampFromText(query.value(TaskUpdatedAt));
    t.claimedBy = query.value(ClaimedBy).toString();
    t.seenClaimedBy = t.claimedBy;
    t.claimExpiresAt = timestampFromText(query.value(ClaimExpiresAt));
    t.nextAttemptAt = timestampFromText(query.value(NextAttemptAt));
    return t;
}

const QStringList &writableColumns()
{
    static const QStringList columns = [] {
        QStringList names;
        for (int c = OrderId; c < static_cast<int>(std::size(kTaskColumns)); ++c) {
            if (c != TaskCreatedAt)
                names << QLatin1String(kTaskColumns[c].name);
        }
        return names;
    }();
    return columns;
}

QVariantList writableValues(const ProvisioningTask &t, const SqlDialect &dialect)
{
    // Same order as writableColumns(): kTaskColumns without id and created_at.
    return {
        requiredText(t.orderId),
        taskStatusToDb(t.status),
        nullableText(t.doAccountId),
        nullableText(t.region),
        nullableText(t.size),
        nullableText(t.image),
        nullableText(t.dropletName),
        nullableText(t.tag),
        dialect.boolValue(t.extra),
        t.dropletId > 0 ? QVariant(t.dropletId) : QVariant(QMetaType::fromType<qint64>()),
        nullableText(t.error),
        t.attempts,
        timestampParam(t.updatedAt),
        nullableText(t.claimedBy),
        timestampParam(t.claimExpiresAt),
        timestampParam(t.nextAttemptAt),
    };
}

} // namespace TaskRow

namespace AlertRow {

QString selectList(const SqlDialect &dialect)
{
    return selectListOf(kAlertColumns, std::size(kAlertColumns), dialect);
}

std::optional<Alert> read(const QSqlQuery &query)
{
    const auto kind = alertKindFromDb(query.value(Kind).toString());
    const auto severity = alertSeverityFromDb(query.value(Severity).toString());
    if (!kind || !severity)
        return std::nullopt;
    Alert a;
    a.id = query.value(AlertId).toString();
    a.kind = *kind;
    a.severity = *severity;
    a.accountId = query.value(AccountId).toString();
    a.message = query.value(Message).toString();
    a.details = QJsonDocument::fromJson(query.value(Details).toString().toUtf8()).object();
    a.raisedAt = timestampFromText(query.value(RaisedAt));
    a.resolvedAt = timestampFromText(query.value(ResolvedAt));
    return a;
}

QString detailsText(const QJsonObject &details)
{
    return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
}

} // namespace AlertRow

} // namespace dopool
