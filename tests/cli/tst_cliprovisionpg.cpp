// Eight dopool-cli provision processes at once on one real PostgreSQL, demand above capacity:
// exactly the capacity is created, no create is ever refused by DO for the limit, no droplet
// is duplicated, and every other process gets exit 3.
#include "CliRunner.h"
#include "TestPostgres.h"
#include "fakedo/FakeDoServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace dopool::fakedo;

namespace {
const QString kKey =
    QStringLiteral("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");
QByteArray token(int n)
{
    return QByteArray("dop_v1_") + QByteArray::number(n).rightJustified(64, '8');
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
};

QTEST_GUILESS_MAIN(TestCliProvisionPg)
#include "tst_cliprovisionpg.moc"
