// Two real dopool-cli serve processes on one real PostgreSQL pool, the leader suspended with
// SIGSTOP (a laptop lid, a frozen VM: its TCP connection stays open, so its session lives on):
// the other instance takes the lease over and runs the rounds within the bound (2 intervals or
// 10 s, whichever is larger); after SIGCONT the old leader notices it lost the lease and starts
// no round of its own; both stop on SIGTERM.
#include "MultiInstanceUtil.h"
#include "TestPostgres.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <csignal>

using namespace dopool;
using namespace dopool::fakedo;
using namespace dopool::testing;

class TestCliLeaderLease : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suspendedLeaderIsReplacedAndDoesNotRunADuplicateRound()
    {
        DOPOOL_TEST_POSTGRES(pg);
        constexpr int kIntervalSecs = 2;
        constexpr int kLeaseSecs = 3;
        constexpr qint64 kBoundMs = std::max(2 * kIntervalSecs, 10) * 1000;
        PoolCli setup;
        QVERIFY(setup.start(pg.url().displayString()));
        FakeDoServer &fakeDo = setup.fakeDo;
        CliRunner &cli = setup.cli;
        cli.setEnv(QStringLiteral("DOPOOL_LEADER_LEASE_SECS"), QString::number(kLeaseSecs));
        const QStringList &common = setup.common;
        const QString id = addPoolAccount(cli, common, fakeDo, 1, QStringLiteral("Lease"),
                                          QStringLiteral("lease@webrana.example"));
        QVERIFY(!id.isEmpty());
        RoundLog rounds;
        rounds.attach(fakeDo, fakeDo.accountId(QString::fromLatin1(token(1))));

        std::vector<Serve> serves;
        QVERIFY(startServesUntilTwoRounds(setup, serves, 2, kIntervalSecs, rounds));
        QTRY_VERIFY_WITH_TIMEOUT(leaderPid(pg.connection()) > 0, 10000);
        const qint64 leader = leaderPid(pg.connection());
        const auto victim = std::find_if(serves.begin(), serves.end(),
                                         [leader](const Serve &s) { return s.pid() == leader; });
        QVERIFY(victim != serves.end());
        Serve &other = victim == serves.begin() ? serves.back() : serves.front();
        QVERIFY2(victim->logged("now leads"), victim->log->constData());

        // Suspended between two rounds (not halfway through one, which would finish after
        // SIGCONT): alive, connected, silent. Resumed on every way out of the test.
        const qsizetype finished = victim->log->count("sync round finished");
        QTRY_VERIFY_WITH_TIMEOUT(victim->log->count("sync round finished") > finished, 10000);
        QCOMPARE(::kill(pid_t(leader), SIGSTOP), 0);
        auto resumeVictim = qScopeGuard([leader] { ::kill(pid_t(leader), SIGCONT); });
        const qint64 stoppedAt = rounds.timer.elapsed();

        // The other instance leads and runs the rounds within the bound.
        QTRY_VERIFY2_WITH_TIMEOUT(other.logged("now leads"), other.log->constData(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(rounds.countAfter(stoppedAt) >= 2, 30000);
        const auto firstAfter = std::find_if(rounds.at.begin(), rounds.at.end(),
                                             [stoppedAt](qint64 t) { return t > stoppedAt; });
        const qint64 gapMs = *firstAfter - stoppedAt;
        qInfo("first round %lld ms after the leader was suspended (bound %lld ms)", gapMs,
              kBoundMs);
        QVERIFY2(gapMs <= kBoundMs, qPrintable(QString::number(gapMs)));
        QCOMPARE(leaderPid(pg.connection()), other.pid());

        // Resumed: the old leader finds its lease gone before starting anything.
        const qsizetype mark = victim->log->size();
        resumeVictim.dismiss();
        QCOMPARE(::kill(pid_t(leader), SIGCONT), 0);
        const qint64 resumedAt = rounds.timer.elapsed();
        QTRY_VERIFY2_WITH_TIMEOUT(victim->log->mid(mark).contains("no longer leads"),
                                  victim->log->constData(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(rounds.countAfter(resumedAt) >= 3, 30000);
        const QByteArray sinceResume = victim->log->mid(mark);
        QVERIFY2(!sinceResume.contains("round started"), sinceResume.constData());
        QVERIFY(victim->running() && other.running());
        QCOMPARE(leaderPid(pg.connection()), other.pid());
        // Never two rounds in one interval, and each claimed round ran once.
        QVERIFY2(rounds.neverTwoInOneInterval(kIntervalSecs), qPrintable(rounds.describe()));
        QTRY_COMPARE(
            pg.column(QStringLiteral("SELECT runs FROM scheduler_rounds WHERE round = 'sync'"))
                .value(0)
                .toInt(),
            int(rounds.at.size()));

        QVERIFY(stopAll(serves, 20000));
        for (Serve &s : serves) {
            QCOMPARE(s.process->exitStatus(), QProcess::NormalExit);
            QCOMPARE(s.process->exitCode(), 0);
            QVERIFY(!s.log->contains(token(1)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliLeaderLease)
#include "tst_clileaderlease.moc"
