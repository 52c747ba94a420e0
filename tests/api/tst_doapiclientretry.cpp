// DoApiClient: retries and backoff, retry-after, what is never retried (POST, permanent
// failures), timeouts, and cancellation by context or client. GETs on fake network managers;
// creates over the production one-shot transport to the fake DO server on loopback, with
// each of its faults (or a raw loopback server for an answer the fake never sends).
#include "ClientTestHarness.h"

using namespace dopool::testing;
using fakedo::Endpoint;
using fakedo::Fault;
using fakedo::FaultKind;

Q_DECLARE_METATYPE(dopool::fakedo::FaultKind)

class TestDoApiClientRetry : public ClientHarness
{
    Q_OBJECT

private slots:
    void retriesThenSucceeds();
    void transientFailuresGiveUpAfterMaxTries_data();
    void transientFailuresGiveUpAfterMaxTries();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void tooLongWaitIsReportedNotWaited_data();
    void tooLongWaitIsReportedNotWaited();
    void permanentFailuresAreNotRetried_data();
    void permanentFailuresAreNotRetried();
    void createIsNeverRetried_data();
    void createIsNeverRetried();
    void createAnswered503IsNotRetried();
    void createAtTheDropletLimitIsNotRetried();
    void timeoutIsItsOwnKind();
    void contextDestroyedBeforeReply();
    void contextDestroyedDuringBackoff();
    void destroyingClientCancelsCalls();
    void realTimerRetry();
};

void TestDoApiClientRetry::retriesThenSucceeds()
{
    m_script->enqueue(dopool::testing::json(500, ServerErrorBody));
    m_script->enqueue(dopool::testing::json(500, ServerErrorBody));
    m_script->enqueue(dopool::testing::json(200, AccountBody, {{"ratelimit-remaining", "99"}}));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(capture.result->ok());
    QCOMPARE(capture.result->attempts(), 3);
    QCOMPARE(capture.result->rateLimit().remaining, 99);
    QCOMPARE(m_script->requests.size(), 3);
    // base 100, random 0.25, equal jitter: cap/2 + 0.25*cap/2 with cap 100, then 200.
    QCOMPARE(m_delays, (QList<int>{62, 125}));
}

void TestDoApiClientRetry::transientFailuresGiveUpAfterMaxTries_data()
{
    QTest::addColumn<dopool::testing::Response>("response");
    QTest::addColumn<ApiErrorKind>("kind");

    QTest::newRow("500") << dopool::testing::json(500, ServerErrorBody)
                         << ApiErrorKind::ServerError;
    QTest::newRow("502") << dopool::testing::json(502, "<html>Bad Gateway</html>")
                         << ApiErrorKind::ServerError;
    QTest::newRow("503") << dopool::testing::json(503, ServerErrorBody)
                         << ApiErrorKind::ServerError;
    QTest::newRow("429 without retry-after")
        << dopool::testing::json(
               429, doError("too_many_requests", QStringLiteral("API rate limit exceeded.")))
        << ApiErrorKind::RateLimited;
    QTest::newRow("connection refused")
        << dopool::testing::transportError(QNetworkReply::ConnectionRefusedError,
                                           QStringLiteral("Connection refused"))
        << ApiErrorKind::Network;
    QTest::newRow("host not found")
        << dopool::testing::transportError(QNetworkReply::HostNotFoundError,
                                           QStringLiteral("Host api.example.test not found"))
        << ApiErrorKind::Network;
    QTest::newRow("timeout") << dopool::testing::never() << ApiErrorKind::Timeout;
}

void TestDoApiClientRetry::transientFailuresGiveUpAfterMaxTries()
{
    QFETCH(dopool::testing::Response, response);
    QFETCH(ApiErrorKind, kind);
    m_options.timeoutMs = 30;
    makeClient();
    m_script->responder = [response](const dopool::testing::RecordedRequest &) {
        return response;
    };
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(!capture.result->ok());
    QCOMPARE(capture.result->error().kind, kind);
    QVERIFY(capture.result->error().isTransient());
    QCOMPARE(capture.result->attempts(), 4);
    QCOMPARE(m_script->requests.size(), 4);
    QCOMPARE(m_delays, (QList<int>{62, 125, 250}));
    if (kind == ApiErrorKind::Network) {
        QVERIFY2(capture.result->error().message.startsWith(
                     QStringLiteral("could not reach DigitalOcean at ") + Host + u':'),
                 qPrintable(capture.result->error().message));
    }
}

