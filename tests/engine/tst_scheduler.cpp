// Scheduler with a ManualClock over a real SyncService (MemoryStore, DoApiClient, fake DO):
// sync every sync interval, health every health interval, a round never overlaps another,
// alerts evaluated after each round, stop stops, the multi-instance gate, and provisioning
// tasks left UNCERTAIN settled by the sync rounds.
#include "EngineTestFixture.h"
#include "engine/Scheduler.h"
#include "engine/TaskDroplets.h"

#include <QTest>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;
using Round = Scheduler::Round;

class TestScheduler : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<AlertEvaluator> m_alerts;
    std::unique_ptr<Scheduler> m_scheduler;
    QStringList m_events; // "start sync", "finish health 2/0", in signal order

    static QString name(Round round)
    {
        return round == Round::Sync ? QStringLiteral("sync") : QStringLiteral("health");
    }

    void makeScheduler()
    {
        m_sync = std::make_unique<SyncService>(f->context());
        m_alerts = std::make_unique<AlertEvaluator>(f->context());
        m_scheduler = std::make_unique<Scheduler>(f->context(), m_sync.get(), m_alerts.get());
        connect(m_scheduler.get(), &Scheduler::roundStarted, this,
                [this](Round round) { m_events << QStringLiteral("start ") + name(round); });
        connect(m_scheduler.get(), &Scheduler::roundFinished, this,
                [this](Round round, int accounts, int failures) {
                    m_events << QStringLiteral("finish %1 %2/%3")
                                    .arg(name(round))
                                    .arg(accounts)
                                    .arg(failures);
                });
    }

    // Advances the clock by secs and asks the scheduler what is due, then lets a started
    // round finish. Returns what happened.
    QStringList tick(int secs)
    {
        m_events.clear();
        f->clock.advance(qint64(secs) * 1000);
        m_scheduler->runDue();
        if (!m_events.isEmpty()) {
            const bool finished = QTest::qWaitFor([this] { return m_events.size() >= 2; }, 10000);
            if (!finished)
                QTest::qFail("a round did not finish", __FILE__, __LINE__);
        }
        return m_events;
    }

    int requests(const QString &pathPrefix) const
    {
        fakedo::RequestFilter filter;
        filter.pathPrefix = pathPrefix;
        return f->server->requestCount(filter);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<EngineFixture>();
        QVERIFY(f->setUp());
        f->addAccount(QStringLiteral("alpha"), fakeToken(1));
        f->addAccount(QStringLiteral("beta"), fakeToken(2));
        QVERIFY(!QTest::currentTestFailed());
        m_events.clear();
    }
    void cleanup()
    {
        m_scheduler.reset();
        m_alerts.reset();
        m_sync.reset();
        f.reset();
    }

    void defaults()
    {
        makeScheduler();
        QVERIFY(!m_scheduler->isRunning());
        m_scheduler->runDue(); // not started: nothing
        QVERIFY(m_events.isEmpty());
        m_scheduler->start();
        QVERIFY(m_scheduler->isRunning());
        QCOMPARE(m_scheduler->nextDue(Round::Sync), f->clock.now().addSecs(300));
        QCOMPARE(m_scheduler->nextDue(Round::Health), f->clock.now().addSecs(60));
        QTRY_COMPARE(m_events.size(), 2);
        m_scheduler->stop();
    }

    void intervals_data()
    {
        QTest::addColumn<int>("syncSecs");
        QTest::addColumn<int>("healthSecs");
        QTest::newRow("defaults 300/60") << 300 << 60;
        QTest::newRow("configured 120/30") << 120 << 30;
        QTest::newRow("health interval not dividing the sync one: 100/40") << 100 << 40;
    }
    void intervals()
    {
        QFETCH(int, syncSecs);
        QFETCH(int, healthSecs);
        makeScheduler();
        m_scheduler->setIntervals(syncSecs, healthSecs);
        m_scheduler->start(); // the first sync runs at once
        QTRY_COMPARE(m_events, (QStringList{QStringLiteral("start sync"),
                                            QStringLiteral("finish sync 2/0")}));
        QCOMPARE(requests(QStringLiteral("/v2/droplets")), 2);

        // Walk three sync intervals second by second: a sync exactly every syncSecs, and a
        // health round every healthSecs after the last round that checked health.
        int lastSync = 0;
        int lastHealth = 0;
        int syncs = 1;
        int healths = 0;
        for (int t = 1; t <= 3 * syncSecs; ++t) {
            const QStringList events = tick(1);
            QVERIFY(!QTest::currentTestFailed());
            if (t - lastSync >= syncSecs) {
                QCOMPARE(events, (QStringList{QStringLiteral("start sync"),
                                              QStringLiteral("finish sync 2/0")}));
                lastSync = lastHealth = t; // a sync checks health too
                ++syncs;
            } else if (t - lastHealth >= healthSecs) {
                QCOMPARE(events, (QStringList{QStringLiteral("start health"),
                                              QStringLiteral("finish health 2/0")}));
                lastHealth = t;
                ++healths;
            } else {
                QVERIFY2(events.isEmpty(), qPrintable(QString::number(t)));
            }
        }
        QCOMPARE(syncs, 4);
        QVERIFY(healths > 0);
        // Per account: a sync is account + droplets, a health check the account alone.
        QCOMPARE(requests(QStringLiteral("/v2/droplets")), 2 * syncs);
        QCOMPARE(requests(QStringLiteral("/v2/account")), 2 * (syncs + healths));
    }

    void slowRoundIsNotOverlapped()
    {
        f->server->setLatencyMs(300);
        makeScheduler();
        m_scheduler->start();
        QCOMPARE(m_events, QStringList{QStringLiteral("start sync")});
        // Both rounds fall due while the sync is still out: neither starts.
        f->clock.advance(301'000);
        m_scheduler->runDue();
        m_scheduler->runDue();
        QCOMPARE(m_events, QStringList{QStringLiteral("start sync")});
        QVERIFY(f->server->requestCount() <= 4);
        // When it is back, the sync that waited runs (and covers the health check).
        QTRY_COMPARE_WITH_TIMEOUT(m_events.size(), 4, 10000);
        QCOMPARE(m_events,
                 (QStringList{QStringLiteral("start sync"), QStringLiteral("finish sync 2/0"),
                              QStringLiteral("start sync"), QStringLiteral("finish sync 2/0")}));
        QCOMPARE(m_scheduler->nextDue(Round::Sync), f->clock.now().addSecs(300));
        QCOMPARE(m_scheduler->nextDue(Round::Health), f->clock.now().addSecs(60));
        QCOMPARE(f->server->requestCount(), 8);
    }

    void healthRoundWaitsForSync()
    {
        f->server->setLatencyMs(300);
        makeScheduler();
        m_scheduler->setIntervals(300, 1);
        m_scheduler->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_events.size(), 2, 10000);
        f->server->setLatencyMs(0);
        QCOMPARE(tick(1), (QStringList{QStringLiteral("start health"),
                                       QStringLiteral("finish health 2/0")}));
        // A slow health round: the next one waits for it, then runs.
        f->server->setLatencyMs(300);
        m_events.clear();
        f->clock.advance(1000);
        m_scheduler->runDue();
        f->clock.advance(5000);
        m_scheduler->runDue();
        QCOMPARE(m_events, QStringList{QStringLiteral("start health")});
        QTRY_COMPARE_WITH_TIMEOUT(m_events.size(), 4, 10000);
        QCOMPARE(m_events.at(1), QStringLiteral("finish health 2/0"));
        QCOMPARE(m_events.at(2), QStringLiteral("start health"));
    }

    void stopStops()
    {
        makeScheduler();
        const int beforeFirst = f->server->requestCount();
        m_scheduler->start();
        QCOMPARE(m_events, QStringList{QStringLiteral("start sync")});
        m_scheduler->stop(); // the running round still finishes...
        QVERIFY(!m_scheduler->isRunning());
        QTRY_COMPARE(m_events.size(), 2);
        QCOMPARE(m_events.last(), QStringLiteral("finish sync 2/0"));
        const int perRound = f->server->requestCount() - beforeFirst;
        QVERIFY(perRound > 0);
        // ...and nothing new starts, however late it gets.
        const int sent = f->server->requestCount();
        QCOMPARE(tick(3600), QStringList());
        // start() again picks up. That round finishing is the decisive later event: anything
        // the stopped scheduler had queued ran before it, and the server saw exactly one
        // round's requests since the stop - none of a round started while stopped.
        m_events.clear();
        m_scheduler->start();
        QTRY_COMPARE(m_events, (QStringList{QStringLiteral("start sync"),
                                            QStringLiteral("finish sync 2/0")}));
        QCOMPARE(f->server->requestCount(), sent + perRound);
    }

    void alertsAfterEachRound()
    {
        fakedo::FakeAccount full;
        full.dropletLimit = 3;
        full.droplets = 3;
        f->addAccount(QStringLiteral("gamma"), fakeToken(3), full);
        f->server->injectFault(fakeToken(2), fakedo::Fault{fakedo::FaultKind::Unauthorized,
                                                           fakedo::Endpoint::Any, -1, 1});
        makeScheduler();
        QList<AlertChange> changes;
        connect(m_alerts.get(), &AlertEvaluator::alertChanged, this,
                [&changes](const AlertChange &c) { changes << c; });
        m_scheduler->start();
        QTRY_COMPARE(m_events.size(), 2);
        QCOMPARE(m_events.last(), QStringLiteral("finish sync 3/1"));
        QStringList raised;
        for (const AlertChange &c : std::as_const(changes))
            raised << (c.raised ? QStringLiteral("RAISED ") : QStringLiteral("RESOLVED ")) +
                          alertKindToDb(c.alert.kind);
        raised.sort();
        QCOMPARE(raised, (QStringList{QStringLiteral("RAISED ACCOUNT_FULL"),
                                      QStringLiteral("RAISED ACCOUNT_UNHEALTHY")}));

        // Fixed: the next round resolves it.
        f->server->clearFaults(fakeToken(2));
        changes.clear();
        QCOMPARE(tick(60), (QStringList{QStringLiteral("start health"),
                                        QStringLiteral("finish health 3/0")}));
        QCOMPARE(changes.size(), 1);
        QVERIFY(!changes.first().raised);
        QCOMPARE(changes.first().alert.kind, AlertKind::AccountUnhealthy);
    }

    // A sync round looks for the droplets of UNCERTAIN tasks: one DO carried out after all
    // becomes CREATED with its id; one still absent after the grace becomes FAILED.
    void syncRoundSettlesUncertainTasks()
    {
        f->settings.uncertainGraceSecs = 600;
        const Account alpha = f->accounts->findAccount(QStringLiteral("alpha")).value();
        auto uncertain = [this, &alpha](const QString &order) {
            ProvisioningTask t;
            t.orderId = order;
            t.status = TaskStatus::Uncertain;
            t.doAccountId = alpha.id;
            t.dropletName = QStringLiteral("webrana-") + order.left(8);
            t.claimedBy = QStringLiteral("dopool"); // dopool's own: unclaimed rows are left alone
            ProvisioningTask stored = f->tasks->insertTask(t).value();
            stored.tag = taskTag(stored.id);
            return f->tasks->updateTask(stored).value();
        };
        const ProvisioningTask landed = uncertain(QStringLiteral("order-landed"));
        const ProvisioningTask lost = uncertain(QStringLiteral("order-lost"));
        api::CreateDropletRequest create; // DO carried the first one out after all
        create.name = landed.dropletName;
        create.region = QStringLiteral("sgp1");
        create.size = QStringLiteral("s-1vcpu-1gb");
        create.image = QStringLiteral("ubuntu-24-04-x64");
        create.tags = {landed.tag, orderTag(landed.orderId)};
        std::optional<qint64> dropletId;
        f->api->createDroplet(fakeToken(1), create, this,
                              [&dropletId](api::ApiResult<api::CreatedDroplet> r) {
                                  dropletId = r.ok() ? r->droplet.id : -1;
                              });
        QTRY_VERIFY(dropletId.has_value());
        QVERIFY(*dropletId > 0);

        makeScheduler();
        m_scheduler->start();
        QTRY_COMPARE(m_events.size(), 2);
        QCOMPARE(m_events.first(), QStringLiteral("start sync"));
        const ProvisioningTask found = f->tasks->findTask(landed.id).value();
        QCOMPARE(found.status, TaskStatus::Created);
        QCOMPARE(found.dropletId, *dropletId);
        QCOMPARE(f->tasks->findTask(lost.id)->status, TaskStatus::Uncertain); // within the grace

        f->clock.advance(601 * 1000);
        m_scheduler->runDue();
        QTRY_COMPARE_WITH_TIMEOUT(f->tasks->findTask(lost.id)->status, TaskStatus::Failed, 10000);
        QVERIFY(!f->tasks->findTask(lost.id)->error.isEmpty());
        m_scheduler->stop();
    }

    // An order that waited for capacity longer than the grace, whose create then got no clear
    // answer: the grace runs from that create (the row's last write), not from the order.
    void uncertainGraceRunsFromTheLastWrite()
    {
        f->settings.uncertainGraceSecs = 600;
        const Account alpha = f->accounts->findAccount(QStringLiteral("alpha")).value();
        ProvisioningTask t;
        t.orderId = QStringLiteral("order-waited");
        t.status = TaskStatus::Waiting;
        t.claimedBy = QStringLiteral("dopool");
        ProvisioningTask stored = f->tasks->insertTask(t).value();
        f->clock.advance(3600 * 1000); // an hour in the queue
        stored.tag = taskTag(stored.id);
        stored.status = TaskStatus::Uncertain;
        stored.doAccountId = alpha.id;
        stored.dropletName = QStringLiteral("webrana-order-wa");
        stored = f->tasks->updateTask(stored).value();
        QVERIFY(stored.createdAt.addSecs(600) < f->clock.now());

        makeScheduler();
        m_scheduler->start();
        QTRY_COMPARE(m_events.size(), 2); // the first sync round ran, and with it the look
        QCOMPARE(f->tasks->findTask(stored.id)->status, TaskStatus::Uncertain);

        f->clock.advance(601 * 1000);
        m_scheduler->runDue();
        QTRY_COMPARE_WITH_TIMEOUT(f->tasks->findTask(stored.id)->status, TaskStatus::Failed, 10000);
        m_scheduler->stop();
    }

    void gateSkipsRoundsAnotherInstanceRuns()
    {
        makeScheduler();
        QList<Round> asked;
        m_scheduler->setRoundGate([&asked](Round round, const QDateTime &) {
            asked << round;
            return round == Round::Sync; // "another instance holds the health lease"
        });
        m_scheduler->start();
        QTRY_COMPARE(m_events.size(), 2);
        QCOMPARE(tick(60), QStringList());
        QCOMPARE(asked, (QList<Round>{Round::Sync, Round::Health}));
        QCOMPARE(m_scheduler->nextDue(Round::Health), f->clock.now().addSecs(60));
        QCOMPARE(requests(QStringLiteral("/v2/account")), 2); // the first sync's only
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
