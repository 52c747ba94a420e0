#pragma once

#include "store/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>
#include <QTest>
#include <QVariantList>

namespace dopool::testing {

// A throwaway PostgreSQL database on the server scripts/test-env.sh starts
// (DOPOOL_TEST_PG_URL): created with a unique name in the constructor, dropped WITH (FORCE) in
// the destructor. Use DOPOOL_TEST_POSTGRES(var) in a test function to get one, or skip.
class TestPostgres
{
public:
    TestPostgres();
    ~TestPostgres();
    TestPostgres(const TestPostgres &) = delete;
    TestPostgres &operator=(const TestPostgres &) = delete;

    static bool isConfigured();    // DOPOOL_TEST_PG_URL is set
    static bool isRequired();      // DOPOOL_REQUIRE_PG=1 (CI): missing PostgreSQL is a failure
    static DatabaseUrl adminUrl(); // the server's admin database

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    QString databaseName() const { return m_name; }
    // The throwaway database, as openStore() takes it.
    DatabaseUrl url() const;

    // A direct connection to the throwaway database, for preparing and inspecting it.
    QSqlDatabase connection();
    // Runs one statement (prepared when values are given) on the throwaway database; returns
    // the error text, empty on success.
    QString exec(const QString &sql, const QVariantList &values = {});
    // First column of every row of a query on the throwaway database.
    QVariantList column(const QString &sql, const QVariantList &values = {});
    // The same on the admin database (roles, pg_stat_activity, pg_terminate_backend...), outside
    // any transaction of connection().
    QString execAdmin(const QString &sql, const QVariantList &values = {});
    QVariantList adminColumn(const QString &sql, const QVariantList &values = {});

private:
    static QVariantList firstColumn(const QSqlDatabase &db, const QString &sql,
                                    const QVariantList &values);

    QString m_adminConnection;
    QString m_connection;
    QString m_name;
    QString m_error;
};

} // namespace dopool::testing

// Skips the test when no server is configured (fails instead under DOPOOL_REQUIRE_PG=1).
#define DOPOOL_NEED_POSTGRES_SERVER()                                                              \
    if (!dopool::testing::TestPostgres::isConfigured()) {                                          \
        if (dopool::testing::TestPostgres::isRequired())                                           \
            QFAIL("DOPOOL_REQUIRE_PG=1 but DOPOOL_TEST_PG_URL is not set: run the test through "   \
                  "scripts/test-env.sh");                                                          \
        QSKIP("needs PostgreSQL: run through scripts/test-env.sh (sets DOPOOL_TEST_PG_URL)");      \
    }

// Declares TestPostgres var on a fresh database, or skips the test when no server is
// configured (fails instead under DOPOOL_REQUIRE_PG=1).
#define DOPOOL_TEST_POSTGRES(var)                                                                  \
    DOPOOL_NEED_POSTGRES_SERVER()                                                                  \
    dopool::testing::TestPostgres var;                                                             \
    QVERIFY2(var.isValid(), qPrintable(var.errorString()))
