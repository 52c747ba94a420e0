// The fake DO API's behaviour as a client sees it, over real loopback HTTP with
// QNetworkAccessManager: payloads, paging, create + action, limits, ratelimit headers,
// authentication and the request log.
#include "FakeDoTestClient.h"
#include "common/Clock.h"
#include "fakedo/FakeDoServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace dopool;
using namespace dopool::fakedo;

namespace {

const QString kUnknown =
    QStringLiteral("dop_v1_cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc0003");
const QString kLimitMessage =
    QStringLiteral("creating this/these droplet(s) will exceed your droplet limit");

QByteArray createBody(const QString &name, const QStringList &tags = {})
{
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("region"), QStringLiteral("sgp1")},
                                     {QStringLiteral("size"), QStringLiteral("s-2vcpu-4gb")},
                                     {QStringLiteral("image"), QStringLiteral("ubuntu-22-04-x64")},
                                     {QStringLiteral("tags"), QJsonArray::fromStringList(tags)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestFakeDoServer : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    std::unique_ptr<FakeDoServer> m_server;
    std::unique_ptr<TestClient> m_client;
    QString m_uuidA;

    // The meta.total of a list answer.
    int listTotal(const QString &path)
    {
        return get(path).json.value(u"meta").toObject().value(u"total").toInt();
    }
    HttpResult get(const QString &path, const QString &token = kTokenA)
    {
        return m_client->call("GET", path, token);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeDoServer>(m_clock);
        QVERIFY(m_server->listen());
        FakeAccount a;
        a.email = QStringLiteral("do1@webrana.example");
        a.droplets = 3;
        m_uuidA = m_server->addAccount(kTokenA, a);
        FakeAccount b;
        b.email = QStringLiteral("do2@webrana.example");
        b.dropletLimit = 2;
        m_server->addAccount(kTokenB, b);
        m_client = std::make_unique<TestClient>();
        m_client->base = m_server->baseUrl();
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void baseUrlIsLoopback()
    {
        QCOMPARE(m_server->baseUrl().toString(),
                 QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
        FakeDoServer other;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("non-loopback")));
        QVERIFY(!other.listen(QHostAddress::Any)); // it receives tokens: loopback only
    }

    void accountPayload()
    {
        m_server->setAccountStatus(kTokenA, QStringLiteral("warning"), QStringLiteral("billing"));
        const HttpResult r = get(QStringLiteral("/v2/account"));
        QVERIFY(r.finished);
        QCOMPARE(r.status, 200);
        const QJsonObject account = r.json.value(u"account").toObject();
        QCOMPARE(account.value(u"droplet_limit").toInt(), 25);
        QVERIFY(account.value(u"floating_ip_limit").isDouble());
        QVERIFY(account.value(u"volume_limit").isDouble());
        QCOMPARE(account.value(u"email").toString(), QStringLiteral("do1@webrana.example"));
        QCOMPARE(account.value(u"uuid").toString(), m_uuidA);
        QCOMPARE(m_uuidA.size(), 40);
        QCOMPARE(account.value(u"email_verified").toBool(), true);
        QCOMPARE(account.value(u"status").toString(), QStringLiteral("warning"));
        QCOMPARE(account.value(u"status_message").toString(), QStringLiteral("billing"));
        QVERIFY(account.value(u"team").toObject().contains(u"uuid"));
        QVERIFY(account.value(u"team").toObject().contains(u"name"));
    }

    void unknownToken_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("missing") << QString();
        QTest::newRow("unknown") << kUnknown;
    }
    void unknownToken()
    {
        QFETCH(QString, token);
        for (const QString &path : {QStringLiteral("/v2/account"), QStringLiteral("/v2/droplets"),
                                    QStringLiteral("/v2/nothing-here")}) {
            const HttpResult r = get(path, token);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.json.value(u"id").toString(), QStringLiteral("Unauthorized"));
            QCOMPARE(r.json.value(u"message").toString(),
                     QStringLiteral("Unable to authenticate you"));
            QVERIFY(!r.header("ratelimit-limit").isEmpty());
        }
        QCOMPARE(m_server->requestCount({{}, {}, QStringLiteral("unknown")}), 3);
    }

    // GET /v2/regions, /v2/sizes, /v2/images: DO's shape and paging (links.pages, meta.total).
    void catalogueShapeAndPaging()
    {
        HttpResult r = get(QStringLiteral("/v2/regions"));
        QCOMPARE(r.status, 200);
        const QJsonArray regions = r.json.value(u"regions").toArray();
        QCOMPARE(regions.size(), 6);
        QCOMPARE(r.json.value(u"meta").toObject().value(u"total").toInt(), 6);
        for (const QJsonValue &value : regions) {
            const QJsonObject region = value.toObject();
            for (const char *key : {"slug", "name", "features", "available", "sizes"})
                QVERIFY2(region.contains(QLatin1String(key)), key);
            const bool closed = region.value(u"slug").toString() == u"fra1";
            QCOMPARE(region.value(u"available").toBool(), !closed);
        }

        r = get(QStringLiteral("/v2/sizes?per_page=3"));
        QCOMPARE(r.json.value(u"sizes").toArray().size(), 3);
        QCOMPARE(r.json.value(u"meta").toObject().value(u"total").toInt(), 8);
        QJsonObject pages = r.json.value(u"links").toObject().value(u"pages").toObject();
        QVERIFY(pages.value(u"next").toString().contains(u"/v2/sizes?page=2&per_page=3"));
        QVERIFY(pages.value(u"last").toString().contains(u"page=3"));
        const QJsonObject size = r.json.value(u"sizes").toArray().at(1).toObject();
        QCOMPARE(size.value(u"slug").toString(), QStringLiteral("s-1vcpu-1gb"));
        QCOMPARE(size.value(u"memory").toInt(), 1024);
        QCOMPARE(size.value(u"vcpus").toInt(), 1);
        QCOMPARE(size.value(u"disk").toInt(), 25);
        QCOMPARE(size.value(u"price_monthly").toDouble(), 6.0);
        QVERIFY(size.value(u"price_hourly").isDouble());
        QVERIFY(size.value(u"regions").toArray().contains(QStringLiteral("sgp1")));
        r = get(QStringLiteral("/v2/sizes?per_page=3&page=3"));
        QCOMPARE(r.json.value(u"sizes").toArray().size(), 2);
        pages = r.json.value(u"links").toObject().value(u"pages").toObject();
        QVERIFY(!pages.contains(u"next"));
        QVERIFY(pages.contains(u"prev"));

        r = get(QStringLiteral("/v2/images?type=distribution&per_page=200"));
        const QJsonArray images = r.json.value(u"images").toArray();
        QCOMPARE(images.size(), 7);
        const QJsonObject ubuntu = images.at(0).toObject();
        QCOMPARE(ubuntu.value(u"slug").toString(), QStringLiteral("ubuntu-24-04-x64"));
        QCOMPARE(ubuntu.value(u"distribution").toString(), QStringLiteral("Ubuntu"));
        QVERIFY(ubuntu.value(u"id").isDouble());
        QCOMPARE(ubuntu.value(u"public").toBool(), true);
        r = get(QStringLiteral("/v2/images?type=distribution&per_page=4"));
        QVERIFY(r.json.value(u"links")
                    .toObject()
                    .value(u"pages")
                    .toObject()
                    .value(u"next")
                    .toString()
                    .contains(u"type=distribution"));
        r = get(QStringLiteral("/v2/images?type=application"));
        QCOMPARE(r.json.value(u"images").toArray().size(), 0);

        QCOMPARE(get(QStringLiteral("/v2/regions"), kUnknown).status, 401);
    }

    void dropletsTotalAndPaging()
    {
        m_server->setDropletCount(kTokenA, 45);
        HttpResult r = get(QStringLiteral("/v2/droplets?per_page=1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"meta").toObject().value(u"total").toInt(), 45);
        QCOMPARE(r.json.value(u"droplets").toArray().size(), 1);
        const QJsonObject pages = r.json.value(u"links").toObject().value(u"pages").toObject();
        QVERIFY(pages.value(u"next").toString().contains(u"page=2"));
        QVERIFY(pages.value(u"last").toString().contains(u"page=45"));
        QVERIFY(!pages.contains(u"prev"));

        r = get(QStringLiteral("/v2/droplets")); // DO's default page size
        QCOMPARE(r.json.value(u"droplets").toArray().size(), 20);
        r = get(QStringLiteral("/v2/droplets?per_page=20&page=3"));
        QCOMPARE(r.json.value(u"droplets").toArray().size(), 5);
        QCOMPARE(r.json.value(u"meta").toObject().value(u"total").toInt(), 45);
        QVERIFY(r.json.value(u"links").toObject().value(u"pages").toObject().contains(u"prev"));
        r = get(QStringLiteral("/v2/droplets?per_page=500")); // capped at 200
        QCOMPARE(r.json.value(u"droplets").toArray().size(), 45);
        r = get(QStringLiteral("/v2/droplets?per_page=20&page=9"));
        QCOMPARE(r.json.value(u"droplets").toArray().size(), 0);

        const QJsonObject d = get(QStringLiteral("/v2/droplets?per_page=1"))
                                  .json.value(u"droplets")
                                  .toArray()
                                  .at(0)
                                  .toObject();
        for (const char16_t *key :
             {u"id", u"name", u"memory", u"vcpus", u"disk", u"status", u"created_at", u"tags",
              u"region", u"size_slug", u"image", u"networks"})
            QVERIFY2(d.contains(QStringView(key)), qPrintable(QStringView(key).toString()));
        QCOMPARE(d.value(u"region").toObject().value(u"slug").toString(), QStringLiteral("sgp1"));
        QVERIFY(!d.value(u"image").toObject().value(u"slug").toString().isEmpty());
    }

    void dropletsTagFilter()
    {
        for (const QString &name : {QStringLiteral("t1"), QStringLiteral("t2")})
            QCOMPARE(m_client
                         ->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                                createBody(name, {QStringLiteral("order:42")}))
                         .status,
                     202);
        QCOMPARE(m_client
                     ->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                            createBody(QStringLiteral("other"), {QStringLiteral("x")}))
                     .status,
                 202);
        const HttpResult r = get(QStringLiteral("/v2/droplets?tag_name=order%3A42&per_page=1"));
        QCOMPARE(r.json.value(u"meta").toObject().value(u"total").toInt(), 2);
        const QJsonObject d = r.json.value(u"droplets").toArray().at(0).toObject();
        QCOMPARE(d.value(u"name").toString(), QStringLiteral("t1"));
        QCOMPARE(d.value(u"tags").toArray().at(0).toString(), QStringLiteral("order:42"));
        QCOMPARE(listTotal(QStringLiteral("/v2/droplets?tag_name=none")), 0);
        QCOMPARE(listTotal(QStringLiteral("/v2/droplets")), 6);
    }

    void createThenActionCompletes()
    {
        const HttpResult created = m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                                                  createBody(QStringLiteral("webrana-1234abcd")));
        QCOMPARE(created.status, 202);
        const QJsonObject droplet = created.json.value(u"droplet").toObject();
        QCOMPARE(droplet.value(u"status").toString(), QStringLiteral("new"));
        QCOMPARE(droplet.value(u"name").toString(), QStringLiteral("webrana-1234abcd"));
        QCOMPARE(droplet.value(u"vcpus").toInt(), 2);
        QCOMPARE(droplet.value(u"memory").toInt(), 4096);
        const QJsonObject link =
            created.json.value(u"links").toObject().value(u"actions").toArray().at(0).toObject();
        QCOMPARE(link.value(u"rel").toString(), QStringLiteral("create"));
        const qint64 actionId = link.value(u"id").toInteger();
        QVERIFY(actionId > 0);
        QCOMPARE(QUrl(link.value(u"href").toString()).path(),
                 QStringLiteral("/v2/actions/%1").arg(actionId));
        QCOMPARE(m_server->dropletCount(kTokenA), 4);

        const QString actionPath = QStringLiteral("/v2/actions/%1").arg(actionId);
        QJsonObject action = get(actionPath).json.value(u"action").toObject();
        QCOMPARE(action.value(u"status").toString(), QStringLiteral("in-progress"));
        QCOMPARE(action.value(u"type").toString(), QStringLiteral("create"));
        QCOMPARE(action.value(u"resource_type").toString(), QStringLiteral("droplet"));
        QCOMPARE(action.value(u"resource_id").toInteger(), droplet.value(u"id").toInteger());
        QCOMPARE(action.value(u"region_slug").toString(), QStringLiteral("sgp1"));
        QVERIFY(action.value(u"completed_at").isNull());
        QVERIFY(!action.value(u"started_at").toString().isEmpty());
        action = get(actionPath).json.value(u"action").toObject();
        QCOMPARE(action.value(u"status").toString(), QStringLiteral("completed"));
        QVERIFY(!action.value(u"completed_at").toString().isEmpty());

        const HttpResult after =
            get(QStringLiteral("/v2/droplets/%1").arg(droplet.value(u"id").toInteger()));
        QCOMPARE(after.json.value(u"droplet").toObject().value(u"status").toString(),
                 QStringLiteral("active"));
        QCOMPARE(get(actionPath, kTokenB).status, 404); // another account's action
    }

    void actionCompletesAfterDelay()
    {
        m_server->setActionCompletionDelay(30000);
        const HttpResult created = m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                                                  createBody(QStringLiteral("slow")));
        const qint64 actionId = created.json.value(u"links")
                                    .toObject()
                                    .value(u"actions")
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(u"id")
                                    .toInteger();
        const QString path = QStringLiteral("/v2/actions/%1").arg(actionId);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get(path).json.value(u"action").toObject().value(u"status").toString(),
                     QStringLiteral("in-progress"));
        m_clock.advance(30000);
        QCOMPARE(get(path).json.value(u"action").toObject().value(u"status").toString(),
                 QStringLiteral("completed"));
    }

    void createValidation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("no name") << QByteArray(R"({"region":"sgp1","size":"s","image":"i"})")
                                 << 422;
        QTest::newRow("no region") << QByteArray(R"({"name":"n","size":"s","image":"i"})") << 422;
        QTest::newRow("no size") << QByteArray(R"({"name":"n","region":"sgp1","image":"i"})")
                                 << 422;
        QTest::newRow("no image") << QByteArray(R"({"name":"n","region":"sgp1","size":"s"})")
                                  << 422;
        QTest::newRow("bad tags")
            << QByteArray(R"({"name":"n","region":"r","size":"s","image":"i","tags":"x"})") << 422;
        QTest::newRow("not json") << QByteArray("name=n") << 400;
    }
    void createValidation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HttpResult r = m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA, body);
        QCOMPARE(r.status, status);
        QVERIFY(!r.json.value(u"id").toString().isEmpty());
        QVERIFY(!r.json.value(u"message").toString().isEmpty());
        if (status == 422)
            QCOMPARE(r.json.value(u"id").toString(), QStringLiteral("unprocessable_entity"));
        QCOMPARE(m_server->dropletCount(kTokenA), 3);
        QCOMPARE(m_server->overLimitAttempts(), 0);
    }

    void limitEnforced()
    {
        // Account B: limit 2, no droplets.
        for (int i = 0; i < 2; ++i)
            QCOMPARE(m_client
                         ->call("POST", QStringLiteral("/v2/droplets"), kTokenB,
                                createBody(QStringLiteral("b%1").arg(i)))
                         .status,
                     202);
        for (int i = 0; i < 2; ++i) {
            const HttpResult r = m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenB,
                                                createBody(QStringLiteral("over")));
            QCOMPARE(r.status, 422);
            QCOMPARE(r.json.value(u"id").toString(), QStringLiteral("unprocessable_entity"));
            QCOMPARE(r.json.value(u"message").toString(), kLimitMessage);
        }
        QCOMPARE(m_server->dropletCount(kTokenB), 2);
        QCOMPARE(m_server->overLimitAttempts(kTokenB), 2);
        QCOMPARE(m_server->overLimitAttempts(kTokenA), 0);
        QCOMPARE(m_server->overLimitAttempts(), 2);
        QCOMPARE(m_server->createdDroplets(kTokenB).size(), 2);

        // Deleting one frees a slot again.
        const qint64 id = m_server->droplets(kTokenB).first().id;
        QCOMPARE(
            m_client->call("DELETE", QStringLiteral("/v2/droplets/%1").arg(id), kTokenB).status,
            204);
        QCOMPARE(m_client->call("GET", QStringLiteral("/v2/droplets/%1").arg(id), kTokenB).status,
                 404);
        QCOMPARE(m_client
                     ->call("POST", QStringLiteral("/v2/droplets"), kTokenB,
                            createBody(QStringLiteral("again")))
                     .status,
                 202);

        // A full account from the start, and a lowered limit.
        m_server->setDropletLimit(kTokenA, 3);
        QCOMPARE(m_client
                     ->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                            createBody(QStringLiteral("a")))
                     .json.value(u"message")
                     .toString(),
                 kLimitMessage);
        QCOMPARE(m_server->overLimitAttempts(kTokenA), 1);
    }

    void dropletOfAnotherAccountIsNotFound()
    {
        const qint64 id = m_server->droplets(kTokenA).first().id;
        QCOMPARE(get(QStringLiteral("/v2/droplets/%1").arg(id)).status, 200);
        const HttpResult r = get(QStringLiteral("/v2/droplets/%1").arg(id), kTokenB);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json.value(u"id").toString(), QStringLiteral("not_found"));
        QCOMPARE(
            m_client->call("DELETE", QStringLiteral("/v2/droplets/%1").arg(id), kTokenB).status,
            404);
        QCOMPARE(m_server->dropletCount(kTokenA), 3);
    }

    void ratelimitHeaders()
    {
        const HttpResult first = get(QStringLiteral("/v2/account"));
        const HttpResult second = get(QStringLiteral("/v2/droplets"));
        const HttpResult other = get(QStringLiteral("/v2/account"), kTokenB);
        QCOMPARE(first.header("ratelimit-limit"), QByteArray("5000"));
        QCOMPARE(first.header("ratelimit-remaining"), QByteArray("4999"));
        QCOMPARE(second.header("ratelimit-remaining"), QByteArray("4998"));
        QCOMPARE(other.header("ratelimit-remaining"), QByteArray("4999")); // per token
        QCOMPARE(first.header("ratelimit-reset").toLongLong(),
                 m_clock.now().toSecsSinceEpoch() + 3600);
        // Exactly one content-type (a second one would come back merged).
        QCOMPARE(first.header("content-type"), QByteArray("application/json; charset=utf-8"));
        int contentTypes = 0;
        for (const auto &[name, value] : first.headers)
            contentTypes += name.compare("content-type", Qt::CaseInsensitive) == 0;
        QCOMPARE(contentTypes, 1);
        const qint64 id = m_server->droplets(kTokenA).first().id;
        const HttpResult deleted =
            m_client->call("DELETE", QStringLiteral("/v2/droplets/%1").arg(id), kTokenA);
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.header("content-type").startsWith("application/json"));
        QVERIFY(!deleted.header("ratelimit-remaining").isEmpty());
    }

    void rateLimitExhausted()
    {
        m_server->setRateLimit(2);
        QCOMPARE(get(QStringLiteral("/v2/account")).status, 200);
        QCOMPARE(get(QStringLiteral("/v2/account")).status, 200);
        const HttpResult r = get(QStringLiteral("/v2/account"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.json.value(u"id").toString(), QStringLiteral("too_many_requests"));
        QCOMPARE(r.header("ratelimit-remaining"), QByteArray("0"));
        QVERIFY(r.header("retry-after").toInt() > 0);
        m_clock.advance(3600 * 1000); // a new hourly window
        QCOMPARE(get(QStringLiteral("/v2/account")).status, 200);
    }

    void requestLog()
    {
        QSignalSpy handled(m_server.get(), &FakeDoServer::requestHandled);
        get(QStringLiteral("/v2/account"));
        get(QStringLiteral("/v2/droplets?per_page=1&tag_name=t"));
        m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                       createBody(QStringLiteral("x")));
        get(QStringLiteral("/v2/account"), kUnknown);
        QCOMPARE(handled.size(), 4);

        const QList<RequestRecord> records = m_server->requests();
        QCOMPARE(records.size(), 4);
        QCOMPARE(records.at(0).method, QStringLiteral("GET"));
        QCOMPARE(records.at(0).path, QStringLiteral("/v2/account"));
        QCOMPARE(records.at(0).account, m_uuidA);
        QCOMPARE(records.at(0).status, 200);
        QCOMPARE(records.at(0).endpoint, Endpoint::Account);
        QCOMPARE(records.at(0).outcome, Outcome::Answered);
        QCOMPARE(records.at(0).time, m_clock.now());
        QCOMPARE(records.at(1).query, QStringLiteral("per_page=1&tag_name=t"));
        QCOMPARE(records.at(2).status, 202);
        QCOMPARE(records.at(3).account, QStringLiteral("unknown"));
        QCOMPARE(records.at(3).status, 401);
        QCOMPARE(handled.at(2).at(0).value<RequestRecord>().method, QStringLiteral("POST"));
        for (const RequestRecord &r : records) {
            for (const QString &field : {r.method, r.path, r.query, r.account}) {
                QVERIFY(!field.contains(kTokenA));
                QVERIFY(!field.contains(kUnknown));
            }
        }

        QCOMPARE(m_server->requestCount(), 4);
        QCOMPARE(m_server->requestCount({QStringLiteral("GET"), {}, {}}), 3);
        QCOMPARE(m_server->requestCount({{}, QStringLiteral("/v2/droplets"), {}}), 2);
        QCOMPARE(m_server->requestCount(
                     {QStringLiteral("POST"), QStringLiteral("/v2/droplets"), m_uuidA}),
                 1);
        QCOMPARE(m_server->requestCount({{}, {}, m_uuidA}), 3);
        m_server->clearLog();
        QCOMPARE(m_server->requestCount(), 0);
        QVERIFY(m_server->requests().isEmpty());
    }

    void duplicateNames()
    {
        for (int i = 0; i < 2; ++i)
            m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                           createBody(QStringLiteral("dup")));
        m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                       createBody(QStringLiteral("single")));
        QCOMPARE(m_server->duplicateNames(kTokenA), QStringList{QStringLiteral("dup")});
        QVERIFY(m_server->duplicateNames(kTokenB).isEmpty());
        QCOMPARE(m_server->createdDroplets(kTokenA).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestFakeDoServer)
#include "tst_fakedoserver.moc"
