// The AccountStore contract for slot reservations: the limit, expiry, finishing, and many
// connections reserving at once. Every test function runs on each backend (initTestCase_data).
#include "StoreFixture.h"

#include <QTest>
#include <latch>
#include <thread>
#include <vector>

namespace dopool::testing {

class TestStoreReservationContract : public StoreContractFixture
{
    Q_OBJECT

private slots:
    void reserveRespectsLimit()
    {
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 3, 1));
        const Account other = mustInsert(*store, capacityAccount(u"other"_s, 3, 1));
        QVERIFY(!QTest::currentTestFailed());
        const QString taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);

        const auto first = mustReserve(*store, a.id, 60'000, taskId.toUpper());
        const auto second = mustReserve(*store, a.id);
        const auto third = mustReserve(*store, a.id);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(first && second);
        QVERIFY(!third); // 1 active + 2 reserved = 3
        QVERIFY(first->id != second->id);
        QVERIFY(!QUuid::fromString(first->id).isNull());
        QCOMPARE(first->accountId, a.id);
        QCOMPARE(first->taskId, taskId);
        QCOMPARE(first->createdAt, clock.now());
        QCOMPARE(first->expiresAt, clock.now().addSecs(60));
        QVERIFY(second->taskId.isEmpty());
        QCOMPARE(count(u"SELECT COUNT(*) FROM droplet_reservations WHERE task_id IS NULL"_s), 1);
        QCOMPARE(openCount(*store, a.id), 2);
        QCOMPARE(reservationRows(a.id), 2);
        QCOMPARE(activeDroplets(a.id), 1); // a reservation is not a droplet yet
        QCOMPARE(openCount(*store, other.id), 0);
        QVERIFY(mustReserve(*store, other.id)); // accounts do not share slots

        // Reservations go with their account.
        DOPOOL_VERIFY_OK(store->deleteAccount(a.id));
        QCOMPARE(reservationRows(a.id), 0);
    }

    void reservationsExpire()
    {
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 2, 0));
        const Account other = mustInsert(*store, capacityAccount(u"other"_s, 2, 0));
        QVERIFY(!QTest::currentTestFailed());
        const auto early = mustReserve(*store, a.id, 60'000);
        const auto late = mustReserve(*store, a.id, 120'000);
        QVERIFY(mustReserve(*store, other.id, 30'000));
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(early && late);
        QVERIFY(!mustReserve(*store, a.id));

        clock.advance(59'999);
        QCOMPARE(openCount(*store, a.id), 2);
        QVERIFY(!mustReserve(*store, a.id));
        clock.advance(1); // early expires now
        QCOMPARE(openCount(*store, a.id), 1);
        const auto again = mustReserve(*store, a.id);
        QVERIFY(again);
        QCOMPARE(reservationRows(a.id), 2); // early was purged
        QCOMPARE(count(u"SELECT COUNT(*) FROM droplet_reservations WHERE id = ?"_s, {early->id}),
                 0);
        // Only the reserved account's expired rows are purged; the others still do not count.
        QCOMPARE(reservationRows(other.id), 1);
        QCOMPARE(openCount(*store, other.id), 0);
    }

    void reserveRefused()
    {
        auto store = open();
        QVERIFY(store);
        const Account inactive = mustInsert(*store, capacityAccount(u"inactive"_s, 10, 0, false));
        const Account full = mustInsert(*store, capacityAccount(u"full"_s, 5, 5));
        const Account over = mustInsert(*store, capacityAccount(u"over"_s, 5, 7));
        QVERIFY(!QTest::currentTestFailed());
        for (const Account &a : {inactive, full, over}) {
            const auto reserved = store->reserveSlot(a.id, QString(), clock.now().addSecs(60));
            DOPOOL_VERIFY_OK(reserved);
            QVERIFY2(!reserved->has_value(), qPrintable(a.name));
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM droplet_reservations"_s), 0);

        const Account ok = mustInsert(*store, capacityAccount(u"ok"_s, 5, 0));
        QVERIFY(!QTest::currentTestFailed());
        for (const QString &missing : {u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, u"nope"_s}) {
            const auto reserved = store->reserveSlot(missing, QString(), clock.now().addSecs(60));
            QVERIFY(!reserved);
            QCOMPARE(reserved.error().kind, ErrorKind::NotFound);
        }
        const auto past = store->reserveSlot(ok.id, QString(), clock.now());
        QVERIFY(!past);
        QCOMPARE(past.error().kind, ErrorKind::Validation);
        const auto badTask = store->reserveSlot(ok.id, u"task-1"_s, clock.now().addSecs(60));
        QVERIFY(!badTask);
        QCOMPARE(badTask.error().kind, ErrorKind::Validation);
        QCOMPARE(count(u"SELECT COUNT(*) FROM droplet_reservations WHERE confirmed_at IS NULL"_s),
                 0);
    }

    // DO's count and our own creates meet without double counting or going back in time.
    void countReconciliation()
    {
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 5, 1));
        QVERIFY(!QTest::currentTestFailed());
        const auto reservation = mustReserve(*store, a.id);
        QVERIFY(reservation);
        const QDateTime beforeCreate = clock.now();
        clock.advance(1000);
        DOPOOL_VERIFY_OK(store->finishReservation(reservation->id, true));
        QCOMPARE(activeDroplets(a.id), 2);
        const QDateTime confirmed = clock.now();

        // A count requested before our create was confirmed may not include it: it is added.
        AccountObservation early;
        early.at = beforeCreate;
        early.activeDroplets = 1;
        DOPOOL_VERIFY_OK(store->recordObservation(a.id, early));
        QCOMPARE(activeDroplets(a.id), 2);

        // A count requested after the confirmation includes it: taken as it is.
        clock.advance(1000);
        AccountObservation late;
        late.at = clock.now();
        late.activeDroplets = 2;
        DOPOOL_VERIFY_OK(store->recordObservation(a.id, late));
        QCOMPARE(activeDroplets(a.id), 2);
        QCOMPARE(count(u"SELECT COUNT(*) FROM droplet_reservations WHERE account_id = ?"_s, {a.id}),
                 0);

        // An answer that overtook a newer one is stale and changes nothing.
        AccountObservation stale;
        stale.at = confirmed;
        stale.activeDroplets = 0;
        DOPOOL_VERIFY_OK(store->recordObservation(a.id, stale));
        QCOMPARE(activeDroplets(a.id), 2);
    }

    void finishReservation_data()
    {
        QTest::addColumn<bool>("created");
        QTest::newRow("droplet created") << true;
        QTest::newRow("droplet not created") << false;
    }
    void finishReservation()
    {
        QFETCH(bool, created);
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 3, 1));
        QVERIFY(!QTest::currentTestFailed());
        const auto reservation = mustReserve(*store, a.id);
        QVERIFY(reservation);
        clock.advance(5000);

        DOPOOL_VERIFY_OK(store->finishReservation(reservation->id, created));
        QCOMPARE(openCount(*store, a.id), 0);
        QCOMPARE(reservationRows(a.id), 0);
        const auto after = store->findAccount(a.id);
        DOPOOL_VERIFY_OK(after);
        QCOMPARE(after->activeDroplets, created ? 2 : 1);
        QCOMPARE(after->version, 1);
        QCOMPARE(after->updatedAt, created ? clock.now() : a.updatedAt);
        // The freed slot (or the droplet now in it) is what the next reservers see.
        QVERIFY(mustReserve(*store, a.id));
        QCOMPARE(mustReserve(*store, a.id).has_value(), !created);
        QVERIFY(!mustReserve(*store, a.id));

        const auto again = store->finishReservation(reservation->id, created);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::NotFound);
        QCOMPARE(activeDroplets(a.id), created ? 2 : 1);
    }

    // A reservation that expired and was purged cannot be finished: NotFound, nothing counted
    // (the caller records the droplet with its next observation instead).
    void finishPurgedReservation()
    {
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 1, 0));
        QVERIFY(!QTest::currentTestFailed());
        const auto stale = mustReserve(*store, a.id, 60'000);
        clock.advance(60'000);
        const auto fresh = mustReserve(*store, a.id, 60'000); // purges stale
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(stale && fresh);
        const auto finished = store->finishReservation(stale->id, true);
        QVERIFY(!finished);
        QCOMPARE(finished.error().kind, ErrorKind::NotFound);
        QVERIFY2(finished.error().message.contains(stale->id),
                 qPrintable(finished.error().message));
        QCOMPARE(activeDroplets(a.id), 0);
        DOPOOL_VERIFY_OK(store->finishReservation(fresh->id, true));
        QCOMPARE(activeDroplets(a.id), 1);
        const auto bogus = store->finishReservation(u"nope"_s, true);
        QVERIFY(!bogus);
        QCOMPARE(bogus.error().kind, ErrorKind::NotFound);
    }

    void twoStoresShareReservations()
    {
        auto first = open();
        auto second = open();
        QVERIFY(first && second);
        const Account a = mustInsert(*first, capacityAccount(u"alpha"_s, 4, 1));
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(mustReserve(*first, a.id));
        QVERIFY(mustReserve(*second, a.id));
        const auto third = mustReserve(*first, a.id);
        QVERIFY(third);
        QVERIFY(!mustReserve(*second, a.id));
        QCOMPARE(openCount(*second, a.id), 3);
        DOPOOL_VERIFY_OK(second->finishReservation(third->id, false));
        QVERIFY(mustReserve(*first, a.id));
        QVERIFY(!mustReserve(*second, a.id));
    }

    // Many stores (connections, as in separate processes) reserve on one account at once:
    // exactly its free slots are handed out.
    void concurrentReservers()
    {
        constexpr int kThreads = 8;
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 6, 1)); // 5 free
        QVERIFY(!QTest::currentTestFailed());
        const StoreOptions opts = options();
        const QDateTime expires = clock.now().addSecs(60);
        std::latch start(kThreads);
        QStringList errors[kThreads];
        bool reserved[kThreads] = {};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                OpenResult opened = openStore(opts); // QtSql connections are per thread
                start.arrive_and_wait();
                if (!opened.store) {
                    errors[i] << opened.failure.error.message;
                    return;
                }
                const auto r = opened.store->reserveSlot(a.id, QString(), expires);
                if (!r)
                    errors[i] << r.error().message;
                else
                    reserved[i] = r->has_value();
            });
        }
        for (std::thread &t : threads)
            t.join();
        int granted = 0;
        for (int i = 0; i < kThreads; ++i) {
            QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i].join(u"; "_s)));
            granted += reserved[i] ? 1 : 0;
        }
        QCOMPARE(granted, 5);
        QCOMPARE(reservationRows(a.id), 5);
        QCOMPARE(openCount(*store, a.id), 5);
    }

    // Reserving and finishing from several connections at once neither deadlocks nor loses a
    // count.
    void reserveAndFinishRace()
    {
        constexpr int kThreads = 4;
        constexpr int kRounds = 10;
        auto store = open();
        QVERIFY(store);
        const Account a = mustInsert(*store, capacityAccount(u"alpha"_s, 1000, 0));
        QVERIFY(!QTest::currentTestFailed());
        const StoreOptions opts = options();
        const QDateTime expires = clock.now().addSecs(60);
        std::latch start(kThreads);
        QStringList errors[kThreads];
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                OpenResult opened = openStore(opts);
                start.arrive_and_wait();
                if (!opened.store) {
                    errors[i] << opened.failure.error.message;
                    return;
                }
                for (int round = 0; round < kRounds; ++round) {
                    const auto r = opened.store->reserveSlot(a.id, QString(), expires);
                    if (!r || !r->has_value()) {
                        errors[i] << (r ? u"no slot"_s : r.error().message);
                        continue;
                    }
                    const auto f = opened.store->finishReservation((*r)->id, round % 2 == 0);
                    if (!f)
                        errors[i] << f.error().message;
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (const QStringList &e : errors)
            QVERIFY2(e.isEmpty(), qPrintable(e.join(u"; "_s)));
        QCOMPARE(activeDroplets(a.id), kThreads * kRounds / 2);
        QCOMPARE(reservationRows(a.id), 0);
        QCOMPARE(
            count(u"SELECT COUNT(*) FROM droplet_reservations WHERE confirmed_at IS NOT NULL"_s),
            kThreads * kRounds / 2);
    }
};

} // namespace dopool::testing

QTEST_GUILESS_MAIN(dopool::testing::TestStoreReservationContract)
#include "tst_storereservationcontract.moc"
