#pragma once

#include "api/ApiError.h"
#include "model/Account.h"

#include <QStringList>
#include <optional>

namespace dopool::engine {

// The health rules (docs/behaviour.md#health-states) as one pure function:
//  200 + status "active"                        -> HEALTHY
//  status "warning", 429, 5xx, timeout, network -> DEGRADED (transient)
//  401/403, status "locked"                      -> UNHEALTHY
//  unhealthyAfterFailures consecutive transient failures -> UNHEALTHY
//  any later success recovers (HEALTHY, or DEGRADED for "warning").
// Malformed replies count as transient failures. The reason says which rule applied, and
// says "unreachable" rather than "invalid token" for network problems.
struct HealthVerdict
{
    AccountHealth health = AccountHealth::Unknown;
    int consecutiveFailures = 0;
    QString reason;    // for the history row and the GUI
    QString lastError; // empty on success
};

HealthVerdict judgeHealth(const Account &before, const std::optional<QString> &doStatus,
                          const std::optional<api::ApiError> &error, int unhealthyAfterFailures);

// A reply that was read but had fields over their limits (api::AccountInfo::cutFields): DO's
// fault, not the admin's. A healthy verdict becomes DEGRADED with the fields named as its
// reason; the fields are the last error unless the verdict has one already.
HealthVerdict withCutFields(HealthVerdict verdict, const QStringList &cutFields);

} // namespace dopool::engine
