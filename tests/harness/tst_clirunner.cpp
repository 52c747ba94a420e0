// The CLI test runner itself: a child that never starts, crashes, hangs or has not finished
// fails the running test whatever exit code it reports, and a child that exits 6 normally
// does not. Under ASan a crashing dopool-cli dies of SIGABRT, which QProcess reports as exit
// code 6, the code the CLI uses for key problems; and Qt reports a child that never ran as a
// normal exit with code 0: without these checks either could pass as the expected result.
// Each case runs one function of clirunner_victim in its own process, which checks nothing
// itself: the victim failing, with the runner's message, is the runner failing the test.

#include "CliRunner.h"

#include <QProcess>
#include <QTest>

class TestCliRunner : public QObject
{
    Q_OBJECT

private:
    struct Victim
    {
        int exitCode = -1;
        QString output;
    };

    static Victim runVictim(const QString &function)
    {
        QProcess victim;
        victim.setProcessChannelMode(QProcess::MergedChannels);
        victim.start(QStringLiteral(DOPOOL_CLIRUNNER_VICTIM_PATH), {function});
        Victim v;
        if (!victim.waitForStarted(CliRunner::kStartTimeoutMs) || !victim.waitForFinished(120000) ||
            victim.exitStatus() != QProcess::NormalExit) {
            victim.kill();
            victim.waitForFinished();
            v.output = QStringLiteral("clirunner_victim did not run to its end: ") +
                       QString::fromUtf8(victim.readAll());
            return v;
        }
        v.exitCode = victim.exitCode(); // QtTest: the number of failed functions
        v.output = QString::fromUtf8(victim.readAll());
        return v;
    }

private slots:
    void eachWrongEndFailsTheTest_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("message");
        const QString notStarted = QStringLiteral("the child process did not start");
        const QString crashed = QStringLiteral("the child process crashed");
        const QString hung = QStringLiteral("the child process did not finish in time");
        QTest::newRow("run, missing executable") << QStringLiteral("runMissing") << notStarted;
        QTest::newRow("runWithEventLoop, missing executable")
            << QStringLiteral("runWithEventLoopMissing") << notStarted;
        QTest::newRow("start + collect, missing executable")
            << QStringLiteral("startMissing") << notStarted;
        QTest::newRow("collect of a QProcess that failed to start")
            << QStringLiteral("collectMissing") << notStarted;
        QTest::newRow("run, SIGABRT (reported as code 6)") << QStringLiteral("runAbort") << crashed;
        QTest::newRow("run, SIGSEGV") << QStringLiteral("runSegv") << crashed;
        QTest::newRow("start + collect, SIGABRT") << QStringLiteral("collectAbort") << crashed;
        QTest::newRow("run, hangs past its timeout") << QStringLiteral("runHang") << hung;
        QTest::newRow("runWithEventLoop, hangs past its timeout")
            << QStringLiteral("runWithEventLoopHang") << hung;
        QTest::newRow("collect before the child finished")
            << QStringLiteral("collectUnfinished") << hung;
    }

    void eachWrongEndFailsTheTest()
    {
        QFETCH(QString, function);
        QFETCH(QString, message);
        const Victim v = runVictim(function);
        QVERIFY2(v.exitCode == 1, qPrintable(v.output));
        QVERIFY2(v.output.contains(
                     QStringLiteral("FAIL!  : ClirunnerVictim::%1() %2").arg(function, message)),
                 qPrintable(v.output));
        // initTestCase and cleanupTestCase pass; the one function fails, and nothing else.
        QVERIFY2(v.output.contains(QLatin1String("Totals: 2 passed, 1 failed, 0 skipped")),
                 qPrintable(v.output));
    }

    void normalExitSixPasses()
    {
        const Victim v = runVictim(QStringLiteral("passes"));
        QVERIFY2(v.exitCode == 0, qPrintable(v.output));
        QVERIFY2(v.output.contains(QLatin1String("PASS   : ClirunnerVictim::passes()")),
                 qPrintable(v.output));
    }
};

QTEST_GUILESS_MAIN(TestCliRunner)
#include "tst_clirunner.moc"
