// The database stops answering (a private PostgreSQL server whose every process is SIGSTOPped:
// connections stay open, nothing comes back) under two dopool-cli serve processes: each logs
// that the database does not answer, SIGTERM still stops one within seconds (a clean stop
// cannot happen while a call is stuck: it exits after its grace period with a clear message),
// and the other carries on by itself once the server resumes (SIGCONT): it says so, leads and
// runs the rounds again, and stops cleanly on SIGTERM.
#include "MultiInstanceUtil.h"
#include "PostgresServer.h"
#include "TestPostgres.h"

#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>

using namespace dopool;
using namespace dopool::fakedo;
using namespace dopool::testing;

class TestCliPgFreeze : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void frozenDatabaseIsLoggedSigtermStillWorksAndServeRecovers()
    {
        DOPOOL_TEST_PG_SERVER(server);
        constexpr int kIntervalSecs = 2;
        constexpr int kGraceSecs = 3;
        PoolCli setup;
        QVERIFY(setup.start(server.url().displayString()));
        FakeDoServer &fakeDo = setup.fakeDo;
        CliRunner &cli = setup.cli;
        cli.setEnv(QStringLiteral("DOPOOL_STOP_GRACE_SECS"), QString::number(kGraceSecs));
        cli.setEnv(QStringLiteral("DOPOOL_LEADER_LEASE_SECS"), QStringLiteral("3"));
        const QStringList &common = setup.common;
        const QString id = addPoolAccount(cli, common, fakeDo, 1, QStringLiteral("Freeze"),
                                          QStringLiteral("freeze@webrana.example"));
        QVERIFY(!id.isEmpty());
        RoundLog rounds;
        rounds.attach(fakeDo, fakeDo.accountId(QString::fromLatin1(token(1))));

        std::vector<Serve> serves;
        QVERIFY(startServesUntilTwoRounds(setup, serves, 2, kIntervalSecs, rounds));

        // The server freezes. It is resumed on every way out of the test.
        QVERIFY2(server.suspend(), qPrintable(server.errorString()));
        auto resumeServer = qScopeGuard([&server] { server.resume(); });
        for (const Serve &s : serves)
            QTRY_VERIFY2_WITH_TIMEOUT(s.logged("database: no answer for"), s.log->constData(),
                                      20000);

        // SIGTERM stops the first within seconds, stuck call or not.
        Serve &stopped = serves.front();
        QElapsedTimer stopping;
        stopping.start();
        stopped.process->terminate();
        QVERIFY(
            QTest::qWaitFor([&stopped] { return stopped.process->state() == QProcess::NotRunning; },
                            (kGraceSecs + 10) * 1000));
        stopped.log->append(stopped.process->readAllStandardError());
        qInfo("stopped %lld ms after SIGTERM with the database frozen", stopping.elapsed());
        QCOMPARE(stopped.process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(stopped.logged("exiting without waiting"), stopped.log->constData());
        QCOMPARE(stopped.process->exitCode(), 5);

        // The server resumes: the other one carries on by itself.
        Serve &survivor = serves.back();
        const qsizetype mark = survivor.log->size();
        resumeServer.dismiss();
        QVERIFY2(server.resume(), qPrintable(server.errorString()));
        const qint64 resumedAt = rounds.timer.elapsed();
        QTRY_VERIFY2_WITH_TIMEOUT(survivor.log->mid(mark).contains("database: answering again"),
                                  survivor.log->constData(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(rounds.countAfter(resumedAt) >= 2, 30000);
        QVERIFY2(survivor.running(), survivor.log->constData());
        {
            const QString name = QStringLiteral("dopool-test-freeze-check");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(server.url().host);
                db.setPort(server.url().port);
                db.setUserName(server.url().user);
                db.setDatabaseName(server.url().database);
                QVERIFY2(db.open(), qPrintable(db.lastError().text()));
                QTRY_COMPARE_WITH_TIMEOUT(leaderPid(db), survivor.pid(), 15000);
            }
            QSqlDatabase::removeDatabase(name);
        }

        // And it stops cleanly (exit 0) with the database answering.
        survivor.process->terminate();
        QVERIFY(QTest::qWaitFor(
            [&survivor] { return survivor.process->state() == QProcess::NotRunning; }, 20000));
        survivor.log->append(survivor.process->readAllStandardError());
        QCOMPARE(survivor.process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(survivor.process->exitCode() == 0, survivor.log->constData());
        for (const Serve &s : serves)
            QVERIFY(!s.log->contains(token(1)));
    }
};

QTEST_GUILESS_MAIN(TestCliPgFreeze)
#include "tst_clipgfreeze.moc"
