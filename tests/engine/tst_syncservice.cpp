// SyncService on real parts: a MemoryStore, the real DoApiClient over loopback HTTP and the
// fake DO server. What a sync records, what every fault the fake can inject does to health,
// three strikes and recovery, DO's account status, concurrency (slow accounts never hold up
// the others, the bound holds), exact request counts, crypto failures, and no token in logs.
#include "EngineTestFixture.h"
#include "engine/SyncService.h"

#include <QLoggingCategory>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;
using fakedo::Endpoint;
using fakedo::FakeAccount;
using fakedo::Fault;
using fakedo::FaultKind;
using fakedo::RequestFilter;
using Mode = SyncService::Mode;

Q_DECLARE_METATYPE(dopool::fakedo::FaultKind)
Q_DECLARE_METATYPE(dopool::fakedo::Endpoint)
Q_DECLARE_METATYPE(dopool::engine::SyncService::Mode)

namespace {

// Runs `accounts` through `service` and waits (event loop, no sleep) up to timeoutMs for done;
// empty when it did not come. The outcomes are shared with the callback, which may outlive a
// wait that failed.
std::optional<QList<SyncOutcome>> runAndWait(SyncService &service, SyncService::Mode mode,
                                             const QList<Account> &accounts, int timeoutMs)
{
    const auto outcomes = std::make_shared<std::optional<QList<SyncOutcome>>>();
    service.run(mode, accounts,
                [outcomes](QList<SyncOutcome> result) { *outcomes = std::move(result); });
    if (!QTest::qWaitFor([&outcomes] { return outcomes->has_value(); }, timeoutMs))
        return {};
    return *outcomes;
}

QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines.append(message);
    if (g_previousHandler && (type == QtCriticalMsg || type == QtFatalMsg))
        g_previousHandler(type, context, message);
}

} // namespace

