// The AccountStore contract for what sync and health checks record: observations, their
// history, counts kept against reservations; and the schema step behind the engine's tables.
// Every test function runs on each backend (initTestCase_data).
#include "StoreFixture.h"

#include <QTest>
#include <algorithm>

namespace dopool::testing {

// What recordObservation should make of before (the test's own reading of the contract).
inline Account expectedAfter(Account a, const AccountObservation &o)
{
    if (o.dropletLimit)
        a.dropletLimit = *o.dropletLimit;
    if (o.activeDroplets)
        a.activeDroplets = *o.activeDroplets;
    if (o.email)
        a.email = *o.email;
    if (o.doUuid)
        a.doUuid = *o.doUuid;
    if (o.doStatus)
        a.doStatus = *o.doStatus;
    if (o.doStatusMessage)
        a.doStatusMessage = *o.doStatusMessage;
    if (o.health)
        a.healthStatus = *o.health;
    if (o.consecutiveFailures)
        a.consecutiveFailures = *o.consecutiveFailures;
    if (o.lastError)
        a.lastError = *o.lastError;
    else if (o.succeeded)
        a.lastError.clear();
    if (o.rateLimitLimit)
        a.rateLimitLimit = *o.rateLimitLimit;
    if (o.rateLimitRemaining)
        a.rateLimitRemaining = *o.rateLimitRemaining;
    if (o.rateLimitReset)
        a.rateLimitReset = *o.rateLimitReset;
    if (o.healthChecked)
        a.lastHealthCheck = o.at;
    if (o.succeeded)
        a.lastSyncAt = o.at;
    return a;
}

class TestStoreEngineContract : public StoreContractFixture
{
    Q_OBJECT

private slots:
    // --- observations ---

    void observationFields_data()
    {
        QTest::addColumn<AccountObservation>("observation");
        QTest::addColumn<int>("healthRows");
        QTest::addColumn<int>("capacityRows");
        const QDateTime at = utc(2026, 1, 3, 4, 5, 6, 789);
        AccountObservation o;
        o.at = at;
        QTest::newRow("nothing but the time") << o << 0 << 0;

        AccountObservation sync = o;
        sync.dropletLimit = 50;
        sync.activeDroplets = 7;
        sync.email = u"new@example.com"_s;
        sync.doUuid = u"5fc7cb5e-6d38-4c41-a0e6-000000000002"_s;
        sync.doStatus = u"active"_s;
        sync.doStatusMessage = QString(); // cleared
        sync.succeeded = true;
        QTest::newRow("full sync") << sync << 0 << 1;

        AccountObservation countOnly = o;
        countOnly.activeDroplets = 9;
        QTest::newRow("droplet count only") << countOnly << 0 << 0;

        AccountObservation limitOnly = o;
        limitOnly.dropletLimit = 11;
        QTest::newRow("limit only") << limitOnly << 0 << 0;

        AccountObservation failed = o;
        failed.health = AccountHealth::Unhealthy; // sample accounts are DEGRADED
        failed.healthReason = u"HTTP 401: token invalid"_s;
        failed.consecutiveFailures = 3;
        failed.lastError = u"HTTP 401: token invalid"_s;
        failed.healthChecked = true;
        QTest::newRow("health changes") << failed << 1 << 0;

        AccountObservation same = o;
        same.health = AccountHealth::Degraded;
        same.healthReason = u"still slow"_s;
        same.healthChecked = true;
        QTest::newRow("health unchanged") << same << 0 << 0;

        AccountObservation rate = o;
        rate.rateLimitLimit = 5000;
        rate.rateLimitRemaining = -1; // unknown again
        rate.rateLimitReset = utc(2026, 1, 3, 4, 6, 0, 0);
        QTest::newRow("rate limit") << rate << 0 << 0;

        AccountObservation cleared = o;
        cleared.lastError = QString();
        cleared.consecutiveFailures = 0;
        QTest::newRow("error cleared explicitly") << cleared << 0 << 0;

        AccountObservation partial = sync;
        partial.lastError = u"droplet list truncated"_s;
        QTest::newRow("sync with an explicit error") << partial << 0 << 1;
    }
    void observationFields()
    {
        QFETCH(AccountObservation, observation);
        QFETCH(int, healthRows);
        QFETCH(int, capacityRows);
        auto store = open();
        QVERIFY(store);
        const Account before = mustInsert(*store, sampleAccount(u"alpha"_s));
        const Account other = mustInsert(*store, sampleAccount(u"other"_s));
        QVERIFY(!QTest::currentTestFailed());
        clock.advance(3'600'000);

        const auto recorded = store->recordObservation(before.id, observation);
        DOPOOL_VERIFY_OK(recorded);
        const Account expected = expectedAfter(before, observation);
        const auto found = store->findAccount(before.id);
        DOPOOL_VERIFY_OK(found);
        for (const Account &actual : {*recorded, *found}) {
            compareContent(actual, expected);
            QCOMPARE(actual.id, before.id);
            QCOMPARE(actual.version, before.version); // sync does not bump it
            QCOMPARE(actual.createdAt, before.createdAt);
            QCOMPARE(actual.updatedAt, observation.at);
        }
        const auto history = store->healthHistory(before.id, 0);
        DOPOOL_VERIFY_OK(history);
        QCOMPARE(history->size(), healthRows);
        if (healthRows == 1) {
            QCOMPARE(history->first().accountId, before.id);
            QCOMPARE(history->first().at, observation.at);
            QCOMPARE(history->first().from, before.healthStatus);
            QCOMPARE(history->first().to, *observation.health);
            QCOMPARE(history->first().reason, observation.healthReason);
        }
        const auto capacity = store->capacityHistory(before.id, QDateTime());
        DOPOOL_VERIFY_OK(capacity);
        QCOMPARE(capacity->size(), capacityRows);
        if (capacityRows == 1) {
            QCOMPARE(capacity->first().at, observation.at);
            QCOMPARE(capacity->first().dropletLimit, *observation.dropletLimit);
            QCOMPARE(capacity->first().activeDroplets, *observation.activeDroplets);
        }
        // Cleared text is NULL, as AccountRow writes it.
        if (expected.lastError.isEmpty())
            QCOMPARE(
                count(u"SELECT COUNT(*) FROM do_accounts WHERE id = ? AND last_error IS NULL"_s,
                      {before.id}),
                1);
        // The other account is untouched.
        const auto untouched = store->findAccount(other.id);
        DOPOOL_VERIFY_OK(untouched);
        compareContent(*untouched, other);
        QCOMPARE(untouched->updatedAt, other.updatedAt);
    }

