#pragma once

#include "SqlSession.h"
#include "StoreFactory.h"

#include <memory>

namespace dopool {

// Connects to the PostgreSQL pool of options.url and migrates it. Used by openStore().
// Authentication failures are flagged so the caller can retry with a password from the keychain.
OpenResult openPostgresStore(const StoreOptions &options);

// One more connection to the same PostgreSQL database, set up but not migrated: for the parts
// that need a connection of their own (the change listener, the leader's lease).
SessionResult openPostgresSession(const StoreOptions &options);

} // namespace dopool
