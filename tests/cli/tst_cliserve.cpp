// dopool-cli serve: scheduled sync and health rounds against the fake DO API, alerts posted
// to a webhook, and a clean stop on SIGTERM; a pool with no usable account raises the critical
// NO_USABLE_ACCOUNT alert (webhook, `alerts`, `status`); bad settings are refused up front.
#include "CliRunner.h"
#include "TestKeys.h"
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
const QString kKey = dopool::testkeys::hexKey(u"abcdef");
QByteArray token(int n)
{
    return dopool::testkeys::numberedToken(n, '7');
}

// What a serve test runs against: a SQLite pool in a temporary folder, the fake DO API and a
// webhook receiver on loopback, and the CLI with the key and webhook URL in its environment.
struct ServeSetup
{
    QTemporaryDir dir;
    FakeDoServer fakeDo;
    WebhookReceiver webhook;
    CliRunner cli;
    // The --db and --api-base options every command of the test takes.
    QStringList common;

    bool start()
    {
        if (!dir.isValid() || !fakeDo.listen() || !webhook.listen(QHostAddress::LocalHost))
            return false;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKey);
        cli.setEnv(QStringLiteral("DOPOOL_WEBHOOK_URL"),
                   QStringLiteral("http://127.0.0.1:%1/hooks/dopool").arg(webhook.serverPort()));
        common =
            QStringList{QStringLiteral("--db"),
                        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("pool.sqlite")),
                        QStringLiteral("--api-base"), fakeDo.baseUrl().toString()};
        return true;
    }
};

} // namespace

class TestCliServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serveRunsRoundsAndStopsOnSigterm()
    {
        ServeSetup setup;
        QVERIFY(setup.start());
        FakeDoServer &fakeDo = setup.fakeDo;
        WebhookReceiver &webhook = setup.webhook;
        CliRunner &cli = setup.cli;
        const QStringList &common = setup.common;
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

    void noUsableAccountIsACriticalAlertEverywhere()
    {
        ServeSetup setup;
        QVERIFY(setup.start());
        WebhookReceiver &webhook = setup.webhook;
        CliRunner &cli = setup.cli;
        const QStringList &common = setup.common;
        // DigitalOcean does not know this token (revoked): 401 on the first sync, UNHEALTHY.
        const CliResult added = cli.runWithEventLoop(
            common + QStringList{QStringLiteral("account"), QStringLiteral("add"),
                                 QStringLiteral("--name"), QStringLiteral("Revoked"),
                                 QStringLiteral("--token-stdin"), QStringLiteral("--no-verify"),
                                 QStringLiteral("--email"), QStringLiteral("r@webrana.example")},
            token(9) + '\n');
        QVERIFY2(added.exitCode == 0, added.err.constData());

        std::unique_ptr<QProcess> serve(cli.start(
            common + QStringList{QStringLiteral("serve"), QStringLiteral("--sync-interval"),
                                 QStringLiteral("1"), QStringLiteral("--health-interval"),
                                 QStringLiteral("1")}));
        auto critical = [&webhook] {
            return std::find_if(webhook.bodies.cbegin(), webhook.bodies.cend(),
                                [](const QJsonObject &body) {
                                    return body.value(QStringLiteral("alert"))
                                               .toObject()
                                               .value(QStringLiteral("kind"))
                                               .toString() == QLatin1String("NO_USABLE_ACCOUNT");
                                });
        };
        QTRY_VERIFY_WITH_TIMEOUT(critical() != webhook.bodies.cend(), 20000);
        const QJsonObject body = *critical();
        QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("alert.raised"));
        const QJsonObject alert = body.value(QStringLiteral("alert")).toObject();
        QCOMPARE(alert.value(QStringLiteral("severity")).toString(), QStringLiteral("CRITICAL"));
        QCOMPARE(alert.value(QStringLiteral("message")).toString(),
                 QStringLiteral("No available account: none of the 1 accounts can take a droplet "
                                "(0 inactive, 1 unhealthy, 0 degraded)"));
        serve->terminate();
        QVERIFY(QTest::qWaitFor([&] { return serve->state() == QProcess::NotRunning; }, 20000));
        const CliResult stopped = CliRunner::collect(*serve);
        QVERIFY(!stopped.crashed);
        QCOMPARE(stopped.exitCode, 0);
        QVERIFY2(stopped.errText().contains(QStringLiteral("alert raised: No available account")),
                 stopped.err.constData());

        // Stored: `alerts` and `status` say the same.
        const CliResult alerts = cli.run(common + QStringList{QStringLiteral("alerts")});
        QCOMPARE(alerts.exitCode, 0);
        QVERIFY2(alerts.outText().contains(QStringLiteral("[CRITICAL]")) &&
                     alerts.outText().contains(QStringLiteral("No available account")),
                 alerts.out.constData());
        const CliResult status =
            cli.run(common + QStringList{QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(doc.value(QStringLiteral("usableAccounts")).toInt(), 0);
        QVERIFY(doc.value(QStringLiteral("openAlerts")).toInt() >= 1);
        QVERIFY(!alerts.out.contains(token(9)) && !stopped.err.contains(token(9)));
    }

    void badSettingsAreRefused_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("lease too short")
            << QStringLiteral("DOPOOL_LEADER_LEASE_SECS") << QStringLiteral("1")
            << QStringLiteral("DOPOOL_LEADER_LEASE_SECS must be a number of seconds from 2 to 600");
        QTest::newRow("no grace") << QStringLiteral("DOPOOL_STOP_GRACE_SECS") << QStringLiteral("0")
                                  << QStringLiteral("DOPOOL_STOP_GRACE_SECS must be a number of "
                                                    "seconds from 1 to 3600");
        QTest::newRow("degraded minutes not a number")
            << QStringLiteral("DOPOOL_DEGRADED_ALERT_MINUTES") << QStringLiteral("half an hour")
            << QStringLiteral(
                   "DOPOOL_DEGRADED_ALERT_MINUTES must be a number of minutes from 1 to 10080");
        QTest::newRow("statement timeout negative")
            << QStringLiteral("DOPOOL_PG_STATEMENT_TIMEOUT") << QStringLiteral("-5")
            << QStringLiteral("statement_timeout in DOPOOL_PG_STATEMENT_TIMEOUT must be a whole "
                              "number of milliseconds from 0 to 86400000");
    }
    void badSettingsAreRefused()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QTemporaryDir dir;
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKey);
        cli.setEnv(variable, value);
        const CliResult r =
            cli.run({QStringLiteral("--db"),
                     QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("pool.sqlite")),
                     QStringLiteral("serve")});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cliserve.moc"
