// WebhookNotifier against a tiny loopback QHttpServer: the JSON that arrives, HTTP errors,
// a dead port, a webhook that never answers (times out, and a scheduler round with alerts
// completes long before), and URLs it must refuse without sending anything.
#include "EngineTestFixture.h"
#include "engine/Scheduler.h"
#include "engine/WebhookNotifier.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;

Q_DECLARE_METATYPE(dopool::engine::AlertChange)

namespace {

// The notification-service stand-in: records each POST to /hook, answers `status`.
class Receiver
{
public:
    QHttpServer server;
    QList<QByteArray> bodies;
    QList<QByteArray> contentTypes;
    QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::NoContent;
    quint16 port = 0;

    bool listen()
    {
        server.route(QStringLiteral("/hook"), QHttpServerRequest::Method::Post,
                     [this](const QHttpServerRequest &request) {
                         bodies << request.body();
                         contentTypes << request.value(QByteArrayLiteral("content-type"));
                         return QHttpServerResponse(status);
                     });
        port = server.listen(QHostAddress::LocalHost);
        return port != 0;
    }
    QUrl url(const QString &scheme = QStringLiteral("http")) const
    {
        QUrl u;
        u.setScheme(scheme);
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(port);
        u.setPath(QStringLiteral("/hook"));
        return u;
    }
};

// Accepts connections and never answers.
class BlackHole : public QObject
{
public:
    QTcpServer server;
    QList<QTcpSocket *> sockets;
    BlackHole()
    {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection())
                sockets << socket; // owned by the server; read nothing, write nothing
        });
    }
    bool listen() { return server.listen(QHostAddress::LocalHost); }
    QUrl url() const
    {
        QUrl u(QStringLiteral("http://127.0.0.1/hook"));
        u.setPort(server.serverPort());
        return u;
    }
};

// A notifier with both of its outcomes recorded.
struct SpiedNotifier
{
    explicit SpiedNotifier(const QUrl &url)
        : notifier(url)
        , delivered(&notifier, &WebhookNotifier::delivered)
        , failed(&notifier, &WebhookNotifier::failed)
    {}
    WebhookNotifier notifier;
    QSignalSpy delivered;
    QSignalSpy failed;
};

AlertChange sampleChange(bool raised)
{
    Alert alert;
    alert.id = QStringLiteral("7b0e7f4e-9a51-4d55-9a8e-3c2d1f000001");
    alert.kind = AlertKind::AccountFull;
    alert.severity = AlertSeverity::Warning;
    alert.accountId = QStringLiteral("0d1c9b8a-0000-4000-8000-000000000042");
    alert.message = QStringLiteral("Account 'alpha' is full (25/25 droplets)");
    alert.details =
        QJsonObject{{QStringLiteral("activeDroplets"), 25}, {QStringLiteral("dropletLimit"), 25}};
    alert.raisedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    if (!raised)
        alert.resolvedAt = QDateTime(QDate(2026, 1, 2), QTime(4, 0), Qt::UTC);
    return AlertChange{alert, raised};
}

quint16 deadPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there any more
    return port;
}

} // namespace

class TestWebhookNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postsTheAlertAsJson_data()
    {
        QTest::addColumn<bool>("raised");
        QTest::addColumn<int>("status");
        QTest::newRow("raised, 204") << true << 204;
        QTest::newRow("resolved, 200") << false << 200;
    }
    void postsTheAlertAsJson()
    {
        QFETCH(bool, raised);
        QFETCH(int, status);
        Receiver receiver;
        receiver.status = QHttpServerResponder::StatusCode(status);
        QVERIFY(receiver.listen());
        SpiedNotifier spied(receiver.url());

        spied.notifier.notify(sampleChange(raised));
        QTRY_COMPARE(spied.delivered.size(), 1);
        QCOMPARE(spied.delivered.first().first().toInt(), status);
        QCOMPARE(spied.failed.size(), 0);
        QCOMPARE(receiver.bodies.size(), 1);
        QCOMPARE(receiver.contentTypes.first(), QByteArrayLiteral("application/json"));

        QJsonParseError error{};
        const QJsonObject json = QJsonDocument::fromJson(receiver.bodies.first(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.value(QLatin1String("event")).toString(),
                 raised ? QStringLiteral("alert.raised") : QStringLiteral("alert.resolved"));
        const QJsonObject alert = json.value(QLatin1String("alert")).toObject();
        QCOMPARE(alert.value(QLatin1String("id")).toString(),
                 QStringLiteral("7b0e7f4e-9a51-4d55-9a8e-3c2d1f000001"));
        QCOMPARE(alert.value(QLatin1String("kind")).toString(), QStringLiteral("ACCOUNT_FULL"));
        QCOMPARE(alert.value(QLatin1String("severity")).toString(), QStringLiteral("WARNING"));
        QCOMPARE(alert.value(QLatin1String("accountId")).toString(),
                 QStringLiteral("0d1c9b8a-0000-4000-8000-000000000042"));
        QCOMPARE(alert.value(QLatin1String("message")).toString(),
                 QStringLiteral("Account 'alpha' is full (25/25 droplets)"));
        QCOMPARE(alert.value(QLatin1String("details"))
                     .toObject()
                     .value(QLatin1String("dropletLimit"))
                     .toInt(),
                 25);
        QCOMPARE(alert.value(QLatin1String("raisedAt")).toString(),
                 QStringLiteral("2026-01-02T03:04:05.678Z"));
        if (raised) {
            QVERIFY(alert.value(QLatin1String("resolvedAt")).isNull());
        } else {
            QCOMPARE(alert.value(QLatin1String("resolvedAt")).toString(),
                     QStringLiteral("2026-01-02T04:00:00.000Z"));
        }
    }

    void poolWideAlertHasNullAccount()
    {
        AlertChange change = sampleChange(true);
        change.alert.accountId.clear();
        change.alert.kind = AlertKind::AllAccountsFull;
        change.alert.severity = AlertSeverity::Critical;
        const QJsonObject alert =
            WebhookNotifier::payload(change).value(QLatin1String("alert")).toObject();
        QVERIFY(alert.value(QLatin1String("accountId")).isNull());
        QCOMPARE(alert.value(QLatin1String("kind")).toString(),
                 QStringLiteral("ALL_ACCOUNTS_FULL"));
        QCOMPARE(alert.value(QLatin1String("severity")).toString(), QStringLiteral("CRITICAL"));
    }

    void httpErrorFails()
    {
        Receiver receiver;
        receiver.status = QHttpServerResponder::StatusCode::InternalServerError;
        QVERIFY(receiver.listen());
        SpiedNotifier spied(receiver.url());
        spied.notifier.notify(sampleChange(true));
        QTRY_COMPARE(spied.failed.size(), 1);
        QVERIFY2(spied.failed.first().first().toString().contains(QLatin1String("HTTP 500")),
                 qPrintable(spied.failed.first().first().toString()));
        QCOMPARE(spied.delivered.size(), 0);
    }

    void deadPortFails()
    {
        QUrl url(QStringLiteral("http://127.0.0.1/hook?secret=s3cr3t"));
        url.setPort(deadPort());
        WebhookNotifier notifier(url);
        QSignalSpy failed(&notifier, &WebhookNotifier::failed);
        notifier.notify(sampleChange(true));
        QTRY_COMPARE(failed.size(), 1);
        const QString reason = failed.first().first().toString();
        QVERIFY2(reason.contains(QLatin1String("ConnectionRefused")), qPrintable(reason));
        QVERIFY2(!reason.contains(QLatin1String("s3cr3t")), qPrintable(reason));
    }

    void silentWebhookTimesOut()
    {
        BlackHole hole;
        QVERIFY(hole.listen());
        WebhookNotifier notifier(hole.url());
        notifier.setTimeoutMs(300);
        QSignalSpy failed(&notifier, &WebhookNotifier::failed);
        notifier.notify(sampleChange(true));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("no answer within")),
                 qPrintable(failed.first().first().toString()));
    }

    void refusesUnsafeUrls_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("host");
        QTest::newRow("plain http to a remote host")
            << QStringLiteral("http") << QStringLiteral("hooks.example.com");
        QTest::newRow("ftp to loopback") << QStringLiteral("ftp") << QStringLiteral("127.0.0.1");
        QTest::newRow("no host") << QStringLiteral("https") << QString();
    }
    void refusesUnsafeUrls()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, host);
        Receiver receiver; // anything that slipped through to loopback would land here
        QVERIFY(receiver.listen());
        QUrl url = receiver.url(scheme);
        url.setHost(host);
        WebhookNotifier notifier(url);
        QSignalSpy failed(&notifier, &WebhookNotifier::failed);
        notifier.notify(sampleChange(true));
        QCOMPARE(failed.size(), 0); // reported later, never from inside notify()
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("refusing")),
                 qPrintable(failed.first().first().toString()));
        // The decisive later event: a safe POST, made after the refused one, reaches the
        // receiver. Had the refused one slipped through to loopback, it would be there too.
        WebhookNotifier safe(receiver.url());
        QSignalSpy delivered(&safe, &WebhookNotifier::delivered);
        safe.notify(sampleChange(false));
        QTRY_COMPARE(delivered.size(), 1);
        QCOMPARE(receiver.bodies.size(), 1);
    }

    // The webhook hangs; the scheduler's round (sync, then alerts, then the POST) finishes
    // anyway, long before the webhook gives up.
    void neverBlocksSync()
    {
        EngineFixture f;
        QVERIFY(f.setUp());
        fakedo::FakeAccount full;
        full.dropletLimit = 2;
        full.droplets = 2;
        f.addAccount(QStringLiteral("alpha"), fakeToken(1), full);
        QVERIFY(!QTest::currentTestFailed());

        BlackHole hole;
        QVERIFY(hole.listen());
        WebhookNotifier notifier(hole.url());
        notifier.setTimeoutMs(2000);
        QSignalSpy failed(&notifier, &WebhookNotifier::failed);

        SyncService sync(f.context());
        AlertEvaluator alerts(f.context());
        connect(&alerts, &AlertEvaluator::alertChanged, &notifier, &WebhookNotifier::notify);
        QSignalSpy changes(&alerts, &AlertEvaluator::alertChanged);
        Scheduler scheduler(f.context(), &sync, &alerts);
        QSignalSpy finished(&scheduler, &Scheduler::roundFinished);
        scheduler.start();
        QTRY_COMPARE(finished.size(), 1);
        // ACCOUNT_FULL, ALL_ACCOUNTS_FULL and POOL_UTILISATION_HIGH (2/2)...
        QCOMPARE(changes.size(), 3);
        QTRY_VERIFY(!hole.sockets.isEmpty()); // ...posted, and left hanging
        QCOMPARE(failed.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 3, 10000);
        scheduler.stop();
    }
};

QTEST_GUILESS_MAIN(TestWebhookNotifier)
#include "tst_webhooknotifier.moc"
