#pragma once

#include "SqlDialect.h"
#include "common/Error.h"

#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>
#include <functional>
#include <memory>
#include <vector>

class QSqlError;

namespace dopool {

// One QtSql connection with the store's error handling around it: prepared statements with
// bound values, transactions that roll back on any failure, driver errors turned into clear
// Store errors, and a reconnect after the server dropped us.
class SqlSession
{
public:
    // Adopts the QSqlDatabase registered as connectionName (configured, not yet open) and
    // removes it again in the destructor. target names the database in messages: a file path
    // or host:port.
    SqlSession(const QString &connectionName, std::unique_ptr<SqlDialect> dialect, QString target);
    ~SqlSession();
    SqlSession(const SqlSession &) = delete;
    SqlSession &operator=(const SqlSession &) = delete;

    // A connection name no other connection of this process uses.
    static QString uniqueConnectionName(const QString &prefix);

    const SqlDialect &dialect() const { return *m_dialect; }
    QSqlDatabase &database() { return m_db; }
    const QString &target() const { return m_target; }

    // Per-connection settings (dialect's sessionSetup, then the extra ones); call after every
    // successful open. A reconnect runs them again.
    Result<void> setUp();
    void setExtraSetup(QStringList statements) { m_extraSetup = std::move(statements); }

    // Prepares sql, binds values in order and executes it. The query is forward-only.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values, const QString &doing);
    // Statements without values (DDL, PRAGMA, BEGIN...) that cannot be prepared everywhere.
    Result<void> execPlain(const QString &sql, const QString &doing);

    // Runs body inside a write transaction (dialect's beginWrite). Commits when body succeeds;
    // rolls back on any error from body or from COMMIT, and returns that error.
    // begin replaces beginWrite (a backup's read-only snapshot).
    Result<void> transaction(const std::function<Result<void>()> &body, const QString &doing,
                             const QString &begin = QString());

    // Classification of the most recent failed statement (Other when the last one succeeded).
    SqlFailure lastFailure() const { return m_lastFailure; }
    // Raw driver text of the most recent failure, for callers that classify it further. It may
    // quote row values (tokens included): never put it in a message or a log.
    const QString &lastFailureText() const { return m_lastFailureText; }

    Error errorFor(const QSqlError &error, const QString &doing);

    // Connection state, for callers that show it (coord/): false from a lost connection until
    // a reconnect succeeds. The epoch grows with every successful reconnect, so a holder of
    // session state (LISTEN, advisory locks) can tell it lost that state.
    bool isConnected() const { return !m_connectionLost; }
    quint64 connectionEpoch() const { return m_epoch; }
    // Tries to reconnect now if the connection was lost (subject to the backoff).
    Result<void> reconnectIfLost() { return ensureConnected(); }
    // The pause before the next reconnect attempt after one more failure: 250 ms, doubling,
    // never more than 4 s (a server back after a long outage is found within 4 s).
    static int nextReconnectBackoffMs(int previousMs);

private:
    Result<void> ensureConnected();
    Result<QSqlQuery> execOnce(const QString &sql, const QVariantList &values,
                               const QString &doing);
    Error failed(QSqlQuery &query, const QString &doing);
    void rollback();

    QString m_connectionName;
    std::unique_ptr<SqlDialect> m_dialect;
    QString m_target;
    QStringList m_extraSetup;
    QSqlDatabase m_db;
    bool m_inTransaction = false;
    bool m_connectionLost = false;
    quint64 m_epoch = 0;
    // Reconnect attempts back off exponentially (250 ms doubling to 4 s) while the server is
    // down, so a burst of calls does not hammer it; in between, calls fail at once.
    int m_backoffMs = 0;
    QDeadlineTimer m_nextAttempt;
    SqlFailure m_lastFailure = SqlFailure::Other;
    QString m_lastFailureText;
    std::vector<QSqlQuery> m_parkedQueries; // failed inside the open transaction
};

// ISO-8601 UTC with milliseconds ("2026-01-02T03:04:05.678Z"), null for an invalid time.
QVariant timestampParam(const QDateTime &time);
QDateTime timestampFromText(const QVariant &value);
// Nullable text columns store "" as NULL.
QVariant nullableText(const QString &text);
// NOT NULL text columns: never bind a null QString (the drivers turn it into NULL).
QVariant requiredText(const QString &text);
// Nullable integer columns where we use -1 for "unknown".
QVariant nullableInt(int value);

} // namespace dopool
