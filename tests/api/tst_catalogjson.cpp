// The catalogue parsers (core/api/CatalogJson): DO's region, size and image pages, the next
// page from links.pages.next, and every malformed reply turned into a readable problem.
#include "api/CatalogJson.h"

#include <QTest>

using namespace dopool::api;

class TestCatalogJson : public QObject
{
    Q_OBJECT
private slots:
    void regionPage();
    void sizePage();
    void imagePage();
    void nextPage_data();
    void nextPage();
    void malformed_data();
    void malformed();
};

void TestCatalogJson::regionPage()
{
    const QByteArray body = R"({"regions": [
        {"name": "New York 3", "slug": "nyc3", "features": ["ipv6"], "available": true,
         "sizes": ["s-1vcpu-1gb", "s-2vcpu-4gb"]},
        {"name": "Frankfurt 1", "slug": "fra1", "features": [], "available": false, "sizes": []}],
        "links": {}, "meta": {"total": 2}})";
    const auto parsed = parseRegionPage(body, 1);
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->items.size(), 2);
    const Region &nyc3 = parsed.value->items.at(0);
    QCOMPARE(nyc3.slug, QStringLiteral("nyc3"));
    QCOMPARE(nyc3.name, QStringLiteral("New York 3"));
    QVERIFY(nyc3.available);
    QCOMPARE(nyc3.sizes,
             QStringList({QStringLiteral("s-1vcpu-1gb"), QStringLiteral("s-2vcpu-4gb")}));
    QVERIFY(!parsed.value->items.at(1).available);
    QCOMPARE(parsed.value->nextPage, 0);
}

void TestCatalogJson::sizePage()
{
    const QByteArray body = R"({"sizes": [{"slug": "s-1vcpu-1gb", "memory": 1024, "vcpus": 1,
        "disk": 25, "transfer": 1.0, "price_monthly": 6.0, "price_hourly": 0.00893,
        "regions": ["nyc1", "sgp1"], "available": true, "description": "Basic",
        "disk_info": [{"type": "local", "size": {"amount": 25, "unit": "gib"}}]},
        {"slug": "s-1vcpu-512mb-10gb", "memory": 512, "vcpus": 1, "disk": 10,
         "price_monthly": 4.5, "price_hourly": 0.0067, "regions": [], "available": false}],
        "links": {"pages": {}}, "meta": {"total": 2}})";
    const auto parsed = parseSizePage(body, 1);
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->items.size(), 2);
    const Size &size = parsed.value->items.at(0);
    QCOMPARE(size.slug, QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(size.vcpus, 1);
    QCOMPARE(size.memoryMb, 1024);
    QCOMPARE(size.diskGb, 25);
    QCOMPARE(size.priceMonthly, 6.0);
    QCOMPARE(size.regions, QStringList({QStringLiteral("nyc1"), QStringLiteral("sgp1")}));
    QVERIFY(size.available);
    QCOMPARE(size.description, QStringLiteral("Basic"));
    QCOMPARE(parsed.value->items.at(1).priceMonthly, 4.5);
    QVERIFY(parsed.value->items.at(1).description.isEmpty());
}

void TestCatalogJson::imagePage()
{
    const QByteArray body = R"({"images": [{"id": 164315432, "name": "24.04 (LTS) x64",
        "type": "base", "distribution": "Ubuntu", "slug": "ubuntu-24-04-x64", "public": true,
        "regions": ["nyc1"], "min_disk_size": 7},
        {"id": 7555620, "name": "Custom", "distribution": "Unknown", "slug": null,
         "public": false}], "meta": {"total": 2}})";
    const auto parsed = parseImagePage(body, 1);
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->items.size(), 2);
    const Image &ubuntu = parsed.value->items.at(0);
    QCOMPARE(ubuntu.id, 164315432);
    QCOMPARE(ubuntu.slug, QStringLiteral("ubuntu-24-04-x64"));
    QCOMPARE(ubuntu.distribution, QStringLiteral("Ubuntu"));
    QCOMPARE(ubuntu.name, QStringLiteral("24.04 (LTS) x64"));
    QVERIFY(ubuntu.isPublic);
    QVERIFY(parsed.value->items.at(1).slug.isEmpty()); // null slug: no slug, not a failure
}

