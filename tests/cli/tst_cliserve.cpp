// dopool-cli serve: scheduled sync and health rounds against the fake DO API, alerts posted
// to a webhook, and a clean stop on SIGTERM.
#include "CliRunner.h"
#include "WebhookReceiver.h"
#include "fakedo/FakeDoServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool::fakedo;

namespace {
const QString kKey =
    QStringLiteral("abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd");
QByteArray token(int n)
{
    return QByteArray("dop_v1_") + QByteArray::number(n).rightJustified(64, '7');
}

} // namespace

class TestCliServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serveRunsRoundsAndStopsOnSigterm()
    {
        QTemporaryDir dir;
        FakeDoServer fakeDo;
        QVERIFY(fakeDo.listen());
        WebhookReceiver webhook;
        QVERIFY(webhook.listen(QHostAddress::LocalHost));
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKey);
        cli.setEnv(QStringLiteral("DOPOOL_WEBHOOK_URL"),
                   QStringLiteral("http://127.0.0.1:%1/hooks/dopool").arg(webhook.serverPort()));
        const QStringList common{QStringLiteral("--db"),
                                 QStringLiteral("sqlite:") +
                                     dir.filePath(QStringLiteral("pool.sqlite")),
                                 QStringLiteral("--api-base"), fakeDo.baseUrl().toString()};
        const int counts[] = {3, 25};
        for (int n = 1; n <= 2; ++n) {
            FakeAccount account;
            account.email = QStringLiteral("s%1@webrana.example").arg(n);
            account.droplets = counts[n - 1];
            fakeDo.addAccount(QString::fromLatin1(token(n)), account);
            const CliResult r = cli.runWithEventLoop(
                common + QStringList{QStringLiteral("account"), QStringLiteral("add"),
                                     QStringLiteral("--name"), QStringLiteral("S%1").arg(n),
                                     QStringLiteral("--token-stdin")},
                token(n) + '\n');
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        fakeDo.clearLog();

        std::unique_ptr<QProcess> serve(cli.start(
            common + QStringList{QStringLiteral("serve"), QStringLiteral("--sync-interval"),
                                 QStringLiteral("1"), QStringLiteral("--health-interval"),
                                 QStringLiteral("1")}));
        const RequestFilter dropletLists{QStringLiteral("GET"), QStringLiteral("/v2/droplets"),
                                         QString()};
        // Two sync rounds at least: each lists droplets once per account.
        QTRY_VERIFY_WITH_TIMEOUT(fakeDo.requestCount(dropletLists) >= 4, 20000);
        QCOMPARE(serve->state(), QProcess::Running);
        // S2 is full: its alert reaches the webhook once, not every round.
        QTRY_VERIFY_WITH_TIMEOUT(!webhook.bodies.isEmpty(), 10000);
        const QJsonObject first = webhook.bodies.first();
        QCOMPARE(first.value(QStringLiteral("event")).toString(), QStringLiteral("alert.raised"));
        QCOMPARE(first.value(QStringLiteral("alert"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("ACCOUNT_FULL"));
        const int requestsBefore = fakeDo.requestCount(dropletLists);
        QTRY_VERIFY_WITH_TIMEOUT(fakeDo.requestCount(dropletLists) >= requestsBefore + 2, 10000);
        int fullAlerts = 0;
        for (const QJsonObject &body : webhook.bodies)
            fullAlerts += body.value(QStringLiteral("alert"))
                                      .toObject()
                                      .value(QStringLiteral("kind"))
                                      .toString() == QLatin1String("ACCOUNT_FULL")
                              ? 1
                              : 0;
        QCOMPARE(fullAlerts, 1);

        serve->terminate(); // SIGTERM
        QVERIFY(QTest::qWaitFor([&] { return serve->state() == QProcess::NotRunning; }, 20000));
        const CliResult r = CliRunner::collect(*serve);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains(token(1)) && !r.err.contains(token(1)));
        QVERIFY2(r.errText().contains(QStringLiteral("stopping")), qPrintable(r.errText()));
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cliserve.moc"
