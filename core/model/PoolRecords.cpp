#include "PoolRecords.h"

#include "EnumNames.h"

namespace dopool {

namespace {
const EnumName<AlertKind> alertKindNames[] = {
    {AlertKind::AccountFull, "ACCOUNT_FULL"},
    {AlertKind::AllAccountsFull, "ALL_ACCOUNTS_FULL"},
    {AlertKind::AccountUnhealthy, "ACCOUNT_UNHEALTHY"},
    {AlertKind::PoolUtilisationHigh, "POOL_UTILISATION_HIGH"},
    {AlertKind::NoUsableAccount, "NO_USABLE_ACCOUNT"},
    {AlertKind::DegradedTooLong, "DEGRADED_TOO_LONG"},
    {AlertKind::PoolKeyOutOfDate, "POOL_KEY_OUT_OF_DATE"},
};

const EnumName<AlertSeverity> alertSeverityNames[] = {
    {AlertSeverity::Info, "INFO"},
    {AlertSeverity::Warning, "WARNING"},
    {AlertSeverity::Critical, "CRITICAL"},
};
} // namespace

QString alertKindToDb(AlertKind kind)
{
    return enumToName(alertKindNames, kind);
}

std::optional<AlertKind> alertKindFromDb(const QString &text)
{
    return enumFromName(alertKindNames, text);
}

QString alertSeverityToDb(AlertSeverity severity)
{
    return enumToName(alertSeverityNames, severity);
}

std::optional<AlertSeverity> alertSeverityFromDb(const QString &text)
{
    return enumFromName(alertSeverityNames, text);
}

} // namespace dopool
