// Leadership on a real PostgreSQL: one leader among several instances, rounds claimed once per
// interval on the database clock (also across a change of leader), a dead leader's lease taken
// over at the next poll of another instance, a clean hand-over on stop(), and a leader that
// stops renewing (suspended, frozen) replaced once its lease expires, without being able to
// claim another round when it comes back (fencing).
#include "StoreOptionsFor.h"
#include "TestPostgres.h"
#include "coord/Leadership.h"
#include "coord/SharedPool.h"
#include "store/PostgresStore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool;
using namespace dopool::coord;

namespace {

Actor actor(int n)
{
    Actor a;
    a.osUser = QStringLiteral("admin%1").arg(n);
    a.host = QStringLiteral("host%1").arg(n);
    a.pid = 1000 + n;
    a.instanceId = QStringLiteral("instance-%1").arg(n);
    return a;
}

} // namespace

class TestLeadership : public QObject
{
    Q_OBJECT

    SystemClock m_clock;

    StoreOptions options(const DatabaseUrl &url) { return testing::storeOptionsFor(url, &m_clock); }

    std::unique_ptr<Leadership> make(const DatabaseUrl &url, int n, int leaseSecs = 8)
    {
        SessionResult session = openPostgresSession(options(url));
        if (!session.session)
            qWarning("%s", qPrintable(session.failure.error.message));
        // A long poll period: the test drives poll() itself.
        return std::make_unique<Leadership>(std::move(session.session), actor(n),
                                            Leadership::Options{60000, 15, leaseSecs});
    }

