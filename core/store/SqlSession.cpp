#include "SqlSession.h"

#include "common/Logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QTimeZone>

namespace dopool {

SqlSession::SqlSession(const QString &connectionName, std::unique_ptr<SqlDialect> dialect,
                       QString target)
    : m_connectionName(connectionName)
    , m_dialect(std::move(dialect))
    , m_target(std::move(target))
    , m_db(QSqlDatabase::database(connectionName, false))
{}

SqlSession::~SqlSession()
{
    m_parkedQueries.clear();
    if (m_db.isOpen())
        m_db.close();
    // removeDatabase warns (and leaks the driver) while a handle is alive: drop ours first.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString SqlSession::uniqueConnectionName(const QString &prefix)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("dopool-%1-%2-%3")
        .arg(prefix)
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetchAndAddRelaxed(1) + 1);
}

Result<void> SqlSession::setUp()
{
    for (const QString &statement : m_dialect->sessionSetup() + m_extraSetup) {
        if (auto done = execPlain(statement, QStringLiteral("setting up the connection")); !done)
            return done;
    }
    return {};
}

Error SqlSession::errorFor(const QSqlError &error, const QString &doing)
{
    m_lastFailure = m_dialect->classify(error);
    if (m_lastFailure == SqlFailure::Other && m_dialect->kind() == SqlDialect::Kind::Postgres &&
        !m_db.isOpen()) {
        m_lastFailure = SqlFailure::ConnectionLost; // "database not open": libpq lost it
    }
    m_lastFailureText = error.databaseText().simplified();
    QString text = m_lastFailureText.isEmpty() ? error.text().simplified() : m_lastFailureText;
    if (text.startsWith(QLatin1String("ERROR: ")))
        text = text.mid(7);
    // PostgreSQL's DETAIL can quote a whole failing row, access_token included: it goes into
    // no message and no log.
    if (const qsizetype detail = text.indexOf(QLatin1String("DETAIL:")); detail >= 0) {
        text = text.left(detail).trimmed();
        if (!error.nativeErrorCode().isEmpty())
            text += QStringLiteral(" (%1)").arg(error.nativeErrorCode());
    }
    qCDebug(lcStore) << "SQL failure while" << doing << ":" << error.nativeErrorCode() << text;

    switch (m_lastFailure) {
    case SqlFailure::Locked:
        if (m_dialect->kind() == SqlDialect::Kind::Sqlite) {
            return makeError(
                ErrorKind::Store,
                QStringLiteral("the SQLite database %1 is locked by another process; try again")
                    .arg(m_target));
        }
        return makeError(ErrorKind::Store,
                         QStringLiteral("PostgreSQL at %1 could not get a lock while %2; try again")
                             .arg(m_target, doing));
    case SqlFailure::ConnectionLost:
        // Reconnect at the start of the next call rather than now: the caller's transaction is
        // gone either way, and the server may still be down.
        m_connectionLost = true;
        return makeError(ErrorKind::Store,
                         QStringLiteral("lost the connection to PostgreSQL at %1 while %2: %3")
                             .arg(m_target, doing, text));
    case SqlFailure::UniqueViolation:
    case SqlFailure::Other:
        break;
    }
    return makeError(ErrorKind::Store,
                     QStringLiteral("database error while %1: %2").arg(doing, text));
}

namespace {
constexpr int kFirstBackoffMs = 250;
constexpr int kMaxBackoffMs = 4000;
} // namespace

int SqlSession::nextReconnectBackoffMs(int previousMs)
{
    if (previousMs <= 0)
        return kFirstBackoffMs;
    return previousMs >= kMaxBackoffMs / 2 ? kMaxBackoffMs : previousMs * 2;
}

