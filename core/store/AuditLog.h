#pragma once

#include "common/Error.h"
#include "model/Audit.h"

#include <QList>

namespace dopool {

// Who changed what (never a token).
class AuditLog
{
public:
    virtual ~AuditLog() = default;

    // The identity written into the audit_log rows of this store's later changes: account
    // add/update/delete/primary and key rotation each write their row in the same transaction
    // as the change. Set once after opening (PoolSession does).
    virtual void setActor(const Actor &actor) = 0;
    virtual Actor actor() const = 0;
    virtual Result<QList<AuditEntry>> listAudit(const AuditFilter &filter,
                                                int limit) = 0; // newest first
};

} // namespace dopool