void TestDoApiClientRetry::retryAfterIsHonoured_data()
{
    QTest::addColumn<dopool::testing::Response>("first");
    QTest::addColumn<int>("minimumDelayMs");

    const QByteArray body =
        doError("too_many_requests", QStringLiteral("API Rate limit exceeded."));
    QTest::newRow("retry-after seconds")
        << dopool::testing::json(429, body, {{"retry-after", "7"}}) << 7000;
    QTest::newRow("Retry-After as HTTP-date")
        << dopool::testing::json(429, body, {{"Retry-After", "Sun, 01 Mar 2026 12:00:12 GMT"}})
        << 12000;
    QTest::newRow("hourly limit: wait until ratelimit-reset")
        << dopool::testing::json(
               429, body,
               {{"ratelimit-remaining", "0"},
                {"ratelimit-reset",
                 QByteArray::number(
                     QDateTime(QDate(2026, 3, 1), QTime(12, 0, 20), Qt::UTC).toSecsSinceEpoch())}})
        << 20000;
    QTest::newRow("retry-after on a 503")
        << dopool::testing::json(503, ServerErrorBody, {{"retry-after", "3"}}) << 3000;
    QTest::newRow("retry-after shorter than the backoff")
        << dopool::testing::json(429, body, {{"retry-after", "0"}}) << 62;
}

void TestDoApiClientRetry::retryAfterIsHonoured()
{
    QFETCH(dopool::testing::Response, first);
    QFETCH(int, minimumDelayMs);
    m_script->enqueue(first);
    m_script->enqueue(dopool::testing::json(200, AccountBody));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(capture.result->ok());
    QCOMPARE(capture.result->attempts(), 2);
    QCOMPARE(m_delays.size(), 1);
    QVERIFY2(m_delays.first() >= minimumDelayMs, qPrintable(QString::number(m_delays.first())));
    QVERIFY(m_delays.first() <= std::max(minimumDelayMs, 100));
}

void TestDoApiClientRetry::tooLongWaitIsReportedNotWaited_data()
{
    QTest::addColumn<dopool::testing::Response>("response");
    QTest::addColumn<int>("retryAfter");

    const QByteArray body =
        doError("too_many_requests", QStringLiteral("API Rate limit exceeded."));
    QTest::newRow("retry-after 120 s")
        << dopool::testing::json(429, body, {{"retry-after", "120"}}) << 120;
    QTest::newRow("hourly limit, reset in an hour")
        << dopool::testing::json(
               429, body,
               {{"ratelimit-remaining", "0"},
                {"ratelimit-reset",
                 QByteArray::number(
                     QDateTime(QDate(2026, 3, 1), QTime(13, 0), Qt::UTC).toSecsSinceEpoch())}})
        << 3600;
}

void TestDoApiClientRetry::tooLongWaitIsReportedNotWaited()
{
    QFETCH(dopool::testing::Response, response);
    QFETCH(int, retryAfter);
    m_script->enqueue(response);
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(!capture.result->ok());
    QCOMPARE(capture.result->error().kind, ApiErrorKind::RateLimited);
    QCOMPARE(capture.result->error().retryAfterSecs, retryAfter);
    QVERIFY(capture.result->error().message.contains(QStringLiteral("wait %1 s").arg(retryAfter)));
    QCOMPARE(capture.result->attempts(), 1);
    QVERIFY(m_delays.isEmpty());
}

void TestDoApiClientRetry::permanentFailuresAreNotRetried_data()
{
    QTest::addColumn<dopool::testing::Response>("response");
    QTest::addColumn<ApiErrorKind>("kind");

    QTest::newRow("401") << dopool::testing::json(
                                401, doError("unauthorized",
                                             QStringLiteral("Unable to authenticate you.")))
                         << ApiErrorKind::Unauthorized;
    QTest::newRow("403") << dopool::testing::json(
                                403, doError("forbidden", QStringLiteral("You do not have access")))
                         << ApiErrorKind::Forbidden;
    QTest::newRow("404") << dopool::testing::json(404,
                                                  doError("not_found", QStringLiteral("not found")))
                         << ApiErrorKind::NotFound;
    QTest::newRow("422") << dopool::testing::json(
                                422, doError("unprocessable_entity", QStringLiteral("bad")))
                         << ApiErrorKind::Unprocessable;
    QTest::newRow("302 redirect elsewhere")
        << dopool::testing::json(302, QByteArray(),
                                 {{"Location", "https://evil.example/v2/account"}})
        << ApiErrorKind::Other;
}

void TestDoApiClientRetry::permanentFailuresAreNotRetried()
{
    QFETCH(dopool::testing::Response, response);
    QFETCH(ApiErrorKind, kind);
    m_script->responder = [response](const dopool::testing::RecordedRequest &) {
        return response;
    };
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(!capture.result->ok());
    QCOMPARE(capture.result->error().kind, kind);
    QCOMPARE(capture.result->attempts(), 1);
    QCOMPARE(m_script->requests.size(), 1);
    QVERIFY(m_delays.isEmpty());
    if (kind == ApiErrorKind::Unauthorized) {
        QVERIFY(capture.result->error().message.startsWith(QStringLiteral(
            "DigitalOcean rejected the token (401 Unauthorized): the token is invalid, "
            "expired or revoked")));
        QVERIFY(capture.result->error().message.contains(
            QStringLiteral("Unable to authenticate you.")));
        QCOMPARE(capture.result->error().toError().kind, ErrorKind::Auth);
    }
}