void TestCatalogJson::nextPage_data()
{
    QTest::addColumn<QByteArray>("links");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("next");

    QTest::newRow("no links") << QByteArray() << 1 << 0;
    QTest::newRow("empty pages") << QByteArray(R"(, "links": {"pages": {}})") << 1 << 0;
    QTest::newRow("last page: prev only")
        << QByteArray(
               R"(, "links": {"pages": {"prev": "https://api.digitalocean.com/v2/regions?page=1"}})")
        << 2 << 0;
    QTest::newRow("next")
        << QByteArray(
               R"(, "links": {"pages": {"next": "https://api.digitalocean.com/v2/regions?page=2&per_page=1", "last": "https://api.digitalocean.com/v2/regions?page=13&per_page=1"}})")
        << 1 << 2;
    QTest::newRow("next on another host: only its number counts")
        << QByteArray(
               R"(, "links": {"pages": {"next": "https://elsewhere.example/v2/regions?page=4"}})")
        << 3 << 4;
}

void TestCatalogJson::nextPage()
{
    QFETCH(QByteArray, links);
    QFETCH(int, page);
    QFETCH(int, next);
    const QByteArray body = QByteArrayLiteral(R"({"regions": [])") + links + '}';
    const auto parsed = parseRegionPage(body, page);
    QVERIFY2(parsed.value, qPrintable(parsed.problem));
    QCOMPARE(parsed.value->nextPage, next);
}

void TestCatalogJson::malformed_data()
{
    QTest::addColumn<QString>("listing");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    QTest::newRow("empty body") << "regions" << QByteArray() << "the body is empty";
    QTest::newRow("html") << "sizes" << QByteArray("<html>504</html>") << "not JSON";
    QTest::newRow("array") << "images" << QByteArray("[]") << "JSON array";
    QTest::newRow("no list") << "regions" << QByteArray(R"({"meta": {"total": 0}})")
                             << "regions is missing";
    QTest::newRow("list is an object")
        << "sizes" << QByteArray(R"({"sizes": {}})") << "sizes is an object, expected an array";
    QTest::newRow("row not an object") << "images" << QByteArray(R"({"images": [42]})")
                                       << "images[0] is a number, expected an object";
    QTest::newRow("region without slug")
        << "regions" << QByteArray(R"({"regions": [{"name": "X", "available": true}]})")
        << "regions[0].slug is missing";
    QTest::newRow("available as a string")
        << "regions"
        << QByteArray(R"({"regions": [{"slug": "x", "name": "X", "available": "yes"}]})")
        << "regions[0].available is a string";
    QTest::newRow("sizes list holds a number")
        << "regions"
        << QByteArray(
               R"({"regions": [{"slug": "x", "name": "X", "available": true, "sizes": [1]}]})")
        << "regions[0].sizes[0] is a number";
    QTest::newRow("price as a string")
        << "sizes"
        << QByteArray(
               R"({"sizes": [{"slug": "s", "memory": 1024, "vcpus": 1, "disk": 25, "price_monthly": "6", "available": true}]})")
        << "sizes[0].price_monthly is a string";
    QTest::newRow("negative price")
        << "sizes"
        << QByteArray(
               R"({"sizes": [{"slug": "s", "memory": 1024, "vcpus": 1, "disk": 25, "price_monthly": -1, "available": true}]})")
        << "sizes[0].price_monthly is -1";
    QTest::newRow("fractional vcpus")
        << "sizes"
        << QByteArray(
               R"({"sizes": [{"slug": "s", "memory": 1024, "vcpus": 1.5, "disk": 25, "price_monthly": 6, "available": true}]})")
        << "sizes[0].vcpus is a number, expected a whole number";
    QTest::newRow("second row broken")
        << "sizes"
        << QByteArray(
               R"({"sizes": [{"slug": "s", "memory": 1024, "vcpus": 1, "disk": 25, "price_monthly": 6, "available": true}, {"slug": "t"}]})")
        << "sizes[1].vcpus is missing";
    QTest::newRow("image id missing")
        << "images" << QByteArray(R"({"images": [{"name": "x", "slug": "x"}]})")
        << "images[0].id is missing";
    QTest::newRow("next link not a string")
        << "regions" << QByteArray(R"({"regions": [], "links": {"pages": {"next": 2}}})")
        << "links.pages.next is a number";
    QTest::newRow("next link without a page")
        << "regions"
        << QByteArray(
               R"({"regions": [], "links": {"pages": {"next": "https://api.digitalocean.com/v2/regions"}}})")
        << "links.pages.next does not name a page after page 1";
    QTest::newRow("next link going back")
        << "regions"
        << QByteArray(
               R"({"regions": [], "links": {"pages": {"next": "https://api.digitalocean.com/v2/regions?page=1"}}})")
        << "does not name a page after page 1";
}

void TestCatalogJson::malformed()
{
    QFETCH(QString, listing);
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    QString found;
    bool parsedAnyway = false;
    if (listing == u"regions") {
        const auto parsed = parseRegionPage(body, 1);
        parsedAnyway = parsed.value.has_value();
        found = parsed.problem;
    } else if (listing == u"sizes") {
        const auto parsed = parseSizePage(body, 1);
        parsedAnyway = parsed.value.has_value();
        found = parsed.problem;
    } else {
        const auto parsed = parseImagePage(body, 1);
        parsedAnyway = parsed.value.has_value();
        found = parsed.problem;
    }
    QVERIFY2(!parsedAnyway, "a malformed page must not parse");
    QVERIFY2(found.contains(problem), qPrintable(found));
}

QTEST_GUILESS_MAIN(TestCatalogJson)
#include "tst_catalogjson.moc"
