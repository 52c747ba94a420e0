#pragma once

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
    QString errorString() const { return m_error; }
    DatabaseUrl url() const; // the "postgres" database, user postgres, trust auth

private:
    bool run(const QString &program, const QStringList &args, int timeoutMs = 60000);

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_data;
    QString m_socket;
    int m_port = 0;
    bool m_running = false;
    QString m_error;
};

} // namespace dopool::testing
