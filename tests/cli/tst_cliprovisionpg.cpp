// Eight dopool-cli provision processes at once on one real PostgreSQL, demand above capacity:
// exactly the capacity is created, no create is ever refused by DO for the limit, no droplet
// is duplicated, and every other process gets exit 3.
#include "CliRunner.h"
#include "TestKeys.h"
#include "TestPostgres.h"
#include "fakedo/FakeDoServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace dopool::fakedo;

namespace {
const QString kKey = dopool::testkeys::hexKey(u"fedcba9876543210");
QByteArray token(int n)
{
    return dopool::testkeys::numberedToken(n, '8');
}
} // namespace

class TestCliProvisionPg : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrentProvisionersNeverExceedCapacity_data()
    {
        QTest::addColumn<int>("processes");
        QTest::addColumn<int>("latencyMs");
        QTest::newRow("8 processes, no latency") << 8 << 0;
        QTest::newRow("8 processes, 30 ms latency") << 8 << 30;
    }

    void concurrentProvisionersNeverExceedCapacity()
    {
        QFETCH(int, processes);
        QFETCH(int, latencyMs);
        DOPOOL_TEST_POSTGRES(pg);
        FakeDoServer fakeDo;
        QVERIFY(fakeDo.listen());
        // Capacity 3: account 1 has 2 free slots, account 2 has 1.
        const int limits[] = {3, 2};
        for (int n = 1; n <= 2; ++n) {
            FakeAccount account;
            account.email = QStringLiteral("pool%1@webrana.example").arg(n);
            account.dropletLimit = limits[n - 1];
            account.droplets = 1;
            fakeDo.addAccount(QString::fromLatin1(token(n)), account);
        }
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKey);
        const QStringList common{QStringLiteral("--db"), pg.url().displayString(),
                                 QStringLiteral("--api-base"), fakeDo.baseUrl().toString()};
        for (int n = 1; n <= 2; ++n) {
            const CliResult r = cli.runWithEventLoop(
                common + QStringList{QStringLiteral("account"), QStringLiteral("add"),
                                     QStringLiteral("--name"), QStringLiteral("Pool %1").arg(n),
                                     QStringLiteral("--token-stdin")},
                token(n) + '\n');
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        fakeDo.setLatencyMs(latencyMs);

        std::vector<std::unique_ptr<QProcess>> running;
        for (int i = 0; i < processes; ++i) {
            running.emplace_back(cli.start(
                common + QStringList{QStringLiteral("provision"), QStringLiteral("--order-id"),
                                     QStringLiteral("order-%1-0000").arg(i)}));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(running.begin(), running.end(), [](const auto &p) {
                    return p->state() == QProcess::NotRunning;
                });
            },
            120000));
        int created = 0;
        int full = 0;
        for (auto &p : running) {
            const CliResult r = CliRunner::collect(*p);
            QVERIFY(!r.crashed);
            QVERIFY(!r.out.contains(token(1)) && !r.err.contains(token(1)));
            if (r.exitCode == 0)
                ++created;
            else if (r.exitCode == 3)
                ++full;
            else
                QFAIL(qPrintable(
                    QStringLiteral("unexpected exit %1: %2").arg(r.exitCode).arg(r.errText())));
        }
        QCOMPARE(created, 3);
        QCOMPARE(full, processes - 3);
        QCOMPARE(fakeDo.overLimitAttempts(), 0);
        QCOMPARE(fakeDo.createdDroplets(QString::fromLatin1(token(1))).size(), 2);
        QCOMPARE(fakeDo.createdDroplets(QString::fromLatin1(token(2))).size(), 1);
        QVERIFY(fakeDo.duplicateNames(QString::fromLatin1(token(1))).isEmpty());
        QVERIFY(fakeDo.duplicateNames(QString::fromLatin1(token(2))).isEmpty());
        QCOMPARE(pg.column(QStringLiteral(
                               "SELECT count(*) FROM provisioning_tasks WHERE status = 'CREATED'"))
                     .value(0)
                     .toInt(),
                 3);
        QCOMPARE(pg.column(QStringLiteral(
                               "SELECT count(*) FROM provisioning_tasks WHERE status = 'FAILED'"))
                     .value(0)
                     .toInt(),
                 processes - 3);
    }

    // The same order from several dopool-cli processes at once on one PostgreSQL (a retried
    // job, a double click): one create, one droplet, one task; every process exits 0 with that
    // task, all but one saying it existed. Then --another makes a second on purpose.
    void concurrentSameOrderMakesOneDroplet()
    {
        constexpr int kProcesses = 6;
        DOPOOL_TEST_POSTGRES(pg);
        FakeDoServer fakeDo;
        QVERIFY(fakeDo.listen());
        FakeAccount account;
        account.email = QStringLiteral("pool1@webrana.example");
        fakeDo.addAccount(QString::fromLatin1(token(1)), account);
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKey);
        const QStringList common{QStringLiteral("--db"), pg.url().displayString(),
                                 QStringLiteral("--api-base"), fakeDo.baseUrl().toString()};
        const CliResult added = cli.runWithEventLoop(
            common + QStringList{QStringLiteral("account"), QStringLiteral("add"),
                                 QStringLiteral("--name"), QStringLiteral("Pool 1"),
                                 QStringLiteral("--token-stdin")},
            token(1) + '\n');
        QVERIFY2(added.exitCode == 0, added.err.constData());
        fakeDo.setLatencyMs(30); // keeps the first create in flight while the others arrive

        const QStringList provision =
            common + QStringList{QStringLiteral("--json"), QStringLiteral("provision"),
                                 QStringLiteral("--order-id"), QStringLiteral("order-once")};
        std::vector<std::unique_ptr<QProcess>> running;
        for (int i = 0; i < kProcesses; ++i)
            running.emplace_back(cli.start(provision));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(running.begin(), running.end(), [](const auto &p) {
                    return p->state() == QProcess::NotRunning;
                });
            },
            120000));
        int fresh = 0;
        QSet<QString> taskIds;
        for (auto &p : running) {
            const CliResult r = CliRunner::collect(*p);
            QVERIFY(!r.crashed);
            QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
            const QJsonObject task = QJsonDocument::fromJson(r.out).object();
            fresh += task.value(QStringLiteral("existing")).toBool() ? 0 : 1;
            taskIds.insert(task.value(QStringLiteral("id")).toString());
        }
        QCOMPARE(fresh, 1);
        QCOMPARE(taskIds.size(), 1);
        QCOMPARE(fakeDo.requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(fakeDo.createdDroplets(QString::fromLatin1(token(1))).size(), 1);
        QCOMPARE(
            pg.column(QStringLiteral("SELECT count(*) FROM provisioning_tasks")).value(0).toInt(),
            1);

        const CliResult another =
            cli.runWithEventLoop(provision + QStringList{QStringLiteral("--another")});
        QVERIFY2(another.exitCode == 0, another.err.constData());
        QCOMPARE(fakeDo.requestCount({QStringLiteral("POST"), {}, {}}), 2);
        QCOMPARE(fakeDo.createdDroplets(QString::fromLatin1(token(1))).size(), 2);
        QCOMPARE(pg.column(QStringLiteral("SELECT count(*) FROM provisioning_tasks WHERE is_extra"))
                     .value(0)
                     .toInt(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestCliProvisionPg)
#include "tst_cliprovisionpg.moc"
