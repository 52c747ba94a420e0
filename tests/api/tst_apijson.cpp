#include "SampleRequests.h"
#include "api/ApiJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace dopool::api;

namespace {

const QByteArray FullAccount = R"({"account": {
    "droplet_limit": 25, "floating_ip_limit": 5, "volume_limit": 100,
    "email": "sammy@digitalocean.com", "name": "Sammy",
    "uuid": "b6fr89dbf6d9156cace5f3c78dc9851d957381ef", "email_verified": true,
    "status": "active", "status_message": " ",
    "team": {"uuid": "5df3e3004a17e242b7c20ca6c9fc25b701a47ece", "name": "My Team"}}})";

const QByteArray TwoDroplets = R"({"droplets": [
    {"id": 3164444, "name": "example.com", "status": "active", "created_at": "2020-07-21T18:37:44Z",
     "region": {"slug": "nyc3", "name": "New York 3"}, "size_slug": "s-1vcpu-1gb",
     "image": {"id": 63663980, "slug": "ubuntu-20-04-x64"}, "tags": ["web", "env:prod"],
     "networks": {"v4": [], "v6": []}},
    {"id": 3164459, "name": "assets.example.com", "status": "off",
     "size": {"slug": "s-2vcpu-2gb"}, "image": {"id": 7, "slug": null}, "tags": null}
  ], "links": {}, "meta": {"total": 42}})";

} // namespace

class TestApiJson : public QObject
{
    Q_OBJECT

private slots:
    void account();
    void accountMinimal();
    void dropletPage();
    void createdDroplet();
    void action();
    void malformed_data();
    void malformed();
    void createBody();
};

void TestApiJson::account()
{
    const Parsed<AccountInfo> parsed = parseAccount(FullAccount);
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    const AccountInfo &a = *parsed.value;
    QCOMPARE(a.dropletLimit, 25);
    QCOMPARE(a.floatingIpLimit, 5);
    QCOMPARE(a.volumeLimit, 100);
    QCOMPARE(a.email, QStringLiteral("sammy@digitalocean.com"));
    QCOMPARE(a.uuid, QStringLiteral("b6fr89dbf6d9156cace5f3c78dc9851d957381ef"));
    QCOMPARE(a.emailVerified, true);
    QCOMPARE(a.status, QStringLiteral("active"));
    QCOMPARE(a.statusMessage, QStringLiteral(" "));
    QCOMPARE(a.teamUuid, QStringLiteral("5df3e3004a17e242b7c20ca6c9fc25b701a47ece"));
    QCOMPARE(a.teamName, QStringLiteral("My Team"));
}

void TestApiJson::accountMinimal()
{
    const Parsed<AccountInfo> parsed = parseAccount(
        R"({"account": {"droplet_limit": 0, "email": "a@b.c", "uuid": "u", "status": "locked",
            "status_message": null, "team": null}})");
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->dropletLimit, 0);
    QCOMPARE(parsed.value->floatingIpLimit, -1);
    QCOMPARE(parsed.value->volumeLimit, -1);
    QCOMPARE(parsed.value->emailVerified, false);
    QVERIFY(parsed.value->teamUuid.isEmpty());
}

void TestApiJson::dropletPage()
{
    const Parsed<DropletPage> parsed = parseDropletPage(TwoDroplets);
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->total, 42);
    QCOMPARE(parsed.value->droplets.size(), 2);
    const Droplet &first = parsed.value->droplets.at(0);
    QCOMPARE(first.id, qint64(3164444));
    QCOMPARE(first.name, QStringLiteral("example.com"));
    QCOMPARE(first.status, QStringLiteral("active"));
    QCOMPARE(first.regionSlug, QStringLiteral("nyc3"));
    QCOMPARE(first.sizeSlug, QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(first.imageSlug, QStringLiteral("ubuntu-20-04-x64"));
    QCOMPARE(first.tags, (QStringList{QStringLiteral("web"), QStringLiteral("env:prod")}));
    QCOMPARE(first.createdAt, QDateTime(QDate(2020, 7, 21), QTime(18, 37, 44), Qt::UTC));
    const Droplet &second = parsed.value->droplets.at(1);
    QCOMPARE(second.sizeSlug, QStringLiteral("s-2vcpu-2gb")); // from size.slug
    QVERIFY(second.imageSlug.isEmpty());
    QVERIFY(second.tags.isEmpty());
    QVERIFY(!second.createdAt.isValid());

    const Parsed<int> count = parseDropletCount(TwoDroplets);
    QCOMPARE(count.value.value_or(-1), 42);
}

