#include "AccountRow.h"

#include "SqlDialect.h"
#include "SqlSession.h"

#include <QSqlQuery>

namespace dopool {

namespace {

enum Column
{
    Id,
    Name,
    Email,
    AccessToken,
    DropletLimit,
    ActiveDroplets,
    IsActive,
    IsPrimary,
    LastHealthCheck,
    HealthStatus,
    CreatedAt,
    UpdatedAt,
    DoUuid,
    DoStatus,
    DoStatusMessage,
    LastSyncAt,
    LastError,
    ConsecutiveFailures,
    RateLimitLimit,
    RateLimitRemaining,
    RateLimitReset,
    Version,
};

struct ColumnInfo
{
    const char *name;
    bool timestamp;
};

// Indexed by Column.
constexpr ColumnInfo kColumns[] = {
    {"id", false},
    {"name", false},
    {"email", false},
    {"access_token", false},
    {"droplet_limit", false},
    {"active_droplets", false},
    {"is_active", false},
    {"is_primary", false},
    {"last_health_check", true},
    {"health_status", false},
    {"created_at", true},
    {"updated_at", true},
    {"do_uuid", false},
    {"do_status", false},
    {"do_status_message", false},
    {"last_sync_at", true},
    {"last_error", false},
    {"consecutive_failures", false},
    {"ratelimit_limit", false},
    {"ratelimit_remaining", false},
    {"ratelimit_reset", true},
    {"version", false},
};

int intOr(const QVariant &value, int fallback)
{
    return value.isNull() ? fallback : value.toInt();
}

} // namespace

namespace AccountRow {

QString selectList(const SqlDialect &dialect)
{
    QStringList parts;
    for (const ColumnInfo &column : kColumns) {
        const QString name = QLatin1String(column.name);
        parts << (column.timestamp ? dialect.timestampAsText(name) : name);
    }
    return parts.join(QLatin1String(", "));
}

Account read(const QSqlQuery &query)
{
    Account a;
    a.id = query.value(Id).toString();
    a.name = query.value(Name).toString();
    a.email = query.value(Email).toString();
    a.encryptedToken = query.value(AccessToken).toString();
    a.dropletLimit = query.value(DropletLimit).toInt();
    a.activeDroplets = query.value(ActiveDroplets).toInt();
    a.isActive = query.value(IsActive).toBool();
    a.isPrimary = query.value(IsPrimary).toBool();
    a.lastHealthCheck = timestampFromText(query.value(LastHealthCheck));
    // The CHECK constraint / enum type keep anything else out.
    a.healthStatus =
        healthFromDb(query.value(HealthStatus).toString()).value_or(AccountHealth::Unknown);
    a.createdAt = timestampFromText(query.value(CreatedAt));
    a.updatedAt = timestampFromText(query.value(UpdatedAt));
    a.doUuid = query.value(DoUuid).toString();
    a.doStatus = query.value(DoStatus).toString();
    a.doStatusMessage = query.value(DoStatusMessage).toString();
    a.lastSyncAt = timestampFromText(query.value(LastSyncAt));
    a.lastError = query.value(LastError).toString();
    a.consecutiveFailures = query.value(ConsecutiveFailures).toInt();
    a.rateLimitLimit = intOr(query.value(RateLimitLimit), -1);
    a.rateLimitRemaining = intOr(query.value(RateLimitRemaining), -1);
    a.rateLimitReset = timestampFromText(query.value(RateLimitReset));
    a.version = query.value(Version).toInt();
    return a;
}

const QStringList &writableColumns()
{
    static const QStringList columns = [] {
        QStringList names;
        for (int c = Name; c < static_cast<int>(std::size(kColumns)); ++c) {
            if (c != CreatedAt && c != Version)
                names << QLatin1String(kColumns[c].name);
        }
        return names;
    }();
    return columns;
}

QVariantList writableValues(const Account &a, const SqlDialect &dialect)
{
    // Same order as writableColumns(): kColumns without id, created_at and version.
    return {
        requiredText(a.name),
        requiredText(a.email),
        requiredText(a.encryptedToken),
        a.dropletLimit,
        a.activeDroplets,
        dialect.boolValue(a.isActive),
        dialect.boolValue(a.isPrimary),
        timestampParam(a.lastHealthCheck),
        healthToDb(a.healthStatus),
        timestampParam(a.updatedAt),
        nullableText(a.doUuid),
        nullableText(a.doStatus),
        nullableText(a.doStatusMessage),
        timestampParam(a.lastSyncAt),
        nullableText(a.lastError),
        a.consecutiveFailures,
        nullableInt(a.rateLimitLimit),
        nullableInt(a.rateLimitRemaining),
        timestampParam(a.rateLimitReset),
    };
}

} // namespace AccountRow

} // namespace dopool