Result<void> SqlSession::ensureConnected()
{
    // libpq may find the connection dead on its own (QPSQL reads the socket for LISTEN
    // notifications): the driver then reports itself closed, with no statement having failed.
    if (!m_connectionLost && !m_inTransaction && m_dialect->kind() == SqlDialect::Kind::Postgres &&
        !m_db.isOpen()) {
        m_connectionLost = true;
    }
    if (!m_connectionLost || m_inTransaction)
        return {};
    const QString server = m_dialect->kind() == SqlDialect::Kind::Postgres
                               ? QStringLiteral("PostgreSQL")
                               : QStringLiteral("SQLite");
    if (m_backoffMs > 0 && !m_nextAttempt.hasExpired()) {
        return makeError(ErrorKind::Store,
                         QStringLiteral("the database is unreachable: cannot reach %1 at %2 "
                                        "(retrying in %3 ms)")
                             .arg(server, m_target)
                             .arg(m_nextAttempt.remainingTime()));
    }
    qCInfo(lcStore) << "reconnecting to" << m_target;
    m_parkedQueries.clear();
    m_db.close();
    if (!m_db.open()) {
        m_backoffMs = nextReconnectBackoffMs(m_backoffMs);
        m_nextAttempt.setRemainingTime(m_backoffMs);
        return makeError(ErrorKind::Store,
                         QStringLiteral("the database is unreachable: cannot reach %1 at %2: %3")
                             .arg(server, m_target, m_db.lastError().databaseText().simplified()));
    }
    m_connectionLost = false;
    m_backoffMs = 0;
    ++m_epoch;
    qCInfo(lcStore) << "reconnected to" << m_target;
    return setUp();
}

Result<QSqlQuery> SqlSession::exec(const QString &sql, const QVariantList &values,
                                   const QString &doing)
{
    const bool wasConnected = !m_connectionLost;
    auto result = execOnce(sql, values, doing);
    // A read that found a connection we thought alive dead (the server restarted since the
    // last call) is safe to repeat once on a fresh connection; a write is not: it may have
    // committed. A call refused during the backoff is not repeated.
    if (!result && wasConnected && m_connectionLost && !m_inTransaction &&
        sql.startsWith(QLatin1String("SELECT"))) {
        result = execOnce(sql, values, doing);
    }
    return result;
}

Result<QSqlQuery> SqlSession::execOnce(const QString &sql, const QVariantList &values,
                                       const QString &doing)
{
    if (auto connected = ensureConnected(); !connected)
        return connected.error();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return failed(query, doing);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failed(query, doing);
    m_lastFailure = SqlFailure::Other;
    return query;
}

Result<void> SqlSession::execPlain(const QString &sql, const QString &doing)
{
    if (auto connected = ensureConnected(); !connected)
        return connected;
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return failed(query, doing);
    m_lastFailure = SqlFailure::Other;
    return {};
}

Error SqlSession::failed(QSqlQuery &query, const QString &doing)
{
    Error error = errorFor(query.lastError(), doing);
    // Freeing a PostgreSQL prepared statement (DEALLOCATE) fails inside an aborted transaction
    // and leaks it on the server: keep the query until the ROLLBACK is done.
    if (m_inTransaction)
        m_parkedQueries.push_back(std::move(query));
    return error;
}

void SqlSession::rollback()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCDebug(lcStore) << "ROLLBACK failed (transaction already gone?):"
                         << query.lastError().text();
    m_inTransaction = false;
    m_parkedQueries.clear();
}

Result<void> SqlSession::transaction(const std::function<Result<void>()> &body,
                                     const QString &doing, const QString &begin)
{
    const bool wasConnected = !m_connectionLost;
    const QString beginSql = begin.isEmpty() ? m_dialect->beginWrite() : begin;
    auto begun = execPlain(beginSql, doing);
    // Nothing ran yet when BEGIN finds the connection dead: safe to try once more on a fresh one.
    if (!begun && wasConnected && m_connectionLost)
        begun = execPlain(beginSql, doing);
    if (!begun)
        return begun;
    m_inTransaction = true;
    auto result = body();
    if (!result) {
        rollback();
        return result;
    }
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        // SQLite keeps the transaction open after a failed COMMIT (e.g. busy); end it.
        const Error error = errorFor(commit.lastError(), doing);
        rollback();
        return error;
    }
    m_inTransaction = false;
    m_parkedQueries.clear();
    return {};
}

QVariant timestampParam(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timestampFromText(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant requiredText(const QString &text)
{
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

QVariant nullableInt(int value)
{
    return value < 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(value);
}

} // namespace dopool
