// The fake DO API's injected faults and latency as a client sees them, over real loopback
// HTTP: each fault kind, faults limited to N requests or one endpoint, "create then hang",
// creates that land after the client got a 504 or gave up (or never),
// non-blocking latency under load, and teardown with answers still pending.
#include "FakeDoTestClient.h"
#include "fakedo/FakeDoServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace dopool::fakedo;

namespace {

QByteArray createBody(const QString &name, const QString &tag)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("region"), QStringLiteral("sgp1")},
                                     {QStringLiteral("size"), QStringLiteral("s-1vcpu-1gb")},
                                     {QStringLiteral("image"), QStringLiteral("ubuntu-22-04-x64")},
                                     {QStringLiteral("tags"), QJsonArray{tag}}})
        .toJson(QJsonDocument::Compact);
}

bool timedOut(QNetworkReply::NetworkError error)
{
    // QNetworkRequest's transfer timeout aborts the reply.
    return error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
}

} // namespace

class TestFakeDoFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDoServer> m_server;
    std::unique_ptr<TestClient> m_client;

    HttpResult getAccount(int timeoutMs = 10000)
    {
        return m_client->call("GET", QStringLiteral("/v2/account"), kTokenA, {}, timeoutMs);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeDoServer>();
        QVERIFY(m_server->listen());
        FakeAccount a;
        a.email = QStringLiteral("do1@webrana.example");
        m_server->addAccount(kTokenA, a);
        m_server->addAccount(kTokenB, FakeAccount{});
        m_client = std::make_unique<TestClient>();
        m_client->base = m_server->baseUrl();
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void faultAsClientSeesIt_data()
    {
        QTest::addColumn<FaultKind>("kind");
        QTest::addColumn<int>("status");      // 0: no HTTP answer at all
        QTest::addColumn<QString>("errorId"); // DO's error id, when a JSON error
        QTest::addColumn<Outcome>("outcome");

        QTest::newRow("401") << FaultKind::Unauthorized << 401 << QStringLiteral("Unauthorized")
                             << Outcome::Answered;
        QTest::newRow("403") << FaultKind::Forbidden << 403 << QStringLiteral("forbidden")
                             << Outcome::Answered;
        QTest::newRow("429") << FaultKind::TooManyRequests << 429
                             << QStringLiteral("too_many_requests") << Outcome::Answered;
        QTest::newRow("500") << FaultKind::ServerError << 500 << QStringLiteral("server_error")
                             << Outcome::Answered;
        QTest::newRow("garbage") << FaultKind::GarbageBody << 200 << QString() << Outcome::Answered;
        QTest::newRow("hang") << FaultKind::Hang << 0 << QString() << Outcome::Hung;
        // Armed for good: QNAM re-sends once after a reset, so a single reset goes unseen.
        QTest::newRow("reset") << FaultKind::ConnectionReset << 0 << QString() << Outcome::Reset;
    }
    void faultAsClientSeesIt()
    {
        QFETCH(FaultKind, kind);
        QFETCH(int, status);
        QFETCH(QString, errorId);
        QFETCH(Outcome, outcome);

        m_server->injectFault(kTokenA, Fault{kind, Endpoint::Any, -1, 7});
        QSignalSpy handled(m_server.get(), &FakeDoServer::requestHandled);
        const HttpResult r = getAccount(500);
        QVERIFY(r.finished);
        QCOMPARE(r.status, status);
        QVERIFY(!handled.isEmpty());
        const RequestRecord record = handled.first().first().value<RequestRecord>();
        QCOMPARE(record.outcome, outcome);
        QCOMPARE(record.status, status);
        QCOMPARE(record.endpoint, Endpoint::Account);

        switch (kind) {
        case FaultKind::Hang:
            QVERIFY2(timedOut(r.error), qPrintable(QString::number(r.error)));
            break;
        case FaultKind::ConnectionReset:
            QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
            break;
        case FaultKind::GarbageBody:
            QCOMPARE(r.error, QNetworkReply::NoError);
            QVERIFY(!r.body.isEmpty());
            QVERIFY(!r.isJson);
            break;
        default:
            QVERIFY(r.isJson);
            QCOMPARE(r.json.value(u"id").toString(), errorId);
            QVERIFY(!r.json.value(u"message").toString().isEmpty());
            break;
        }
        if (kind == FaultKind::TooManyRequests) {
            QCOMPARE(r.header("retry-after"), QByteArray("7"));
            QCOMPARE(r.json.value(u"message").toString(),
                     QStringLiteral("API rate limit exceeded."));
        }
        if (kind == FaultKind::Forbidden)
            QCOMPARE(r.json.value(u"message").toString(),
                     QStringLiteral("You do not have access for the attempted action."));

        // Other tokens are unaffected; clearing the fault heals the token.
        QCOMPARE(m_client->call("GET", QStringLiteral("/v2/account"), kTokenB).status, 200);
        m_server->clearFaults(kTokenA);
        QCOMPARE(getAccount().status, 200);
    }

    void faultLimitedToNRequests()
    {
        m_server->injectFault(kTokenA, Fault{FaultKind::ServerError, Endpoint::Any, 2});
        QCOMPARE(getAccount().status, 500);
        QCOMPARE(getAccount().status, 500);
        QCOMPARE(getAccount().status, 200);
        QCOMPARE(getAccount().status, 200);
    }

    void faultRestrictedToEndpoint()
    {
        m_server->injectFault(kTokenA, Fault{FaultKind::Forbidden, Endpoint::DropletsList, 1});
        QCOMPARE(getAccount().status, 200);
        QCOMPARE(m_client->call("GET", QStringLiteral("/v2/droplets"), kTokenA).status, 403);
        QCOMPARE(m_client->call("GET", QStringLiteral("/v2/droplets"), kTokenA).status, 200);
    }

    void createThenHang()
    {
        m_server->injectFault(kTokenA, Fault{FaultKind::CreateThenHang, Endpoint::Any, 1});
        // Other endpoints are untouched by a create-then-hang fault.
        QCOMPARE(getAccount().status, 200);

        const QByteArray body =
            createBody(QStringLiteral("webrana-0a1b2c3d"), QStringLiteral("order-0a1b2c3d"));
        const HttpResult first =
            m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA, body, 300);
        QVERIFY(timedOut(first.error));
        QCOMPARE(m_server->dropletCount(kTokenA), 1); // created and counted nevertheless
        QCOMPARE(m_server->createdDroplets(kTokenA).size(), 1);
        QCOMPARE(m_server->requests().last().outcome, Outcome::Hung);

        // A careful client looks the droplet up by its tag before retrying the create.
        const HttpResult lookup =
            m_client->call("GET", QStringLiteral("/v2/droplets?tag_name=order-0a1b2c3d"), kTokenA);
        QCOMPARE(lookup.status, 200);
        QCOMPARE(lookup.json.value(u"meta").toObject().value(u"total").toInt(), 1);
        QVERIFY(m_server->duplicateNames(kTokenA).isEmpty());

        // A careless one creates a duplicate, which the fake makes visible.
        QCOMPARE(m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA, body).status, 202);
        QCOMPARE(m_server->duplicateNames(kTokenA),
                 QStringList{QStringLiteral("webrana-0a1b2c3d")});
    }

    // The create lands after the client got its answer (504) or gave up (hang), or never.
    void lateCreate_data()
    {
        QTest::addColumn<FaultKind>("kind");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("504, lands 200 ms later") << FaultKind::LateCreate504 << 200;
        QTest::newRow("504, never lands") << FaultKind::LateCreate504 << -1;
        QTest::newRow("hang, lands after the client's timeout") << FaultKind::LateCreateHang << 500;
        QTest::newRow("hang, never lands") << FaultKind::LateCreateHang << -1;
    }
    void lateCreate()
    {
        QFETCH(FaultKind, kind);
        QFETCH(int, delayMs);
        Fault fault{kind, Endpoint::Any, 1};
        fault.createDelayMs = delayMs;
        m_server->injectFault(kTokenA, fault);
        QCOMPARE(getAccount().status, 200); // only the create is affected

        const QByteArray body =
            createBody(QStringLiteral("webrana-late0001"), QStringLiteral("order-late"));
        const HttpResult r =
            m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA, body, 300);
        if (kind == FaultKind::LateCreate504) {
            QCOMPARE(r.status, 504);
            QVERIFY(!r.isJson); // the load balancer's page, not DO's JSON
        } else {
            QVERIFY(timedOut(r.error));
        }
        QCOMPARE(m_server->dropletCount(kTokenA), 0); // not yet, whatever the client saw
        QCOMPARE(m_server->createdDroplets(kTokenA).size(), 0);
        if (delayMs < 0) {
            QCOMPARE(m_server->pendingLateCreates(), 0);
            // Nothing lands while the client keeps looking.
            for (int look = 0; look < 3; ++look) {
                const HttpResult lookup = m_client->call(
                    "GET", QStringLiteral("/v2/droplets?tag_name=order-late"), kTokenA);
                QCOMPARE(lookup.json.value(u"meta").toObject().value(u"total").toInt(), 0);
            }
            return;
        }
        QCOMPARE(m_server->pendingLateCreates(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->createdDroplets(kTokenA).size(), 1, 10000);
        QCOMPARE(m_server->pendingLateCreates(), 0);
        const HttpResult lookup =
            m_client->call("GET", QStringLiteral("/v2/droplets?tag_name=order-late"), kTokenA);
        QCOMPARE(lookup.json.value(u"meta").toObject().value(u"total").toInt(), 1);
        QCOMPARE(m_server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
    }

    void createThenReset()
    {
        // The droplet is created, then the connection is reset without an answer. QNAM (6.4)
        // silently re-sends a request once when the connection drops while it waits for the
        // answer -- a POST too -- so a plain QNAM client may get a 202 for a second droplet.
        m_server->injectFault(kTokenA, Fault{FaultKind::CreateThenReset, Endpoint::Any, 1});
        const QByteArray body =
            createBody(QStringLiteral("webrana-99999999"), QStringLiteral("order-9"));
        const HttpResult r = m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA, body);
        QVERIFY(r.finished);
        QCOMPARE(m_server->requests().first().outcome, Outcome::Reset);
        QCOMPARE(m_server->requests().first().endpoint, Endpoint::DropletCreate);
        QVERIFY(m_server->dropletCount(kTokenA) >= 1);
        if (r.error == QNetworkReply::NoError) { // re-sent behind the client's back
            QCOMPARE(r.status, 202);
            QCOMPARE(m_server->duplicateNames(kTokenA),
                     QStringList{QStringLiteral("webrana-99999999")});
        }
    }

    void latencyDoesNotBlock()
    {
        m_server->setLatencyMs(100);
        QElapsedTimer timer;
        timer.start();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 20; ++i)
            replies.append(m_client->send("GET", QStringLiteral("/v2/account"), kTokenA));
        for (QNetworkReply *reply : std::as_const(replies))
            QCOMPARE(TestClient::finish(reply).status, 200);
        const qint64 elapsed = timer.elapsed();
        // Every answer was held back (an upper bound would only measure how loaded the machine
        // is: the request budget lives in bench/).
        QVERIFY2(elapsed >= 100, qPrintable(QString::number(elapsed)));
    }

    void perTokenLatency()
    {
        m_server->setLatencyMs(kTokenA, 400);
        QNetworkReply *slow = m_client->send("GET", QStringLiteral("/v2/account"), kTokenA);
        QSignalSpy slowDone(slow, &QNetworkReply::finished);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(m_client->call("GET", QStringLiteral("/v2/account"), kTokenB).status, 200);
        QVERIFY(slowDone.isEmpty()); // B was answered while A's answer was still held back
        QCOMPARE(TestClient::finish(slow).status, 200);
        QVERIFY(timer.elapsed() >= 300);
        m_server->clearLatency(kTokenA);
        QCOMPARE(getAccount().status, 200);
    }

    void manyConcurrentDelayedRequests()
    {
        // 200+ requests held back at once, spread over several QNAMs (6 connections each).
        m_server->setLatencyMs(200);
        std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
        QList<QNetworkReply *> replies;
        QSignalSpy handled(m_server.get(), &FakeDoServer::requestHandled);
        for (int n = 0; n < 40; ++n) {
            nams.push_back(std::make_unique<QNetworkAccessManager>());
            for (int i = 0; i < 6; ++i) {
                QNetworkRequest request(
                    m_server->baseUrl().resolved(QUrl(QStringLiteral("/v2/droplets?per_page=1"))));
                request.setRawHeader("Authorization",
                                     "Bearer " + (i % 2 ? kTokenA : kTokenB).toLatin1());
                replies.append(nams.back()->get(request));
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(handled.size(), 240, 20000);
        for (QNetworkReply *reply : std::as_const(replies))
            QCOMPARE(TestClient::finish(reply).status, 200);
        QCOMPARE(m_server->requestCount(), 240);
    }

    void clientGoneBeforeDelayedAnswer()
    {
        m_server->setLatencyMs(300);
        QSignalSpy handled(m_server.get(), &FakeDoServer::requestHandled);
        QSignalSpy received(m_server.get(), &FakeDoServer::requestReceived);
        QNetworkReply *reply = m_client->send("GET", QStringLiteral("/v2/account"), kTokenA);
        QTRY_COMPARE(received.size(), 1); // the answer is being held back; now the client leaves
        QVERIFY(handled.isEmpty());
        reply->abort();
        reply->deleteLater();
        m_client->nam.clearConnectionCache();
        QTRY_COMPARE_WITH_TIMEOUT(handled.size(), 1, 5000);
        QCOMPARE(handled.first().first().value<RequestRecord>().outcome, Outcome::ClientGone);
        m_server->setLatencyMs(0);
        QCOMPARE(getAccount().status, 200);
    }

    void clientGoneWhileHanging()
    {
        m_server->injectFault(kTokenA, Fault{FaultKind::Hang, Endpoint::Any, 1});
        QCOMPARE(getAccount(300).status, 0);
        QCOMPARE(m_server->hangingRequests(), 1);
        m_client->nam.clearConnectionCache();
        QTRY_COMPARE(m_server->hangingRequests(), 0); // released once QtHttpServer drops the socket
        QCOMPARE(getAccount().status, 200);
    }

    void serverDestroyedWithPendingAnswers()
    {
        m_server->injectFault(kTokenA, Fault{FaultKind::Hang, Endpoint::Account, 1});
        m_server->setLatencyMs(kTokenB, 5000);
        QSignalSpy handled(m_server.get(), &FakeDoServer::requestHandled);
        QNetworkReply *hanging = m_client->send("GET", QStringLiteral("/v2/account"), kTokenA);
        QNetworkReply *delayed = m_client->send("GET", QStringLiteral("/v2/account"), kTokenB);
        QTRY_COMPARE(m_server->hangingRequests(), 1);
        QCOMPARE(handled.size(), 1); // the delayed one is still held back
        m_server.reset();
        const HttpResult h = TestClient::finish(hanging);
        const HttpResult d = TestClient::finish(delayed);
        QVERIFY(h.finished && d.finished);
        QVERIFY(h.error != QNetworkReply::NoError);
        QVERIFY(d.error != QNetworkReply::NoError);
    }
};

QTEST_GUILESS_MAIN(TestFakeDoFaults)
#include "tst_fakedofaults.moc"
