#pragma once

#include "AccountRecords.h"
#include "AlertLog.h"
#include "AuditLog.h"
#include "CapacityLedger.h"
#include "OrderQueue.h"
#include "PoolMeta.h"
#include "TaskLog.h"

#include <QString>

namespace dopool {

// Persistent pool state: every role of the store in one object, for whoever opens a pool
// (PoolSession, the CLI, the store's contract tests). Code that works with part of it takes
// the role it uses (the engine's services: engine::EngineContext). Synchronous (QtSql); every
// mutating call is one transaction and either fully happens or changes nothing.
// Implementation: SqlStore (SQLite and PostgreSQL). The engine's roles alone: MemoryStore.
class AccountStore : public AccountRecords,
                     public PoolMeta,
                     public CapacityLedger,
                     public TaskLog,
                     public OrderQueue,
                     public AlertLog,
                     public AuditLog
{
public:
    ~AccountStore() override = default;

    virtual QString backendName() const = 0; // "sqlite" | "postgresql"
    virtual QString location() const = 0;    // display string, no secrets
};

} // namespace dopool
