#pragma once

#include "StoreFactory.h"

namespace dopool {

// Opens (creating if needed) the SQLite pool at options.url.path with private file modes, WAL
// and foreign keys on, and migrates it. Used by openStore().
OpenResult openSqliteStore(const StoreOptions &options);
// The same file opened and set up (private modes, WAL, foreign keys) but not migrated.
SessionResult openSqliteSession(const StoreOptions &options);

} // namespace dopool
