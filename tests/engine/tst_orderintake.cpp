// OrderIntake on real parts (MemoryStore with its OrderQueue, DoApiClient over loopback, the
// fake DO server): queued orders each get exactly one droplet within the concurrency bound, no
// room makes an order WAITING until capacity appears, bad rows fail alone, and rows adopted
// from a claimer that stopped renewing are never sent to DO twice: a create that may still be
// on its way is waited for (uncertain grace from the claimer's last write), and the slot a
// dead claimer reserved before any create is freed.
#include "SelectionTestUtil.h"
#include "engine/OrderIntake.h"
#include "engine/TaskDroplets.h"

#include <QSignalSpy>
#include <QTest>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;

namespace {

const QString kMe = QStringLiteral("instance-me");
const QString kDead = QStringLiteral("instance-dead");
constexpr int kLeaseSecs = 30;

} // namespace

class TestOrderIntake : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;

    EngineContext context() const
    {
        EngineContext c = f->context();
        c.orders = f->memoryStore.get();
        c.instanceId = kMe;
        return c;
    }

    static OrderIntake::Options options(int concurrency = 2)
    {
        OrderIntake::Options o;
        o.concurrency = concurrency;
        o.pollMs = 20;
        o.leaseSecs = kLeaseSecs;
        o.waitRetrySecs = 60;
        return o;
    }

    ProvisioningTask enqueue(const QString &orderId)
    {
        OrderRequest request;
        request.orderId = orderId;
        const Result<ProvisioningTask> queued = f->memoryStore->enqueueOrder(request);
        if (!queued)
            QTest::qFail(qPrintable(queued.error().message), __FILE__, __LINE__);
        return queued ? *queued : ProvisioningTask();
    }

    // A row as a claimer that then stopped (killed, frozen) left it: IN_PROGRESS, claimed,
    // its lease already over. attempts > 0 with an account: a create may have gone out.
    ProvisioningTask deadClaimersRow(const QString &orderId, const QString &accountId, int attempts)
    {
        ProvisioningTask t;
        t.orderId = orderId;
        t.status = TaskStatus::InProgress;
        t.dropletName = QStringLiteral("webrana-") + orderId.left(8);
        t.doAccountId = accountId;
        t.attempts = attempts;
        t.claimedBy = kDead;
        t.claimExpiresAt = f->clock.now().addSecs(kLeaseSecs);
        const Result<ProvisioningTask> inserted = f->tasks->insertTask(t);
        if (!inserted) {
            QTest::qFail(qPrintable(inserted.error().message), __FILE__, __LINE__);
            return {};
        }
        ProvisioningTask tagged = *inserted;
        tagged.tag = taskTag(tagged.id);
        const Result<ProvisioningTask> saved = f->tasks->updateTask(tagged);
        if (!saved)
            QTest::qFail(qPrintable(saved.error().message), __FILE__, __LINE__);
        return saved ? *saved : ProvisioningTask();
    }

    ProvisioningTask stored(const QString &id) const
    {
        const Result<ProvisioningTask> t = f->tasks->findTask(id);
        return t ? *t : ProvisioningTask();
    }

    int creates(int token) const
    {
        RequestFilter filter;
        filter.method = QStringLiteral("POST");
        filter.pathPrefix = QStringLiteral("/v2/droplets");
        filter.account = f->server->accountId(fakeToken(token));
        return f->server->requestCount(filter);
    }

    int tagLookups(const QString &tag) const
    {
        int n = 0;
        for (const fakedo::RequestRecord &r : f->server->requests())
            n += r.query.contains(QStringLiteral("tag_name=") + tag) ? 1 : 0; // the order tag
        return n;
    }

