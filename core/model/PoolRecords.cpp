#include "PoolRecords.h"

namespace dopool {

QString alertKindToDb(AlertKind kind)
{
    switch (kind) {
    case AlertKind::AccountFull:
        return QStringLiteral("ACCOUNT_FULL");
    case AlertKind::AllAccountsFull:
        return QStringLiteral("ALL_ACCOUNTS_FULL");
    case AlertKind::AccountUnhealthy:
        return QStringLiteral("ACCOUNT_UNHEALTHY");
    case AlertKind::PoolUtilisationHigh:
        return QStringLiteral("POOL_UTILISATION_HIGH");
    case AlertKind::NoUsableAccount:
        return QStringLiteral("NO_USABLE_ACCOUNT");
    case AlertKind::DegradedTooLong:
        return QStringLiteral("DEGRADED_TOO_LONG");
    case AlertKind::PoolKeyOutOfDate:
        break;
    }
    return QStringLiteral("POOL_KEY_OUT_OF_DATE");
}

std::optional<AlertKind> alertKindFromDb(const QString &text)
{
    for (auto k : {AlertKind::AccountFull, AlertKind::AllAccountsFull, AlertKind::AccountUnhealthy,
                   AlertKind::PoolUtilisationHigh, AlertKind::NoUsableAccount,
                   AlertKind::DegradedTooLong, AlertKind::PoolKeyOutOfDate}) {
        if (alertKindToDb(k) == text)
            return k;
    }
    return std::nullopt;
}

QString alertSeverityToDb(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return QStringLiteral("INFO");
    case AlertSeverity::Warning:
        return QStringLiteral("WARNING");
    case AlertSeverity::Critical:
        break;
    }
    return QStringLiteral("CRITICAL");
}

std::optional<AlertSeverity> alertSeverityFromDb(const QString &text)
{
    for (auto s : {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Critical}) {
        if (alertSeverityToDb(s) == text)
            return s;
    }
    return std::nullopt;
}

} // namespace dopool