void TestApiJson::createdDroplet()
{
    const Parsed<CreatedDroplet> parsed = parseCreatedDroplet(
        R"({"droplet": {"id": 3164444, "name": "example.com", "status": "new", "tags": ["dopool"]},
            "links": {"actions": [{"id": 1, "rel": "other", "href": "x"},
                                  {"id": 7515, "rel": "create", "href": "https://api.digitalocean.com/v2/actions/7515"}]}})");
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->droplet.id, qint64(3164444));
    QCOMPARE(parsed.value->droplet.status, QStringLiteral("new"));
    QCOMPARE(parsed.value->actionId, qint64(7515));

    const Parsed<CreatedDroplet> noLinks =
        parseCreatedDroplet(R"({"droplet": {"id": 9, "name": "n", "status": "new"}})");
    QVERIFY2(noLinks.value, qPrintable(noLinks.problem));
    QCOMPARE(noLinks.value->actionId, qint64(0));
}

void TestApiJson::action()
{
    const Parsed<Action> parsed = parseAction(
        R"({"action": {"id": 36804636, "status": "completed", "type": "create",
            "resource_id": 3164444, "resource_type": "droplet", "completed_at": null}})");
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->id, qint64(36804636));
    QCOMPARE(parsed.value->status, QStringLiteral("completed"));
    QCOMPARE(parsed.value->type, QStringLiteral("create"));
    QCOMPARE(parsed.value->resourceId, qint64(3164444));

    const Parsed<Action> nullResource = parseAction(
        R"({"action": {"id": 1, "status": "in-progress", "type": "create", "resource_id": null}})");
    QVERIFY2(nullResource.value, qPrintable(nullResource.problem));
    QCOMPARE(nullResource.value->resourceId, qint64(0));
}

void TestApiJson::malformed_data()
{
    QTest::addColumn<QString>("what"); // which parser
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    const QString account = QStringLiteral("account");
    const QString page = QStringLiteral("page");
    const QString count = QStringLiteral("count");
    const QString created = QStringLiteral("created");
    const QString action = QStringLiteral("action");

    QTest::newRow("empty body") << account << QByteArray() << QStringLiteral("the body is empty");
    QTest::newRow("HTML") << account << QByteArray("<html>Bad Gateway</html>")
                          << QStringLiteral("not JSON");
    QTest::newRow("truncated JSON")
        << page << QByteArray("{\"droplets\": [") << QStringLiteral("not JSON");
    QTest::newRow("array") << account << QByteArray("[1,2]") << QStringLiteral("JSON array");
    QTest::newRow("no account") << account << QByteArray("{\"id\":\"x\"}")
                                << QStringLiteral("account is missing");
    QTest::newRow("account is a string")
        << account << QByteArray("{\"account\":\"x\"}")
        << QStringLiteral("account is a string, expected an object");
    QTest::newRow("droplet_limit a string")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":"25","email":"e","uuid":"u","status":"active"}})")
        << QStringLiteral("account.droplet_limit is a string, expected a whole number");
    QTest::newRow("droplet_limit negative")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":-1,"email":"e","uuid":"u","status":"active"}})")
        << QStringLiteral("account.droplet_limit is -1");
    QTest::newRow("droplet_limit fraction")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":2.5,"email":"e","uuid":"u","status":"active"}})")
        << QStringLiteral("account.droplet_limit is a number, expected a whole number");
    QTest::newRow("droplet_limit too big")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":1e12,"email":"e","uuid":"u","status":"active"}})")
        << QStringLiteral("account.droplet_limit is 1000000000000");
    QTest::newRow("droplet_limit null")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":null,"email":"e","uuid":"u","status":"active"}})")
        << QStringLiteral("account.droplet_limit is missing");
    QTest::newRow("uuid missing")
        << account << QByteArray(R"({"account":{"droplet_limit":3,"email":"e","status":"active"}})")
        << QStringLiteral("account.uuid is missing");
    QTest::newRow("email_verified a string")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":3,"email":"e","uuid":"u","status":"active","email_verified":"yes"}})")
        << QStringLiteral("account.email_verified is a string");
    QTest::newRow("team a number")
        << account
        << QByteArray(
               R"({"account":{"droplet_limit":3,"email":"e","uuid":"u","status":"active","team":4}})")
        << QStringLiteral("account.team is a number");
    QTest::newRow("count: meta missing")
        << count << QByteArray(R"({"droplets":[]})") << QStringLiteral("meta is missing");
    QTest::newRow("count: total a string") << count << QByteArray(R"({"meta":{"total":"3"}})")
                                           << QStringLiteral("meta.total is a string");
    QTest::newRow("count: total negative")
        << count << QByteArray(R"({"meta":{"total":-2}})") << QStringLiteral("meta.total is -2");
    QTest::newRow("page: meta missing")
        << page << QByteArray(R"({"droplets":[]})") << QStringLiteral("meta is missing");
    QTest::newRow("page: droplets an object")
        << page << QByteArray(R"({"droplets":{},"meta":{"total":0}})")
        << QStringLiteral("droplets is an object, expected an array");
    QTest::newRow("page: droplet not an object")
        << page << QByteArray(R"({"droplets":[3],"meta":{"total":1}})")
        << QStringLiteral("droplets[0] is a number, expected an object");
    QTest::newRow("page: droplet id a string")
        << page
        << QByteArray(
               R"({"droplets":[{"id":"5","name":"n","status":"active"}],"meta":{"total":1}})")
        << QStringLiteral("droplets[0].id is a string");
    QTest::newRow("page: droplet tags of numbers")
        << page
        << QByteArray(
               R"({"droplets":[{"id":5,"name":"n","status":"active","tags":[1]}],"meta":{"total":1}})")
        << QStringLiteral("droplets[0].tags[0] is a number, expected a string");
    QTest::newRow("page: region slug a number")
        << page
        << QByteArray(
               R"({"droplets":[{"id":5,"name":"n","status":"active","region":{"slug":3}}],"meta":{"total":1}})")
        << QStringLiteral("droplets[0].region.slug is a number");
    QTest::newRow("page: bad created_at")
        << page
        << QByteArray(
               R"({"droplets":[{"id":5,"name":"n","status":"active","created_at":"yesterday"}],"meta":{"total":1}})")
        << QStringLiteral("droplets[0].created_at is not an ISO 8601");
    QTest::newRow("created: no droplet")
        << created << QByteArray(R"({"links":{}})") << QStringLiteral("droplet is missing");
    QTest::newRow("created: action id a string")
        << created
        << QByteArray(
               R"({"droplet":{"id":5,"name":"n","status":"new"},"links":{"actions":[{"id":"7","rel":"create"}]}})")
        << QStringLiteral("links.actions[0].id is a string");
    QTest::newRow("action: missing")
        << action << QByteArray(R"({})") << QStringLiteral("action is missing");
    QTest::newRow("action: status a number")
        << action << QByteArray(R"({"action":{"id":1,"status":2}})")
        << QStringLiteral("action.status is a number");
}