void TestDoApiClientRetry::createIsNeverRetried_data()
{
    QTest::addColumn<FaultKind>("fault");
    QTest::addColumn<int>("createDelayMs"); // LateCreate*: when the droplet appears
    QTest::addColumn<ApiErrorKind>("kind");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<bool>("lands"); // the droplet exists in the end, answer or not

    QTest::newRow("401") << FaultKind::Unauthorized << -1 << ApiErrorKind::Unauthorized << 401
                         << false;
    QTest::newRow("403") << FaultKind::Forbidden << -1 << ApiErrorKind::Forbidden << 403 << false;
    QTest::newRow("429 with short retry-after")
        << FaultKind::TooManyRequests << -1 << ApiErrorKind::RateLimited << 429 << false;
    QTest::newRow("500") << FaultKind::ServerError << -1 << ApiErrorKind::ServerError << 500
                         << false;
    QTest::newRow("garbage 200") << FaultKind::GarbageBody << -1 << ApiErrorKind::MalformedReply
                                 << 200 << false;
    QTest::newRow("connection reset")
        << FaultKind::ConnectionReset << -1 << ApiErrorKind::Network << 0 << false;
    QTest::newRow("timeout") << FaultKind::Hang << -1 << ApiErrorKind::Timeout << 0 << false;
    QTest::newRow("created, then reset")
        << FaultKind::CreateThenReset << -1 << ApiErrorKind::Network << 0 << true;
    QTest::newRow("created, then no answer")
        << FaultKind::CreateThenHang << -1 << ApiErrorKind::Timeout << 0 << true;
    QTest::newRow("late answer: 504, the droplet comes later")
        << FaultKind::LateCreate504 << 50 << ApiErrorKind::ServerError << 504 << true;
    QTest::newRow("late answer: none in time, the droplet comes later")
        << FaultKind::LateCreateHang << 50 << ApiErrorKind::Timeout << 0 << true;
}

void TestDoApiClientRetry::createIsNeverRetried()
{
    QFETCH(FaultKind, fault);
    QFETCH(int, createDelayMs);
    QFETCH(ApiErrorKind, kind);
    QFETCH(int, httpStatus);
    QFETCH(bool, lands);
    m_options.timeoutMs = 300;
    makeClient(fakeDo().baseUrl());
    Fault injected{fault, Endpoint::DropletCreate, 1};
    injected.createDelayMs = createDelayMs;
    fakeDo().injectFault(Token, injected);
    const ApiResult<CreatedDroplet> created = createAndWait(*m_client);
    QVERIFY(!created.ok());
    const ApiError &error = created.error();
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, httpStatus);
    QCOMPARE(created.attempts(), 1);
    QCOMPARE(fakeDo().requestCount({QStringLiteral("POST"), {}, {}}), 1);
    QVERIFY(m_script->requests.isEmpty()); // never the managers
    QVERIFY(m_delays.isEmpty());
    if (fault == FaultKind::TooManyRequests)
        QCOMPARE(error.retryAfterSecs, 1);
    if (kind == ApiErrorKind::Timeout)
        QVERIFY2(error.message.contains(QLatin1String("did not answer within")),
                 qPrintable(error.message));
    if (fault == FaultKind::CreateThenReset)
        QVERIFY2(error.message.contains(QLatin1String("may have taken effect")),
                 qPrintable(error.message));
    QTRY_COMPARE(fakeDo().createdDroplets(Token).size(), lands ? 1 : 0);
    QCOMPARE(fakeDo().requestCount({QStringLiteral("POST"), {}, {}}), 1);
}

// A 503, which the fake DO server never sends, from a raw loopback server.
void TestDoApiClientRetry::createAnswered503IsNotRetried()
{
    RawHttpServer &raw =
        rawServer({rawAnswer("HTTP/1.1 503 Service Unavailable", {}, ServerErrorBody)});
    makeClient(raw.url());
    const ApiResult<CreatedDroplet> created = createAndWait(*m_client);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind, ApiErrorKind::ServerError);
    QCOMPARE(created.error().httpStatus, 503);
    QCOMPARE(created.attempts(), 1);
    QCOMPARE(raw.received.size(), 1);
    QVERIFY(m_delays.isEmpty());
}

