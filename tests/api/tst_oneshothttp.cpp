// POST /v2/droplets over the one-shot transport (OneShotHttp), which never re-sends a request
// the way Qt 6.4's QNetworkAccessManager does after a dropped connection: against the real
// fake DO server over loopback (create-then-reset makes exactly one droplet), and against a
// raw scripted server for what QtHttpServer never sends (chunked, split, interim, truncated,
// garbage answers) and for TLS, which must verify certificates and never fall back to plain.
// What each of the fake server's faults makes of a create is in tst_doapiclientretry.
#include "ClientTestHarness.h"
#include "VerifyOk.h"
#include "api/OneShotHttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace dopool::testing;
using dopool::fakedo::Endpoint;
using dopool::fakedo::FakeAccount;
using dopool::fakedo::FakeDoServer;
using dopool::fakedo::Fault;
using dopool::fakedo::FaultKind;

class TestOneShotHttp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDoServer> m_fake;
    std::unique_ptr<DoApiClient> m_client;
    std::unique_ptr<RawHttpServer> m_raw;

    void makeClient(const QUrl &base, int timeoutMs = 3000)
    {
        DoApiClient::Options options;
        options.timeoutMs = timeoutMs;
        m_client = std::make_unique<DoApiClient>(base, options); // real network: no injection
    }
    void startRaw(QList<QByteArray> pieces, bool closeAfter = true)
    {
        m_raw = std::make_unique<RawHttpServer>();
        m_raw->pieces = std::move(pieces);
        m_raw->closeAfter = closeAfter;
        QVERIFY(m_raw->server.listen(QHostAddress::LocalHost));
        makeClient(m_raw->url(), 1000);
    }
    ApiResult<CreatedDroplet> create() { return createAndWait(*m_client); }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("dopool.api.debug=true"));
        g_previousHandler = qInstallMessageHandler(captureMessages);
    }
    void cleanupTestCase() { qInstallMessageHandler(g_previousHandler); }
    void init()
    {
        g_logLines.clear();
        m_fake = std::make_unique<FakeDoServer>();
        QVERIFY(m_fake->listen());
        m_fake->addAccount(Token, FakeAccount{});
        makeClient(m_fake->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_raw.reset();
        m_fake.reset();
        for (const QString &line : std::as_const(g_logLines))
            QVERIFY2(!line.contains(Secret), qPrintable(QStringLiteral("token in log: ") + line));
    }

    // The bug this transport exists for: QNAM would re-send the POST after the reset.
    void createThenResetIsNeverResent()
    {
        m_fake->injectFault(Token, Fault{FaultKind::CreateThenReset, Endpoint::Any, 1});
        const ApiResult<CreatedDroplet> r = create();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ApiErrorKind::Network);
        QCOMPARE(r.error().httpStatus, 0);
        QVERIFY2(r.error().message.contains(QLatin1String("may have taken effect")),
                 qPrintable(r.error().message));
        QCOMPARE(r.attempts(), 1);
        QCOMPARE(m_fake->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(m_fake->createdDroplets(Token).size(), 1);
        QVERIFY(m_fake->duplicateNames(Token).isEmpty());

        // What the provisioner does next: find it by its tag instead of creating it again.
        std::optional<ApiResult<DropletPage>> page;
        QObject context;
        m_client->listDroplets(Token, DropletQuery{QStringLiteral("order:42"), 1, 20}, &context,
                               [&](ApiResult<DropletPage> p) { page.emplace(std::move(p)); });
        QTRY_VERIFY(page.has_value());
        QVERIFY(page->ok());
        QCOMPARE(page->value().total, 1);
    }

    void contextDestroyedCancelsSilently()
    {
        m_fake->setLatencyMs(100);
        QSignalSpy handled(m_fake.get(), &FakeDoServer::requestHandled);
        QSignalSpy received(m_fake.get(), &FakeDoServer::requestReceived);
        Capture<CreatedDroplet> capture;
        auto context = std::make_unique<QObject>();
        m_client->createDroplet(Token, sampleCreate(), context.get(), capture.callback());
        QTRY_COMPARE(received.size(), 1);
        context.reset();
        QTRY_COMPARE(handled.size(), 1); // answered into a closed connection
        QCOMPARE(handled.first().first().value<fakedo::RequestRecord>().outcome,
                 fakedo::Outcome::ClientGone);
        QCOMPARE(capture.calls, 0);
    }

    void clientDestroyedCancelsSilently()
    {
        m_fake->setLatencyMs(100);
        QSignalSpy received(m_fake.get(), &FakeDoServer::requestReceived);
        QSignalSpy handled(m_fake.get(), &FakeDoServer::requestHandled);
        Capture<CreatedDroplet> capture;
        QObject context;
        m_client->createDroplet(Token, sampleCreate(), &context, capture.callback());
        QTRY_COMPARE(received.size(), 1);
        m_client.reset();
        QTRY_COMPARE(handled.size(), 1);
        QCOMPARE(capture.calls, 0);
    }

    void requestOnTheWire()
    {
        startRaw({rawAnswer("HTTP/1.1 202 Accepted", "Content-Type: application/json\r\n",
                            CreatedBody)});
        const ApiResult<CreatedDroplet> r = create();
        DOPOOL_VERIFY_OK(r);
        QCOMPARE(r->droplet.id, qint64(3164444));
        QCOMPARE(r->actionId, qint64(7515));
        QCOMPARE(m_raw->received.size(), 1); // one connection, one request
        const QByteArray sent = m_raw->received.first();
        const qsizetype split = sent.indexOf("\r\n\r\n");
        const QByteArray head = sent.left(split + 2); // each header line with its CRLF
        const QByteArray body = sent.mid(split + 4);
        const QList<QByteArray> lines = head.split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("POST /v2/droplets HTTP/1.1"));
        const QByteArray port = QByteArray::number(m_raw->server.serverPort());
        QVERIFY(head.contains(QByteArray("\r\nHost: 127.0.0.1:" + port + "\r\n")));
        QVERIFY(head.contains("\r\nConnection: close\r\n"));
        QVERIFY(
            head.contains(QByteArray("\r\nAuthorization: Bearer " + Token.toLatin1() + "\r\n")));
        QVERIFY(head.contains(
            QByteArray("\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n")));
        QVERIFY(head.contains("\r\nContent-Type: application/json\r\n"));
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        QCOMPARE(json.value(QLatin1String("name")).toString(), QStringLiteral("order-42"));
    }

    void answers_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<bool>("closeAfter");
        const QByteArray chunked = "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n"
                                   "Content-Type: application/json\r\n\r\n";
        const QByteArray a = CreatedBody.left(40);
        const QByteArray b = CreatedBody.mid(40);
        const QByteArray hexA = QByteArray::number(a.size(), 16);
        const QByteArray hexB = QByteArray::number(b.size(), 16).toUpper();
        QTest::newRow("content-length")
            << QList<QByteArray>{rawAnswer("HTTP/1.1 202 Accepted", {}, CreatedBody)} << false;
        QTest::newRow("split-everywhere")
            << QList<QByteArray>{"HTTP/1.1 2", "02 Accepted\r\nContent-Le",
                                 "ngth: " + QByteArray::number(CreatedBody.size()) + "\r\n",
                                 "\r\n" + a, b}
            << false;
        QTest::newRow("chunked") << QList<QByteArray>{chunked + hexA + "\r\n" + a + "\r\n" + hexB +
                                                      ";ext=1\r\n" + b + "\r\n0\r\n\r\n"}
                                 << false;
        QTest::newRow("chunked-split") << QList<QByteArray>{chunked,
                                                            hexA + "\r",
                                                            "\n" + a.left(10),
                                                            a.mid(10) + "\r\n",
                                                            hexB + "\r\n" + b,
                                                            "\r\n0\r\nX-Trailer: 1\r\n",
                                                            "\r\n"}
                                       << false;
        QTest::newRow("until-close")
            << QList<QByteArray>{"HTTP/1.1 202 Accepted\r\nConnection: close\r\n\r\n" + a, b}
            << true;
        QTest::newRow("interim-100")
            << QList<QByteArray>{"HTTP/1.1 100 Continue\r\n\r\n",
                                 rawAnswer("HTTP/1.1 202 Accepted", {}, CreatedBody)}
            << false;
        QTest::newRow("lf-only") << QList<QByteArray>{"HTTP/1.1 202 Accepted\nContent-Length: " +
                                                      QByteArray::number(CreatedBody.size()) +
                                                      "\n\n" + CreatedBody}
                                 << false;
    }
    void answers()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(bool, closeAfter);
        startRaw(pieces, closeAfter);
        const ApiResult<CreatedDroplet> r = create();
        DOPOOL_VERIFY_OK(r);
        QCOMPARE(r->droplet.id, qint64(3164444));
        QCOMPARE(r->actionId, qint64(7515));
    }

    void failures_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<bool>("closeAfter");
        QTest::addColumn<ApiErrorKind>("kind");
        QTest::addColumn<int>("status");
        QTest::newRow("no-answer") << QList<QByteArray>{} << false << ApiErrorKind::Timeout << 0;
        QTest::newRow("body-never-ends")
            << QList<QByteArray>{"HTTP/1.1 202 Accepted\r\nContent-Length: 500\r\n\r\n{"} << false
            << ApiErrorKind::Timeout << 202;
        QTest::newRow("truncated-202")
            << QList<QByteArray>{"HTTP/1.1 202 Accepted\r\nContent-Length: 500\r\n\r\n{"} << true
            << ApiErrorKind::Network << 202;
        QTest::newRow("truncated-chunked")
            << QList<QByteArray>{"HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "10\r\n{\"droplet\""}
            << true << ApiErrorKind::Network << 202;
        QTest::newRow("closed-without-answer")
            << QList<QByteArray>{} << true << ApiErrorKind::Network << 0;
        QTest::newRow("not-http") << QList<QByteArray>{"SSH-2.0-OpenSSH_9.2\r\n"} << false
                                  << ApiErrorKind::Network << 0;
        QTest::newRow("bad-chunk-size")
            << QList<
                   QByteArray>{"HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}
            << false << ApiErrorKind::Network << 202;
        QTest::newRow("truncated-500-is-still-500")
            << QList<QByteArray>{"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 99\r\n\r\n"}
            << true << ApiErrorKind::ServerError << 500;
        QTest::newRow("redirect-not-followed")
            << QList<QByteArray>{rawAnswer("HTTP/1.1 307 Temporary Redirect",
                                           "Location: https://evil.example/\r\n", {})}
            << false << ApiErrorKind::Other << 307;
    }
    void failures()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(bool, closeAfter);
        QFETCH(ApiErrorKind, kind);
        QFETCH(int, status);
        startRaw(pieces, closeAfter);
        const ApiResult<CreatedDroplet> r = create();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, kind);
        QCOMPARE(r.error().httpStatus, status);
        QCOMPARE(r.attempts(), 1);
        QCOMPARE(m_raw->received.size(), 1); // never a second connection
    }

    void headersAreCaseInsensitive()
    {
        startRaw({rawAnswer("HTTP/1.1 429 Too Many Requests",
                            "RateLimit-Limit: 5000\r\nRATELIMIT-REMAINING: 0\r\n"
                            "ratelimit-Reset: 1767225600\r\nRetry-After: 29\r\n",
                            R"({"id":"too_many_requests","message":"API Rate limit exceeded."})")});
        const ApiResult<CreatedDroplet> r = create();
        QCOMPARE(r.error().kind, ApiErrorKind::RateLimited);
        QCOMPARE(r.error().retryAfterSecs, 29);
        QVERIFY(r.error().message.contains(QLatin1String("API Rate limit exceeded.")));
        QCOMPARE(r.rateLimit().limit, 5000);
        QCOMPARE(r.rateLimit().remaining, 0);
        QCOMPARE(r.rateLimit().reset.toSecsSinceEpoch(), qint64(1767225600));
    }

    void plainHttpOnlyToLoopback()
    {
        CallSettings settings;
        settings.host = QStringLiteral("example.com");
        settings.timeoutMs = 1000;
        std::optional<OneShotHttp::Outcome> outcome;
        QObject context;
        OneShotHttp::Request request{"POST", QUrl(QStringLiteral("http://example.com/v2/droplets")),
                                     "{}", false};
        auto *call = new OneShotHttp(
            settings, request, Token, &context,
            [&](OneShotHttp::Outcome o) { outcome = std::move(o); }, &context);
        call->start();
        QVERIFY(!outcome); // never synchronous
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->error->kind, ApiErrorKind::Other);
        QCOMPARE(outcome->attempts, 0);
    }

    // https to a server that does not speak TLS: the handshake fails, nothing readable leaves.
    void httpsNeverFallsBackToPlain()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        startRaw({rawAnswer("HTTP/1.1 202 Accepted", {}, CreatedBody)});
        m_raw->answerAtOnce = true; // HTTP where TLS was expected
        makeClient(m_raw->url(QStringLiteral("https")), 2000);
        const ApiResult<CreatedDroplet> r = create();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ApiErrorKind::Network);
        for (const QByteArray &bytes : std::as_const(m_raw->received))
            QVERIFY(!bytes.contains("Bearer") && !bytes.contains("/v2/droplets"));
    }

    // A self-signed certificate is refused: verification is Qt's default and never relaxed.
    void httpsVerifiesCertificates()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            QSKIP("openssl could not make a test certificate");
        QFile keyFile(key);
        QFile certFile(cert);
        QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        config.setLocalCertificate(QSslCertificate(certFile.readAll()));
        auto *tls = new QSslServer;
        tls->setSslConfiguration(config);
        m_raw = std::make_unique<RawHttpServer>(tls);
        tls->setParent(&m_raw->guard);
        QVERIFY(tls->listen(QHostAddress::LocalHost));
        m_raw->pieces = {rawAnswer("HTTP/1.1 202 Accepted", {}, CreatedBody)};
        QUrl url(QStringLiteral("https://127.0.0.1"));
        url.setPort(tls->serverPort());
        makeClient(url, 3000);
        const ApiResult<CreatedDroplet> r = create();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ApiErrorKind::Network);
        QVERIFY2(r.error().message.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
                 qPrintable(r.error().message));
        for (const QByteArray &bytes : std::as_const(m_raw->received))
            QVERIFY(bytes.isEmpty()); // no request got through
    }
};

QTEST_GUILESS_MAIN(TestOneShotHttp)
#include "tst_oneshothttp.moc"
