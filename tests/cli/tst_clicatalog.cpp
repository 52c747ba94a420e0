// dopool-cli catalog regions|sizes|images against the project's fake DigitalOcean API over
// loopback: tables, --json, --region, the account whose token reads it, and the failures.
#include "FakeDoCliFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool::fakedo;

class TestCliCatalog : public QObject, public FakeDoCliFixture
{
    Q_OBJECT

public:
    TestCliCatalog()
        : FakeDoCliFixture('8', 3)
    {}

private:
    void addAccount(const QString &name, int n, const QStringList &extra = {})
    {
        FakeAccount account;
        account.email = QStringLiteral("do%1@webrana.example").arg(n);
        m_do->addAccount(QString::fromLatin1(token(n)), account);
        const CliResult r =
            run(QStringList{QStringLiteral("account"), QStringLiteral("add"),
                            QStringLiteral("--name"), name, QStringLiteral("--token-stdin")} +
                    extra,
                token(n) + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    QJsonObject json(const QStringList &args)
    {
        const CliResult r = run(QStringList{QStringLiteral("--json")} + args);
        [&] {
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }();
        return QJsonDocument::fromJson(r.out).object();
    }

private Q_SLOTS:
    void init() { startFakeDo(); }
    void cleanup() { stopFakeDo(); }

    void regionsTable()
    {
        addAccount(QStringLiteral("Primary"), 1, {QStringLiteral("--primary")});
        const CliResult r = run({QStringLiteral("catalog"), QStringLiteral("regions")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = r.outText().trimmed().split(u'\n');
        QCOMPARE(lines.size(), 7); // header + 6 regions
        QVERIFY2(lines.first().startsWith(QStringLiteral("SLUG")), qPrintable(lines.first()));
        QVERIFY(lines.first().contains(QStringLiteral("AVAILABLE")));
        const QString fra1 = lines.filter(QStringLiteral("fra1")).value(0);
        QVERIFY2(fra1.contains(QStringLiteral("Frankfurt 1")) &&
                     fra1.contains(QStringLiteral("no")),
                 qPrintable(fra1));
        QVERIFY(lines.filter(QStringLiteral("sgp1")).value(0).contains(QStringLiteral("yes")));
    }

    void regionsJson()
    {
        addAccount(QStringLiteral("Primary"), 1, {QStringLiteral("--primary")});
        const QJsonObject doc = json({QStringLiteral("catalog"), QStringLiteral("regions")});
        QCOMPARE(doc.value(QStringLiteral("account")).toString(), QStringLiteral("Primary"));
        const QJsonArray regions = doc.value(QStringLiteral("regions")).toArray();
        QCOMPARE(regions.size(), 6);
        const QJsonObject nyc3 = regions.at(1).toObject();
        QCOMPARE(nyc3.value(QStringLiteral("slug")).toString(), QStringLiteral("nyc3"));
        QCOMPARE(nyc3.value(QStringLiteral("available")).toBool(), true);
        QVERIFY(
            nyc3.value(QStringLiteral("sizes")).toArray().contains(QStringLiteral("s-1vcpu-1gb")));
    }

    void sizesAndRegionFilter()
    {
        addAccount(QStringLiteral("Primary"), 1, {QStringLiteral("--primary")});
        const QJsonObject all = json({QStringLiteral("catalog"), QStringLiteral("sizes")});
        QCOMPARE(all.value(QStringLiteral("sizes")).toArray().size(), 8);
        const QJsonObject sgp1 = json({QStringLiteral("catalog"), QStringLiteral("sizes"),
                                       QStringLiteral("--region"), QStringLiteral("sgp1")});
        const QJsonArray sizes = sgp1.value(QStringLiteral("sizes")).toArray();
        QCOMPARE(sizes.size(), 6); // the 512 MB and General Purpose ones are not offered there
        QCOMPARE(sgp1.value(QStringLiteral("region")).toString(), QStringLiteral("sgp1"));
        const QJsonObject small = sizes.at(0).toObject();
        QCOMPARE(small.value(QStringLiteral("slug")).toString(), QStringLiteral("s-1vcpu-1gb"));
        QCOMPARE(small.value(QStringLiteral("vcpus")).toInt(), 1);
        QCOMPARE(small.value(QStringLiteral("memoryMb")).toInt(), 1024);
        QCOMPARE(small.value(QStringLiteral("diskGb")).toInt(), 25);
        QCOMPARE(small.value(QStringLiteral("priceMonthly")).toDouble(), 6.0);

        const CliResult table = run({QStringLiteral("catalog"), QStringLiteral("sizes"),
                                     QStringLiteral("--region"), QStringLiteral("sgp1")});
        QVERIFY2(table.exitCode == 0, table.err.constData());
        const QString row =
            table.outText().split(u'\n').filter(QStringLiteral("s-1vcpu-1gb")).value(0);
        QVERIFY2(row.contains(QStringLiteral("1 GB")) && row.contains(QStringLiteral("25 GB")) &&
                     row.contains(QStringLiteral("$6")),
                 qPrintable(row));
        QVERIFY(!table.outText().contains(QStringLiteral("s-1vcpu-512mb-10gb")));
    }

    void unknownRegionIsAValidationError()
    {
        addAccount(QStringLiteral("Primary"), 1, {QStringLiteral("--primary")});
        CliResult r = run({QStringLiteral("catalog"), QStringLiteral("sizes"),
                           QStringLiteral("--region"), QStringLiteral("xyz9")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("xyz9")), qPrintable(r.errText()));
        QVERIFY(r.out.isEmpty());
        r = run({QStringLiteral("catalog"), QStringLiteral("sizes"), QStringLiteral("--region")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("catalog"), QStringLiteral("flavours")});
        QCOMPARE(r.exitCode, 2);
    }

    void imagesByDistribution()
    {
        addAccount(QStringLiteral("Primary"), 1, {QStringLiteral("--primary")});
        const QJsonObject doc = json({QStringLiteral("catalog"), QStringLiteral("images")});
        const QJsonArray images = doc.value(QStringLiteral("images")).toArray();
        QCOMPARE(images.size(), 7);
        QStringList slugs;
        for (const QJsonValue &image : images)
            slugs << image.toObject().value(QStringLiteral("slug")).toString();
        QVERIFY(slugs.contains(QStringLiteral("ubuntu-24-04-x64")));
        QVERIFY(slugs.contains(QStringLiteral("debian-12-x64")));
        const CliResult table = run({QStringLiteral("catalog"), QStringLiteral("images")});
        QVERIFY2(table.exitCode == 0, table.err.constData());
        QVERIFY(table.outText().contains(QStringLiteral("DISTRIBUTION")));
        QVERIFY(table.outText().contains(QStringLiteral("Debian")));
    }

    void readsWithThePrimarysToken()
    {
        addAccount(QStringLiteral("Other"), 1);
        addAccount(QStringLiteral("Primary"), 2, {QStringLiteral("--primary")});
        m_do->clearLog();
        const QJsonObject doc = json({QStringLiteral("catalog"), QStringLiteral("regions")});
        QCOMPARE(doc.value(QStringLiteral("account")).toString(), QStringLiteral("Primary"));
        const auto records = m_do->requests();
        QVERIFY(!records.isEmpty());
        const QString primaryUuid = records.first().account;
        for (const RequestRecord &record : records)
            QCOMPARE(record.account, primaryUuid);
    }

    void emptyPoolExits3()
    {
        const CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("catalog"), QStringLiteral("images")});
        QCOMPARE(r.exitCode, 3);
        const QJsonObject error =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("no-usable-account"));
    }

    void doFailureExits4()
    {
        addAccount(QStringLiteral("Primary"), 1, {QStringLiteral("--primary")});
        m_do->injectFault(QString::fromLatin1(token(1)),
                          Fault{FaultKind::GarbageBody, Endpoint::Regions});
        const CliResult r = run({QStringLiteral("catalog"), QStringLiteral("regions")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.errText().contains(QStringLiteral("catalogue")), qPrintable(r.errText()));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_clicatalog.moc"
