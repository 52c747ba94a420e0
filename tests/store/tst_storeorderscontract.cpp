// The OrderQueue contract (provisioning_tasks as the order-service's queue) and the
// compare-and-set TaskLog::updateTask: the order-service's INSERT, claims (oldest first,
// WAITING rows as asked, never the same row twice - also with concurrent claimers), leases,
// adoption of an expired claim, cancel, retry, listings, a status dopool does not know.
// Every test function runs on each backend (initTestCase_data: sqlite, postgresql).
#include "StoreFixture.h"

#include <QTest>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

namespace dopool::testing {

class TestStoreOrdersContract : public StoreContractFixture
{
    Q_OBJECT

    static constexpr int kLeaseMs = 30'000;
    const QString me = u"instance-a"_s;
    const QString other = u"instance-b"_s;

    ProvisioningTask mustEnqueue(AccountStore &store, const QString &orderId,
                                 const QString &region = {})
    {
        auto queued = store.enqueueOrder(OrderRequest{orderId, region, {}, {}});
        if (!queued) {
            QTest::qFail(qPrintable(u"enqueueOrder: "_s + queued.error().message), __FILE__,
                         __LINE__);
            return {};
        }
        return *queued;
    }
    std::optional<ProvisioningTask> claim(AccountStore &store, const QString &who,
                                          WaitingRows waiting = WaitingRows::Due)
    {
        auto claimed = store.claimNextOrder(who, clock.now().addMSecs(kLeaseMs), waiting);
        if (!claimed) {
            QTest::qFail(qPrintable(u"claimNextOrder: "_s + claimed.error().message), __FILE__,
                         __LINE__);
            return std::nullopt;
        }
        return *claimed;
    }
    // The claimer lets go of a row no account has room for.
    ProvisioningTask makeWaiting(AccountStore &store, ProvisioningTask task, qint64 retryInMs)
    {
        task.status = TaskStatus::Waiting;
        task.claimedBy.clear();
        task.claimExpiresAt = QDateTime();
        task.nextAttemptAt = clock.now().addMSecs(retryInMs);
        task.error = u"all 2 usable accounts are full"_s;
        auto saved = store.updateTask(task);
        if (!saved) {
            QTest::qFail(qPrintable(u"updateTask: "_s + saved.error().message), __FILE__, __LINE__);
            return {};
        }
        return *saved;
    }

private slots:
    void enqueueWritesTheOrderServicesRow()
    {
        auto store = open();
        QVERIFY(store);
        const ProvisioningTask queued = mustEnqueue(*store, u"  order-1 "_s, u"nyc3"_s);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(queued.orderId, u"order-1"_s);
        QCOMPARE(queued.status, TaskStatus::Pending);
        QCOMPARE(queued.region, u"nyc3"_s);
        QVERIFY(queued.size.isEmpty());
        QVERIFY(queued.tag.isEmpty());
        QVERIFY(queued.claimedBy.isEmpty());
        QCOMPARE(queued.createdAt, clock.now());
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks WHERE claimed_by IS NULL AND "
                       "do_size IS NULL AND tag IS NULL AND attempts = 0"_s),
                 1);