    void observationHistory()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s)); // DEGRADED
        const Account beta = mustInsert(*store, sampleAccount(u"beta"_s));
        QVERIFY(!QTest::currentTestFailed());
        const QDateTime t1 = utc(2026, 1, 2, 0, 0, 0), t2 = t1.addSecs(60), t3 = t2.addSecs(60);

        AccountObservation o1;
        o1.at = t1;
        o1.health = AccountHealth::Healthy;
        o1.healthReason = u"recovered"_s;
        o1.dropletLimit = 10;
        o1.activeDroplets = 3;
        AccountObservation o2 = o1;
        o2.at = t2;
        o2.healthReason = u"still fine"_s;
        o2.activeDroplets = 4;
        AccountObservation o3;
        o3.at = t3;
        o3.health = AccountHealth::Unhealthy;
        o3.healthReason = u"HTTP 401"_s;
        o3.activeDroplets = 5; // no limit: no capacity sample
        for (const AccountObservation &o : {o1, o2, o3})
            DOPOOL_VERIFY_OK(store->recordObservation(alpha.id, o));

        auto health = store->healthHistory(alpha.id, 10);
        DOPOOL_VERIFY_OK(health);
        QCOMPARE(health->size(), 2); // newest first
        QCOMPARE(health->at(0).at, t3);
        QCOMPARE(health->at(0).from, AccountHealth::Healthy);
        QCOMPARE(health->at(0).to, AccountHealth::Unhealthy);
        QCOMPARE(health->at(0).reason, u"HTTP 401"_s);
        QCOMPARE(health->at(1).at, t1);
        QCOMPARE(health->at(1).from, AccountHealth::Degraded);
        QCOMPARE(health->at(1).to, AccountHealth::Healthy);
        QCOMPARE(health->at(1).reason, u"recovered"_s);
        QVERIFY(health->at(0).id != health->at(1).id);
        health = store->healthHistory(alpha.id, 1);
        DOPOOL_VERIFY_OK(health);
        QCOMPARE(health->size(), 1);
        QCOMPARE(health->first().at, t3);

        auto capacity = store->capacityHistory(alpha.id, QDateTime());
        DOPOOL_VERIFY_OK(capacity);
        QCOMPARE(capacity->size(), 2); // oldest first
        QCOMPARE(capacity->at(0).at, t1);
        QCOMPARE(capacity->at(0).activeDroplets, 3);
        QCOMPARE(capacity->at(1).at, t2);
        QCOMPARE(capacity->at(1).activeDroplets, 4);
        QCOMPARE(capacity->at(1).dropletLimit, 10);
        QCOMPARE(capacity->at(1).accountId, alpha.id);
        capacity = store->capacityHistory(alpha.id, t2);
        DOPOOL_VERIFY_OK(capacity);
        QCOMPARE(capacity->size(), 1);
        QCOMPARE(capacity->first().at, t2);
        capacity = store->capacityHistory(alpha.id, t2.addMSecs(1));
        DOPOOL_VERIFY_OK(capacity);
        QVERIFY(capacity->isEmpty());

        // Another account's history is its own; an unknown account has none to show.
        health = store->healthHistory(beta.id, 10);
        DOPOOL_VERIFY_OK(health);
        QVERIFY(health->isEmpty());
        for (const QString &missing : {u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, u"nope"_s}) {
            const auto none = store->healthHistory(missing, 10);
            QVERIFY(!none);
            QCOMPARE(none.error().kind, ErrorKind::NotFound);
            const auto noCapacity = store->capacityHistory(missing, QDateTime());
            QVERIFY(!noCapacity);
            QCOMPARE(noCapacity.error().kind, ErrorKind::NotFound);
        }
        QCOMPARE(count(u"SELECT version FROM do_accounts WHERE id = ?"_s, {alpha.id}), 1);

        // History goes with its account.
        DOPOOL_VERIFY_OK(store->deleteAccount(alpha.id));
        QCOMPARE(count(u"SELECT COUNT(*) FROM account_health_history"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM account_capacity_history"_s), 0);
    }

    // recordObservations: one transaction for the batch; an account deleted meanwhile fails
    // alone, the others are recorded all the same.
    void observationBatch()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, capacityAccount(u"alpha"_s, 25, 1));
        const Account beta = mustInsert(*store, capacityAccount(u"beta"_s, 25, 2));
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(store->recordObservations({}).isEmpty());
        AccountObservation o;
        o.at = clock.now().addSecs(5);
        o.dropletLimit = 30;
        o.activeDroplets = 7;
        o.health = AccountHealth::Healthy;
        const QString ghost = u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s;
        for (const bool withGhost : {false, true}) {
            QList<std::pair<QString, AccountObservation>> batch{{alpha.id, o}, {beta.id, o}};
            if (withGhost)
                batch.insert(1, {ghost, o});
            const QList<Result<Account>> results = store->recordObservations(batch);
            QCOMPARE(results.size(), batch.size());
            QCOMPARE(results.first().ok(), true);
            QCOMPARE(results.last().ok(), true);
            QCOMPARE(results.first()->activeDroplets, *o.activeDroplets);
            QCOMPARE(results.last()->dropletLimit, 30);
            if (withGhost) {
                QVERIFY(!results.at(1));
                QCOMPARE(results.at(1).error().kind, ErrorKind::NotFound);
            }
            QCOMPARE(activeDroplets(alpha.id), *o.activeDroplets);
            QCOMPARE(activeDroplets(beta.id), *o.activeDroplets);
            o.activeDroplets = 9;
            o.at = o.at.addSecs(5);
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM account_capacity_history"_s), 4);
    }

    // openReservationCounts: unexpired, unconfirmed reservations per account, in one query.
    void reservationCounts()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, capacityAccount(u"alpha"_s, 25, 1));
        const Account beta = mustInsert(*store, capacityAccount(u"beta"_s, 25, 1));
        mustInsert(*store, capacityAccount(u"gamma"_s, 25, 1));
        QVERIFY(!QTest::currentTestFailed());
        mustReserve(*store, alpha.id);
        mustReserve(*store, alpha.id);
        mustReserve(*store, beta.id, 1000);
        const auto confirmed = mustReserve(*store, beta.id);
        QVERIFY(confirmed);
        DOPOOL_VERIFY_OK(store->finishReservation(confirmed->id, true));
        auto counts = store->openReservationCounts();
        DOPOOL_VERIFY_OK(counts);
        QCOMPARE(*counts, (QHash<QString, int>{{alpha.id, 2}, {beta.id, 1}}));
        clock.advance(2000); // beta's one expired
        counts = store->openReservationCounts();
        DOPOOL_VERIFY_OK(counts);
        QCOMPARE(*counts, (QHash<QString, int>{{alpha.id, 2}}));
    }

    // Known defect 7: an admin's copy read before a sync must not overwrite the sync's fresh
    // numbers - and the sync must not turn the admin's edit into a conflict. Another admin's
    // edit in between still is one.
    void adminEditKeepsNewerSync()
    {
        auto store = open();
        QVERIFY(store);
        const Account read = mustInsert(*store, capacityAccount(u"alpha"_s, 25, 3));
        QVERIFY(!QTest::currentTestFailed());
        clock.advance(1000);
        AccountObservation sync;
        sync.at = clock.now();
        sync.dropletLimit = 25;
        sync.activeDroplets = 11;
        sync.health = AccountHealth::Healthy;
        sync.healthChecked = true;
        sync.succeeded = true;
        const auto synced = store->recordObservation(read.id, sync);
        DOPOOL_VERIFY_OK(synced);
        QCOMPARE(synced->version, read.version); // the sync is no admin edit

        clock.advance(1000);
        Account edited = read; // the admin's copy, from before the sync
        edited.name = u"alpha renamed"_s;
        edited.isActive = false;
        const auto saved = store->updateAccount(edited, read.version);
        DOPOOL_VERIFY_OK(saved);
        QCOMPARE(saved->name, u"alpha renamed"_s);
        QCOMPARE(saved->isActive, false);
        QCOMPARE(saved->activeDroplets, 11);
        QCOMPARE(saved->healthStatus, AccountHealth::Healthy);
        QCOMPARE(saved->lastSyncAt, sync.at);
        QCOMPARE(saved->lastHealthCheck, sync.at);
        QCOMPARE(saved->version, read.version + 1);

        // A second admin who also read the old row: refused, nothing written.
        Account other = read;
        other.name = u"alpha by another admin"_s;
        const auto conflict = store->updateAccount(other, read.version);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().kind, ErrorKind::Conflict);
        const auto found = store->findAccount(read.id);
        DOPOOL_VERIFY_OK(found);
        QCOMPARE(found->name, u"alpha renamed"_s);
        QCOMPARE(found->activeDroplets, 11);

        // A copy read after the sync still writes what the caller set.
        Account fresh = *found;
        fresh.activeDroplets = 4;
        const auto forced = store->updateAccount(fresh, fresh.version);
        DOPOOL_VERIFY_OK(forced);
        QCOMPARE(forced->activeDroplets, 4);
    }

    void observationUnknownAccount_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("unknown uuid") << u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s;
        QTest::newRow("not a uuid") << u"alpha"_s;
    }
    void observationUnknownAccount()
    {
        QFETCH(QString, id);
        auto store = open();
        QVERIFY(store);
        mustInsert(*store, sampleAccount(u"alpha"_s));
        AccountObservation o;
        o.at = clock.now();
        o.health = AccountHealth::Unhealthy;
        o.dropletLimit = 1;
        o.activeDroplets = 1;
        const auto recorded = store->recordObservation(id, o);
        QVERIFY(!recorded);
        QCOMPARE(recorded.error().kind, ErrorKind::NotFound);
        QVERIFY2(recorded.error().message.contains(id), qPrintable(recorded.error().message));
        QCOMPARE(count(u"SELECT COUNT(*) FROM account_health_history"_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM account_capacity_history"_s), 0);
    }

    // --- the schema step behind observations, reservations and alerts ---

    void engineMigration()
    {
        const auto step = std::find_if(
            schemaMigrations().cbegin(), schemaMigrations().cend(), [](const Migration &m) {
                return m.sqlite.join(u' ').contains(u"CREATE TABLE alerts"_s);
            });
        QVERIFY(step != schemaMigrations().cend());
        QCOMPARE(step->version, 3); // later versions build on it (4: coordination)

        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        DOPOOL_VERIFY_OK(store->raiseAlert(sampleAlert(AlertKind::AccountFull, alpha.id, u"m"_s)));
        QVERIFY(mustReserve(*store, alpha.id));
        store.reset();
        for (int round = 0; round < 2; ++round) {
            store = open(); // the schema is current: nothing runs again
            QVERIFY(store);
            QCOMPARE(count(u"SELECT COUNT(*) FROM dopool_schema_migrations WHERE version = ?"_s,
                           {step->version}),
                     1);
            QCOMPARE(count(u"SELECT COUNT(*) FROM dopool_schema_migrations"_s),
                     int(schemaMigrations().size()));
            for (const QString &table :
                 {u"account_health_history"_s, u"account_capacity_history"_s})
                QCOMPARE(count(u"SELECT COUNT(*) FROM %1"_s.arg(table)), 0);
            QCOMPARE(openCount(*store, alpha.id), 1);
            const auto alerts = store->listAlerts(false, 0);
            DOPOOL_VERIFY_OK(alerts);
            QCOMPARE(alerts->size(), 1);
            store.reset();
        }
    }
};

} // namespace dopool::testing

QTEST_GUILESS_MAIN(dopool::testing::TestStoreEngineContract)
#include "tst_storeenginecontract.moc"