void TestApiJson::malformed()
{
    QFETCH(QString, what);
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);

    QString actual;
    if (what == QLatin1String("account")) {
        const auto parsed = parseAccount(body);
        QVERIFY(!parsed.value);
        actual = parsed.problem;
    } else if (what == QLatin1String("page")) {
        const auto parsed = parseDropletPage(body);
        QVERIFY(!parsed.value);
        actual = parsed.problem;
    } else if (what == QLatin1String("count")) {
        const auto parsed = parseDropletCount(body);
        QVERIFY(!parsed.value);
        actual = parsed.problem;
    } else if (what == QLatin1String("created")) {
        const auto parsed = parseCreatedDroplet(body);
        QVERIFY(!parsed.value);
        actual = parsed.problem;
    } else {
        const auto parsed = parseAction(body);
        QVERIFY(!parsed.value);
        actual = parsed.problem;
    }
    QVERIFY2(actual.contains(problem), qPrintable(actual));
}

void TestApiJson::createBody()
{
    CreateDropletRequest request = dopool::testing::sampleCreate();
    request.userData.reset(); // first without user data: the key must be left out
    QJsonObject body = QJsonDocument::fromJson(createDropletBody(request)).object();
    QCOMPARE(body.value(QLatin1String("name")).toString(), QStringLiteral("order-42"));
    QCOMPARE(body.value(QLatin1String("region")).toString(), QStringLiteral("fra1"));
    QCOMPARE(body.value(QLatin1String("size")).toString(), QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(body.value(QLatin1String("image")).toString(), QStringLiteral("ubuntu-22-04-x64"));
    QCOMPARE(body.value(QLatin1String("tags")).toArray().size(), 2);
    QVERIFY(!body.contains(QLatin1String("user_data")));

    request.image = QStringLiteral("63663980");
    request.userData = QStringLiteral("#cloud-config\n");
    body = QJsonDocument::fromJson(createDropletBody(request)).object();
    QVERIFY(body.value(QLatin1String("image")).isDouble());
    QCOMPARE(body.value(QLatin1String("image")).toInteger(), qint64(63663980));
    QCOMPARE(body.value(QLatin1String("user_data")).toString(), QStringLiteral("#cloud-config\n"));
}

QTEST_GUILESS_MAIN(TestApiJson)
#include "tst_apijson.moc"
