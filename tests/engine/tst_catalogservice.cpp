// CatalogService on real parts: the DoApiClient over loopback to the fake DO server (its
// regions, sizes and images, paged), a MemoryStore, and a ManualClock for the TTL.
#include "EngineTestFixture.h"
#include "engine/CatalogService.h"

#include <QTest>

using namespace dopool;
using namespace dopool::testing;
using engine::Catalog;
using engine::CatalogService;
using Freshness = engine::CatalogService::Freshness;

namespace {

struct CatalogCapture
{
    std::optional<Result<Catalog>> result;
    int calls = 0;
    std::function<void(Result<Catalog>)> callback()
    {
        return [this](Result<Catalog> r) {
            ++calls;
            result.emplace(std::move(r));
        };
    }
};

int catalogRequests(const fakedo::FakeDoServer &server)
{
    return server.requestCount({QStringLiteral("GET"), QStringLiteral("/v2/regions"), {}}) +
           server.requestCount({QStringLiteral("GET"), QStringLiteral("/v2/sizes"), {}}) +
           server.requestCount({QStringLiteral("GET"), QStringLiteral("/v2/images"), {}});
}

Account account(const QString &name, bool primary, AccountHealth health, bool active = true)
{
    Account a;
    a.name = name;
    a.isPrimary = primary;
    a.healthStatus = health;
    a.isActive = active;
    return a;
}

// Starts a read that must go to the server (so it cannot answer at once) and waits for it.
bool readFromServer(CatalogService &service, Freshness freshness, CatalogCapture &capture)
{
    service.catalog(freshness, capture.callback());
    if (capture.result)
        return false;
    return QTest::qWaitFor([&capture] { return capture.result.has_value(); });
}

} // namespace

class TestCatalogService : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void readsTheFakeCatalogue();
    void cachedWithinTtl();
    void refreshReadsAgain();
    void concurrentRequestsShareOneRead();
    void failureKeepsThePreviousCatalogue();
    void noActiveAccount();
    void catalogAccount_data();
    void catalogAccount();
    void formatting();

private:
    // The account most cases read with: a healthy primary whose token the fake server knows.
    void addPrimary();
    // addPrimary(), a service in m_service, and one successful read from the server.
    bool readPrimaryOnce();

    std::unique_ptr<EngineFixture> m_fx;
    std::unique_ptr<CatalogService> m_service;
};

void TestCatalogService::init()
{
    m_fx = std::make_unique<EngineFixture>();
    QVERIFY(m_fx->setUp());
}

void TestCatalogService::cleanup()
{
    m_service.reset();
    m_fx.reset();
}

void TestCatalogService::addPrimary()
{
    m_fx->addAccount(account(QStringLiteral("Primary"), true, AccountHealth::Healthy),
                     fakeToken(1));
}

bool TestCatalogService::readPrimaryOnce()
{
    addPrimary();
    m_service = std::make_unique<CatalogService>(m_fx->context());
    CatalogCapture first;
    return readFromServer(*m_service, Freshness::CachedOk, first) && first.result->ok();
}

void TestCatalogService::readsTheFakeCatalogue()
{
    addPrimary();
    CatalogService service(m_fx->context());
    CatalogCapture capture;
    QVERIFY(readFromServer(service, Freshness::CachedOk, capture));
    DOPOOL_VERIFY_OK(*capture.result);
    const Catalog &catalog = capture.result->value();
    QCOMPARE(catalog.accountName, QStringLiteral("Primary"));
    QCOMPARE(catalog.fetchedAt, m_fx->clock.now());
    QCOMPARE(catalog.regions.size(), 6);
    QCOMPARE(catalog.sizes.size(), 8);
    QCOMPARE(catalog.images.size(), 7);
    const auto fra1 = std::find_if(catalog.regions.cbegin(), catalog.regions.cend(),
                                   [](const api::Region &r) { return r.slug == u"fra1"; });
    QVERIFY(fra1 != catalog.regions.cend());
    QVERIFY(!fra1->available);
    QCOMPARE(catalog.images.first().slug, QStringLiteral("ubuntu-24-04-x64"));
    QCOMPARE(catalogRequests(*m_fx->server), 3); // 8 sizes fit one page of 200
}

void TestCatalogService::cachedWithinTtl()
{
    addPrimary();
    CatalogService service(m_fx->context());
    service.setTtlSecs(3600);
    CatalogCapture first;
    QVERIFY(readFromServer(service, Freshness::CachedOk, first));
    DOPOOL_VERIFY_OK(*first.result);
    QCOMPARE(catalogRequests(*m_fx->server), 3);

    m_fx->clock.advance(3599 * 1000);
    QVERIFY(service.cached());
    CatalogCapture second;
    service.catalog(Freshness::CachedOk, second.callback());
    QVERIFY(second.result); // from the cache, at once
    DOPOOL_VERIFY_OK(*second.result);
    QCOMPARE(second.result->value().fetchedAt, first.result->value().fetchedAt);
    QCOMPARE(catalogRequests(*m_fx->server), 3);

    m_fx->clock.advance(1000); // an hour old: read again
    QVERIFY(!service.cached());
    CatalogCapture third;
    QVERIFY(readFromServer(service, Freshness::CachedOk, third));
    DOPOOL_VERIFY_OK(*third.result);
    QCOMPARE(third.result->value().fetchedAt, m_fx->clock.now());
    QCOMPARE(catalogRequests(*m_fx->server), 6);
}

