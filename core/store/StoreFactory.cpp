#include "StoreFactory.h"

#include "PostgresStore.h"
#include "SqliteStore.h"

namespace dopool {

OpenResult openStore(const StoreOptions &options)
{
    if (!options.clock) {
        OpenResult result;
        result.failure.error =
            makeError(ErrorKind::Store, QStringLiteral("internal error: the store needs a clock"));
        return result;
    }
    if (options.url.kind == DatabaseUrl::Kind::Postgres)
        return openPostgresStore(options);
    return openSqliteStore(options);
}

SessionResult openSession(const StoreOptions &options)
{
    if (options.url.kind == DatabaseUrl::Kind::Postgres)
        return openPostgresSession(options);
    return openSqliteSession(options);
}

} // namespace dopool
