// DoApiClient: what each call sends and parses, rate-limit headers, unreadable replies, what
// is refused before sending, spreading over managers. GETs on fake network managers; creates
// over the production one-shot transport to the fake DO server (or a raw server) on loopback.
#include "ClientTestHarness.h"
#include "VerifyOk.h"
#include "api/OneShotHttp.h"

using namespace dopool::testing;

class TestDoApiClient : public ClientHarness
{
    Q_OBJECT

private slots:
    void getAccountSendsHeadersAndParses();
    void countDroplets();
    void listDropletsQuery();
    void createDropletPostsBody();
    void createDropletOnFakeDo();
    void postTransportCarriesEveryPost();
    void getAction();
    void rateLimitHeadersAnyCase_data();
    void rateLimitHeadersAnyCase();
    void qtRawHeaderIsCaseInsensitive();
    void malformedReplies_data();
    void malformedReplies();
    void callbackNeverSynchronous();
    void tokenNeverInErrorsOrLogs();
    void unusableTokenIsNotSent_data();
    void unusableTokenIsNotSent();
    void unsafeBaseUrlIsRefused_data();
    void unsafeBaseUrlIsRefused();
    void basePathIsKept();
    void requestsSpreadOverManagers();
    void managersAreReused();
    void managersAreMadeOnDemand();
    void manyConcurrentRequests();
    void invalidActionIdIsNotSent();
    void catalogFollowsPages();
    void catalogPageFailureEndsListing();
    void catalogRetriesAPage();
};

void TestDoApiClient::getAccountSendsHeadersAndParses()
{
    m_script->enqueue(dopool::testing::json(200, AccountBody,
                                            {{"ratelimit-limit", "5000"},
                                             {"ratelimit-remaining", "4816"},
                                             {"ratelimit-reset", "1444931833"}}));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    const ApiResult<AccountInfo> &result = *capture.result;
    DOPOOL_VERIFY_OK(result);
    QCOMPARE(result->dropletLimit, 25);
    QCOMPARE(result->email, QStringLiteral("sammy@digitalocean.com"));
    QCOMPARE(result->uuid, QStringLiteral("b6fr89dbf6d9156cace5f3c78dc9851d957381ef"));
    QCOMPARE(result->status, QStringLiteral("active"));
    QCOMPARE(result->emailVerified, true);
    QCOMPARE(result->floatingIpLimit, 5);
    QCOMPARE(result.attempts(), 1);
    QCOMPARE(result.rateLimit().limit, 5000);
    QCOMPARE(result.rateLimit().remaining, 4816);
    QCOMPARE(result.rateLimit().reset, QDateTime::fromSecsSinceEpoch(1444931833, Qt::UTC));

    QCOMPARE(m_script->requests.size(), 1);
    const dopool::testing::RecordedRequest &sent = m_script->requests.first();
    QCOMPARE(sent.operation, QNetworkAccessManager::GetOperation);
    QCOMPARE(sent.url.toString(), QStringLiteral("https://api.example.test/v2/account"));
    QCOMPARE(sent.request.rawHeader("Authorization"), QByteArray("Bearer ") + Token.toUtf8());
    QCOMPARE(sent.request.rawHeader("Accept"), QByteArray("application/json"));
    QCOMPARE(sent.request.header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArray("application/json"));
    QCOMPARE(sent.request.header(QNetworkRequest::UserAgentHeader).toByteArray(),
             QByteArray("dopool/" DOPOOL_VERSION));
    QCOMPARE(sent.request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
             int(QNetworkRequest::ManualRedirectPolicy));
    QVERIFY(!sent.url.toString().contains(Secret));
    QCOMPARE(capture.calls, 1);
}

