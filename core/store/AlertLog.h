#pragma once

#include "common/Error.h"
#include "model/PoolRecords.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace dopool {

// The pool's alerts: raised and resolved by the engine (and an instance whose key is out of
// date), listed by the front ends.
class AlertLog
{
public:
    virtual ~AlertLog() = default;

    // Raises alert unless one of the same kind for the same account (or pool-wide) is open;
    // returns the stored alert and whether it is new. Atomic across processes.
    virtual Result<std::pair<Alert, bool>> raiseAlert(const Alert &alert) = 0;
    // Resolves the open alert of that kind/account, if any; returns it (std::nullopt if none).
    virtual Result<std::optional<Alert>> resolveAlert(AlertKind kind, const QString &accountId,
                                                      const QDateTime &at) = 0;
    virtual Result<QList<Alert>> listAlerts(bool includeResolved, int limit) = 0; // newest first
};

} // namespace dopool