private Q_SLOTS:
    void initTestCase() { startLogCapture(); }
    void cleanupTestCase() { stopLogCapture(); }
    void init()
    {
        f = startSelectionFixture();
        QVERIFY(f);
        f->settings.uncertainIntervalMs = 10;
        f->settings.uncertainMaxIntervalMs = 40; // adopted rows are looked at again this often
        f->settings.uncertainGraceSecs = 600;
        // Time passes as DO is asked, as it does for real: a count DO gives is then later than
        // the creates confirmed before it (a frozen clock would count those twice).
        connect(f->server.get(), &fakedo::FakeDoServer::requestReceived, this,
                [this] { f->clock.advance(1); });
    }
    void cleanup()
    {
        f.reset();
        QVERIFY(noTokenLogged(4));
    }

    void queuedOrdersGetOneDropletEachWithinTheBound()
    {
        const Account a = addSpec(*f, {QStringLiteral("Alpha"), 0, 4}, 1);
        const Account b = addSpec(*f, {QStringLiteral("Beta"), 0, 4}, 2);
        QVERIFY(!a.id.isEmpty() && !b.id.isEmpty());
        QStringList ids;
        for (int i = 0; i < 6; ++i)
            ids << enqueue(QStringLiteral("order-%1").arg(i)).id;

        OrderIntake intake(context(), options(2));
        int mostInFlight = 0;
        connect(&intake, &OrderIntake::taskUpdated, this,
                [&] { mostInFlight = std::max(mostInFlight, intake.inFlight()); });
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 6, 20000);

        QSet<qint64> droplets;
        for (const QString &id : std::as_const(ids)) {
            const ProvisioningTask t = stored(id);
            QVERIFY2(t.status == TaskStatus::Created,
                     qPrintable(t.error + QStringLiteral(" / at DO: %1 + %2 droplets, %3 creates")
                                              .arg(f->server->droplets(fakeToken(1)).size())
                                              .arg(f->server->droplets(fakeToken(2)).size())
                                              .arg(creates(1) + creates(2))));
            QVERIFY(t.dropletId > 0);
            QCOMPARE(t.claimedBy, kMe);
            QVERIFY(!t.claimExpiresAt.isValid()); // nothing left to adopt
            droplets.insert(t.dropletId);
        }
        QCOMPARE(droplets.size(), 6);
        QCOMPARE(creates(1) + creates(2), 6); // one create per order, no retry
        QCOMPARE(mostInFlight, 2);
        QCOMPARE(
            f->server->droplets(fakeToken(1)).size() + f->server->droplets(fakeToken(2)).size(), 6);
    }

    void noRoomWaitsThenNewCapacityWakesIt()
    {
        addSpec(*f, {QStringLiteral("Full"), 3, 3}, 1);
        const ProvisioningTask queued = enqueue(QStringLiteral("order-wait"));
        OrderIntake intake(context(), options());
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        ProvisioningTask t = stored(queued.id);
        QCOMPARE(t.status, TaskStatus::Waiting);
        QVERIFY2(!t.error.isEmpty(), "a waiting order says why");
        QVERIFY(t.claimedBy.isEmpty()); // back in the queue, anyone's to take
        QVERIFY(t.nextAttemptAt > f->clock.now());
        QCOMPARE(creates(1), 0);

        // Room appears (an account is added): the waiting order is tried at once, not after
        // its next_attempt_at.
        const Account roomy = addSpec(*f, {QStringLiteral("Roomy"), 0, 5}, 2);
        intake.capacityChanged();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
        t = stored(queued.id);
        QCOMPARE(t.status, TaskStatus::Created);
        QCOMPARE(t.doAccountId, roomy.id);
        QCOMPARE(f->server->createdDroplets(fakeToken(2)).size(), 1);
    }

    void badRowsFailAlone()
    {
        addSpec(*f, {QStringLiteral("Alpha"), 0, 5}, 1);
        const Account off =
            addSpec(*f, {QStringLiteral("Off"), 0, 5, -1, false, AccountHealth::Unknown, false}, 2);
        const ProvisioningTask badName = enqueue(QStringLiteral("!!!! ????"));
        ProvisioningTask pinned;
        pinned.orderId = QStringLiteral("order-pinned-off");
        pinned.status = TaskStatus::Pending;
        pinned.doAccountId = off.id;
        const Result<ProvisioningTask> pinnedRow = f->tasks->insertTask(pinned);
        QVERIFY(pinnedRow);
        const ProvisioningTask good = enqueue(QStringLiteral("order-good"));

        OrderIntake intake(context(), options());
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 10000);
        QCOMPARE(stored(badName.id).status, TaskStatus::Failed);
        QVERIFY2(stored(badName.id).error.contains(u"name"), qPrintable(stored(badName.id).error));
        QCOMPARE(stored(pinnedRow->id).status, TaskStatus::Failed);
        QVERIFY2(stored(pinnedRow->id).error.contains(u"not active"),
                 qPrintable(stored(pinnedRow->id).error));
        QCOMPARE(stored(good.id).status, TaskStatus::Created);
        QCOMPARE(creates(1), 1);
        QCOMPARE(creates(2), 0);
    }

    // The dead claimer's create reaches DO late (it froze after sending, or its POST was slow):
    // the adopter looks, finds nothing, sends nothing, and takes the droplet once it lands.
    void adoptedCreateOnItsWayIsNeverSentTwice()
    {
        const Account a = addSpec(*f, {QStringLiteral("Alpha"), 0, 5}, 1);
        const ProvisioningTask row = deadClaimersRow(QStringLiteral("order-late"), a.id, 1);
        QVERIFY(!row.id.isEmpty());
        f->clock.advance((kLeaseSecs + 1) * 1000); // the lease ran out, the grace did not

        OrderIntake intake(context(), options());
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        // Adopted (claimed by us), looked for more than once, nothing sent.
        QTRY_VERIFY_WITH_TIMEOUT(tagLookups(orderTag(row.orderId)) >= 3, 10000);
        QCOMPARE(stored(row.id).claimedBy, kMe);
        QCOMPARE(stored(row.id).status, TaskStatus::InProgress);
        QCOMPARE(creates(1), 0);
        QCOMPARE(done.size(), 0);

        // Its create lands now, as the dead claimer sent it.
        api::CreateDropletRequest create;
        create.name = row.dropletName;
        create.region = QStringLiteral("sgp1");
        create.size = QStringLiteral("s-1vcpu-1gb");
        create.image = QStringLiteral("ubuntu-24-04-x64");
        create.tags = {row.tag, orderTag(row.orderId)};
        bool landed = false;
        f->api->createDroplet(fakeToken(1), create, this,
                              [&](api::ApiResult<api::CreatedDroplet> r) { landed = r.ok(); });
        QTRY_VERIFY(landed);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        const ProvisioningTask t = stored(row.id);
        QCOMPARE(t.status, TaskStatus::Created);
        QCOMPARE(t.dropletId, f->server->createdDroplets(fakeToken(1)).first().id);
        QCOMPARE(f->server->createdDroplets(fakeToken(1)).size(), 1);
        QCOMPARE(creates(1), 1); // the dead claimer's only
    }

    // Nothing landed within the grace since the claimer's last write: provisioned afresh, once.
    void adoptedWithNothingAfterTheGraceIsProvisionedOnce()
    {
        const Account a = addSpec(*f, {QStringLiteral("Alpha"), 0, 5}, 1);
        const ProvisioningTask row = deadClaimersRow(QStringLiteral("order-lost"), a.id, 1);
        QVERIFY(!row.id.isEmpty());
        f->clock.advance((kLeaseSecs + 1) * 1000);

        OrderIntake intake(context(), options());
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        QTRY_VERIFY_WITH_TIMEOUT(tagLookups(orderTag(row.orderId)) >= 2, 10000);
        QCOMPARE(creates(1), 0);
        // The grace, counted from the claimer's last write (not from the adoption), ends.
        f->clock.set(row.updatedAt.addSecs(f->settings.uncertainGraceSecs + 1));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        const ProvisioningTask t = stored(row.id);
        QCOMPARE(t.status, TaskStatus::Created);
        QCOMPARE(creates(1), 1);
        QCOMPARE(f->server->droplets(fakeToken(1)).size(), 1);
    }

    // The claimer died between reserving a slot and recording its account: no create can have
    // gone out, so its slot is freed and the order can use it (the only one left).
    void adoptedBeforeAnyCreateFreesTheDeadClaimersSlot()
    {
        const Account small = addSpec(*f, {QStringLiteral("Small"), 0, 1}, 1);
        const ProvisioningTask row = deadClaimersRow(QStringLiteral("order-slot"), QString(), 0);
        QVERIFY(!row.id.isEmpty());
        const auto reserved =
            f->capacity->reserveSlot(small.id, row.id, f->clock.now().addSecs(3600));
        QVERIFY(reserved && reserved->has_value());
        f->clock.advance((kLeaseSecs + 1) * 1000);

        OrderIntake intake(context(), options());
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        const ProvisioningTask t = stored(row.id);
        QVERIFY2(t.status == TaskStatus::Created, qPrintable(t.error));
        QCOMPARE(t.doAccountId, small.id);
        QCOMPARE(creates(1), 1);
        QCOMPARE(f->server->droplets(fakeToken(1)).size(), 1);
    }

    // Another program changed the row while we worked (an admin, the order-service): nothing
    // of ours overwrites it, and nothing more is sent.
    void aRowTakenFromUsIsLeftAlone()
    {
        const Account a = addSpec(*f, {QStringLiteral("Alpha"), 0, 5}, 1);
        // DO is slow to confirm the account (but answers within the client's 1 s timeout, so a
        // create would follow): the row changes hands before the create.
        f->server->setLatencyMs(fakeToken(1), 500);
        const ProvisioningTask queued = enqueue(QStringLiteral("order-taken"));
        OrderIntake intake(context(), options());
        QSignalSpy done(&intake, &OrderIntake::orderDone);
        intake.start();
        QTRY_VERIFY_WITH_TIMEOUT(stored(queued.id).claimedBy == kMe, 10000);
        ProvisioningTask theirs = stored(queued.id);
        theirs.status = TaskStatus::Cancelled;
        theirs.claimedBy.clear();
        theirs.error = QStringLiteral("cancelled by the order-service");
        QVERIFY(f->tasks->updateTask(theirs));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        const ProvisioningTask t = stored(queued.id);
        QCOMPARE(t.status, TaskStatus::Cancelled);
        QCOMPARE(t.error, QStringLiteral("cancelled by the order-service"));
        QCOMPARE(creates(1), 0);
        QVERIFY(f->server->droplets(fakeToken(1)).isEmpty());
        QVERIFY(!a.id.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOrderIntake)
#include "tst_orderintake.moc"
