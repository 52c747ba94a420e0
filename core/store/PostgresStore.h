#pragma once

#include "StoreFactory.h"

namespace dopool {

// Connects to the PostgreSQL pool of options.url and migrates it. Used by openStore().
// Authentication failures are flagged so the caller can retry with a password from the keychain.
OpenResult openPostgresStore(const StoreOptions &options);

} // namespace dopool