void TestDoApiClient::countDroplets()
{
    m_script->enqueue(dopool::testing::json(200, DropletsBody));
    Capture<int> capture;
    QObject context;
    m_client->countDroplets(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(capture.result->ok());
    QCOMPARE(capture.result->value(), 7);
    const QUrl sent = m_script->requests.first().url;
    QCOMPARE(sent.path(), QStringLiteral("/v2/droplets"));
    QCOMPARE(QUrlQuery(sent).queryItemValue(QStringLiteral("per_page")), QStringLiteral("1"));
}

void TestDoApiClient::listDropletsQuery()
{
    m_script->enqueue(dopool::testing::json(200, DropletsBody));
    m_script->enqueue(dopool::testing::json(200, DropletsBody));
    Capture<DropletPage> capture;
    QObject context;
    DropletQuery query;
    query.tagName = QStringLiteral("a+b&c=d e");
    query.page = 3;
    query.perPage = 50;
    m_client->listDroplets(Token, query, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(capture.result->ok());
    QCOMPARE(capture.result->value().total, 7);
    QCOMPARE(capture.result->value().droplets.size(), 1);
    const Droplet &droplet = capture.result->value().droplets.first();
    QCOMPARE(droplet.id, qint64(3164444));
    QCOMPARE(droplet.regionSlug, QStringLiteral("nyc3"));
    QCOMPARE(droplet.sizeSlug, QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(droplet.imageSlug, QStringLiteral("ubuntu-20-04-x64"));
    QCOMPARE(droplet.tags, QStringList{QStringLiteral("dopool")});

    const QUrlQuery sent(m_script->requests.first().url);
    QCOMPARE(sent.queryItemValue(QStringLiteral("tag_name"), QUrl::FullyDecoded), query.tagName);
    QCOMPARE(sent.queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
    QCOMPARE(sent.queryItemValue(QStringLiteral("per_page")), QStringLiteral("50"));

    // Out-of-range paging is brought back into DO's range.
    capture.result.reset();
    query.tagName.clear();
    query.page = 0;
    query.perPage = 1000;
    m_client->listDroplets(Token, query, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    const QUrlQuery clamped(m_script->requests.at(1).url);
    QVERIFY(!clamped.hasQueryItem(QStringLiteral("tag_name")));
    QCOMPARE(clamped.queryItemValue(QStringLiteral("page")), QStringLiteral("1"));
    QCOMPARE(clamped.queryItemValue(QStringLiteral("per_page")), QStringLiteral("200"));
}

void TestDoApiClient::createDropletPostsBody()
{
    RawHttpServer &raw = rawServer(
        {rawAnswer("HTTP/1.1 202 Accepted", "Content-Type: application/json\r\n", CreatedBody)});
    makeClient(raw.url());
    const ApiResult<CreatedDroplet> created = createAndWait(*m_client);
    QVERIFY2(created.ok(), qPrintable(failureOf(created)));
    QCOMPARE(created->droplet.id, qint64(3164444));
    QCOMPARE(created->droplet.status, QStringLiteral("new"));
    QCOMPARE(created->actionId, qint64(7515));

    QVERIFY(m_script->requests.isEmpty()); // never the managers, though a factory was injected
    QCOMPARE(raw.received.size(), 1);      // one connection, one request
    const QByteArray sent = raw.received.first();
    const qsizetype split = sent.indexOf("\r\n\r\n");
    const QByteArray head = sent.left(split + 2); // each header line with its CRLF
    QVERIFY(head.startsWith("POST /v2/droplets HTTP/1.1\r\n"));
    QVERIFY(head.contains(QByteArray("\r\nAuthorization: Bearer " + Token.toLatin1() + "\r\n")));
    QVERIFY(head.contains("\r\nAccept: application/json\r\n"));
    QVERIFY(head.contains("\r\nContent-Type: application/json\r\n"));
    QVERIFY(head.contains("\r\nUser-Agent: dopool/" DOPOOL_VERSION "\r\n"));
    const QJsonObject body = QJsonDocument::fromJson(sent.mid(split + 4)).object();
    QCOMPARE(body.value(QLatin1String("name")).toString(), QStringLiteral("order-42"));
    QCOMPARE(body.value(QLatin1String("region")).toString(), QStringLiteral("fra1"));
    QCOMPARE(body.value(QLatin1String("size")).toString(), QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(body.value(QLatin1String("image")).toString(), QStringLiteral("ubuntu-22-04-x64"));
    QCOMPARE(body.value(QLatin1String("user_data")).toString(), QStringLiteral("#cloud-config\n"));
    QCOMPARE(body.value(QLatin1String("tags")).toVariant().toStringList(),
             (QStringList{QStringLiteral("dopool"), QStringLiteral("order:42")}));
}

// The whole round trip against the project's fake DO server, as users' creates go.
void TestDoApiClient::createDropletOnFakeDo()
{
    makeClient(fakeDo().baseUrl());
    const ApiResult<CreatedDroplet> created = createAndWait(*m_client);
    QVERIFY2(created.ok(), qPrintable(failureOf(created)));
    QVERIFY(created->droplet.id > 0);
    QVERIFY(created->actionId > 0);
    QCOMPARE(created.attempts(), 1);
    QVERIFY(created.rateLimit().isKnown()); // the fake's ratelimit-* headers were read
    QVERIFY(m_script->requests.isEmpty());
    QCOMPARE(fakeDo().requestCount({QStringLiteral("POST"), {}, {}}), 1);
    const QList<fakedo::FakeDroplet> onServer = fakeDo().createdDroplets(Token);
    QCOMPARE(onServer.size(), 1);
    QCOMPARE(onServer.first().id, created->droplet.id);
    QCOMPARE(onServer.first().name, QStringLiteral("order-42"));
    QCOMPARE(onServer.first().region, QStringLiteral("fra1"));
    QCOMPARE(onServer.first().size, QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(onServer.first().image, QStringLiteral("ubuntu-22-04-x64"));
    QCOMPARE(onServer.first().tags,
             (QStringList{QStringLiteral("dopool"), QStringLiteral("order:42")}));
}

// Dependencies::postTransport is what carries a POST, and only a POST.
void TestDoApiClient::postTransportCarriesEveryPost()
{
    QList<ApiRequest> carried;
    DoApiClient::Dependencies deps;
    deps.namFactory = dopool::testing::factory(m_script);
    deps.clock = &m_clock;
    deps.postTransport = [&carried](const CallSettings &settings, ApiRequest request, QString token,
                                    QObject *context, ApiDone done, QObject *parent) {
        carried.append(request); // then the production transport, unchanged
        return oneShotPostTransport()(settings, std::move(request), std::move(token), context,
                                      std::move(done), parent);
    };
    m_client = std::make_unique<DoApiClient>(fakeDo().baseUrl(), m_options, std::move(deps));
    m_script->enqueue(dopool::testing::json(200, AccountBody));
    Capture<AccountInfo> account;
    Capture<CreatedDroplet> created;
    QObject context;
    m_client->getAccount(Token, &context, account.callback());
    m_client->createDroplet(Token, sampleCreate(), &context, created.callback());
    QTRY_VERIFY(account.result && created.result);
    QVERIFY(account.result->ok());
    QVERIFY(created.result->ok());
    QCOMPARE(carried.size(), 1);
    QCOMPARE(carried.first().method, QByteArray("POST"));
    QCOMPARE(carried.first().url.path(), QStringLiteral("/v2/droplets"));
    QVERIFY(!carried.first().retryable);
    QCOMPARE(m_script->requests.size(), 1); // the GET
    QCOMPARE(fakeDo().requestCount({QStringLiteral("POST"), {}, {}}), 1);
    QCOMPARE(fakeDo().requestCount({QStringLiteral("GET"), {}, {}}), 0);
}

void TestDoApiClient::getAction()
{
    m_script->enqueue(dopool::testing::json(200, ActionBody));
    Capture<Action> capture;
    QObject context;
    m_client->getAction(Token, 7515, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(capture.result->ok());
    QCOMPARE(capture.result->value().id, qint64(7515));
    QCOMPARE(capture.result->value().status, QStringLiteral("in-progress"));
    QCOMPARE(capture.result->value().type, QStringLiteral("create"));
    QCOMPARE(capture.result->value().resourceId, qint64(3164444));
    QCOMPARE(m_script->requests.first().url.path(), QStringLiteral("/v2/actions/7515"));
}

void TestDoApiClient::rateLimitHeadersAnyCase_data()
{
    QTest::addColumn<QByteArray>("limitName");
    QTest::addColumn<QByteArray>("remainingName");
    QTest::addColumn<QByteArray>("resetName");
    QTest::addColumn<int>("status");

    QTest::newRow("lower-case, 200")
        << QByteArray("ratelimit-limit") << QByteArray("ratelimit-remaining")
        << QByteArray("ratelimit-reset") << 200;
    QTest::newRow("Mixed-Case, 200")
        << QByteArray("RateLimit-Limit") << QByteArray("RateLimit-Remaining")
        << QByteArray("rateLimit-reset") << 200;
    QTest::newRow("UPPER, 200") << QByteArray("RATELIMIT-LIMIT")
                                << QByteArray("RATELIMIT-REMAINING")
                                << QByteArray("RATELIMIT-RESET") << 200;
    QTest::newRow("Mixed-Case on a 401")
        << QByteArray("RateLimit-Limit") << QByteArray("RateLimit-Remaining")
        << QByteArray("RateLimit-Reset") << 401;
    QTest::newRow("lower-case on a 404")
        << QByteArray("ratelimit-limit") << QByteArray("ratelimit-remaining")
        << QByteArray("ratelimit-reset") << 404;
}

void TestDoApiClient::rateLimitHeadersAnyCase()
{
    QFETCH(QByteArray, limitName);
    QFETCH(QByteArray, remainingName);
    QFETCH(QByteArray, resetName);
    QFETCH(int, status);
    const QByteArray body =
        status == 200 ? AccountBody : doError("unauthorized", QStringLiteral("no"));
    m_script->enqueue(dopool::testing::json(
        status, body, {{limitName, "250"}, {remainingName, "17"}, {resetName, "1700000000"}}));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QCOMPARE(capture.result->ok(), status == 200);
    QCOMPARE(capture.result->rateLimit().limit, 250);
    QCOMPARE(capture.result->rateLimit().remaining, 17);
    QCOMPARE(capture.result->rateLimit().reset.toSecsSinceEpoch(), qint64(1700000000));
}

void TestDoApiClient::qtRawHeaderIsCaseInsensitive()
{
    // The platform fact the client does not rely on (it compares names itself), checked
    // so that code elsewhere calling rawHeader() knows where it stands on Qt 6.4.
    m_script->enqueue(dopool::testing::json(200, "{}", {{"RateLimit-Remaining", "42"}}));
    dopool::testing::FakeNetworkAccessManager manager(m_script, 0, nullptr);
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(Base)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait());
    QCOMPARE(reply->rawHeader("ratelimit-remaining"), QByteArray("42"));
    QCOMPARE(reply->rawHeader("RATELIMIT-REMAINING"), QByteArray("42"));
    QVERIFY(reply->hasRawHeader("ratelimit-remaining"));
}

void TestDoApiClient::malformedReplies_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    QTest::newRow("account: not JSON")
        << QStringLiteral("account") << QByteArray("<html>oops</html>")
        << QStringLiteral("not JSON");
    QTest::newRow("account: empty")
        << QStringLiteral("account") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("account: missing")
        << QStringLiteral("account") << QByteArray("{}") << QStringLiteral("account is missing");
    QTest::newRow("account: droplet_limit a string")
        << QStringLiteral("account")
        << QByteArray(
               R"({"account":{"droplet_limit":"25","email":"e","uuid":"u","status":"active"}})")
        << QStringLiteral("account.droplet_limit is a string");
    QTest::newRow("count: meta missing")
        << QStringLiteral("count") << QByteArray(R"({"droplets":[]})")
        << QStringLiteral("meta is missing");
    QTest::newRow("list: meta missing")
        << QStringLiteral("list") << QByteArray(R"({"droplets":[]})")
        << QStringLiteral("meta is missing");
    QTest::newRow("create: not JSON") << QStringLiteral("create") << QByteArray("<html>oops</html>")
                                      << QStringLiteral("not JSON");
    QTest::newRow("create: droplet id a string")
        << QStringLiteral("create")
        << QByteArray(R"({"droplet":{"id":"1","name":"n","status":"new"}})")
        << QStringLiteral("droplet.id is a string");
    QTest::newRow("action: not an object")
        << QStringLiteral("action") << QByteArray(R"({"action":[]})")
        << QStringLiteral("action is an array");
}

void TestDoApiClient::malformedReplies()
{
    QFETCH(QString, call);
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    const bool create = call == QLatin1String("create");
    if (create)
        makeClient(rawServer({rawAnswer("HTTP/1.1 202 Accepted", {}, body)}).url());
    else
        m_script->enqueue(dopool::testing::json(200, body));
    QObject context;
    std::optional<ApiError> error;
    int attempts = 0;
    auto keep = [&](const auto &result) {
        QVERIFY(!result.ok());
        error = result.error();
        attempts = result.attempts();
    };
    if (call == QLatin1String("account"))
        m_client->getAccount(Token, &context, [&](ApiResult<AccountInfo> r) { keep(r); });
    else if (call == QLatin1String("count"))
        m_client->countDroplets(Token, &context, [&](ApiResult<int> r) { keep(r); });
    else if (call == QLatin1String("list"))
        m_client->listDroplets(Token, {}, &context, [&](ApiResult<DropletPage> r) { keep(r); });
    else if (create)
        m_client->createDroplet(Token, sampleCreate(), &context,
                                [&](ApiResult<CreatedDroplet> r) { keep(r); });
    else
        m_client->getAction(Token, 1, &context, [&](ApiResult<Action> r) { keep(r); });
    QTRY_VERIFY(error);
    QCOMPARE(error->kind, ApiErrorKind::MalformedReply);
    QVERIFY2(
        error->message.startsWith(QLatin1String("DigitalOcean sent a reply dopool cannot read: ")),
        qPrintable(error->message));
    QVERIFY2(error->message.contains(problem), qPrintable(error->message));
    QCOMPARE(attempts, 1); // a reply we cannot read is not retried
    QCOMPARE(m_script->requests.size(), create ? 0 : 1);
    if (create)
        QCOMPARE(m_raw->received.size(), 1);
}

void TestDoApiClient::callbackNeverSynchronous()
{
    Capture<AccountInfo> refused;
    Capture<AccountInfo> sent;
    QObject context;
    m_script->enqueue(dopool::testing::json(200, AccountBody));
    m_client->getAccount(QString(), &context, refused.callback());
    m_client->getAccount(Token, &context, sent.callback());
    QCOMPARE(refused.calls, 0);
    QCOMPARE(sent.calls, 0);
    QTRY_COMPARE(refused.calls + sent.calls, 2);
    QCOMPARE(refused.result->attempts(), 0);
}

void TestDoApiClient::tokenNeverInErrorsOrLogs()
{
    // Even a server that echoes the token back does not get it into our messages.
    m_script->enqueue(dopool::testing::json(
        401, doError("unauthorized", QStringLiteral("token %1 is revoked").arg(Token))));
    m_script->enqueue(
        dopool::testing::transportError(QNetworkReply::ProxyConnectionRefusedError,
                                        QStringLiteral("proxy refused Bearer %1").arg(Token)));
    m_options.maxTries = 1;
    makeClient();
    QObject context;
    Capture<AccountInfo> unauthorized;
    Capture<int> unreachable;
    m_client->getAccount(Token, &context, unauthorized.callback());
    m_client->countDroplets(Token, &context, unreachable.callback());
    QTRY_VERIFY(unauthorized.result && unreachable.result);
    for (const ApiError &error : {unauthorized.result->error(), unreachable.result->error()}) {
        QVERIFY2(!error.message.contains(Secret), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("[token]")), qPrintable(error.message));
        QVERIFY(!error.toError().message.contains(Secret));
    }
    QCOMPARE(unauthorized.result->error().kind, ApiErrorKind::Unauthorized);
    QCOMPARE(unreachable.result->error().kind, ApiErrorKind::Network);
    QVERIFY(!g_logLines.isEmpty()); // logging was on, and cleanup() checks every line
}

void TestDoApiClient::unusableTokenIsNotSent_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("trailing newline") << QString(Token + u'\n');
    QTest::newRow("header injection") << QString(Token + QStringLiteral("\r\nX-Evil: 1"));
    QTest::newRow("inner space") << QStringLiteral("dop_v1_abc def");
    QTest::newRow("non-ASCII") << QStringLiteral("dop_v1_abc\u00e9def");
}

void TestDoApiClient::unusableTokenIsNotSent()
{
    QFETCH(QString, token);
    // A create that got through would reach this server.
    const RawHttpServer &raw = rawServer({rawAnswer("HTTP/1.1 202 Accepted", {}, CreatedBody)});
    makeClient(raw.url());
    Capture<AccountInfo> capture;
    Capture<CreatedDroplet> create;
    QObject context;
    m_client->getAccount(token, &context, capture.callback());
    m_client->createDroplet(token, sampleCreate(), &context, create.callback());
    QTRY_VERIFY(capture.result && create.result);
    for (const ApiError &error : {capture.result->error(), create.result->error()}) {
        QCOMPARE(error.kind, ApiErrorKind::Other);
        if (!token.isEmpty())
            QVERIFY(!error.message.contains(token.trimmed()));
    }
    QCOMPARE(capture.result->attempts(), 0);
    QCOMPARE(create.result->attempts(), 0);
    QVERIFY(m_script->requests.isEmpty());
    QVERIFY(raw.received.isEmpty());
}

void TestDoApiClient::unsafeBaseUrlIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("refused");
    QTest::newRow("https") << QStringLiteral("https://api.digitalocean.com") << false;
    QTest::newRow("http to 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << false;
    QTest::newRow("http to localhost") << QStringLiteral("http://localhost:9000/") << false;
    QTest::newRow("http to [::1]") << QStringLiteral("http://[::1]:9000") << false;
    QTest::newRow("http to a remote host") << QStringLiteral("http://api.digitalocean.com") << true;
    QTest::newRow("http to a LAN address") << QStringLiteral("http://10.0.0.1") << true;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << true;
    QTest::newRow("no host") << QStringLiteral("https://") << true;
    QTest::newRow("empty") << QString() << true;
}

void TestDoApiClient::unsafeBaseUrlIsRefused()
{
    QFETCH(QString, url);
    QFETCH(bool, refused);
    m_script->responder = [](const dopool::testing::RecordedRequest &) {
        return dopool::testing::json(200, AccountBody);
    };
    makeClient(QUrl(url));
    QCOMPARE(m_client->refusal().has_value(), refused);
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QCOMPARE(capture.result->ok(), !refused);
    if (refused) {
        QCOMPARE(capture.result->error().kind, ApiErrorKind::Other);
        QCOMPARE(capture.result->attempts(), 0);
        QVERIFY(m_script->requests.isEmpty());
        QCOMPARE(m_client->networkManagersCreated(), 0);
        // A create is refused the same way, with the same words, before its transport sends.
        Capture<CreatedDroplet> create;
        m_client->createDroplet(Token, sampleCreate(), &context, create.callback());
        QTRY_VERIFY(create.result);
        QCOMPARE(create.result->error().kind, ApiErrorKind::Other);
        QCOMPARE(create.result->error().message, capture.result->error().message);
        QCOMPARE(create.result->attempts(), 0);
    }
}

void TestDoApiClient::basePathIsKept()
{
    makeClient(QUrl(QStringLiteral("http://127.0.0.1:9/prefix/")));
    m_script->enqueue(dopool::testing::json(200, AccountBody));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QCOMPARE(m_script->requests.first().url.toString(),
             QStringLiteral("http://127.0.0.1:9/prefix/v2/account"));
}

void TestDoApiClient::requestsSpreadOverManagers()
{
    m_options.networkManagers = 4;
    makeClient();
    m_script->responder = [](const dopool::testing::RecordedRequest &) {
        return dopool::testing::json(200, AccountBody);
    };
    QObject context;
    int done = 0;
    for (int i = 0; i < 20; ++i)
        m_client->getAccount(Token, &context,
                             [&done](ApiResult<AccountInfo> r) { done += r.ok() ? 1 : 1000; });
    QTRY_COMPARE(done, 20);
    QCOMPARE(m_client->networkManagersCreated(), 4);
    // Each manager takes what its 6 connections carry before the next one is made.
    QList<int> perManager(4, 0);
    for (const dopool::testing::RecordedRequest &request : std::as_const(m_script->requests))
        ++perManager[request.managerIndex];
    QCOMPARE(perManager, (QList<int>{6, 6, 6, 2}));
}

// Requests one after another (or a few at a time) reuse one manager and its kept-alive
// connections rather than opening a connection per manager in turn.
void TestDoApiClient::managersAreReused()
{
    makeClient();
    m_script->responder = [](const dopool::testing::RecordedRequest &) {
        return dopool::testing::json(200, AccountBody);
    };
    QObject context;
    for (int i = 0; i < 10; ++i) {
        Capture<AccountInfo> capture;
        m_client->getAccount(Token, &context, capture.callback());
        QTRY_VERIFY(capture.result);
        QVERIFY(capture.result->ok());
    }
    QCOMPARE(m_client->networkManagersCreated(), 1);
    int done = 0;
    for (int i = 0; i < 7; ++i)
        m_client->getAccount(Token, &context, [&done](ApiResult<AccountInfo>) { ++done; });
    QTRY_COMPARE(done, 7);
    QCOMPARE(m_client->networkManagersCreated(), 2); // 6 on the first, the 7th on a second
    QCOMPARE(m_script->requests.size(), 17);
}

void TestDoApiClient::managersAreMadeOnDemand()
{
    QCOMPARE(m_client->options().networkManagers, 64); // the default
    QCOMPARE(m_client->networkManagersCreated(), 0);
    m_script->enqueue(dopool::testing::json(200, AccountBody));
    Capture<AccountInfo> capture;
    QObject context;
    m_client->getAccount(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QCOMPARE(m_client->networkManagersCreated(), 1);
}

void TestDoApiClient::manyConcurrentRequests()
{
    m_script->responder = [](const dopool::testing::RecordedRequest &) {
        auto response = dopool::testing::json(200, DropletsBody);
        response.delayMs = 5;
        return response;
    };
    QObject context;
    constexpr int Count = 400;
    QList<int> calls(Count, 0);
    for (int i = 0; i < Count; ++i)
        m_client->countDroplets(Token, &context,
                                [&calls, i](ApiResult<int> r) { calls[i] += r.ok() ? 1 : 100; });
    QTRY_VERIFY(std::all_of(calls.cbegin(), calls.cend(), [](int c) { return c != 0; }));
    QVERIFY(std::all_of(calls.cbegin(), calls.cend(), [](int c) { return c == 1; }));
    QCOMPARE(m_script->requests.size(), Count);
    QCOMPARE(m_client->networkManagersCreated(), 64);
}

void TestDoApiClient::invalidActionIdIsNotSent()
{
    Capture<Action> capture;
    QObject context;
    m_client->getAction(Token, 0, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QCOMPARE(capture.result->error().kind, ApiErrorKind::Other);
    QVERIFY(m_script->requests.isEmpty());
}

void TestDoApiClient::catalogFollowsPages()
{
    // Page 1 says page 2 comes next, at another host: the client asks its own base for it.
    m_script->enqueue(dopool::testing::json(200, R"({"images": [{"id": 1, "name": "24.04 (LTS) x64",
        "distribution": "Ubuntu", "slug": "ubuntu-24-04-x64", "public": true}],
        "links": {"pages": {"next": "https://elsewhere.example/v2/images?page=2&per_page=1"}},
        "meta": {"total": 2}})"));
    m_script->enqueue(dopool::testing::json(200, R"({"images": [{"id": 2, "name": "12 x64",
        "distribution": "Debian", "slug": "debian-12-x64", "public": true}],
        "links": {"pages": {"first": "https://api.example.test/v2/images?page=1"}},
        "meta": {"total": 2}})"));
    Capture<QList<Image>> capture;
    QObject context;
    m_client->listDistributionImages(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    DOPOOL_VERIFY_OK(*capture.result);
    QCOMPARE(capture.result->value().size(), 2);
    QCOMPARE(capture.result->value().at(1).slug, QStringLiteral("debian-12-x64"));
    QCOMPARE(capture.result->attempts(), 2);
    QCOMPARE(m_script->requests.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QUrl url = m_script->requests.at(i).url;
        QCOMPARE(url.host(), Host);
        QCOMPARE(url.path(), QStringLiteral("/v2/images"));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("type")), QStringLiteral("distribution"));
        QCOMPARE(query.queryItemValue(QStringLiteral("per_page")), QStringLiteral("200"));
        QCOMPARE(query.queryItemValue(QStringLiteral("page")), QString::number(i + 1));
    }
}

void TestDoApiClient::catalogPageFailureEndsListing()
{
    m_script->enqueue(
        dopool::testing::json(200, R"({"regions": [{"slug": "nyc3", "name": "New York 3",
        "available": true, "sizes": []}], "links": {"pages": {"next":
        "https://api.example.test/v2/regions?page=2"}}})"));
    m_script->enqueue(dopool::testing::json(200, R"({"regions": [{"slug": "sgp1"}]})"));
    Capture<QList<Region>> capture;
    QObject context;
    m_client->listRegions(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    QVERIFY(!capture.result->ok());
    QCOMPARE(capture.result->error().kind, ApiErrorKind::MalformedReply);
    QVERIFY2(capture.result->error().message.contains(QStringLiteral("regions[0].name is missing")),
             qPrintable(capture.result->error().message));
    QCOMPARE(m_script->requests.size(), 2);
    QCOMPARE(capture.calls, 1);
}

void TestDoApiClient::catalogRetriesAPage()
{
    m_script->enqueue(dopool::testing::json(500, ServerErrorBody));
    m_script->enqueue(
        dopool::testing::json(200, R"({"sizes": [{"slug": "s-1vcpu-1gb", "memory": 1024,
        "vcpus": 1, "disk": 25, "price_monthly": 6, "available": true, "regions": ["sgp1"]}]})"));
    Capture<QList<Size>> capture;
    QObject context;
    m_client->listSizes(Token, &context, capture.callback());
    QTRY_VERIFY(capture.result);
    DOPOOL_VERIFY_OK(*capture.result);
    QCOMPARE(capture.result->value().size(), 1);
    QCOMPARE(capture.result->attempts(), 2);
    QCOMPARE(m_delays.size(), 1);
}

QTEST_GUILESS_MAIN(TestDoApiClient)
#include "moc_ClientTestHarness.cpp"
#include "tst_doapiclient.moc"
