// Run by tst_clirunner, one test function per process: each function hands CliRunner a child
// that ends one wrong way (never starts, crashes, hangs, has not finished when collected) and
// checks nothing itself, so the only thing that can fail it is the runner. tst_clirunner
// asserts that every one of them fails, with the runner's message; `passes` is the control.

#include "CliRunner.h"

#include <QProcess>
#include <QTest>
#include <memory>

namespace {

const QString kMissing = QStringLiteral("/nonexistent/dopool-cli-that-is-not-there");

} // namespace

class ClirunnerVictim : public QObject
{
    Q_OBJECT

private:
    CliRunner m_child{QStringLiteral(DOPOOL_CRASHING_CHILD_PATH)};
    CliRunner m_missing{kMissing};

private slots:
    void runMissing() { m_missing.run({}); }
    void runWithEventLoopMissing() { m_missing.runWithEventLoop({}); }
    void startMissing()
    {
        std::unique_ptr<QProcess> p(m_missing.start({}));
        CliRunner::collect(*p);
    }
    void collectMissing()
    {
        // Not through start(): a QProcess that failed to start, handed to collect().
        QProcess p;
        p.start(kMissing, {});
        p.waitForStarted(CliRunner::kStartTimeoutMs);
        CliRunner::collect(p);
    }
    void runAbort() { m_child.run({QStringLiteral("abort")}); }
    void runSegv() { m_child.run({QStringLiteral("segv")}); }
    void collectAbort()
    {
        std::unique_ptr<QProcess> p(m_child.start({QStringLiteral("abort")}));
        p->waitForFinished(60000);
        CliRunner::collect(*p);
    }
    void runHang() { m_child.run({QStringLiteral("hang")}, QByteArray(), 300); }
    void runWithEventLoopHang() { m_child.runWithEventLoop({QStringLiteral("hang")}, {}, 300); }
    void collectUnfinished()
    {
        std::unique_ptr<QProcess> p(m_child.start({QStringLiteral("hang")}));
        CliRunner::collect(*p);
    }
    void passes()
    {
        const CliResult r = m_child.runWithEventLoop({QStringLiteral("exit6")});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 6);
    }
};

QTEST_GUILESS_MAIN(ClirunnerVictim)
#include "clirunner_victim.moc"
