// Provisioner on real parts (SQLite store, DoApiClient over loopback, fake DO server): the
// happy path with the action followed, the plan's E2E failover on DO's real 422, every fault
// on create failing over, "created but the answer was lost" found by tag without a duplicate,
// all full, unknown outcomes never retried, and 8 concurrent provisioners over 3 free slots.
#include "SelectionTestUtil.h"
#include "engine/Provisioner.h"

#include <QSignalSpy>
#include <QTest>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::enginetest;
using fakedo::Endpoint;
using fakedo::Fault;
using fakedo::FaultKind;
using fakedo::RequestFilter;
using fakedo::RequestRecord;

Q_DECLARE_METATYPE(dopool::fakedo::FaultKind)

// Runs one provision() and waits (event loop, no sleep) for its end.
#define PROVISION(provisioner, request, result)                                                    \
    std::optional<Result<ProvisioningTask>> result;                                                \
    (provisioner).provision((request), [&result](Result<ProvisioningTask> answer_) {               \
        result.emplace(std::move(answer_));                                                        \
    });                                                                                            \
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000)

namespace {

const QString kOrderId = QStringLiteral("a1b2c3d4-0000-4000-8000-00000000beef");

ProvisionRequest order(const QString &id = kOrderId)
{
    ProvisionRequest request;
    request.orderId = id;
    return request;
}

} // namespace

