#pragma once

#include "model/Account.h"

#include <QString>

namespace dopool::AuditDetails {

// The details column of audit_log: field names and non-secret values, never a token.
QString describeNew(const Account &account);
QString describeChanges(const Account &before, const Account &after);

} // namespace dopool::AuditDetails
