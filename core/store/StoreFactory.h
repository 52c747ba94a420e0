#pragma once

#include "AccountStore.h"
#include "DatabaseUrl.h"
#include "PgTimeouts.h"
#include "SqlSession.h"
#include "common/Clock.h"

#include <memory>

namespace dopool {

struct StoreOptions
{
    DatabaseUrl url;
    QString password;             // PostgreSQL only; empty = let libpq use PGPASSWORD/~/.pgpass
    const Clock *clock = nullptr; // required
    int busyTimeoutMs = 5000;     // SQLite: wait this long for a lock before "database is locked"
    int connectTimeoutSec = 5;    // PostgreSQL connect_timeout
    // PostgreSQL statement, lock and idle-in-transaction timeouts and TCP keepalives; the URL's
    // own parameters (url.timeouts) are applied on top when connecting.
    PgTimeouts pgTimeouts;
};

// Opens (creating if needed) and migrates the store. Errors (kind Store) say what failed:
// cannot create/open the file, database locked, server unreachable, authentication failed
// (isAuthFailure set so the caller can fetch a password from the keychain and retry),
// schema newer than this binary.
struct OpenFailure
{
    Error error;
    bool isAuthFailure = false;
};

struct OpenResult
{
    std::unique_ptr<AccountStore> store;
    OpenFailure failure; // meaningful when !store
};

OpenResult openStore(const StoreOptions &options);

// A connection to the pool's database, set up but neither migrated nor checked: for what must
// see the database as it is (backup, restore, db check) and for extra connections (coord/).
struct SessionResult
{
    std::unique_ptr<SqlSession> session;
    OpenFailure failure; // meaningful when !session
};
SessionResult openSession(const StoreOptions &options);

} // namespace dopool