void TestCatalogService::refreshReadsAgain()
{
    QVERIFY(readPrimaryOnce());
    CatalogCapture refreshed;
    QVERIFY(readFromServer(*m_service, Freshness::Refresh, refreshed));
    DOPOOL_VERIFY_OK(*refreshed.result);
    QCOMPARE(catalogRequests(*m_fx->server), 6);
}

void TestCatalogService::concurrentRequestsShareOneRead()
{
    addPrimary();
    CatalogService service(m_fx->context());
    CatalogCapture a;
    CatalogCapture b;
    service.catalog(Freshness::CachedOk, a.callback());
    service.catalog(Freshness::Refresh, b.callback());
    QTRY_VERIFY(a.result && b.result);
    DOPOOL_VERIFY_OK(*a.result);
    DOPOOL_VERIFY_OK(*b.result);
    QCOMPARE(a.calls, 1);
    QCOMPARE(b.calls, 1);
    QCOMPARE(catalogRequests(*m_fx->server), 3);
}

void TestCatalogService::failureKeepsThePreviousCatalogue()
{
    QVERIFY(readPrimaryOnce());

    m_fx->server->injectFault(
        fakeToken(1), fakedo::Fault{fakedo::FaultKind::Unauthorized, fakedo::Endpoint::Sizes});
    CatalogCapture failed;
    QVERIFY(readFromServer(*m_service, Freshness::Refresh, failed));
    QVERIFY(!failed.result->ok());
    QCOMPARE(failed.result->error().kind, ErrorKind::Auth);
    QVERIFY2(failed.result->error().message.contains(QStringLiteral("'Primary'")),
             qPrintable(failed.result->error().message));
    QCOMPARE(failed.calls, 1);
    QVERIFY(m_service->cached()); // the earlier read is still there
}

void TestCatalogService::noActiveAccount()
{
    m_fx->addAccount(account(QStringLiteral("Off"), true, AccountHealth::Healthy, false),
                     fakeToken(1));
    CatalogService service(m_fx->context());
    CatalogCapture capture;
    service.catalog(Freshness::CachedOk, capture.callback());
    QVERIFY(capture.result);
    QVERIFY(!capture.result->ok());
    QCOMPARE(capture.result->error().kind, ErrorKind::NoAccount);
    QCOMPARE(catalogRequests(*m_fx->server), 0);
}

void TestCatalogService::catalogAccount_data()
{
    QTest::addColumn<QList<Account>>("accounts");
    QTest::addColumn<QString>("chosen"); // empty: NoAccount

    using H = AccountHealth;
    QTest::newRow("primary") << QList<Account>{account(QStringLiteral("A"), false, H::Healthy),
                                               account(QStringLiteral("P"), true, H::Degraded)}
                             << QStringLiteral("P");
    QTest::newRow("primary unhealthy: first healthy")
        << QList<Account>{account(QStringLiteral("P"), true, H::Unhealthy),
                          account(QStringLiteral("U"), false, H::Unknown),
                          account(QStringLiteral("H"), false, H::Healthy)}
        << QStringLiteral("H");
    QTest::newRow("primary inactive, none healthy: first active")
        << QList<Account>{account(QStringLiteral("P"), true, H::Healthy, false),
                          account(QStringLiteral("D"), false, H::Degraded)}
        << QStringLiteral("D");
    QTest::newRow("none active") << QList<Account>{account(QStringLiteral("P"), true, H::Healthy,
                                                           false)}
                                 << QString();
    QTest::newRow("empty pool") << QList<Account>{} << QString();
}

void TestCatalogService::catalogAccount()
{
    QFETCH(QList<Account>, accounts);
    QFETCH(QString, chosen);
    const Result<Account> account = CatalogService::catalogAccount(accounts);
    if (chosen.isEmpty()) {
        QVERIFY(!account.ok());
        QCOMPARE(account.error().kind, ErrorKind::NoAccount);
    } else {
        DOPOOL_VERIFY_OK(account);
        QCOMPARE(account->name, chosen);
    }
}

void TestCatalogService::formatting()
{
    QCOMPARE(engine::memoryText(512), QStringLiteral("512 MB"));
    QCOMPARE(engine::memoryText(1024), QStringLiteral("1 GB"));
    QCOMPARE(engine::memoryText(1536), QStringLiteral("1.5 GB"));
    QCOMPARE(engine::priceText(6.0), QStringLiteral("$6"));
    QCOMPARE(engine::priceText(4.5), QStringLiteral("$4.50"));
    api::Size size;
    size.available = true;
    size.regions = {QStringLiteral("sgp1")};
    QVERIFY(engine::sizeOfferedIn(size, QStringLiteral("sgp1")));
    QVERIFY(!engine::sizeOfferedIn(size, QStringLiteral("nyc1")));
    size.available = false;
    QVERIFY(!engine::sizeOfferedIn(size, QStringLiteral("sgp1")));
}

QTEST_GUILESS_MAIN(TestCatalogService)
#include "tst_catalogservice.moc"