class TestProvisioner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;
    QList<Account> m_plan; // the plan's three accounts, tokens 1..3

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
        g_selectionLogLines.clear();
        f = std::make_unique<EngineFixture>();
        api::ClientOptions options = fastClientOptions();
        options.networkManagers = 8;
        QVERIFY(f->setUp(options));
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
        PROVISION(provisioner, order(), r);
        QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().message));
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
        QCOMPARE(created.first().tags, QStringList{task.tag});
        QCOMPARE(requests(1, QStringLiteral("GET"), QStringLiteral("/v2/actions/")), 2);
        QCOMPARE(f->server->droplets(fakeToken(1)).size(), 21); // the action completed

        QCOMPARE(f->store->findTask(task.id)->status, TaskStatus::Created);
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 21);
        QCOMPARE(f->store->openReservations(m_plan.at(0).id).value(), 0);
        QVERIFY(updates.size() >= 3);
        QCOMPARE(updates.first().first().value<ProvisioningTask>().status, TaskStatus::Pending);
        QCOMPARE(updates.at(1).first().value<ProvisioningTask>().status, TaskStatus::InProgress);
        QCOMPARE(updates.last().first().value<ProvisioningTask>().status, TaskStatus::Created);
    }

    void requestOverridesDefaults()
    {
        ProvisionRequest request = order();
        request.region = QStringLiteral("fra1");
        request.size = QStringLiteral("s-2vcpu-4gb");
        request.image = QStringLiteral("debian-12-x64");
        Provisioner provisioner(f->context());
        PROVISION(provisioner, request, r);
        QVERIFY(r->ok());
        const fakedo::FakeDroplet d = f->server->createdDroplets(fakeToken(1)).first();
        QCOMPARE(d.region, QStringLiteral("fra1"));
        QCOMPARE(d.size, QStringLiteral("s-2vcpu-4gb"));
        QCOMPARE(d.image, QStringLiteral("debian-12-x64"));
    }

    void invalidOrderIdIsRefused()
    {
        Provisioner provisioner(f->context());
        PROVISION(provisioner, order(QStringLiteral("  ")), empty);
        QCOMPARE(empty->error().kind, ErrorKind::Validation);
        PROVISION(provisioner, order(QStringLiteral("ab_cd/12")), bad);
        QCOMPARE(bad->error().kind, ErrorKind::Validation);
        QCOMPARE(f->store->listTasks(10)->size(), 0);
        QCOMPARE(f->server->requestCount(), 0);
    }

    // The plan's E2E case: the primary fills up between the refresh and the create, so DO
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
        PROVISION(provisioner, order(), r);
        QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().message));
        QCOMPARE(r->value().status, TaskStatus::Created);
        QCOMPARE(r->value().doAccountId, m_plan.at(1).id);
        QCOMPARE(r->value().attempts, 2);
        QCOMPARE(f->server->overLimitAttempts(), 1);
        QCOMPARE(f->server->createdDroplets(fakeToken(2)).size(), 1);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 25); // marked full
        QCOMPARE(f->reload(m_plan.at(1).id).activeDroplets, 6);
        QCOMPARE(tagLookups(1), 0); // a 422 is a clear "no": nothing to look for
        QCOMPARE(f->store->openReservations(m_plan.at(0).id).value(), 0);
    }

    void allFullFails()
    {
        f->server->setDropletCount(fakeToken(1), 25);
        f->server->setDropletCount(fakeToken(2), 25);
        Provisioner provisioner(f->context());
        QSignalSpy updates(&provisioner, &Provisioner::taskUpdated);
        PROVISION(provisioner, order(), r);
        QVERIFY(!r->ok());
        QCOMPARE(r->error().kind, ErrorKind::AllFull);
        QCOMPARE(r->error().exitCode(), 3);
        const ProvisioningTask last = updates.last().first().value<ProvisioningTask>();
        QCOMPARE(last.status, TaskStatus::Failed);
        QCOMPARE(last.attempts, 0);
        QCOMPARE(f->store->findTask(last.id)->status, TaskStatus::Failed);
        QCOMPARE(f->store->findTask(last.id)->error, r->error().message);
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
        QTest::newRow("500") << FaultKind::ServerError << AccountHealth::Degraded << 1;
        QTest::newRow("hang") << FaultKind::Hang << AccountHealth::Degraded << 1;
        QTest::newRow("garbage") << FaultKind::GarbageBody << AccountHealth::Degraded << 1;
        QTest::newRow("reset") << FaultKind::ConnectionReset << AccountHealth::Degraded << 1;
    }
    void faultOnCreateFailsOver()
    {
        QFETCH(FaultKind, fault);
        QFETCH(AccountHealth, health);
        QFETCH(int, lookups);
        f->server->injectFault(fakeToken(1), Fault{fault, Endpoint::DropletCreate, 1});
        Provisioner provisioner(f->context());
        PROVISION(provisioner, order(), r);
        QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().message));
        QCOMPARE(r->value().status, TaskStatus::Created);
        QCOMPARE(r->value().doAccountId, m_plan.at(1).id);
        QCOMPARE(r->value().attempts, 2);
        QCOMPARE(requests(1, QStringLiteral("POST"), QStringLiteral("/v2/droplets")), 1);
        QCOMPARE(tagLookups(1), lookups);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(f->reload(m_plan.at(0).id).healthStatus, health);
        QCOMPARE(f->store->openReservations(m_plan.at(0).id).value(), 0);
        QCOMPARE(f->store->openReservations(m_plan.at(1).id).value(), 0);
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
        PROVISION(provisioner, order(), r);
        QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().message));
        QCOMPARE(r->value().status, TaskStatus::Created);
        QCOMPARE(r->value().doAccountId, m_plan.at(0).id);
        QCOMPARE(r->value().attempts, 1);
        const QList<fakedo::FakeDroplet> created = f->server->createdDroplets(fakeToken(1));
        QCOMPARE(created.size(), 1);
        QCOMPARE(r->value().dropletId, created.first().id);
        QCOMPARE(createdTotal(), 1);
        QCOMPARE(requests(1, QStringLiteral("POST"), QStringLiteral("/v2/droplets")), 1);
        QCOMPARE(tagLookups(1), 1);
        for (int t = 1; t <= 3; ++t)
            QVERIFY(f->server->duplicateNames(fakeToken(t)).isEmpty());
        QCOMPARE(f->reload(m_plan.at(0).id).activeDroplets, 21);
        QCOMPARE(f->store->openReservations(m_plan.at(0).id).value(), 0);
    }

    // The create failed and the lookup too: whether the droplet exists is unknown, so it is
    // not tried anywhere else, and its slot stays held.
    void unknownOutcomeIsNotRetried()
    {
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
        PROVISION(provisioner, order(), r);
        QVERIFY(!r->ok());
        QCOMPARE(r->error().kind, ErrorKind::Api);
        QVERIFY2(r->error().message.contains(QLatin1String("dopool-task-")),
                 qPrintable(r->error().message));
        QCOMPARE(f->server->requestCount({QStringLiteral("POST"), {}, {}}), 1);
        QCOMPARE(f->store->openReservations(m_plan.at(0).id).value(), 1);
        QCOMPARE(f->store->listTasks(1)->first().status, TaskStatus::Failed);
    }

    void actionStillRunningLeavesCreatedWithNote()
    {
        f->server->setActionCompletionDelay(3600 * 1000); // by the fixture's manual clock
        f->settings.actionPollTimeoutMs = 100;
        Provisioner provisioner(f->context());
        PROVISION(provisioner, order(), r);
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
            provisioners.back()->provision(order(id), [&results, i](Result<ProvisioningTask> r) {
                results[i].emplace(std::move(r));
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
        const QList<ProvisioningTask> tasks = f->store->listTasks(20).value();
        for (const ProvisioningTask &task : tasks)
            failedRows += task.status == TaskStatus::Failed ? 1 : 0;
        QCOMPARE(failedRows, 5);
        QCOMPARE(f->store->openReservations(m_plan.at(0).id).value(), 0);
        QCOMPARE(f->store->openReservations(m_plan.at(1).id).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProvisioner)
#include "tst_provisioner.moc"
