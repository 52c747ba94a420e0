#pragma once

#include "TestPostgres.h"
#include "store/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

namespace dopool::testing {

// A private PostgreSQL server of one test, for what must not disturb the shared one of
// scripts/test-env.sh: stopping and restarting it. Uses the server binaries test-env.sh found
// (DOPOOL_TEST_PG_BIN) and runs them as user postgres when the test runs as root. Commits are
// synchronous (acknowledged means on disk as far as the OS is concerned); fsync stays off.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer(); // stops the server (immediate) and removes its files

    static bool isAvailable(); // DOPOOL_TEST_PG_BIN is set

    bool init();  // initdb; false (with errorString()) on failure
    bool start(); // pg_ctl start -w
    bool stop();  // pg_ctl stop -m immediate: a crash, as far as the clients can tell
    // SIGSTOP / SIGCONT to the postmaster and all its processes: a server that stops answering
    // while every TCP connection stays open (the kernel keeps acknowledging). The destructor
    // resumes a suspended server before stopping it.
    bool suspend();
    bool resume();
    QString errorString() const { return m_error; }
    DatabaseUrl url() const; // the "postgres" database, user postgres, trust auth

private:
    bool run(const QString &program, const QStringList &args, int timeoutMs = 60000);
    bool signalAll(int signalNumber);

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_data;
    QString m_socket;
    int m_port = 0;
    bool m_running = false;
    bool m_suspended = false;
    QString m_error;
};

} // namespace dopool::testing

// Declares a started PostgresServer var, or skips the test when the server binaries are not
// known (fails instead under DOPOOL_REQUIRE_PG=1).
#define DOPOOL_TEST_PG_SERVER(var)                                                                 \
    if (!dopool::testing::PostgresServer::isAvailable()) {                                         \
        if (dopool::testing::TestPostgres::isRequired())                                           \
            QFAIL("DOPOOL_REQUIRE_PG=1 but DOPOOL_TEST_PG_BIN is not set");                        \
        QSKIP("needs the PostgreSQL server binaries: run through scripts/test-env.sh");            \
    }                                                                                              \
    dopool::testing::PostgresServer var;                                                           \
    QVERIFY2(var.init() && var.start(), qPrintable(var.errorString()))