void TestDoApiClientRetry::createAtTheDropletLimitIsNotRetried()
{
    makeClient(fakeDo().baseUrl());
    QVERIFY(fakeDo().setDropletLimit(Token, 2));
    QVERIFY(fakeDo().setDropletCount(Token, 2));
    const ApiResult<CreatedDroplet> created = createAndWait(*m_client);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind, ApiErrorKind::DropletLimitExceeded);
    QCOMPARE(created.error().httpStatus, 422);
    QCOMPARE(created.attempts(), 1);
    QCOMPARE(fakeDo().overLimitAttempts(Token), 1);
    QVERIFY(m_delays.isEmpty());
}

void TestDoApiClientRetry::timeoutIsItsOwnKind()
{
    m_options.timeoutMs = 20;
    m_options.maxTries = 1;
    makeClient();
    m_script->enqueue(dopool::testing::never());
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QCOMPARE(capture.result->error().kind, ApiErrorKind::Timeout);
    QCOMPARE(capture.result->error().httpStatus, 0);
    QVERIFY2(
        capture.result->error().message.contains(Host + QStringLiteral(" did not answer within")),
        qPrintable(capture.result->error().message));
    QCOMPARE(m_script->aborted, 1); // our timer aborted the reply
}

void TestDoApiClientRetry::contextDestroyedBeforeReply()
{
    auto response = dopool::testing::json(200, AccountBody);
    response.delayMs = 30;
    m_script->enqueue(response);
    Capture<AccountInfo> first;
    auto *context = new QObject;
    m_client->getAccount(Token, context, first.callback());
    QCOMPARE(m_script->requests.size(), 1);
    delete context;
    QCOMPARE(m_script->aborted, 1); // the request was aborted at once

    // A later call on a live context completes; the first callback never ran.
    auto later = dopool::testing::json(200, AccountBody);
    later.delayMs = 60;
    m_script->enqueue(later);
    Capture<AccountInfo> second;
    QObject alive;
    m_client->getAccount(Token, &alive, second.callback());
    QTRY_VERIFY(second.result);
    QCOMPARE(first.calls, 0);
    QCOMPARE(second.calls, 1);
}

void TestDoApiClientRetry::contextDestroyedDuringBackoff()
{
    // Hold the retry instead of firing it, and watch the object the timer would run on.
    QPointer<QObject> timerContext;
    std::function<void()> heldRetry;
    DoApiClient::Dependencies deps;
    deps.namFactory = dopool::testing::factory(m_script);
    deps.clock = &m_clock;
    deps.scheduler = [&](int, QObject *ctx, std::function<void()> fire) {
        timerContext = ctx;
        heldRetry = std::move(fire);
    };
    m_client = std::make_unique<DoApiClient>(Base, m_options, std::move(deps));
    m_script->responder = [](const dopool::testing::RecordedRequest &) {
        return dopool::testing::json(500, ServerErrorBody);
    };

    Capture<AccountInfo> capture;
    auto *context = new QObject;
    m_client->getAccount(Token, context, capture.callback());
    QTRY_VERIFY(heldRetry);
    QVERIFY(timerContext);
    delete context;
    // The retry timer's context goes with the caller's: the timer can never fire.
    QTRY_VERIFY(timerContext.isNull());
    QCOMPARE(m_script->requests.size(), 1);
    QCOMPARE(capture.calls, 0);
}

void TestDoApiClientRetry::destroyingClientCancelsCalls()
{
    m_script->enqueue(dopool::testing::never());
    auto slow = dopool::testing::json(200, AccountBody);
    slow.delayMs = 10;
    m_script->enqueue(slow);
    Capture<AccountInfo> a;
    Capture<AccountInfo> b;
    QObject context;
    m_client->getAccount(Token, &context, a.callback());
    m_client->getAccount(Token, &context, b.callback());
    m_client.reset();
    QCOMPARE(m_script->aborted, 2);
    // Give the slow reply's timer a chance to have fired, had anything survived.
    QObject probe;
    bool ticked = false;
    QTimer::singleShot(30, &probe, [&] { ticked = true; });
    QTRY_VERIFY(ticked);
    QCOMPARE(a.calls, 0);
    QCOMPARE(b.calls, 0);
}

void TestDoApiClientRetry::realTimerRetry()
{
    m_realScheduler = true;
    m_options.backoffBaseMs = 4;
    makeClient();
    m_script->enqueue(dopool::testing::json(503, ServerErrorBody));
    m_script->enqueue(dopool::testing::json(200, AccountBody));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(capture.result->ok());
    QCOMPARE(capture.result->attempts(), 2);
    QVERIFY(m_delays.isEmpty()); // the default QTimer scheduler ran, not ours
}

QTEST_GUILESS_MAIN(TestDoApiClientRetry)
#include "moc_ClientTestHarness.cpp"
#include "tst_doapiclientretry.moc"
