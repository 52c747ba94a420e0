// Provisioner on real parts (MemoryStore, DoApiClient over loopback, fake DO server): the
// happy path with the action followed, failover on DO's real 422, every fault
// on create failing over, "created but the answer was lost" found by tag without a duplicate,
// all full, unknown outcomes never retried, and 8 concurrent provisioners over 3 free slots.
#include "SelectionTestUtil.h"
#include "engine/Provisioner.h"
#include "engine/UncertainTasks.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;
using fakedo::RequestRecord;

// The task ended CREATED on the demo pool's account `index`, after `tries` attempts.
#define VERIFY_CREATED(result, index, tries)                                                       \
    do {                                                                                           \
        DOPOOL_VERIFY_OK(result);                                                                  \
        QCOMPARE((result)->value().status, TaskStatus::Created);                                   \
        QCOMPARE((result)->value().doAccountId, m_plan.at(index).id);                              \
        QCOMPARE((result)->value().attempts, tries);                                               \
    } while (false)

namespace {

const QString kOrderId = QStringLiteral("a1b2c3d4-0000-4000-8000-00000000beef");

// One provision()'s answer: like std::optional<Result<ProvisioningTask>> (empty until it
// arrived), plus the whole outcome when it succeeded.
struct ProvisionAnswer : std::optional<Result<ProvisioningTask>>
{
    std::optional<ProvisionOutcome> outcome;
};

// Runs one provision() and waits (event loop, no sleep) up to 20 s for its answer; empty when
// none came. The answer is shared with the callback, which may outlive a wait that failed.
ProvisionAnswer provisionAndWait(Provisioner &provisioner, const ProvisionRequest &request)
{
    const auto answer = std::make_shared<ProvisionAnswer>();
    provisioner.provision(request, [answer](Result<ProvisionOutcome> result) {
        if (result) {
            answer->outcome = *result;
            answer->emplace(result->task);
        } else {
            answer->emplace(result.error());
        }
    });
    if (!QTest::qWaitFor([&answer] { return answer->has_value(); }, 20000))
        return {};
    return *answer;
}

ProvisionRequest order(const QString &id = kOrderId)
{
    ProvisionRequest request;
    request.orderId = id;
    return request;
}

ProvisionRequest orderWaiting(const QString &id = kOrderId)
{
    ProvisionRequest request = order(id);
    request.wait = true;
    return request;
}

} // namespace

class TestProvisioner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;
    QList<Account> m_plan; // the demo pool's three accounts, tokens 1..3

    int requests(int token, const QString &method, const QString &path) const
    {
        RequestFilter filter;
        filter.method = method;
        filter.pathPrefix = path;
        filter.account = f->server->accountId(fakeToken(token));
        return f->server->requestCount(filter);
    }
    int tagLookups(int token) const
    {
        int n = 0;
        const QString uuid = f->server->accountId(fakeToken(token));
        for (const RequestRecord &r : f->server->requests())
            n += r.account == uuid && r.query.contains(QLatin1String("tag_name=")) ? 1 : 0;
        return n;
    }
    int createdTotal() const
    {
        int n = 0;
        for (int t = 1; t <= 3; ++t)
            n += int(f->server->createdDroplets(fakeToken(t)).size());
        return n;
    }

