#include "TestPostgres.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace dopool::testing {

namespace {

QString uniqueConnectionName(const QString &what)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("dopool-testpg-%1-%2").arg(what).arg(counter.fetchAndAddRelaxed(1) + 1);
}

// Parsed here rather than with DatabaseUrl::parse: the support library does not link the store.
DatabaseUrl parseTestUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    DatabaseUrl parsed;
    parsed.kind = DatabaseUrl::Kind::Postgres;
    parsed.host = url.host();
    parsed.port = url.port(5432);
    parsed.user = url.userName();
    parsed.database = url.path().mid(1);
    return parsed;
}

bool openConnection(const QString &name, const DatabaseUrl &url, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setUserName(url.user);
    db.setDatabaseName(url.database);
    db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=dopool-tests"));
    if (!db.open()) {
        *error = QStringLiteral("cannot connect to the test PostgreSQL %1: %2")
                     .arg(url.database, db.lastError().text());
        return false;
    }
    return true;
}

void closeConnection(const QString &name)
{
    if (name.isEmpty() || !QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Runs sql (prepared when there are values); the query for reading rows, or the error text.
QString run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = ok && query.exec();
    }
    if (ok)
        return {};
    return query.lastError().text().isEmpty() ? QStringLiteral("failed") : query.lastError().text();
}

QString run(const QString &connection, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    return run(query, sql, values);
}

} // namespace

bool TestPostgres::isConfigured()
{
    return !qEnvironmentVariableIsEmpty("DOPOOL_TEST_PG_URL");
}

bool TestPostgres::isRequired()
{
    return qEnvironmentVariable("DOPOOL_REQUIRE_PG") == QLatin1String("1");
}

DatabaseUrl TestPostgres::adminUrl()
{
    return parseTestUrl(qEnvironmentVariable("DOPOOL_TEST_PG_URL"));
}

TestPostgres::TestPostgres()
{
    if (!isConfigured()) {
        m_error = QStringLiteral("DOPOOL_TEST_PG_URL is not set");
        return;
    }
    m_adminConnection = uniqueConnectionName(QStringLiteral("admin"));
    if (!openConnection(m_adminConnection, adminUrl(), &m_error))
        return;
    // Only hex digits after a fixed prefix: safe to put into the DDL as an identifier.
    m_name = QStringLiteral("dopool_t_") + QUuid::createUuid().toString(QUuid::Id128);
    if (const QString error = execAdmin(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_name));
        !error.isEmpty()) {
        m_error = QStringLiteral("cannot create test database %1: %2").arg(m_name, error);
        m_name.clear();
    }
}

TestPostgres::~TestPostgres()
{
    closeConnection(m_connection);
    if (!m_name.isEmpty()) {
        const QString error =
            execAdmin(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name));
        if (!error.isEmpty())
            qWarning("cannot drop test database %s: %s", qPrintable(m_name), qPrintable(error));
    }
    closeConnection(m_adminConnection);
}

DatabaseUrl TestPostgres::url() const
{
    DatabaseUrl url = adminUrl();
    url.database = m_name;
    return url;
}

QSqlDatabase TestPostgres::connection()
{
    if (m_connection.isEmpty()) {
        m_connection = uniqueConnectionName(QStringLiteral("db"));
        QString error;
        if (!openConnection(m_connection, url(), &error))
            qWarning("%s", qPrintable(error));
    }
    return QSqlDatabase::database(m_connection, false);
}

QString TestPostgres::exec(const QString &sql, const QVariantList &values)
{
    connection();
    return run(m_connection, sql, values);
}

QVariantList TestPostgres::column(const QString &sql, const QVariantList &values)
{
    return firstColumn(connection(), sql, values);
}

QVariantList TestPostgres::adminColumn(const QString &sql, const QVariantList &values)
{
    return firstColumn(QSqlDatabase::database(m_adminConnection, false), sql, values);
}

QVariantList TestPostgres::firstColumn(const QSqlDatabase &db, const QString &sql,
                                       const QVariantList &values)
{
    QSqlQuery query(db);
    QVariantList result;
    if (const QString error = run(query, sql, values); !error.isEmpty()) {
        qWarning("query failed: %s: %s", qPrintable(sql), qPrintable(error));
        return result;
    }
    while (query.next())
        result << query.value(0);
    return result;
}

QString TestPostgres::execAdmin(const QString &sql, const QVariantList &values)
{
    return run(m_adminConnection, sql, values);
}

} // namespace dopool::testing