        const auto again = store->enqueueOrder(OrderRequest{u"order-1"_s, {}, {}, {}});
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        const auto empty = store->enqueueOrder(OrderRequest{u"  "_s, {}, {}, {}});
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, ErrorKind::Validation);
    }

    void claimsOldestFirstAndNeverTwice()
    {
        auto store = open();
        QVERIFY(store);
        const ProvisioningTask first = mustEnqueue(*store, u"order-1"_s);
        clock.advance(10);
        const ProvisioningTask second = mustEnqueue(*store, u"order-2"_s);
        QVERIFY(!QTest::currentTestFailed());

        const auto a = claim(*store, me);
        QVERIFY(a);
        QCOMPARE(a->id, first.id);
        QCOMPARE(a->status, TaskStatus::InProgress);
        QCOMPARE(a->claimedBy, me);
        QCOMPARE(a->claimExpiresAt, clock.now().addMSecs(kLeaseMs));
        const auto b = claim(*store, other);
        QVERIFY(b);
        QCOMPARE(b->id, second.id);
        QCOMPARE(b->claimedBy, other);
        const auto none = claim(*store, me);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(!none);
    }

    void waitingRowsAsAsked()
    {
        auto store = open();
        QVERIFY(store);
        mustEnqueue(*store, u"order-1"_s);
        const auto claimed = claim(*store, me);
        QVERIFY(claimed);
        const ProvisioningTask waiting = makeWaiting(*store, *claimed, 60'000);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(waiting.status, TaskStatus::Waiting);
        QVERIFY(waiting.claimedBy.isEmpty());
        QCOMPARE(waiting.nextAttemptAt, clock.now().addSecs(60));

        QVERIFY(!claim(*store, me, WaitingRows::None));
        QVERIFY(!claim(*store, me, WaitingRows::Due));
        QVERIFY(!QTest::currentTestFailed());
        const auto early = claim(*store, me, WaitingRows::All); // capacity appeared
        QVERIFY(early);
        QCOMPARE(early->id, waiting.id);
        makeWaiting(*store, *early, 60'000);
        clock.advance(60'000);
        const auto due = claim(*store, other, WaitingRows::Due);
        QVERIFY(due);
        QCOMPARE(due->id, waiting.id);
        QCOMPARE(due->claimedBy, other);
        // WAITING holds the order like PENDING does.
        const auto again = store->enqueueOrder(OrderRequest{u"order-1"_s, {}, {}, {}});
        QVERIFY(!again);
    }

    void updateIsCompareAndSet()
    {
        auto store = open();
        QVERIFY(store);
        mustEnqueue(*store, u"order-1"_s);
        const auto claimed = claim(*store, me);
        QVERIFY(claimed);
        ProvisioningTask mine = *claimed;
        ProvisioningTask stale = *claimed;
        mine.dropletId = 42;
        mine.status = TaskStatus::Created;
        mine.claimExpiresAt = QDateTime();
        const auto saved = store->updateTask(mine);
        DOPOOL_VERIFY_OK(saved);
        QCOMPARE(saved->seenStatus, u"CREATED"_s);

        stale.status = TaskStatus::Failed;
        stale.error = u"late"_s;
        const auto refused = store->updateTask(stale);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Conflict);
        QVERIFY2(refused.error().message.contains(u"CREATED"_s),
                 qPrintable(refused.error().message));
        const auto now = store->findTask(claimed->id);
        DOPOOL_VERIFY_OK(now);
        QCOMPARE(now->status, TaskStatus::Created);
        QCOMPARE(now->dropletId, 42);

        // Another claimer took the row over: the first one's write is refused too.
        mustEnqueue(*store, u"order-2"_s);
        const auto two = claim(*store, me);
        QVERIFY(two);
        clock.advance(kLeaseMs + 1);
        const auto adopted = store->adoptExpiredClaim(other, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(adopted);
        QVERIFY(adopted->has_value());
        ProvisioningTask late = *two;
        late.status = TaskStatus::Failed;
        const auto lost = store->updateTask(late);
        QVERIFY(!lost);
        QCOMPARE(lost.error().kind, ErrorKind::Conflict);

        ProvisioningTask unread = **adopted;
        unread.seenStatus.clear();
        const auto neverRead = store->updateTask(unread);
        QVERIFY(!neverRead);
        QCOMPARE(neverRead.error().kind, ErrorKind::Validation);
    }

    void leasesRenewAndExpire()
    {
        auto store = open();
        QVERIFY(store);
        mustEnqueue(*store, u"order-1"_s);
        const auto claimed = claim(*store, me);
        QVERIFY(claimed);
        clock.advance(kLeaseMs - 1000);
        const auto renewed = store->renewClaims(me, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(renewed);
        QCOMPARE(*renewed, 1);
        QCOMPARE(*store->renewClaims(other, clock.now().addMSecs(kLeaseMs)), 0);
        clock.advance(2000); // past the first lease, within the renewed one
        auto none = store->adoptExpiredClaim(other, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(none);
        QVERIFY(!none->has_value());
        clock.advance(kLeaseMs);
        // Its own claimer never adopts it, expired or not: the row is worked on there.
        none = store->adoptExpiredClaim(me, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(none);
        QVERIFY(!none->has_value());
        const auto adopted = store->adoptExpiredClaim(other, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(adopted);
        QVERIFY(adopted->has_value());
        QCOMPARE((*adopted)->id, claimed->id);
        QCOMPARE((*adopted)->claimedBy, other);
        QCOMPARE((*adopted)->status, TaskStatus::InProgress);
        // The claimer's last write stays the row's: the adopter counts the grace from it.
        QCOMPARE((*adopted)->updatedAt, claimed->updatedAt);
        none = store->adoptExpiredClaim(me, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(none);
        QVERIFY(!none->has_value());
    }

    void cancelOnlyUnclaimedQueued()
    {
        auto store = open();
        QVERIFY(store);
        mustEnqueue(*store, u"order-1"_s);
        const auto cancelled = store->cancelOrder(u"order-1"_s);
        DOPOOL_VERIFY_OK(cancelled);
        QCOMPARE(cancelled->status, TaskStatus::Cancelled);
        const auto twice = store->cancelOrder(u"order-1"_s);
        QVERIFY(!twice);
        QCOMPARE(twice.error().kind, ErrorKind::Conflict);
        const auto unknown = store->cancelOrder(u"order-x"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);

        // CANCELLED is closed: the order may be queued again; a claimed one is never cancelled.
        mustEnqueue(*store, u"order-1"_s);
        QVERIFY(claim(*store, me));
        const auto claimed = store->cancelOrder(u"order-1"_s);
        QVERIFY(!claimed);
        QCOMPARE(claimed.error().kind, ErrorKind::Conflict);
        QVERIFY2(claimed.error().message.contains(u"IN_PROGRESS"_s),
                 qPrintable(claimed.error().message));
    }

    void retryQueuesAgain()
    {
        auto store = open();
        QVERIFY(store);
        mustEnqueue(*store, u"order-1"_s, u"ams3"_s);
        const auto open = store->retryOrder(u"order-1"_s);
        QVERIFY(!open);
        QCOMPARE(open.error().kind, ErrorKind::Conflict);
        const auto claimed = claim(*store, me);
        QVERIFY(claimed);
        ProvisioningTask failed = *claimed;
        failed.status = TaskStatus::Failed;
        failed.error = u"refused"_s;
        DOPOOL_VERIFY_OK(store->updateTask(failed));
        clock.advance(5);
        const auto retried = store->retryOrder(u"order-1"_s);
        DOPOOL_VERIFY_OK(retried);
        QVERIFY(retried->id != claimed->id);
        QCOMPARE(retried->status, TaskStatus::Pending);
        QCOMPARE(retried->region, u"ams3"_s);
        const auto tasks = store->orderTasks(u"order-1"_s);
        DOPOOL_VERIFY_OK(tasks);
        QCOMPARE(tasks->size(), 2);
        QCOMPARE(store->retryOrder(u"nope"_s).error().kind, ErrorKind::NotFound);
    }

    void listingAndSummary()
    {
        auto store = open();
        QVERIFY(store);
        const QDateTime t0 = clock.now();
        mustEnqueue(*store, u"order-1"_s);
        clock.advance(1000);
        mustEnqueue(*store, u"order-2"_s);
        clock.advance(1000);
        mustEnqueue(*store, u"order-3"_s);
        const auto claimed = claim(*store, me);
        QVERIFY(claimed);
        makeWaiting(*store, *claimed, 1000);
        QVERIFY(!QTest::currentTestFailed());

        const auto all = store->listOrders({});
        DOPOOL_VERIFY_OK(all);
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->first().orderId, u"order-3"_s); // newest first
        const auto waiting = store->listOrders(OrderFilter{{u"WAITING"_s}, 0});
        DOPOOL_VERIFY_OK(waiting);
        QCOMPARE(waiting->size(), 1);
        QCOMPARE(waiting->first().orderId, u"order-1"_s);
        const auto limited = store->listOrders(OrderFilter{{u"PENDING"_s}, 1});
        DOPOOL_VERIFY_OK(limited);
        QCOMPARE(limited->size(), 1);
        QCOMPARE(limited->first().orderId, u"order-3"_s);

        const auto summary = store->queueSummary();
        DOPOOL_VERIFY_OK(summary);
        QCOMPARE(summary->count(TaskStatus::Pending), 2);
        QCOMPARE(summary->count(TaskStatus::Waiting), 1);
        QCOMPARE(summary->oldestWaiting, t0);
        QCOMPARE(summary->oldestPending, t0.addMSecs(1000));
    }

    void statusDopoolDoesNotKnow()
    {
        auto store = open();
        QVERIFY(store);
        QCOMPARE(m_backend->exec(u"INSERT INTO provisioning_tasks (id, order_id, status, "
                                 "created_at, updated_at) VALUES (?, 'order-q', 'QUEUED', ?, ?)"_s,
                                 {u"6d1c7a52-2f7e-4a39-9a53-3f4b8f3f0001"_s,
                                  u"2026-01-01T00:00:00.000Z"_s, u"2026-01-01T00:00:00.000Z"_s}),
                 QString());
        const auto listed = store->listOrders({});
        DOPOOL_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().status, TaskStatus::Unknown);
        QCOMPARE(listed->first().statusText(), u"QUEUED"_s);
        QVERIFY(!claim(*store, me, WaitingRows::All));

        ProvisioningTask rewrite = listed->first();
        const auto refused = store->updateTask(rewrite);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Validation);

        const auto failed = store->failUnknownStatuses();
        DOPOOL_VERIFY_OK(failed);
        QCOMPARE(failed->size(), 1);
        QCOMPARE(failed->first().status, TaskStatus::Failed);
        QVERIFY2(failed->first().error.contains(u"'QUEUED'"_s), qPrintable(failed->first().error));
        QCOMPARE(store->failUnknownStatuses()->size(), 0);
    }

    // The order-service's own rows (claimed by nobody, beyond PENDING/WAITING) are not the
    // queue's: never claimed, adopted or cancelled.
    void orderServicesOwnRowsUntouched()
    {
        auto store = open();
        QVERIFY(store);
        QCOMPARE(m_backend->exec(u"INSERT INTO provisioning_tasks (id, order_id, status, "
                                 "created_at, updated_at) VALUES (?, 'order-s', 'IN_PROGRESS', "
                                 "?, ?)"_s,
                                 {u"6d1c7a52-2f7e-4a39-9a53-3f4b8f3f0002"_s,
                                  u"2026-01-01T00:00:00.000Z"_s, u"2026-01-01T00:00:00.000Z"_s}),
                 QString());
        clock.advance(3'600'000);
        QVERIFY(!claim(*store, me, WaitingRows::All));
        const auto adopted = store->adoptExpiredClaim(me, clock.now().addMSecs(kLeaseMs));
        DOPOOL_VERIFY_OK(adopted);
        QVERIFY(!adopted->has_value());
        QCOMPARE(store->cancelOrder(u"order-s"_s).error().kind, ErrorKind::Conflict);
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks WHERE status = 'IN_PROGRESS' "
                       "AND claimed_by IS NULL"_s),
                 1);
    }

    // Four claimers, each on its own connection, drain 40 orders: every order is claimed by
    // exactly one of them.
    void concurrentClaimersNeverShareARow()
    {
        constexpr int kOrders = 40;
        constexpr int kThreads = 4;
        {
            auto store = open();
            QVERIFY(store);
            for (int i = 0; i < kOrders; ++i)
                mustEnqueue(*store, u"race-%1"_s.arg(i));
            QVERIFY(!QTest::currentTestFailed());
        }
        const StoreOptions opts = options();
        std::latch start(kThreads);
        std::mutex lock;
        QStringList errors;
        QHash<QString, QStringList> claimedBy; // task id -> claimers
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                OpenResult opened = openStore(opts); // QtSql connections are per thread
                start.arrive_and_wait();
                if (!opened.store) {
                    const std::scoped_lock guard(lock);
                    errors << opened.failure.error.message;
                    return;
                }
                const QString who = u"claimer-%1"_s.arg(i);
                for (;;) {
                    const auto r = opened.store->claimNextOrder(who, opts.clock->now().addSecs(30),
                                                                WaitingRows::Due);
                    const std::scoped_lock guard(lock);
                    if (!r) {
                        if (r.error().message.contains(u"locked"_s))
                            continue; // SQLite's busy timeout ran out: try again
                        errors << r.error().message;
                        return;
                    }
                    if (!r->has_value())
                        return;
                    claimedBy[(*r)->id] << who;
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u"; "_s)));
        QCOMPARE(claimedBy.size(), kOrders);
        for (auto it = claimedBy.cbegin(); it != claimedBy.cend(); ++it)
            QVERIFY2(it->size() == 1, qPrintable(it.key() + u": "_s + it->join(u", "_s)));
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks WHERE status = 'IN_PROGRESS' "
                       "AND claimed_by IS NOT NULL"_s),
                 kOrders);
    }
};

} // namespace dopool::testing

QTEST_GUILESS_MAIN(dopool::testing::TestStoreOrdersContract)
#include "tst_storeorderscontract.moc"