    static int leaders(const std::vector<std::unique_ptr<Leadership>> &all)
    {
        return int(std::count_if(all.begin(), all.end(),
                                 [](const auto &l) { return l && l->isLeader(); }));
    }

private Q_SLOTS:
    void oneLeaderRoundsOnceAndTakeover()
    {
        DOPOOL_TEST_POSTGRES(pg);
        {
            OpenResult migrated = openStore(options(pg.url())); // schema first
            QVERIFY2(migrated.store, qPrintable(migrated.failure.error.message));
        }
        std::vector<std::unique_ptr<Leadership>> all;
        for (int n = 1; n <= 3; ++n) {
            all.push_back(make(pg.url(), n));
            all.back()->start();
        }
        for (auto &l : all)
            l->poll(); // everyone sees the others' registration and the lease
        QCOMPARE(leaders(all), 1);
        const auto leaderIt =
            std::find_if(all.begin(), all.end(), [](const auto &l) { return l->isLeader(); });
        Leadership &leader = **leaderIt;
        for (auto &l : all) {
            QCOMPARE(l->leaderDescription(), leader.self().description());
            QCOMPARE(l->instancesOnline(), 3);
            QVERIFY(l->databaseUp());
        }

        // A round runs once per interval, on the leader only.
        QVERIFY(leader.claimRound(QStringLiteral("sync"), 60));
        QVERIFY(!leader.claimRound(QStringLiteral("sync"), 60));
        QVERIFY(leader.claimRound(QStringLiteral("health"), 60));
        for (auto &l : all) {
            if (l.get() != &leader)
                QVERIFY(!l->claimRound(QStringLiteral("sync"), 1));
        }

        // The leader dies without a word (its connection goes, as with kill -9).
        QSignalSpy lost(&leader, &Leadership::leadershipChanged);
        QCOMPARE(pg.column(QStringLiteral("SELECT pg_terminate_backend(backend_pid) FROM "
                                          "pool_instances WHERE instance_id = ?"),
                           {leader.self().instanceId})
                     .value(0)
                     .toBool(),
                 true);
        // The holder's session is gone: the next poll of a follower takes the lease at once.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (auto &l : all) {
                    if (l.get() != &leader)
                        l->poll();
                }
                return leaders(all) == 2; // the new one, and the old one that does not know yet
            }(),
            5000);
        leader.poll(); // finds its connection gone: no longer leads
        QVERIFY(!leader.isLeader());
        QVERIFY(!leader.databaseUp());
        QVERIFY(!lost.isEmpty());
        QCOMPARE(leaders(all), 1);
        Leadership &next =
            **std::find_if(all.begin(), all.end(), [](const auto &l) { return l->isLeader(); });
        QVERIFY(&next != &leader);

        // The new leader does not repeat the round its predecessor ran this interval...
        QVERIFY(!next.claimRound(QStringLiteral("sync"), 60));
        // ...but runs it once it is due.
        QVERIFY(pg.exec(QStringLiteral("UPDATE scheduler_rounds SET due_at = now() - interval "
                                       "'1 second' WHERE round = 'sync'"))
                    .isEmpty());
        QVERIFY(next.claimRound(QStringLiteral("sync"), 60));
        QCOMPARE(pg.column(QStringLiteral("SELECT runs FROM scheduler_rounds WHERE round = 'sync'"))
                     .value(0)
                     .toInt(),
                 2);

        // The old leader reconnects as a follower.
        leader.poll();
        QVERIFY(leader.databaseUp());
        QVERIFY(!leader.isLeader());
        QCOMPARE(leader.leaderDescription(), next.self().description());

        // A graceful stop hands over at once.
        QSignalSpy gained(all.front().get(), &Leadership::leadershipChanged);
        next.stop();
        for (auto &l : all)
            l->poll();
        QCOMPARE(leaders(all), 1);
        QVERIFY(!next.isLeader());
        QCOMPARE(pg.column(QStringLiteral("SELECT count(*) FROM pool_instances")).value(0).toInt(),
                 2);
    }

    void silentLeaderIsReplacedAndFenced_data()
    {
        QTest::addColumn<bool>("waitForExpiry"); // or age the lease in the database
        // The real thing: nobody renews for the lease's duration (2 s here).
        QTest::newRow("lease runs out") << true;
        // The leader's own clock says the lease is fresh (a suspended process, whose monotonic
        // clock stood still): only the database's check stops its claim.
        QTest::newRow("only the database knows") << false;
    }
    void silentLeaderIsReplacedAndFenced()
    {
        QFETCH(bool, waitForExpiry);
        DOPOOL_TEST_POSTGRES(pg);
        {
            OpenResult migrated = openStore(options(pg.url()));
            QVERIFY2(migrated.store, qPrintable(migrated.failure.error.message));
        }
        const int leaseSecs = waitForExpiry ? 2 : 600;
        auto first = make(pg.url(), 1, leaseSecs);
        auto second = make(pg.url(), 2, leaseSecs);
        first->start();
        second->start();
        QVERIFY(first->isLeader());
        QVERIFY(!second->isLeader());
        QVERIFY(first->claimRound(QStringLiteral("sync"), 1));
        const qint64 epoch =
            pg.column(QStringLiteral("SELECT epoch FROM leader_lease")).value(0).toLongLong();

        // The leader goes silent; its connection (and backend) stay.
        if (!waitForExpiry) {
            QVERIFY(pg.exec(QStringLiteral("UPDATE leader_lease SET expires_at = now() - "
                                           "interval '1 second'"))
                        .isEmpty());
        }
        QElapsedTimer silent;
        silent.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                second->poll();
                return second->isLeader();
            }(),
            30000);
        // About the lease (2 s) when idle; the bound above only says "it happened".
        qInfo("replaced %lld ms after the leader went silent", silent.elapsed());
        QCOMPARE(pg.column(QStringLiteral("SELECT epoch FROM leader_lease")).value(0).toLongLong(),
                 epoch + 1);
        QVERIFY(first->isLeader()); // it does not know yet

        // Due again: the old leader comes back and tries first. No round for it.
        QVERIFY(pg.exec(QStringLiteral("UPDATE scheduler_rounds SET due_at = now() - interval "
                                       "'1 second'"))
                    .isEmpty());
        QVERIFY(!first->claimRound(QStringLiteral("sync"), 60));
        QVERIFY(second->claimRound(QStringLiteral("sync"), 60));
        QCOMPARE(pg.column(QStringLiteral("SELECT runs FROM scheduler_rounds WHERE round = 'sync'"))
                     .value(0)
                     .toInt(),
                 2);
        // Its next poll tells it so; it follows from then on and cannot take the lease back.
        first->poll();
        QVERIFY(!first->isLeader());
        QVERIFY(first->databaseUp());
        QCOMPARE(first->leaderDescription(), actor(2).description());
        second->poll();
        first->poll();
        QVERIFY(second->isLeader());
        QVERIFY(!first->isLeader());
    }

    void sqliteIsALocalPool()
    {
        QTemporaryDir dir;
        DatabaseUrl url;
        url.kind = DatabaseUrl::Kind::Sqlite;
        url.path = dir.filePath(QStringLiteral("pool.sqlite"));
        auto shared = SharedPool::open(options(url), actor(1), {});
        QVERIFY(shared);
        std::unique_ptr<SharedPool> owner(*shared);
        QVERIFY(!owner->isShared());
        QVERIFY(owner->isLeader());
        QVERIFY(owner->databaseUp());
        QCOMPARE(owner->leaderDescription(), actor(1).description());
        QVERIFY(!owner->feed() && !owner->leadership());
    }

    void unreachableServerIsAClearError()
    {
        DatabaseUrl url = testing::TestPostgres::adminUrl();
        if (url.host.isEmpty())
            url.host = QStringLiteral("127.0.0.1");
        url.port = 1; // nothing listens there
        StoreOptions o = options(url);
        o.connectTimeoutSec = 2;
        auto shared = SharedPool::open(o, actor(1), {});
        QVERIFY(!shared);
        QCOMPARE(shared.error().kind, ErrorKind::Store);
        QVERIFY2(shared.error().message.contains(QStringLiteral("cannot reach PostgreSQL")),
                 qPrintable(shared.error().message));
    }
};

QTEST_GUILESS_MAIN(TestLeadership)
#include "tst_leadership.moc"