private Q_SLOTS:
    void initTestCase() { startLogCapture(); }
    void cleanupTestCase() { stopLogCapture(); }
    void init()
    {
        f = startSelectionFixture();
        QVERIFY(f);
        f->settings.actionPollIntervalMs = 10;
        f->settings.actionPollTimeoutMs = 3000;
        m_plan = addPlanAccounts(*f);
    }
    void cleanup()
    {
        f.reset();
        QVERIFY(noTokenLogged(4));
    }

    void happyPath()
    {
        Provisioner provisioner(f->context());
        QSignalSpy updates(&provisioner, &Provisioner::taskUpdated);
        const ProvisionAnswer r = provisionAndWait(provisioner, orderWaiting());
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        const ProvisioningTask &task = r->value();
        QCOMPARE(task.status, TaskStatus::Created);
        QCOMPARE(task.doAccountId, m_plan.at(0).id); // the primary has room
        QCOMPARE(task.dropletName, QStringLiteral("webrana-a1b2c3d4"));
        QCOMPARE(task.tag, QStringLiteral("dopool-task-") + task.id);
        QCOMPARE(task.region, QStringLiteral("sgp1"));
        QCOMPARE(task.attempts, 1);
        QVERIFY(task.error.isEmpty());
        const QList<fakedo::FakeDroplet> created = f->server->createdDroplets(fakeToken(1));
        QCOMPARE(created.size(), 1);
        QCOMPARE(task.dropletId, created.first().id);
        QCOMPARE(created.first().tags,
                 (QStringList{task.tag, QStringLiteral("dopool-order-") + kOrderId}));
        QCOMPARE(requests(1, QStringLiteral("GET"), QStringLiteral("/v2/actions/")), 2);
        QVERIFY(!r.outcome->existing);
        QCOMPARE(r.outcome->dropletStatus, QStringLiteral("active"));
        QCOMPARE(f->server->droplets(fakeToken(1)).size(), 21); // the action completed

        QCOMPARE(f->tasks->findTask(task.id)->status, TaskStatus::Created);
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 21);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0);
        QVERIFY(updates.size() >= 3);
        // Claimed from the first write: IN_PROGRESS, claimed by this instance, under a lease.
        const ProvisioningTask first = updates.first().first().value<ProvisioningTask>();
        QCOMPARE(first.status, TaskStatus::InProgress);
        QVERIFY(first.isClaimed());
        QVERIFY(first.claimExpiresAt > f->clock.now());
        QCOMPARE(updates.at(1).first().value<ProvisioningTask>().status, TaskStatus::InProgress);
        QVERIFY(!task.claimExpiresAt.isValid()); // done: nothing to adopt
        QCOMPARE(updates.last().first().value<ProvisioningTask>().status, TaskStatus::Created);
    }

    void requestOverridesDefaults()
    {
        ProvisionRequest request = order();
        request.region = QStringLiteral("fra1");
        request.size = QStringLiteral("s-2vcpu-4gb");
        request.image = QStringLiteral("debian-12-x64");
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, request);
        QVERIFY(r.has_value());
        QVERIFY(r->ok());
        const fakedo::FakeDroplet d = f->server->createdDroplets(fakeToken(1)).first();
        QCOMPARE(d.region, QStringLiteral("fra1"));
        QCOMPARE(d.size, QStringLiteral("s-2vcpu-4gb"));
        QCOMPARE(d.image, QStringLiteral("debian-12-x64"));
    }

    void invalidOrderIdIsRefused()
    {
        Provisioner provisioner(f->context());
        const ProvisionAnswer empty = provisionAndWait(provisioner, order(QStringLiteral("  ")));
        QVERIFY(empty.has_value());
        QCOMPARE(empty->error().kind, ErrorKind::Validation);
        const ProvisionAnswer bad =
            provisionAndWait(provisioner, order(QStringLiteral("ab_cd/12")));
        QVERIFY(bad.has_value());
        QCOMPARE(bad->error().kind, ErrorKind::Validation);
        QCOMPARE(f->tasks->listTasks(10)->size(), 0);
        QCOMPARE(f->server->requestCount(), 0);
    }

    // Failover end to end: the primary fills up between the refresh and the create, so DO
    // answers with its real 422; the droplet goes to the next account.
    void failoverWhenDoLimitReached()
    {
        const QString primaryUuid = f->server->accountId(fakeToken(1));
        bool filled = false;
        QObject guard;
        connect(f->server.get(), &fakedo::FakeDoServer::requestReceived, &guard,
                [&](const RequestRecord &r) {
                    if (!filled && r.account == primaryUuid && r.method == QLatin1String("GET") &&
                        r.path == QLatin1String("/v2/droplets")) {
                        filled = true; // answered with 20 already: someone else fills it now
                        f->server->setDropletCount(fakeToken(1), 25);
                    }
                });
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        VERIFY_CREATED(r, 1, 2);
        QCOMPARE(f->server->overLimitAttempts(), 1);
        QCOMPARE(f->server->createdDroplets(fakeToken(2)).size(), 1);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 25); // marked full
        QCOMPARE(f->reload(m_plan.at(1).id).activeDroplets, 6);
        QCOMPARE(tagLookups(1), 0); // a 422 is a clear "no": nothing to look for
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0);
    }

    void allFullFails()
    {
        f->server->setDropletCount(fakeToken(1), 25);
        f->server->setDropletCount(fakeToken(2), 25);
        Provisioner provisioner(f->context());
        QSignalSpy updates(&provisioner, &Provisioner::taskUpdated);
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->error().kind, ErrorKind::AllFull);
        QCOMPARE(r->error().exitCode(), 3);
        const ProvisioningTask last = updates.last().first().value<ProvisioningTask>();
        QCOMPARE(last.status, TaskStatus::Failed);
        QCOMPARE(last.attempts, 0);
        QCOMPARE(f->tasks->findTask(last.id)->status, TaskStatus::Failed);
        QCOMPARE(f->tasks->findTask(last.id)->error, r->error().message);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 0);
    }

    void faultOnCreateFailsOver_data()
    {
        QTest::addColumn<FaultKind>("fault");
        QTest::addColumn<AccountHealth>("health");
        QTest::addColumn<int>("lookups");
        QTest::newRow("401") << FaultKind::Unauthorized << AccountHealth::Unhealthy << 0;
        QTest::newRow("403") << FaultKind::Forbidden << AccountHealth::Unhealthy << 0;
        QTest::newRow("429") << FaultKind::TooManyRequests << AccountHealth::Degraded << 1;
    }
    void faultOnCreateFailsOver()
    {
        QFETCH(FaultKind, fault);
        QFETCH(AccountHealth, health);
        QFETCH(int, lookups);
        f->server->injectFault(fakeToken(1), Fault{fault, Endpoint::DropletCreate, 1});
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        VERIFY_CREATED(r, 1, 2);
        QCOMPARE(requests(1, QStringLiteral("POST"), QStringLiteral("/v2/droplets")), 1);
        QCOMPARE(tagLookups(1), lookups);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(f->reload(m_plan.at(0).id).healthStatus, health);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0);
        QCOMPARE(f->capacity->openReservations(m_plan.at(1).id).value(), 0);
    }

    // DO created the droplet but the answer never came: found by its tag, never re-created.
    void createdButAnswerLost_data()
    {
        QTest::addColumn<FaultKind>("fault");
        QTest::newRow("create then hang") << FaultKind::CreateThenHang;
        QTest::newRow("create then reset") << FaultKind::CreateThenReset;
    }
    void createdButAnswerLost()
    {
        QFETCH(FaultKind, fault);
        f->server->injectFault(fakeToken(1), Fault{fault, Endpoint::DropletCreate, 1});
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        VERIFY_CREATED(r, 0, 1);
        const QList<fakedo::FakeDroplet> created = f->server->createdDroplets(fakeToken(1));
        QCOMPARE(created.size(), 1);
        QCOMPARE(r->value().dropletId, created.first().id);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(requests(1, QStringLiteral("POST"), QStringLiteral("/v2/droplets")), 1);
        QCOMPARE(tagLookups(1), 1);
        for (int t = 1; t <= 3; ++t)
            QVERIFY(f->server->duplicateNames(fakeToken(t)).isEmpty());
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 21);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0);
    }

    // The create failed and every look-up in the window too: whether the droplet exists is
    // unknown, so it is not tried anywhere else, the task stays UNCERTAIN, its slot held.
    void unknownOutcomeIsNotRetried()
    {
        f->settings.uncertainWindowMs = 300;
        f->settings.uncertainIntervalMs = 50;
        f->server->injectFault(fakeToken(1),
                               Fault{FaultKind::ServerError, Endpoint::DropletCreate, 1});
        QObject guard; // once the create is in, every lookup fails as well
        connect(f->server.get(), &fakedo::FakeDoServer::requestReceived, &guard,
                [this](const RequestRecord &r) {
                    if (r.endpoint == Endpoint::DropletCreate)
                        f->server->injectFault(
                            fakeToken(1), Fault{FaultKind::ServerError, Endpoint::DropletsList});
                });
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->error().kind, ErrorKind::Api);
        QVERIFY2(r->error().message.contains(QLatin1String("dopool-task-")) &&
                     r->error().message.contains(QLatin1String("UNCERTAIN")),
                 qPrintable(r->error().message));
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QVERIFY(tagLookups(1) >= 2);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 1);
        const ProvisioningTask task = f->tasks->listTasks(1)->first();
        QCOMPARE(task.status, TaskStatus::Uncertain);
        QCOMPARE(task.error, r->error().message);
    }

    // doctl's convention: without wait, done comes as soon as DO accepted the droplet.
    void returnsAtOnceWithoutWait()
    {
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().status, TaskStatus::Created);
        QVERIFY(r->value().dropletId > 0);
        QCOMPARE(r.outcome->dropletStatus, QStringLiteral("new"));
        QCOMPARE(requests(1, QStringLiteral("GET"), QStringLiteral("/v2/actions/")), 0);
    }

    // One droplet per order: the second provision of an order gets the first's task back and
    // sends nothing; another makes a second droplet on purpose, and the order's own task is
    // still the answer afterwards.
    void sameOrderTwiceMakesOneDroplet()
    {
        Provisioner provisioner(f->context());
        const ProvisionAnswer first = provisionAndWait(provisioner, order());
        QVERIFY(first.has_value());
        QVERIFY(first->ok());
        QVERIFY(!first.outcome->existing);
        const ProvisionAnswer second = provisionAndWait(provisioner, order());
        QVERIFY(second.has_value());
        DOPOOL_VERIFY_OK(*second);
        QVERIFY(second.outcome->existing);
        QCOMPARE(second->value().id, first->value().id);
        QCOMPARE(second->value().dropletId, first->value().dropletId);
        QCOMPARE(second->value().status, TaskStatus::Created);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(f->tasks->listTasks(0)->size(), 1);

        ProvisionRequest another = order();
        another.another = true;
        const ProvisionAnswer third = provisionAndWait(provisioner, another);
        QVERIFY(third.has_value());
        QVERIFY(third->ok());
        QVERIFY(!third.outcome->existing);
        QVERIFY(third->value().extra);
        QVERIFY(third->value().dropletId != first->value().dropletId);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 2);
        QCOMPARE(createdTotal(), 2);

        const ProvisionAnswer fourth = provisionAndWait(provisioner, order());
        QVERIFY(fourth.has_value());
        QVERIFY(fourth->ok());
        QVERIFY(fourth.outcome->existing);
        QCOMPARE(fourth->value().id, first->value().id);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 2);
    }

    // Provisioners of one order at once (a double click, a retried job): one create in all.
    void concurrentSameOrderMakesOneDroplet()
    {
        constexpr int kProvisioners = 4;
        std::vector<std::unique_ptr<Provisioner>> provisioners;
        QList<std::optional<Result<ProvisionOutcome>>> results(kProvisioners);
        for (int i = 0; i < kProvisioners; ++i) {
            provisioners.push_back(std::make_unique<Provisioner>(f->context()));
            provisioners.back()->provision(order(), [&results, i](Result<ProvisionOutcome> r) {
                results[i].emplace(std::move(r));
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(results.cbegin(), results.cend(),
                                             [](const auto &r) { return r.has_value(); }),
                                 30000);
        int fresh = 0;
        QSet<QString> taskIds;
        for (const auto &r : std::as_const(results)) {
            DOPOOL_VERIFY_OK(*r);
            fresh += r->value().existing ? 0 : 1;
            taskIds.insert(r->value().task.id);
        }
        QCOMPARE(fresh, 1);
        QCOMPARE(taskIds.size(), 1);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(createdTotal(), 1);
    }

    // A create without a clear answer that DO never carries out: looked for over the window,
    // never tried elsewhere, the task left UNCERTAIN with its slot held.
    void ambiguousCreateStaysUncertain_data()
    {
        QTest::addColumn<FaultKind>("fault");
        QTest::newRow("500") << FaultKind::ServerError;
        QTest::newRow("hang") << FaultKind::Hang;
        QTest::newRow("garbage") << FaultKind::GarbageBody;
        QTest::newRow("reset") << FaultKind::ConnectionReset;
        QTest::newRow("504, never lands") << FaultKind::LateCreate504;
        QTest::newRow("hang, never lands") << FaultKind::LateCreateHang;
    }
    void ambiguousCreateStaysUncertain()
    {
        QFETCH(FaultKind, fault);
        f->settings.uncertainWindowMs = 600;
        f->settings.uncertainIntervalMs = 100;
        Fault never{fault, Endpoint::DropletCreate, 1};
        never.createDelayMs = -1;
        f->server->injectFault(fakeToken(1), never);
        Provisioner provisioner(f->context());
        QSignalSpy updates(&provisioner, &Provisioner::taskUpdated);
        QElapsedTimer elapsed;
        elapsed.start();
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QVERIFY(elapsed.elapsed() >= 600); // the whole window was spent looking
        QCOMPARE(r->error().kind, ErrorKind::Api);
        QVERIFY2(r->error().message.contains(QLatin1String("UNCERTAIN")),
                 qPrintable(r->error().message));
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1); // no failover
        QCOMPARE(requests(2, QStringLiteral("POST"), QStringLiteral("/v2/droplets")), 0);
        QVERIFY(tagLookups(1) >= 3);
        QCOMPARE(createdTotal(), 0);
        const ProvisioningTask task = f->tasks->listTasks(1)->first();
        QCOMPARE(task.status, TaskStatus::Uncertain);
        QCOMPARE(task.doAccountId, m_plan.at(0).id);
        QCOMPARE(task.attempts, 1);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 1); // still held
        QCOMPARE(updates.last().first().value<ProvisioningTask>().status, TaskStatus::Uncertain);
    }

    // DO answers the create with a 504 or not at all, and the droplet appears only after the
    // client gave up: it is found over the window, on the first account, never created twice.
    void lateCreateIsFoundNotDuplicated_data()
    {
        QTest::addColumn<FaultKind>("fault");
        QTest::addColumn<int>("landsAfterMs");
        QTest::newRow("504, lands 800 ms later") << FaultKind::LateCreate504 << 800;
        // The client's timeout is 1 s (fastClientOptions).
        QTest::newRow("hang, lands after the client timed out")
            << FaultKind::LateCreateHang << 2500;
    }
    void lateCreateIsFoundNotDuplicated()
    {
        QFETCH(FaultKind, fault);
        QFETCH(int, landsAfterMs);
        f->settings.uncertainWindowMs = 10000;
        f->settings.uncertainIntervalMs = 100;
        f->settings.uncertainMaxIntervalMs = 200;
        Fault late{fault, Endpoint::DropletCreate, 1};
        late.createDelayMs = landsAfterMs;
        f->server->injectFault(fakeToken(1), late);
        Provisioner provisioner(f->context());
        QSignalSpy updates(&provisioner, &Provisioner::taskUpdated);
        int createdWhenUncertain = -1; // droplets on DO when the client had its error
        connect(&provisioner, &Provisioner::taskUpdated, this, [&](const ProvisioningTask &t) {
            if (t.status == TaskStatus::Uncertain && createdWhenUncertain < 0)
                createdWhenUncertain = int(f->server->createdDroplets(fakeToken(1)).size());
        });
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(createdWhenUncertain, 0); // the client gave up before the droplet landed
        QCOMPARE(r->value().status, TaskStatus::Created);
        QCOMPARE(r->value().doAccountId, m_plan.at(0).id);
        QCOMPARE(r->value().attempts, 1);
        const QList<fakedo::FakeDroplet> created = f->server->createdDroplets(fakeToken(1));
        QCOMPARE(created.size(), 1);
        QCOMPARE(r->value().dropletId, created.first().id);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QVERIFY(tagLookups(1) >= 2);
        bool wasUncertain = false;
        for (const QList<QVariant> &update : std::as_const(updates))
            wasUncertain |=
                update.first().value<ProvisioningTask>().status == TaskStatus::Uncertain;
        QVERIFY(wasUncertain);
        QCOMPARE(f->tasks->findTask(r->value().id)->status, TaskStatus::Created);
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 21);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0);
    }

    // Left UNCERTAIN, then the droplet lands: a later round finds it (CREATED with its id), and
    // the next provision of the order returns it without a second create.
    void uncertainTaskSettledLater()
    {
        f->settings.uncertainWindowMs = 200;
        f->settings.uncertainIntervalMs = 50;
        Fault late{FaultKind::LateCreate504, Endpoint::DropletCreate, 1};
        late.createDelayMs = 4000; // well after the window and the first round below
        f->server->injectFault(fakeToken(1), late);
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        const QString taskId = f->tasks->listTasks(1)->first().id;
        QCOMPARE(f->tasks->findTask(taskId)->status, TaskStatus::Uncertain);

        UncertainTasks uncertain(f->context());
        std::optional<int> left;
        uncertain.resolveAll([&left](int n) { left = n; });
        QTRY_VERIFY_WITH_TIMEOUT(left.has_value(), 10000);
        QCOMPARE(*left, 1); // not there yet, and within the grace
        QCOMPARE(f->tasks->findTask(taskId)->status, TaskStatus::Uncertain);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 1); // its slot held

        QTRY_COMPARE_WITH_TIMEOUT(f->server->pendingLateCreates(), 0, 10000);
        left.reset();
        uncertain.resolveAll([&left](int n) { left = n; });
        QTRY_VERIFY_WITH_TIMEOUT(left.has_value(), 10000);
        QCOMPARE(*left, 0);
        const ProvisioningTask settled = f->tasks->findTask(taskId).value();
        QCOMPARE(settled.status, TaskStatus::Created);
        QCOMPARE(settled.dropletId, f->server->createdDroplets(fakeToken(1)).first().id);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0); // now the droplet
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 21);

        const ProvisionAnswer again = provisionAndWait(provisioner, order());
        QVERIFY(again.has_value());
        QVERIFY(again->ok());
        QVERIFY(again.outcome->existing);
        QCOMPARE(again->value().id, taskId);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(createdTotal(), 1);
    }

    // Never lands: within the grace the order's next provision only looks again (no create);
    // past it the task is FAILED with the reason and the order can be provisioned anew.
    void uncertainTaskFailsAfterGrace()
    {
        f->settings.uncertainWindowMs = 200;
        f->settings.uncertainIntervalMs = 50;
        f->settings.uncertainGraceSecs = 300;
        Fault never{FaultKind::LateCreate504, Endpoint::DropletCreate, 1};
        f->server->injectFault(fakeToken(1), never);
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, order());
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        const QString taskId = f->tasks->listTasks(1)->first().id;

        const ProvisionAnswer within = provisionAndWait(provisioner, order());
        QVERIFY(within.has_value());
        QVERIFY(!within->ok());
        QCOMPARE(within->error().kind, ErrorKind::Api);
        QVERIFY2(within->error().message.contains(QLatin1String("UNCERTAIN")),
                 qPrintable(within->error().message));
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(f->tasks->findTask(taskId)->status, TaskStatus::Uncertain);

        f->clock.advance(301 * 1000);
        UncertainTasks uncertain(f->context());
        std::optional<int> left;
        uncertain.resolveAll([&left](int n) { left = n; });
        QTRY_VERIFY_WITH_TIMEOUT(left.has_value(), 10000);
        QCOMPARE(*left, 0);
        const ProvisioningTask failed = f->tasks->findTask(taskId).value();
        QCOMPARE(failed.status, TaskStatus::Failed);
        QVERIFY2(failed.error.contains(failed.tag), qPrintable(failed.error));
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0); // given back
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 20);

        const ProvisionAnswer anew = provisionAndWait(provisioner, order());
        QVERIFY(anew.has_value());
        DOPOOL_VERIFY_OK(*anew);
        QVERIFY(!anew.outcome->existing);
        QVERIFY(anew->value().id != taskId);
        QCOMPARE(anew->value().status, TaskStatus::Created);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 2);
        QCOMPARE(createdTotal(), 1);
    }

    // A provisioner that died mid-way leaves its task IN_PROGRESS: while it may still be alive
    // the order's next provision returns that task and creates nothing; once the task has not
    // moved for the grace it is settled (no droplet carries its tags: FAILED) and the order
    // gets its droplet.
    // The order-service's own flow: it moved its row to IN_PROGRESS itself (claimed by
    // nobody) and creates the droplet with its own code. Never dopool's to settle or redo.
    void orderServicesOwnTaskUntouched()
    {
        f->settings.uncertainGraceSecs = 300;
        ProvisioningTask theirs;
        theirs.orderId = kOrderId;
        theirs.status = TaskStatus::InProgress;
        theirs.doAccountId = m_plan.at(0).id;
        Result<ProvisioningTask> inserted = f->tasks->insertTask(theirs);
        DOPOOL_VERIFY_OK(inserted);
        f->clock.advance(3600 * 1000);
        Provisioner provisioner(f->context());
        const ProvisionAnswer again = provisionAndWait(provisioner, order());
        QVERIFY(again.has_value());
        QVERIFY(again->ok());
        QVERIFY(again.outcome->existing);
        QCOMPARE(again->value().id, inserted->id);
        UncertainTasks uncertain(f->context());
        bool settled = false;
        uncertain.resolveAll([&settled](int) { settled = true; });
        QTRY_VERIFY(settled);
        const ProvisioningTask now = f->tasks->findTask(inserted->id).value();
        QCOMPARE(now.status, TaskStatus::InProgress);
        QCOMPARE(now.updatedAt, inserted->updatedAt);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 0);
        QCOMPARE(tagLookups(1), 0);
    }

    void abandonedTaskDoesNotBlockTheOrder()
    {
        f->settings.uncertainGraceSecs = 300;
        ProvisioningTask stale;
        stale.orderId = kOrderId;
        stale.status = TaskStatus::InProgress;
        stale.doAccountId = m_plan.at(0).id;
        stale.dropletName = QStringLiteral("webrana-a1b2c3d4");
        stale.claimedBy = QStringLiteral("dopool"); // dopool's own, from before leases
        Result<ProvisioningTask> inserted = f->tasks->insertTask(stale);
        DOPOOL_VERIFY_OK(inserted);
        stale = *inserted;
        stale.tag = QStringLiteral("dopool-task-") + stale.id;
        DOPOOL_VERIFY_OK(f->tasks->updateTask(stale));

        Provisioner provisioner(f->context());
        const ProvisionAnswer alive = provisionAndWait(provisioner, order());
        QVERIFY(alive.has_value());
        QVERIFY(alive->ok());
        QVERIFY(alive.outcome->existing);
        QCOMPARE(alive->value().id, stale.id);
        QCOMPARE(alive->value().status, TaskStatus::InProgress);
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 0);

        f->clock.advance(301 * 1000);
        const ProvisionAnswer anew = provisionAndWait(provisioner, order());
        QVERIFY(anew.has_value());
        DOPOOL_VERIFY_OK(*anew);
        QVERIFY(!anew.outcome->existing);
        QVERIFY(anew->value().id != stale.id);
        QCOMPARE(anew->value().status, TaskStatus::Created);
        QCOMPARE(tagLookups(1), 1); // the stale task's droplet was looked for first
        const ProvisioningTask settled = f->tasks->findTask(stale.id).value();
        QCOMPARE(settled.status, TaskStatus::Failed);
        QVERIFY2(settled.error.contains(QLatin1String("abandoned")), qPrintable(settled.error));
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
    }

    void actionStillRunningLeavesCreatedWithNote()
    {
        f->server->setActionCompletionDelay(3600 * 1000); // by the fixture's manual clock
        f->settings.actionPollTimeoutMs = 100;
        Provisioner provisioner(f->context());
        const ProvisionAnswer r = provisionAndWait(provisioner, orderWaiting());
        QVERIFY(r.has_value());
        QVERIFY(r->ok());
        QCOMPARE(r->value().status, TaskStatus::Created);
        QVERIFY(r->value().dropletId > 0);
        QVERIFY2(r->value().error.contains(QLatin1String("still in progress")),
                 qPrintable(r->value().error));
    }

    // 8 provisioners at once over 3 free slots: exactly 3 droplets, never one too many.
    void concurrentProvisioners()
    {
        f->server->setDropletCount(fakeToken(1), 23); // 2 free
        f->server->setDropletCount(fakeToken(2), 24); // 1 free
        f->server->setDropletCount(fakeToken(3), 25);
        std::vector<std::unique_ptr<Provisioner>> provisioners;
        QList<std::optional<Result<ProvisioningTask>>> results(8);
        for (int i = 0; i < 8; ++i) {
            provisioners.push_back(std::make_unique<Provisioner>(f->context()));
            const QString id = QStringLiteral("%1-order").arg(10000000 + i);
            provisioners.back()->provision(order(id), [&results, i](Result<ProvisionOutcome> r) {
                if (r)
                    results[i].emplace(r->task);
                else
                    results[i].emplace(r.error());
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(results.cbegin(), results.cend(),
                                             [](const auto &r) { return r.has_value(); }),
                                 30000);
        int created = 0;
        int allFull = 0;
        for (const auto &r : std::as_const(results)) {
            created += r->ok() && r->value().status == TaskStatus::Created ? 1 : 0;
            allFull += !r->ok() && r->error().kind == ErrorKind::AllFull ? 1 : 0;
        }
        QCOMPARE(created, 3);
        QCOMPARE(allFull, 5);
        QCOMPARE(f->server->overLimitAttempts(), 0);
        QCOMPARE(createdTotal(), 3);
        for (int t = 1; t <= 3; ++t)
            QVERIFY(f->server->duplicateNames(fakeToken(t)).isEmpty());
        int failedRows = 0;
        const QList<ProvisioningTask> tasks = f->tasks->listTasks(20).value();
        for (const ProvisioningTask &task : tasks)
            failedRows += task.status == TaskStatus::Failed ? 1 : 0;
        QCOMPARE(failedRows, 5);
        QCOMPARE(f->capacity->openReservations(m_plan.at(0).id).value(), 0);
        QCOMPARE(f->capacity->openReservations(m_plan.at(1).id).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProvisioner)
#include "tst_provisioner.moc"
