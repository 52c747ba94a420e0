// The CLI test runner itself: a child that crashes (or hangs) fails the running test whatever
// exit code it reports, and a child that exits 6 normally does not. Under ASan a crashing
// dopool-cli dies of SIGABRT, which QProcess reports as exit code 6, the code the CLI uses for
// key problems: without this check a crash could pass as the expected refusal.

#include "CliRunner.h"

#include <QProcess>
#include <QTest>
#include <memory>

class TestCliRunner : public QObject
{
    Q_OBJECT

private:
    CliRunner m_runner{QStringLiteral(DOPOOL_CRASHING_CHILD_PATH)};

private slots:
    void crashFailsTheTest_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("SIGABRT (reported as code 6)") << QStringLiteral("abort");
        QTest::newRow("SIGSEGV") << QStringLiteral("segv");
    }

    void crashFailsTheTest()
    {
        QFETCH(QString, how);
        // The runner must record a failure here; the expected failure turns it into XFAIL, so
        // the test passes only if the failure was recorded.
        QEXPECT_FAIL("", "a crashed child fails the running test", Continue);
        const CliResult r = m_runner.run({how});
        QVERIFY(r.crashed);
        QCOMPARE(r.exitCode, -1);
        QVERIFY(r.errText().contains(QLatin1String("about to abort")) ||
                how != QLatin1String("abort"));
    }

    void crashFailsTheTestThroughCollect()
    {
        std::unique_ptr<QProcess> p(m_runner.start({QStringLiteral("abort")}));
        QVERIFY(p->waitForFinished(30000));
        QEXPECT_FAIL("", "a crashed child fails the running test", Continue);
        const CliResult r = CliRunner::collect(*p);
        QVERIFY(r.crashed);
        QCOMPARE(r.exitCode, -1);
    }

    void hangFailsTheTest()
    {
        QEXPECT_FAIL("", "a child killed after its timeout fails the running test", Continue);
        const CliResult r = m_runner.run({QStringLiteral("hang")}, QByteArray(), 300);
        QVERIFY(r.crashed);
        QCOMPARE(r.exitCode, -1);
    }

    void normalExitSixPasses()
    {
        const CliResult r = m_runner.runWithEventLoop({QStringLiteral("exit6")});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 6);
    }
};

QTEST_GUILESS_MAIN(TestCliRunner)
#include "tst_clirunner.moc"
