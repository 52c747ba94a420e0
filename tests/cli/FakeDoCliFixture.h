#pragma once

// dopool-cli against the project's fake DigitalOcean API over loopback: per test function a
// fresh fake DO server and a fresh SQLite pool, a fixed ENCRYPTION_KEY, and every run checked
// for a crash and for a token leaking into the output. A test class derives from it and calls
// startFakeDo() from init() and stopFakeDo() from cleanup().

#include "CliRunner.h"
#include "TestKeys.h"
#include "fakedo/FakeDoServer.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

class FakeDoCliFixture
{
public:
    // Tokens 1..tokenCount are made up in DO's format, padded with tokenFill (never real ones).
    FakeDoCliFixture(char tokenFill, int tokenCount)
        : m_tokenFill(tokenFill)
        , m_tokenCount(tokenCount)
    {}

    QByteArray token(int n) const { return dopool::testkeys::numberedToken(n, m_tokenFill); }

    // dopool-cli --db <this test's pool> --api-base <the fake DO server> args...
    CliResult run(const QStringList &args, const QByteArray &in = {})
    {
        CliResult r = m_cli.runWithEventLoop(QStringList{QStringLiteral("--db"), m_db,
                                                         QStringLiteral("--api-base"),
                                                         m_do->baseUrl().toString()} +
                                                 args,
                                             in);
        if (r.crashed)
            qFatal("dopool-cli crashed");
        for (int n = 1; n <= m_tokenCount; ++n) {
            if (r.out.contains(token(n)) || r.err.contains(token(n)))
                qFatal("a token leaked into dopool-cli's output");
        }
        return r;
    }

protected:
    void startFakeDo()
    {
        QVERIFY(m_dir.isValid());
        m_do = std::make_unique<dopool::fakedo::FakeDoServer>();
        QVERIFY(m_do->listen());
        m_db = QStringLiteral("sqlite:") +
               m_dir.filePath(QStringLiteral("pool-%1.sqlite").arg(++m_case));
        m_cli.setEnv(
            QStringLiteral("ENCRYPTION_KEY"),
            QStringLiteral("1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef"));
        m_cli.setEnv(QStringLiteral("DOPOOL_API_TIMEOUT_MS"), QStringLiteral("2000"));
    }
    void stopFakeDo() { m_do.reset(); }

    QTemporaryDir m_dir;
    std::unique_ptr<dopool::fakedo::FakeDoServer> m_do;
    CliRunner m_cli;
    QString m_db;

private:
    char m_tokenFill;
    int m_tokenCount;
    int m_case = 0;
};
