#pragma once

#include "common/Error.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace dopool {

// Bounds on every PostgreSQL call, so that no statement, lock wait, forgotten transaction or
// dead TCP peer can hold a connection (and the thread using it) forever. Applied to every
// connection the process opens: the store's, the change feed's and the leadership's.
//
// Each setting has a documented default, an environment variable (DOPOOL_PG_<NAME>) and a
// database-URL query parameter of the same name as PostgreSQL's own ("?statement_timeout=5000");
// the URL wins over the environment. Times are milliseconds for the server settings and
// tcp_user_timeout, seconds for the keepalive ones, as libpq and PostgreSQL spell them.
// 0 turns a server timeout off (PostgreSQL's own meaning).
struct PgTimeouts
{
    int statementMs = 30000;         // statement_timeout
    int lockMs = 10000;              // lock_timeout
    int idleInTransactionMs = 60000; // idle_in_transaction_session_timeout
    bool keepalives = true;          // keepalives (0 or 1)
    int keepalivesIdleSecs = 10;     // keepalives_idle
    int keepalivesIntervalSecs = 5;  // keepalives_interval
    int keepalivesCount = 3;         // keepalives_count
    int tcpUserTimeoutMs = 30000;    // tcp_user_timeout

    // The parameter names, as the URL and PostgreSQL spell them.
    static const QStringList &names();
    static bool isName(const QString &name) { return names().contains(name); }

    // Sets one setting from text; a clear Validation error for a bad value. source names where
    // the value came from in that message ("the database URL", "DOPOOL_PG_LOCK_TIMEOUT").
    Result<void> set(const QString &name, const QString &value, const QString &source);
    // Defaults, then DOPOOL_PG_* from env, then the URL's explicit parameters.
    static Result<PgTimeouts> resolve(const QProcessEnvironment &env,
                                      const QMap<QString, QString> &fromUrl);
    static QString environmentName(const QString &name); // DOPOOL_PG_STATEMENT_TIMEOUT

    // SET statements for the server-side timeouts (run after every connect).
    QStringList sessionStatements() const;
    // libpq conninfo options for the TCP ones ("keepalives=1", ...).
    QStringList connectOptions() const;
};

} // namespace dopool
