// The fake DO API answers in DigitalOcean's shape (the OpenAPI description's droplet, size,
// region and image schemas): every field the schema marks required is there with its type,
// and enumerated values are the schema's. The engine's tests trust this server, so a field DO
// sends and the fake leaves out would hide a parsing bug. The schemas' lists are written out
// here (the reference description is not available when the tests run).
#include "FakeDoTestClient.h"
#include "fakedo/FakeDoServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace dopool::fakedo;

namespace {

enum class Type
{
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
    NullableObject,
};

struct Field
{
    const char *name;
    Type type;
};

// droplet.yml `required`, with each property's type.
constexpr Field kDropletFields[] = {
    {"id", Type::Integer},
    {"name", Type::String},
    {"memory", Type::Integer},
    {"vcpus", Type::Integer},
    {"disk", Type::Integer},
    {"locked", Type::Boolean},
    {"status", Type::String},
    {"created_at", Type::String},
    {"features", Type::Array},
    {"backup_ids", Type::Array},
    {"snapshot_ids", Type::Array},
    {"image", Type::Object},
    {"volume_ids", Type::Array},
    {"size", Type::Object},
    {"size_slug", Type::String},
    {"networks", Type::Object},
    {"region", Type::Object},
    {"tags", Type::Array},
    {"next_backup_window", Type::NullableObject},
};

// sizes/models/size.yml `required`.
constexpr Field kSizeFields[] = {
    {"available", Type::Boolean},   {"disk", Type::Integer},         {"memory", Type::Integer},
    {"price_hourly", Type::Number}, {"price_monthly", Type::Number}, {"regions", Type::Array},
    {"slug", Type::String},         {"transfer", Type::Number},      {"vcpus", Type::Integer},
    {"description", Type::String},
};

// regions/models/region.yml `required`.
constexpr Field kRegionFields[] = {
    {"available", Type::Boolean}, {"features", Type::Array}, {"name", Type::String},
    {"sizes", Type::Array},       {"slug", Type::String},
};

// images/models/image.yml: the properties DO sends for its public images.
constexpr Field kImageFields[] = {
    {"id", Type::Integer},
    {"name", Type::String},
    {"type", Type::String},
    {"distribution", Type::String},
    {"public", Type::Boolean},
    {"regions", Type::Array},
    {"created_at", Type::String},
    {"min_disk_size", Type::Integer},
    {"size_gigabytes", Type::Number},
    {"description", Type::String},
    {"tags", Type::Array},
    {"status", Type::String},
};

// What a droplet's image shows of it, snapshots included.
constexpr Field kEmbeddedImageFields[] = {
    {"id", Type::Integer},          {"name", Type::String},    {"type", Type::String},
    {"distribution", Type::String}, {"public", Type::Boolean}, {"status", Type::String},
};

// shared/attributes/distribution.yml `enum`.
const QStringList kDistributions{
    QStringLiteral("Arch Linux"), QStringLiteral("CentOS"),      QStringLiteral("CoreOS"),
    QStringLiteral("Debian"),     QStringLiteral("Fedora"),      QStringLiteral("Fedora Atomic"),
    QStringLiteral("FreeBSD"),    QStringLiteral("Gentoo"),      QStringLiteral("openSUSE"),
    QStringLiteral("RancherOS"),  QStringLiteral("Rocky Linux"), QStringLiteral("Ubuntu"),
    QStringLiteral("Unknown"),
};
// image.yml `type` and `status` enums; droplet.yml `status` enum.
const QStringList kImageTypes{QStringLiteral("base"), QStringLiteral("snapshot"),
                              QStringLiteral("backup"), QStringLiteral("custom"),
                              QStringLiteral("admin")};
const QStringList kImageStatuses{QStringLiteral("NEW"), QStringLiteral("available"),
                                 QStringLiteral("pending"), QStringLiteral("deleted"),
                                 QStringLiteral("retired")};
const QStringList kDropletStatuses{QStringLiteral("new"), QStringLiteral("active"),
                                   QStringLiteral("off"), QStringLiteral("archive")};

bool hasType(const QJsonValue &value, Type type)
{
    switch (type) {
    case Type::String:
        return value.isString();
    case Type::Number:
        return value.isDouble();
    case Type::Integer:
        return value.isDouble() && value.toDouble() == double(value.toInteger());
    case Type::Boolean:
        return value.isBool();
    case Type::Array:
        return value.isArray();
    case Type::Object:
        return value.isObject();
    case Type::NullableObject:
        return value.isObject() || value.isNull();
    }
    return false;
}

// Every field present with its type; the first one that is not, named with the path.
template <qsizetype N>
QString missingField(const QJsonObject &object, const Field (&fields)[N], const QString &path)
{
    for (const Field &field : fields) {
        const QLatin1String name(field.name);
        if (!object.contains(name))
            return path + u'.' + name + QStringLiteral(" is missing");
        if (!hasType(object.value(name), field.type))
            return path + u'.' + name + QStringLiteral(" has the wrong type: ") +
                   QString::fromUtf8(QJsonDocument(QJsonObject{{name, object.value(name)}})
                                         .toJson(QJsonDocument::Compact));
    }
    return {};
}

QByteArray createBody(const QString &size, const QString &image, const QString &region)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("webrana-5ca1ab1e")},
                                     {QStringLiteral("region"), region},
                                     {QStringLiteral("size"), size},
                                     {QStringLiteral("image"), image}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestFakeDoShape : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeDoServer> m_server;
    std::unique_ptr<TestClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeDoServer>();
        QVERIFY(m_server->listen());
        FakeAccount account;
        account.email = QStringLiteral("shape@webrana.example");
        account.droplets = 1; // a seeded droplet, as sync reads it
        m_server->addAccount(kTokenA, account);
        m_client = std::make_unique<TestClient>();
        m_client->base = m_server->baseUrl();
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // A created droplet as POST, GET by id and the list return it: DO's droplet with its
    // embedded size, region and image complete. Sizes and images outside the catalogue too
    // (the fake creates whatever it is asked).
    void dropletEmbedsCompleteObjects_data()
    {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("region");
        QTest::addColumn<int>("memory");
        QTest::addColumn<double>("priceMonthly");
        QTest::newRow("catalogue")
            << QStringLiteral("s-2vcpu-4gb") << QStringLiteral("debian-12-x64")
            << QStringLiteral("sgp1") << 4096 << 24.0;
        QTest::newRow("outside the catalogue")
            << QStringLiteral("s-4vcpu-16gb") << QStringLiteral("63663980")
            << QStringLiteral("lon1") << 16384 << 96.0;
    }
    void dropletEmbedsCompleteObjects()
    {
        QFETCH(QString, size);
        QFETCH(QString, image);
        QFETCH(QString, region);
        QFETCH(int, memory);
        QFETCH(double, priceMonthly);
        const HttpResult created = m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                                                  createBody(size, image, region));
        QCOMPARE(created.status, 202);
        const qint64 id = created.json.value(u"droplet").toObject().value(u"id").toInteger();
        const HttpResult got =
            m_client->call("GET", QStringLiteral("/v2/droplets/%1").arg(id), kTokenA);
        const HttpResult listed = m_client->call("GET", QStringLiteral("/v2/droplets"), kTokenA);
        QCOMPARE(listed.json.value(u"droplets").toArray().size(), 2);
        const QList<QJsonObject> droplets{
            created.json.value(u"droplet").toObject(), got.json.value(u"droplet").toObject(),
            listed.json.value(u"droplets").toArray().at(1).toObject(),
            listed.json.value(u"droplets").toArray().at(0).toObject()}; // the seeded one
        for (const QJsonObject &droplet : droplets) {
            const QString which =
                QStringLiteral("droplet %1").arg(droplet.value(u"id").toInteger());
            QString missing = missingField(droplet, kDropletFields, which);
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            QVERIFY(kDropletStatuses.contains(droplet.value(u"status").toString()));

            const QJsonObject sizeObject = droplet.value(u"size").toObject();
            missing = missingField(sizeObject, kSizeFields, which + QStringLiteral(".size"));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            QCOMPARE(sizeObject.value(u"slug").toString(), droplet.value(u"size_slug").toString());
            // The droplet's own figures are its size's.
            for (const char *key : {"memory", "vcpus", "disk"})
                QCOMPARE(droplet.value(QLatin1String(key)), sizeObject.value(QLatin1String(key)));
            QVERIFY(sizeObject.value(u"price_hourly").toDouble() > 0);
            QVERIFY(sizeObject.value(u"transfer").toDouble() > 0);
            QVERIFY(!sizeObject.value(u"description").toString().isEmpty());

            const QJsonObject regionObject = droplet.value(u"region").toObject();
            missing = missingField(regionObject, kRegionFields, which + QStringLiteral(".region"));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));

            const QJsonObject imageObject = droplet.value(u"image").toObject();
            missing =
                missingField(imageObject, kEmbeddedImageFields, which + QStringLiteral(".image"));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            QVERIFY2(kDistributions.contains(imageObject.value(u"distribution").toString()),
                     qPrintable(imageObject.value(u"distribution").toString()));
            QVERIFY(kImageTypes.contains(imageObject.value(u"type").toString()));
            QVERIFY(kImageStatuses.contains(imageObject.value(u"status").toString()));
        }
        const QJsonObject mine = got.json.value(u"droplet").toObject();
        QCOMPARE(mine.value(u"memory").toInt(), memory);
        QCOMPARE(mine.value(u"size").toObject().value(u"price_monthly").toDouble(), priceMonthly);
        QCOMPARE(mine.value(u"region").toObject().value(u"slug").toString(), region);
    }

    // A catalogue image embedded in a droplet is the catalogue's entry: distribution and all.
    void dropletImageIsTheCataloguesEntry()
    {
        const HttpResult created =
            m_client->call("POST", QStringLiteral("/v2/droplets"), kTokenA,
                           createBody(QStringLiteral("s-1vcpu-1gb"),
                                      QStringLiteral("debian-12-x64"), QStringLiteral("nyc3")));
        const QJsonObject image =
            created.json.value(u"droplet").toObject().value(u"image").toObject();
        QCOMPARE(image.value(u"slug").toString(), QStringLiteral("debian-12-x64"));
        QCOMPARE(image.value(u"distribution").toString(), QStringLiteral("Debian"));
        const QJsonObject region =
            created.json.value(u"droplet").toObject().value(u"region").toObject();
        QCOMPARE(region.value(u"name").toString(), QStringLiteral("New York 3"));
        QVERIFY(region.value(u"sizes").toArray().contains(QStringLiteral("s-1vcpu-1gb")));
    }

    // GET /v2/sizes, /v2/regions and /v2/images?type=distribution in the schemas' shape; every
    // image's distribution one of the values DO documents.
    void catalogueInSchemaShape()
    {
        const HttpResult sizes =
            m_client->call("GET", QStringLiteral("/v2/sizes?per_page=200"), kTokenA);
        QVERIFY(!sizes.json.value(u"sizes").toArray().isEmpty());
        for (const QJsonValue &size : sizes.json.value(u"sizes").toArray()) {
            const QString missing =
                missingField(size.toObject(), kSizeFields, QStringLiteral("size"));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
        }
        const HttpResult regions =
            m_client->call("GET", QStringLiteral("/v2/regions?per_page=200"), kTokenA);
        for (const QJsonValue &region : regions.json.value(u"regions").toArray()) {
            const QString missing =
                missingField(region.toObject(), kRegionFields, QStringLiteral("region"));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
        }
        const HttpResult images = m_client->call(
            "GET", QStringLiteral("/v2/images?type=distribution&per_page=200"), kTokenA);
        QCOMPARE(images.json.value(u"images").toArray().size(), 7);
        for (const QJsonValue &value : images.json.value(u"images").toArray()) {
            const QJsonObject image = value.toObject();
            const QString missing = missingField(image, kImageFields, QStringLiteral("image"));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
            QVERIFY2(kDistributions.contains(image.value(u"distribution").toString()),
                     qPrintable(image.value(u"distribution").toString()));
            QCOMPARE(image.value(u"type").toString(), QStringLiteral("base"));
            QVERIFY(kImageStatuses.contains(image.value(u"status").toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestFakeDoShape)
#include "tst_fakedoshape.moc"
