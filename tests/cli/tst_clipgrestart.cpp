// The database goes away mid-run (a private PostgreSQL server, stopped like a crash and
// started again) under three dopool-cli serve processes and a writer: every write that was
// acknowledged (exit 0) is there afterwards, a write during the outage fails clearly (exit 5),
// every serve process notices the outage, recovers by itself, and the rounds go on, once per
// interval, under a leader.
#include "MultiInstanceUtil.h"
#include "PostgresServer.h"
#include "TestPostgres.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace dopool;
using namespace dopool::fakedo;
using namespace dopool::testing;

class TestCliPgRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restartLosesNothingAndEveryProcessRecovers()
    {
        DOPOOL_TEST_PG_SERVER(server);
        constexpr int kIntervalSecs = 2;
        PoolCli setup;
        QVERIFY(setup.start(server.url().displayString()));
        FakeDoServer &fakeDo = setup.fakeDo;
        CliRunner &cli = setup.cli;
        const QStringList &common = setup.common;
        const QString id = addPoolAccount(cli, common, fakeDo, 1, QStringLiteral("Restart"),
                                          QStringLiteral("restart@webrana.example"));
        QVERIFY(!id.isEmpty());
        RoundLog rounds;
        rounds.attach(fakeDo, fakeDo.accountId(QString::fromLatin1(token(1))));

        std::vector<Serve> serves;
        QVERIFY(startServesUntilTwoRounds(setup, serves, 3, kIntervalSecs, rounds));

        // The writer: renames (which no sync touches); exit 0 means acknowledged.
        QStringList acknowledged;
        int attempt = 0;
        auto write = [&]() -> CliResult {
            const QString name = QStringLiteral("Acked %1").arg(++attempt);
            const CliResult r = cli.runWithEventLoop(
                common + QStringList{QStringLiteral("account"), QStringLiteral("update"), id,
                                     QStringLiteral("--name"), name});
            if (r.exitCode == 0)
                acknowledged << name;
            return r;
        };
        for (int i = 0; i < 2; ++i) {
            const CliResult r = write();
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }

        // The server dies.
        QVERIFY2(server.stop(), qPrintable(server.errorString()));
        const qint64 downAt = rounds.timer.elapsed();
        const CliResult refused = write();
        QCOMPARE(refused.exitCode, 5);
        QVERIFY2(refused.errText().contains(QStringLiteral("cannot reach PostgreSQL")),
                 refused.err.constData());
        for (const Serve &s : serves)
            QTRY_VERIFY2_WITH_TIMEOUT(s.logged("database: unreachable"), s.log->constData(), 10000);
        for (const Serve &s : serves)
            QVERIFY2(s.running(), s.log->constData());

        // It comes back: everyone reconnects by itself.
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 upAt = rounds.timer.elapsed();
        for (const Serve &s : serves)
            QTRY_VERIFY2_WITH_TIMEOUT(s.logged("database: reachable again"), s.log->constData(),
                                      15000);
        for (int i = 0; i < 2; ++i) {
            const CliResult r = write();
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        // Rounds go on under a leader, still never two in one interval.
        QTRY_VERIFY_WITH_TIMEOUT(rounds.countAfter(upAt) >= 2, 20000);
        QVERIFY2(rounds.neverTwoInOneInterval(kIntervalSecs), qPrintable(rounds.describe()));
        {
            const QString name = QStringLiteral("dopool-test-restart-check");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(server.url().host);
                db.setPort(server.url().port);
                db.setUserName(server.url().user);
                db.setDatabaseName(server.url().database);
                QVERIFY2(db.open(), qPrintable(db.lastError().text()));
                QTRY_VERIFY_WITH_TIMEOUT(leaderPid(db) > 0, 5000);
                const qint64 leader = leaderPid(db);
                QVERIFY(std::any_of(serves.begin(), serves.end(),
                                    [leader](const Serve &s) { return s.pid() == leader; }));
                // Each round the database handed out, before and after the restart, ran once.
                const auto claimedRuns = [&db] {
                    QSqlQuery q(db);
                    return q.exec(QStringLiteral(
                               "SELECT runs FROM scheduler_rounds WHERE round = 'sync'")) &&
                                   q.next()
                               ? q.value(0).toInt()
                               : -1;
                };
                QTRY_COMPARE(claimedRuns(), int(rounds.at.size()));
            }
            QSqlDatabase::removeDatabase(name);
        }
        Q_UNUSED(downAt);

        // Nothing acknowledged was lost: the last name stands and the audit log has each one.
        const CliResult show = cli.runWithEventLoop(
            common + QStringList{QStringLiteral("--json"), QStringLiteral("account"),
                                 QStringLiteral("show"), id});
        QVERIFY2(show.exitCode == 0, show.err.constData());
        QCOMPARE(
            QJsonDocument::fromJson(show.out).object().value(QStringLiteral("name")).toString(),
            acknowledged.last());
        const CliResult audit = cli.runWithEventLoop(
            common + QStringList{QStringLiteral("--json"), QStringLiteral("audit"),
                                 QStringLiteral("--account"), id});
        QVERIFY2(audit.exitCode == 0, audit.err.constData());
        QStringList audited;
        for (const QJsonValue &row : QJsonDocument::fromJson(audit.out).array()) {
            const QString details = row.toObject().value(QStringLiteral("details")).toString();
            for (const QString &name : acknowledged) {
                if (details.endsWith(QStringLiteral("-> ") + name))
                    audited << name;
            }
        }
        audited.sort();
        QStringList expected = acknowledged;
        expected.sort();
        QCOMPARE(audited, expected);
        QCOMPARE(acknowledged.size(), 4);

        QVERIFY(stopAll(serves, 20000));
        for (Serve &s : serves) {
            QCOMPARE(s.process->exitStatus(), QProcess::NormalExit);
            QCOMPARE(s.process->exitCode(), 0);
            QVERIFY(!s.log->contains(token(1)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliPgRestart)
#include "tst_clipgrestart.moc"