class TestSyncService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;

    int requestsTo(const QString &uuid, const QString &path) const
    {
        RequestFilter filter;
        filter.method = QStringLiteral("GET");
        filter.pathPrefix = path;
        filter.account = uuid;
        return f->server->requestCount(filter);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<EngineFixture>();
        QVERIFY(f->setUp());
    }
    void cleanup() { f.reset(); }

    void successRecordsWhatDoSays_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::newRow("sync") << Mode::Sync;
        QTest::newRow("health check") << Mode::HealthCheck;
    }
    void successRecordsWhatDoSays()
    {
        QFETCH(Mode, mode);
        Account stored;
        stored.name = QStringLiteral("alpha");
        stored.email = QStringLiteral("admin-typed@example.com");
        stored.dropletLimit = 25;
        stored.activeDroplets = 1;
        FakeAccount fake;
        fake.email = QStringLiteral("do1@webrana.example");
        fake.dropletLimit = 10;
        fake.droplets = 4;
        fake.uuid = QStringLiteral("b6fr89dbf6d9156cace5f3c78dc9851d957381ef");
        const Account account = f->addAccount(stored, fakeToken(1), fake);
        QVERIFY(!QTest::currentTestFailed());
        f->clock.advance(5000);

        SyncService service(f->context());
        QSignalSpy finished(&service, &SyncService::accountFinished);
        QSignalSpy progress(&service, &SyncService::progress);
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, mode, QList<Account>{account}, 10000);
        QVERIFY(outcomes.has_value());
        QCOMPARE(outcomes->size(), 1);
        const SyncOutcome &outcome = outcomes->first();
        QVERIFY(!outcome.apiError);
        QVERIFY(!outcome.storeError);
        QCOMPARE(outcome.healthBefore, AccountHealth::Unknown);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(progress.size(), 1);
        QCOMPARE(progress.first(), (QVariantList{1, 1}));

        const Account after = f->reload(account.id);
        QCOMPARE(outcome.account.id, account.id);
        QCOMPARE(outcome.account.healthStatus, after.healthStatus);
        QCOMPARE(after.healthStatus, AccountHealth::Healthy);
        QCOMPARE(after.dropletLimit, 10);
        QCOMPARE(after.activeDroplets, mode == Mode::Sync ? 4 : 1); // health checks skip it
        QCOMPARE(after.email, fake.email);
        QCOMPARE(after.doUuid, fake.uuid);
        QCOMPARE(after.doStatus, QStringLiteral("active"));
        QCOMPARE(after.lastHealthCheck, f->clock.now());
        QCOMPARE(after.lastSyncAt, mode == Mode::Sync ? f->clock.now() : QDateTime());
        QCOMPARE(after.consecutiveFailures, 0);
        QCOMPARE(after.lastError, QString());
        // The fake's window started with the first request, at the fixture clock's now.
        const int requests = mode == Mode::Sync ? 2 : 1;
        QCOMPARE(after.rateLimitLimit, 5000);
        QCOMPARE(after.rateLimitRemaining, 5000 - requests);
        QCOMPARE(after.rateLimitReset.toSecsSinceEpoch(), f->clock.now().toSecsSinceEpoch() + 3600);

        QCOMPARE(requestsTo(fake.uuid, QStringLiteral("/v2/account")), 1);
        QCOMPARE(requestsTo(fake.uuid, QStringLiteral("/v2/droplets")), requests - 1);
        QCOMPARE(f->server->requestCount(), requests);
        if (mode == Mode::Sync)
            for (const fakedo::RequestRecord &r : f->server->requests()) {
                if (r.path == QLatin1String("/v2/droplets"))
                    QCOMPARE(r.query, QStringLiteral("per_page=1"));
            }

        const auto history = f->capacity->healthHistory(account.id, 10);
        DOPOOL_VERIFY_OK(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().from, AccountHealth::Unknown);
        QCOMPARE(history->first().to, AccountHealth::Healthy);
    }

    void faults_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<FaultKind>("fault");
        QTest::addColumn<Endpoint>("endpoint");
        QTest::addColumn<AccountHealth>("health");
        QTest::addColumn<api::ApiErrorKind>("errorKind");
        QTest::addColumn<int>("accountRequests"); // GET /v2/account, retries included
        QTest::addColumn<int>("dropletRequests"); // GET /v2/droplets
        QTest::addColumn<QString>("reasonHas");   // in the health history row

        const auto D = AccountHealth::Degraded;
        const auto U = AccountHealth::Unhealthy;
        using K = api::ApiErrorKind;
        const Endpoint any = Endpoint::Any;
        // The fixture's client tries each GET twice on transient failures.
        QTest::newRow("401") << Mode::Sync << FaultKind::Unauthorized << any << U << K::Unauthorized
                             << 1 << 1 << "rejected the token (401)";
        QTest::newRow("403") << Mode::Sync << FaultKind::Forbidden << any << U << K::Forbidden << 1
                             << 1 << "(403)";
        QTest::newRow("429 with retry-after") << Mode::Sync << FaultKind::TooManyRequests << any
                                              << D << K::RateLimited << 2 << 2 << "rate limit";
        QTest::newRow("500") << Mode::Sync << FaultKind::ServerError << any << D << K::ServerError
                             << 2 << 2 << "server error (HTTP 500)";
        QTest::newRow("hang") << Mode::Sync << FaultKind::Hang << any << D << K::Timeout << 2 << 2
                              << "did not answer in time";
        QTest::newRow("garbage body") << Mode::Sync << FaultKind::GarbageBody << any << D
                                      << K::MalformedReply << 1 << 1 << "unreadable reply";
        // QNAM (6.4) itself re-sends a GET once after a reset on a connection it had used
        // before: 2 tries, each 1 or 2 on the wire (the row's figures are the most).
        QTest::newRow("connection reset") << Mode::Sync << FaultKind::ConnectionReset << any << D
                                          << K::Network << 4 << 4 << "DigitalOcean unreachable";
        QTest::newRow("droplets endpoint only: 500")
            << Mode::Sync << FaultKind::ServerError << Endpoint::DropletsList << D << K::ServerError
            << 1 << 2 << "server error";
        QTest::newRow("health check: 401") << Mode::HealthCheck << FaultKind::Unauthorized << any
                                           << U << K::Unauthorized << 1 << 0 << "(401)";
        QTest::newRow("health check: reset") << Mode::HealthCheck << FaultKind::ConnectionReset
                                             << any << D << K::Network << 4 << 0 << "unreachable";
    }
    void faults()
    {
        QFETCH(Mode, mode);
        QFETCH(FaultKind, fault);
        QFETCH(Endpoint, endpoint);
        QFETCH(AccountHealth, health);
        QFETCH(api::ApiErrorKind, errorKind);
        QFETCH(int, accountRequests);
        QFETCH(int, dropletRequests);
        QFETCH(QString, reasonHas);

        FakeAccount fake;
        fake.dropletLimit = 10;
        fake.droplets = 3;
        const Account account = f->addAccount(QStringLiteral("alpha"), fakeToken(1), fake);
        QVERIFY(!QTest::currentTestFailed());
        const QString uuid = f->server->accountId(fakeToken(1));
        f->server->injectFault(fakeToken(1), Fault{fault, endpoint, -1, 1});

        SyncService service(f->context());
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, mode, QList<Account>{account}, 20000);
        QVERIFY(outcomes.has_value());
        QCOMPARE(outcomes->size(), 1);
        const SyncOutcome &outcome = outcomes->first();
        QVERIFY(!outcome.ok());
        QVERIFY(outcome.apiError);
        // (Qt 6.4 evaluates the description even when the check passes.)
        QVERIFY2(!outcome.storeError,
                 qPrintable(outcome.storeError ? outcome.storeError->message : QString()));
        QCOMPARE(outcome.apiError->kind, errorKind);

        const Account after = f->reload(account.id);
        QCOMPARE(after.healthStatus, health);
        QCOMPARE(outcome.account.healthStatus, health);
        QCOMPARE(after.consecutiveFailures, 1);
        QCOMPARE(after.lastError, outcome.apiError->message);
        QCOMPARE(after.lastHealthCheck, f->clock.now()); // checked, even though it failed
        QVERIFY(!after.lastSyncAt.isValid());            // but not synced
        if (endpoint == Endpoint::DropletsList) {
            // What the account endpoint said is still worth keeping.
            QCOMPARE(after.dropletLimit, 10);
            QCOMPARE(after.activeDroplets, 0);
        }
        const auto history = f->capacity->healthHistory(account.id, 10);
        DOPOOL_VERIFY_OK(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().to, health);
        QVERIFY2(history->first().reason.contains(reasonHas), qPrintable(history->first().reason));

        if (fault == FaultKind::ConnectionReset) {
            // Tries reuse the client's connections (NamPool): whether Qt re-sends depends on
            // whether the connection that dropped was a fresh one. Our own tries: exactly 2.
            QVERIFY(requestsTo(uuid, QStringLiteral("/v2/account")) >= 2);
            QVERIFY(requestsTo(uuid, QStringLiteral("/v2/account")) <= accountRequests);
            QVERIFY(requestsTo(uuid, QStringLiteral("/v2/droplets")) >= (dropletRequests ? 2 : 0));
            QVERIFY(requestsTo(uuid, QStringLiteral("/v2/droplets")) <= dropletRequests);
            return;
        }
        QCOMPARE(requestsTo(uuid, QStringLiteral("/v2/account")), accountRequests);
        QCOMPARE(requestsTo(uuid, QStringLiteral("/v2/droplets")), dropletRequests);
    }

    void threeStrikesThenRecovery()
    {
        const Account account = f->addAccount(QStringLiteral("alpha"), fakeToken(1));
        QVERIFY(!QTest::currentTestFailed());
        f->server->injectFault(fakeToken(1), Fault{FaultKind::ServerError, Endpoint::Any, -1, 1});
        SyncService service(f->context());

        const QList<AccountHealth> expected{AccountHealth::Degraded, AccountHealth::Degraded,
                                            AccountHealth::Unhealthy};
        for (int strike = 1; strike <= 3; ++strike) {
            f->clock.advance(60'000);
            // The caller's copy is stale on purpose: the count must come from the store.
            const std::optional<QList<SyncOutcome>> outcomes =
                runAndWait(service, Mode::HealthCheck, QList<Account>{account}, 10000);
            QVERIFY(outcomes.has_value());
            QCOMPARE(outcomes->first().apiError->kind, api::ApiErrorKind::ServerError);
            const Account after = f->reload(account.id);
            QCOMPARE(after.consecutiveFailures, strike);
            QCOMPARE(after.healthStatus, expected.at(strike - 1));
        }

        f->server->clearFaults(fakeToken(1));
        f->clock.advance(60'000);
        const std::optional<QList<SyncOutcome>> recovered =
            runAndWait(service, Mode::Sync, QList<Account>{account}, 10000);
        QVERIFY(recovered.has_value());
        QVERIFY(recovered->first().ok());
        QCOMPARE(recovered->first().healthBefore, AccountHealth::Unhealthy);
        const Account after = f->reload(account.id);
        QCOMPARE(after.healthStatus, AccountHealth::Healthy);
        QCOMPARE(after.consecutiveFailures, 0);
        QCOMPARE(after.lastError, QString());
        QCOMPARE(after.lastSyncAt, f->clock.now());

        const auto history = f->capacity->healthHistory(account.id, 10);
        DOPOOL_VERIFY_OK(history);
        QList<AccountHealth> transitions;
        for (auto it = history->crbegin(); it != history->crend(); ++it)
            transitions << it->to;
        QCOMPARE(transitions,
                 (QList<AccountHealth>{AccountHealth::Degraded, AccountHealth::Unhealthy,
                                       AccountHealth::Healthy}));
        QVERIFY2(history->at(1).reason.contains(QLatin1String("3 consecutive failures")),
                 qPrintable(history->at(1).reason));
        QVERIFY2(history->at(0).reason.contains(QLatin1String("recovered")),
                 qPrintable(history->at(0).reason));
    }

    void doAccountStatus_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<AccountHealth>("health");
        QTest::addColumn<QString>("lastErrorHas"); // empty: none
        QTest::newRow("active") << QStringLiteral("active") << AccountHealth::Healthy << QString();
        QTest::newRow("warning") << QStringLiteral("warning") << AccountHealth::Degraded
                                 << QString();
        QTest::newRow("locked") << QStringLiteral("locked") << AccountHealth::Unhealthy
                                << QStringLiteral("locked");
    }
    void doAccountStatus()
    {
        QFETCH(QString, status);
        QFETCH(AccountHealth, health);
        QFETCH(QString, lastErrorHas);
        FakeAccount fake;
        fake.status = status;
        fake.statusMessage = QStringLiteral("see the billing page");
        fake.droplets = 2;
        const Account account = f->addAccount(QStringLiteral("alpha"), fakeToken(1), fake);
        QVERIFY(!QTest::currentTestFailed());

        SyncService service(f->context());
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, Mode::Sync, QList<Account>{account}, 10000);
        QVERIFY(outcomes.has_value());
        QVERIFY(!outcomes->first().apiError); // DO answered; the status is what it said
        const Account after = f->reload(account.id);
        QCOMPARE(after.healthStatus, health);
        QCOMPARE(after.doStatus, status);
        QCOMPARE(after.doStatusMessage, fake.statusMessage);
        QCOMPARE(after.activeDroplets, 2);
        QCOMPARE(after.consecutiveFailures, 0);
        if (lastErrorHas.isEmpty())
            QCOMPARE(after.lastError, QString());
        else
            QVERIFY2(after.lastError.contains(lastErrorHas), qPrintable(after.lastError));
    }

    // The healthy accounts' outcomes arrive before the slow one's, and that before the hung
    // one's: proven by the order of the signals, not by the wall clock.
    void slowAccountsDoNotHoldUpOthers()
    {
        f->server->setLatencyMs(fakeToken(3), 300);
        f->server->injectFault(fakeToken(4), Fault{FaultKind::Hang, Endpoint::Any, -1, 1});
        QList<Account> accounts;
        // Given slowest first, so the finishing order cannot be the starting order.
        accounts << f->addAccount(QStringLiteral("hung"), fakeToken(4));
        accounts << f->addAccount(QStringLiteral("slow"), fakeToken(3));
        accounts << f->addAccount(QStringLiteral("fast1"), fakeToken(1));
        accounts << f->addAccount(QStringLiteral("fast2"), fakeToken(2));
        QVERIFY(!QTest::currentTestFailed());

        SyncService service(f->context());
        QStringList finishedOrder;
        connect(&service, &SyncService::accountFinished, this,
                [&finishedOrder](const SyncOutcome &o) { finishedOrder << o.account.name; });
        QSignalSpy progress(&service, &SyncService::progress);
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, Mode::Sync, accounts, 20000);
        QVERIFY(outcomes.has_value());

        QCOMPARE(finishedOrder.size(), 4);
        QCOMPARE(QSet<QString>(finishedOrder.cbegin(), finishedOrder.cbegin() + 2),
                 (QSet<QString>{QStringLiteral("fast1"), QStringLiteral("fast2")}));
        QCOMPARE(finishedOrder.at(2), QStringLiteral("slow"));
        QCOMPARE(finishedOrder.at(3), QStringLiteral("hung"));
        QCOMPARE(progress.size(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(progress.at(i), (QVariantList{i + 1, 4}));

        // done lists the outcomes in the order given.
        QStringList names;
        for (const SyncOutcome &o : *outcomes)
            names << o.account.name;
        QCOMPARE(names, (QStringList{QStringLiteral("hung"), QStringLiteral("slow"),
                                     QStringLiteral("fast1"), QStringLiteral("fast2")}));
        QCOMPARE(outcomes->at(0).apiError->kind, api::ApiErrorKind::Timeout);
        for (int i = 1; i < 4; ++i)
            QVERIFY(outcomes->at(i).ok());
        // Exactly two requests per healthy account; the hung one retried each once.
        for (int i = 1; i <= 3; ++i) {
            const QString uuid = f->server->accountId(fakeToken(i));
            QCOMPARE(requestsTo(uuid, QStringLiteral("/v2/account")), 1);
            QCOMPARE(requestsTo(uuid, QStringLiteral("/v2/droplets")), 1);
        }
        const QString hung = f->server->accountId(fakeToken(4));
        QCOMPARE(requestsTo(hung, QStringLiteral("/v2/account")), 2);
        QCOMPARE(requestsTo(hung, QStringLiteral("/v2/droplets")), 2);
    }

    void concurrencyIsBounded_data()
    {
        QTest::addColumn<int>("bound");
        QTest::newRow("one at a time") << 1;
        QTest::newRow("two at a time") << 2;
        QTest::newRow("bound above the account count") << 64;
        QTest::newRow("derived from the work: every account at once") << 0;
    }
    void concurrencyIsBounded()
    {
        QFETCH(int, bound);
        constexpr int Accounts = 5;
        f->settings.syncConcurrency = bound;
        f->server->setLatencyMs(100);
        QList<Account> accounts;
        for (int i = 1; i <= Accounts; ++i)
            accounts << f->addAccount(QStringLiteral("acct%1").arg(i), fakeToken(i));
        QVERIFY(!QTest::currentTestFailed());

        SyncService service(f->context());
        // In flight: accounts DO has heard from and whose outcome is not out yet.
        QSet<QString> started;
        int done = 0;
        int maxInFlight = 0;
        connect(f->server.get(), &fakedo::FakeDoServer::requestReceived, this,
                [&](const fakedo::RequestRecord &r) {
                    started.insert(r.account);
                    maxInFlight = std::max(maxInFlight, int(started.size()) - done);
                });
        QStringList finishedOrder;
        connect(&service, &SyncService::accountFinished, this, [&](const SyncOutcome &o) {
            ++done;
            finishedOrder << o.account.name;
        });
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, Mode::Sync, accounts, 20000);
        QVERIFY(outcomes.has_value());
        QCOMPARE(done, Accounts);
        QCOMPARE(maxInFlight, bound > 0 ? std::min(bound, Accounts) : Accounts);
        QCOMPARE(service.syncBound(Accounts), bound > 0 ? bound : Accounts);
        if (bound == 1) {
            QCOMPARE(finishedOrder, (QStringList{QStringLiteral("acct1"), QStringLiteral("acct2"),
                                                 QStringLiteral("acct3"), QStringLiteral("acct4"),
                                                 QStringLiteral("acct5")}));
        }
        QCOMPARE(f->server->requestCount(), 2 * Accounts);
    }

    // The derived bound: the whole run at once as far as the client's connections carry two
    // requests per account, at most kDerivedSyncBound.
    void derivedBound()
    {
        SyncService service(f->context());
        const int carried = f->api->connectionCapacity() / 2;
        QCOMPARE(carried, 4 * 6 / 2); // fastClientOptions: 4 managers, 6 connections each
        QCOMPARE(service.syncBound(0), 1);
        QCOMPARE(service.syncBound(5), 5);
        QCOMPARE(service.syncBound(200), carried);
        api::ClientOptions wide = fastClientOptions();
        wide.networkManagers = 400;
        api::DoApiClient wideClient(f->server->baseUrl(), wide);
        EngineContext context = f->context();
        context.api = &wideClient;
        SyncService wideService(context);
        QCOMPARE(wideService.syncBound(200), 200);
        QCOMPARE(wideService.syncBound(100000), SyncService::kDerivedSyncBound);
        f->settings.syncConcurrency = 7;
        SyncService configured(f->context());
        QCOMPARE(configured.syncBound(200), 7);
    }

    // Mode::Confirm (selection): a HEALTHY account, whose limit was read before, is confirmed
    // by its droplet count alone and keeps its health and sync times; an UNKNOWN one gets a
    // full sync; a failing count is judged like any failure.
    void confirmAsksOnlyWhatIsUnknown()
    {
        Account healthy;
        healthy.name = QStringLiteral("known");
        healthy.dropletLimit = 10;
        healthy.activeDroplets = 1;
        healthy.healthStatus = AccountHealth::Healthy;
        FakeAccount fake;
        fake.dropletLimit = 10;
        fake.droplets = 6;
        fake.uuid = QStringLiteral("aa00000000000000000000000000000000000001");
        const Account known = f->addAccount(healthy, fakeToken(1), fake);
        Account unknownTemplate;
        unknownTemplate.name = QStringLiteral("unknown");
        fake.uuid = QStringLiteral("aa00000000000000000000000000000000000002");
        const Account unknown = f->addAccount(unknownTemplate, fakeToken(2), fake);
        healthy.name = QStringLiteral("revoked");
        fake.uuid = QStringLiteral("aa00000000000000000000000000000000000003");
        const Account revoked = f->addAccount(healthy, fakeToken(3), fake);
        f->server->injectFault(fakeToken(3), Fault{FaultKind::Unauthorized});
        QVERIFY(!QTest::currentTestFailed());
        f->clock.advance(5000);

        SyncService service(f->context());
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, Mode::Confirm, (QList<Account>{known, unknown, revoked}), 10000);
        QVERIFY(outcomes.has_value());
        QCOMPARE(outcomes->size(), 3);
        QVERIFY(outcomes->at(0).ok());
        QVERIFY(outcomes->at(1).ok());
        QVERIFY(outcomes->at(2).apiError);

        const QString knownUuid = QStringLiteral("aa00000000000000000000000000000000000001");
        QCOMPARE(requestsTo(knownUuid, QStringLiteral("/v2/account")), 0);
        QCOMPARE(requestsTo(knownUuid, QStringLiteral("/v2/droplets")), 1);
        const Account knownAfter = f->reload(known.id);
        QCOMPARE(outcomes->at(0).account.activeDroplets, 6);
        QCOMPARE(knownAfter.activeDroplets, 6);
        QCOMPARE(knownAfter.healthStatus, AccountHealth::Healthy);
        QCOMPARE(knownAfter.lastSyncAt, QDateTime());      // not a full sync
        QCOMPARE(knownAfter.lastHealthCheck, QDateTime()); // nor a health check

        const QString unknownUuid = QStringLiteral("aa00000000000000000000000000000000000002");
        QCOMPARE(requestsTo(unknownUuid, QStringLiteral("/v2/account")), 1);
        QCOMPARE(requestsTo(unknownUuid, QStringLiteral("/v2/droplets")), 1);
        const Account unknownAfter = f->reload(unknown.id);
        QCOMPARE(unknownAfter.healthStatus, AccountHealth::Healthy);
        QCOMPARE(unknownAfter.activeDroplets, 6);
        QCOMPARE(unknownAfter.lastSyncAt, f->clock.now());

        const Account revokedAfter = f->reload(revoked.id);
        QCOMPARE(revokedAfter.healthStatus, AccountHealth::Unhealthy);
        QCOMPARE(revokedAfter.lastHealthCheck, f->clock.now());
        QCOMPARE(f->server->requestCount(), 4);
    }

    void undecryptableTokenSendsNothing()
    {
        Account broken;
        broken.name = QStringLiteral("broken");
        broken.email = QStringLiteral("broken@example.com");
        // Well-formed, but sealed with another key.
        broken.encryptedToken = TokenCipher(EncryptionKey::fromBytes(QByteArray(32, '\x11')))
                                    .encrypt(fakeToken(9))
                                    .value();
        const auto inserted = f->accounts->insertAccount(broken);
        DOPOOL_VERIFY_OK(inserted);
        const Account good = f->addAccount(QStringLiteral("good"), fakeToken(1));
        QVERIFY(!QTest::currentTestFailed());

        SyncService service(f->context());
        const std::optional<QList<SyncOutcome>> outcomes =
            runAndWait(service, Mode::Sync, (QList<Account>{*inserted, good}), 10000);
        QVERIFY(outcomes.has_value());
        const SyncOutcome &failed = outcomes->at(0);
        QVERIFY(!failed.ok());
        QVERIFY(!failed.apiError);
        QVERIFY(failed.storeError);
        QCOMPARE(failed.storeError->kind, ErrorKind::Crypto);
        QVERIFY2(failed.storeError->message.contains(QLatin1String("'broken'")),
                 qPrintable(failed.storeError->message));
        QVERIFY(outcomes->at(1).ok());
        QCOMPARE(f->server->requestCount(RequestFilter{{}, {}, QStringLiteral("unknown")}), 0);
        QCOMPARE(f->server->requestCount(), 2);
        const Account after = f->reload(inserted->id);
        QCOMPARE(after.healthStatus, AccountHealth::Unknown);
        QVERIFY(!after.lastHealthCheck.isValid());
    }

    void runAllCoversEveryAccount()
    {
        Account inactive;
        inactive.name = QStringLiteral("inactive");
        inactive.isActive = false;
        f->addAccount(inactive, fakeToken(3), FakeAccount{});
        f->addAccount(QStringLiteral("a"), fakeToken(1));
        f->addAccount(QStringLiteral("b"), fakeToken(2));
        QVERIFY(!QTest::currentTestFailed());

        SyncService service(f->context());
        std::optional<Result<QList<SyncOutcome>>> result;
        service.runAll(Mode::HealthCheck,
                       [&result](Result<QList<SyncOutcome>> r) { result.emplace(std::move(r)); });
        QVERIFY(!result);
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        DOPOOL_VERIFY_OK(*result);
        QCOMPARE((*result)->size(), 3);
        for (const SyncOutcome &o : **result) {
            QVERIFY(o.ok());
            QCOMPARE(f->reload(o.account.id).healthStatus, AccountHealth::Healthy);
        }
        QCOMPARE(f->server->requestCount(), 3);
    }

    void doneIsNeverSynchronous()
    {
        SyncService service(f->context());
        QSignalSpy progress(&service, &SyncService::progress);
        bool called = false;
        service.run(Mode::Sync, {}, [&called](QList<SyncOutcome> outcomes) {
            called = true;
            QVERIFY(outcomes.isEmpty());
        });
        QVERIFY(!called);
        QTRY_VERIFY(called);
        QCOMPARE(progress.size(), 0);
    }

    // Every line logged while syncs succeed and fail, debug included: never the token.
    void tokenNeverLogged()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("dopool.*.debug=true"));
        g_logLines.clear();
        g_previousHandler = qInstallMessageHandler(captureMessages);
        const Account good = f->addAccount(QStringLiteral("good"), fakeToken(1));
        const Account bad = f->addAccount(QStringLiteral("bad"), fakeToken(2));
        f->server->injectFault(fakeToken(2), Fault{FaultKind::Unauthorized, Endpoint::Any, -1, 1});
        SyncService service(f->context());
        std::optional<QList<SyncOutcome>> outcomes;
        service.run(Mode::Sync, {good, bad},
                    [&outcomes](QList<SyncOutcome> r) { outcomes = std::move(r); });
        const bool finished = QTest::qWaitFor([&outcomes] { return outcomes.has_value(); }, 10000);
        qInstallMessageHandler(g_previousHandler);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(finished);
        QVERIFY(!g_logLines.isEmpty());
        for (const QString &line : std::as_const(g_logLines)) {
            for (int n : {1, 2}) // the secret part, or any 16 characters of it
                for (qsizetype at = 7; at + 16 <= fakeToken(n).size(); at += 16)
                    QVERIFY2(!line.contains(fakeToken(n).mid(at, 16)), qPrintable(line));
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_syncservice.moc"
