// The order-intake contract end to end, with the order-service's real client: a TypeScript
// stand-in on Prisma Client 7 (OrderServiceProcess.h) and three real `dopool-cli serve`
// processes on one throwaway PostgreSQL database, against the fake DO API in this process.
// The test functions are the steps of one day of orders and run in order on shared state:
//  1. Prisma reads do_accounts and decrypts every token with the order-service's EncryptionService.
//  2. A queued order is announced on dopool_orders (id and order_id); a second queued row for
//     it is refused with a unique violation; cancelled before anyone claimed it, it gets none.
//  3. An order provisioned the order-service's old way (IN_PROGRESS, its own POST, no dopool tags).
//  4. 50 orders queued through Prisma while 3 serve instances run, with failover (the primary
//     full at DO from the start, one account full by its limit midway, one whose limit DO
//     lowers midway: 422) and one instance SIGKILLed mid-batch; bad rows among them fail
//     alone. Every order CREATED, one droplet each, no account over its limit.
//  5. With the whole pool full an order waits (WAITING, with the reason), and gets its
//     droplet on an account the order-service adds through Prisma.
//  6. Long after the uncertain grace, the old way's row and the cancelled row are untouched.
#include "../cli/MultiInstanceUtil.h"
#include "OrderServiceProcess.h"
#include "TestPostgres.h"
#include "fakedo/FakeDoServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QUuid>

using namespace dopool;
using namespace dopool::fakedo;
using namespace dopool::testing;

namespace {

constexpr int kBatch = 50;
constexpr int kGraceSecs = 2; // DOPOOL_UNCERTAIN_GRACE_SECS for the serve instances

QString newOrderId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString tokenText(int n)
{
    return QString::fromLatin1(token(n));
}

QString sha256(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject command(const char *name, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("cmd"), QLatin1String(name));
    return fields;
}

// The pool's accounts, by their role in the story.
enum AccountRole
{
    Primary = 1,  // full at DO from the start (the store thinks it has room)
    Roomy = 2,    // plenty of room
    Small = 3,    // fills up by its own limit during the batch
    Lowered = 4,  // DO lowers its limit midway: 422 on the next create
    Inactive = 5, // deactivated in the pool
    Added = 6,    // created by the order-service through Prisma while the pool is full
};

} // namespace

class TestOrderServiceFlow : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestPostgres> m_pg;
    std::unique_ptr<PoolCli> m_setup;
    OrderServiceProcess m_orders;
    std::vector<Serve> m_serves;
    QHash<int, QString> m_accountIds; // role -> pool id
    QString m_cancelledOrder;
    QString m_cancelledTask;
    QString m_oldWayOrder;
    QJsonObject m_oldWayTask; // as the stand-in wrote it
    qint64 m_oldWayDroplet = 0;

    QJsonObject ask(const char *name, const QJsonObject &fields = {}, int timeoutMs = 60000)
    {
        const QJsonObject answer = m_orders.request(command(name, fields), timeoutMs);
        if (!answer.value(u"ok").toBool())
            qWarning("%s: %s", name, QJsonDocument(answer).toJson(QJsonDocument::Compact).data());
        return answer;
    }

    QString addAccount(int role, const QString &name, int limit, int droplets, bool primary)
    {
        FakeAccount account;
        account.email = QStringLiteral("flow%1@webrana.example").arg(role);
        account.dropletLimit = limit;
        account.droplets = droplets;
        m_setup->fakeDo.addAccount(tokenText(role), account);
        QStringList args = m_setup->common + QStringList{QStringLiteral("--json"),
                                                         QStringLiteral("account"),
                                                         QStringLiteral("add"),
                                                         QStringLiteral("--name"),
                                                         name,
                                                         QStringLiteral("--token-stdin")};
        if (primary)
            args << QStringLiteral("--primary");
        const CliResult r = m_setup->cli.runWithEventLoop(args, token(role) + '\n');
        if (r.exitCode != 0)
            qWarning("account add failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("id")).toString();
    }

    // Every current droplet at the fake DO tagged for the order, over all accounts.
    QList<FakeDroplet> dropletsOfOrder(const QString &orderId) const
    {
        QList<FakeDroplet> found;
        for (int role = Primary; role <= Added; ++role) {
            for (const FakeDroplet &d : m_setup->fakeDo.droplets(tokenText(role))) {
                if (d.tags.contains(QStringLiteral("dopool-order-") + orderId))
                    found << d;
            }
        }
        return found;
    }

    QJsonObject taskOf(const QJsonObject &awaited, const QString &id) const
    {
        for (const QJsonValue &t : awaited.value(u"tasks").toArray()) {
            if (t.toObject().value(u"id").toString() == id)
                return t.toObject();
        }
        return {};
    }

    static QString describe(const QJsonObject &task)
    {
        return QString::fromUtf8(QJsonDocument(task).toJson(QJsonDocument::Compact));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString missing = OrderServiceProcess::missing();
        if (!missing.isEmpty()) {
            if (qEnvironmentVariable("DOPOOL_REQUIRE_NODE") == u"1")
                QFAIL(qPrintable(missing + QStringLiteral(" and DOPOOL_REQUIRE_NODE=1")));
            QSKIP(qPrintable(missing));
        }
        DOPOOL_NEED_POSTGRES_SERVER();
        m_pg = std::make_unique<TestPostgres>();
        QVERIFY2(m_pg->isValid(), qPrintable(m_pg->errorString()));
        m_setup = std::make_unique<PoolCli>();
        QVERIFY(m_setup->start(m_pg->url().displayString()));
        CliRunner &cli = m_setup->cli;
        cli.setEnv(QStringLiteral("DOPOOL_UNCERTAIN_GRACE_SECS"), QString::number(kGraceSecs));
        cli.setEnv(QStringLiteral("DOPOOL_ORDER_CLAIM_LEASE_SECS"), QStringLiteral("3"));
        cli.setEnv(QStringLiteral("DOPOOL_ORDER_POLL_MS"), QStringLiteral("500"));
        cli.setEnv(QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS"), QStringLiteral("5000"));

        // The store learns each account's droplets from DO when it is added.
        m_accountIds[Primary] = addAccount(Primary, QStringLiteral("Flow primary"), 10, 2, true);
        m_accountIds[Roomy] = addAccount(Roomy, QStringLiteral("Flow roomy"), 60, 5, false);
        m_accountIds[Small] = addAccount(Small, QStringLiteral("Flow small"), 8, 0, false);
        m_accountIds[Lowered] = addAccount(Lowered, QStringLiteral("Flow lowered"), 40, 0, false);
        m_accountIds[Inactive] =
            addAccount(Inactive, QStringLiteral("Flow inactive"), 25, 0, false);
        for (const QString &id : std::as_const(m_accountIds))
            QVERIFY(!id.isEmpty());
        const CliResult off = cli.runWithEventLoop(
            m_setup->common + QStringList{QStringLiteral("account"), QStringLiteral("update"),
                                          QStringLiteral("Flow inactive"),
                                          QStringLiteral("--inactive")});
        QVERIFY2(off.exitCode == 0, off.err.constData());

        QVERIFY2(
            m_orders.start(m_pg->url().displayString(), kKey, m_setup->fakeDo.baseUrl().toString()),
            m_orders.stderrText().constData());
    }

    void prismaReadsAccountsAndDecryptsTokens()
    {
        const QJsonObject answer = ask("accounts");
        QVERIFY(answer.value(u"ok").toBool());
        const QJsonArray accounts = answer.value(u"accounts").toArray();
        QCOMPARE(accounts.size(), 5);
        for (const QJsonValue &value : accounts) {
            const QJsonObject account = value.toObject();
            const int role = m_accountIds.key(account.value(u"id").toString());
            QVERIFY2(role != 0, qPrintable(describe(account)));
            QCOMPARE(account.value(u"tokenSha256").toString(), sha256(tokenText(role)));
            QCOMPARE(account.value(u"email").toString(),
                     QStringLiteral("flow%1@webrana.example").arg(role));
            QCOMPARE(account.value(u"isPrimary").toBool(), role == Primary);
            QCOMPARE(account.value(u"isActive").toBool(), role != Inactive);
        }
    }

    void queuedOrderIsAnnouncedAndCannotBeQueuedTwice()
    {
        m_cancelledOrder = newOrderId();
        const QJsonObject queued =
            ask("queue", QJsonObject{{QStringLiteral("orderId"), m_cancelledOrder}});
        QVERIFY(queued.value(u"ok").toBool());
        m_cancelledTask = queued.value(u"id").toString();
        // LISTEN dopool_orders: the insert's notification names the task and the order.
        const auto announced = [this](const QString &status) {
            const QList<QJsonObject> seen = m_orders.notifications();
            return std::any_of(seen.begin(), seen.end(), [&](const QJsonObject &n) {
                return n.value(u"id").toString() == m_cancelledTask &&
                       n.value(u"order_id").toString() == m_cancelledOrder &&
                       n.value(u"status").toString() == status;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(announced(QStringLiteral("PENDING")), 10000);

        // A second queued row while the first is open: the unique index refuses it.
        const QJsonObject again =
            ask("queue", QJsonObject{{QStringLiteral("orderId"), m_cancelledOrder}});
        QVERIFY(!again.value(u"ok").toBool());
        QCOMPARE(again.value(u"error").toObject().value(u"code").toString(),
                 QStringLiteral("P2002"));
        QCOMPARE(m_pg->column(QStringLiteral("SELECT count(*) FROM provisioning_tasks WHERE "
                                             "order_id = $1"),
                              {m_cancelledOrder})
                     .value(0)
                     .toInt(),
                 1);

        // Nobody has claimed it (no serve runs yet): the order-service may cancel it.
        const QJsonObject cancelled =
            ask("cancel", QJsonObject{{QStringLiteral("id"), m_cancelledTask}});
        QCOMPARE(cancelled.value(u"cancelled").toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(announced(QStringLiteral("CANCELLED")), 10000);
    }

    void orderProvisionedTheOldWay()
    {
        m_oldWayOrder = newOrderId();
        const QJsonObject answer =
            ask("provisionTheOldWay",
                QJsonObject{{QStringLiteral("orderId"), m_oldWayOrder},
                            {QStringLiteral("accountId"), m_accountIds.value(Roomy)}});
        QVERIFY(answer.value(u"ok").toBool());
        QCOMPARE(answer.value(u"status").toInt(), 202);
        m_oldWayTask = answer.value(u"task").toObject();
        m_oldWayDroplet = answer.value(u"dropletId").toInteger();
        QVERIFY(m_oldWayDroplet > 0);
        QCOMPARE(m_oldWayTask.value(u"status").toString(), QStringLiteral("IN_PROGRESS"));
    }

    void batchOfOrdersWithFailoverAndAKill()
    {
        FakeDoServer &fakeDo = m_setup->fakeDo;
        // The primary filled up at DO since the pool last looked.
        QVERIFY(fakeDo.setDropletCount(tokenText(Primary), 10));
        for (int i = 0; i < 3; ++i)
            m_serves.push_back(startServe(m_setup->cli, m_setup->common, 3600));

        // One SIGKILL mid-batch, the moment the 15th create reaches DO (POSTs in flight).
        int creates = 0;
        QMetaObject::Connection killer =
            connect(&fakeDo, &FakeDoServer::requestReceived, this,
                    [this, &creates](const RequestRecord &r) {
                        if (r.endpoint != Endpoint::DropletCreate || ++creates != 15)
                            return;
                        m_serves.front().process->kill();
                    });
        // DO lowers one account's limit to what it has once the batch is half done: its next
        // create gets DO's 422 and the order fails over.
        QMetaObject::Connection lowering = connect(
            &fakeDo, &FakeDoServer::requestHandled, this, [&fakeDo](const RequestRecord &r) {
                if (r.endpoint == Endpoint::DropletCreate && r.status == 202 &&
                    fakeDo.createdDroplets(tokenText(Lowered)).size() == 6)
                    fakeDo.setDropletLimit(tokenText(Lowered),
                                           fakeDo.dropletCount(tokenText(Lowered)));
            });

        // Bad rows among the good ones: each must fail alone, with its reason.
        struct BadRow
        {
            QJsonObject order;
            QString reason; // a word the error must contain
        };
        const QList<BadRow> bad{
            {QJsonObject{{QStringLiteral("orderId"), QStringLiteral("!!!! ????")}},
             QStringLiteral("name")},
            {QJsonObject{{QStringLiteral("orderId"), newOrderId()},
                         {QStringLiteral("region"), QStringLiteral("xyz9")}},
             QStringLiteral("region")},
            {QJsonObject{{QStringLiteral("orderId"), newOrderId()},
                         {QStringLiteral("size"), QStringLiteral("s-99vcpu-1tb")}},
             QStringLiteral("size")},
            {QJsonObject{{QStringLiteral("orderId"), newOrderId()},
                         {QStringLiteral("image"), QStringLiteral("no-such-os-x64")}},
             QStringLiteral("image")},
        };
        QStringList goodIds;
        QHash<QString, QString> badReasons; // task id -> reason
        QJsonArray burst;
        const auto flush = [&] {
            const QJsonObject answer =
                ask("queueMany", QJsonObject{{QStringLiteral("orders"), burst}});
            QVERIFY(answer.value(u"ok").toBool());
            for (const QJsonValue &q : answer.value(u"queued").toArray())
                goodIds << q.toObject().value(u"id").toString();
            burst = QJsonArray();
        };
        for (int i = 0; i < kBatch; ++i) {
            burst.append(QJsonObject{{QStringLiteral("orderId"), newOrderId()}});
            if (burst.size() == 10) {
                flush();
                if (QTest::currentTestFailed())
                    return;
                if (!bad.isEmpty() && goodIds.size() / 10 <= bad.size()) {
                    const BadRow &row = bad.at(goodIds.size() / 10 - 1);
                    const QJsonObject answer = ask("queue", row.order);
                    QVERIFY(answer.value(u"ok").toBool());
                    badReasons.insert(answer.value(u"id").toString(), row.reason);
                }
            }
        }
        // A row naming an inactive account, and one with a status dopool does not know.
        for (const BadRow &row :
             {BadRow{QJsonObject{{QStringLiteral("orderId"), newOrderId()},
                                 {QStringLiteral("doAccountId"), m_accountIds.value(Inactive)}},
                     QStringLiteral("inactive")},
              BadRow{QJsonObject{{QStringLiteral("orderId"), newOrderId()},
                                 {QStringLiteral("status"), QStringLiteral("QUEUED")}},
                     QStringLiteral("status")}}) {
            const QJsonObject answer = ask("queue", row.order);
            QVERIFY(answer.value(u"ok").toBool());
            badReasons.insert(answer.value(u"id").toString(), row.reason);
        }
        QCOMPARE(goodIds.size(), kBatch);

        QJsonArray all = QJsonArray::fromStringList(goodIds);
        for (const QString &id : badReasons.keys())
            all.append(id);
        const QJsonObject awaited =
            ask("await",
                QJsonObject{{QStringLiteral("ids"), all}, {QStringLiteral("timeoutMs"), 150000}},
                170000);
        disconnect(killer);
        disconnect(lowering);
        QVERIFY2(awaited.value(u"done").toBool(), qPrintable(describe(awaited)));
        QVERIFY2(!m_serves.front().running(), "the first instance was not killed");
        QCOMPARE(m_serves.front().process->exitStatus(), QProcess::CrashExit);

        // Every good order CREATED, with exactly one droplet at DO: the one the row names, on
        // the account the row names.
        QSet<qint64> dropletIds;
        for (const QString &id : std::as_const(goodIds)) {
            const QJsonObject task = taskOf(awaited, id);
            QVERIFY2(task.value(u"status").toString() == u"CREATED", qPrintable(describe(task)));
            const QList<FakeDroplet> droplets = dropletsOfOrder(task.value(u"orderId").toString());
            QVERIFY2(droplets.size() == 1, qPrintable(describe(task)));
            QCOMPARE(QString::number(droplets.first().id), task.value(u"dropletId").toString());
            const int role = m_accountIds.key(task.value(u"doAccountId").toString());
            QVERIFY2(role == Roomy || role == Small || role == Lowered, qPrintable(describe(task)));
            const QList<FakeDroplet> onAccount = fakeDo.droplets(tokenText(role));
            QVERIFY(std::any_of(onAccount.cbegin(), onAccount.cend(),
                                [&](const FakeDroplet &d) { return d.id == droplets.first().id; }));
            dropletIds.insert(droplets.first().id);
        }
        QCOMPARE(dropletIds.size(), kBatch);
        // Each bad row FAILED with its reason, and sent nothing to DO.
        for (auto it = badReasons.cbegin(); it != badReasons.cend(); ++it) {
            const QJsonObject task = taskOf(awaited, it.key());
            QVERIFY2(task.value(u"status").toString() == u"FAILED", qPrintable(describe(task)));
            QVERIFY2(task.value(u"error").toString().contains(it.value(), Qt::CaseInsensitive),
                     qPrintable(it.value() + u": " + describe(task)));
            QVERIFY2(dropletsOfOrder(task.value(u"orderId").toString()).isEmpty(),
                     qPrintable(describe(task)));
        }
        // Failover happened where the story says, and no account went over its limit.
        QCOMPARE(fakeDo.createdDroplets(tokenText(Primary)).size(), 0);
        QCOMPARE(fakeDo.createdDroplets(tokenText(Inactive)).size(), 0);
        // Small took orders up to its limit at most. How many exactly depends on when each
        // instance last counted its droplets: the store's count is conservative (a create
        // confirmed while a count was under way is counted until the next count), so an
        // instance may pass over it for a roomier account a moment too early.
        QVERIFY(fakeDo.dropletCount(tokenText(Small)) >= 1);
        QVERIFY(fakeDo.dropletCount(tokenText(Small)) <= 8);
        QCOMPARE(fakeDo.overLimitAttempts(tokenText(Small)), 0); // DO never had to refuse one
        // The lowered limit showed as DO's 422 and those orders went elsewhere.
        QVERIFY(fakeDo.overLimitAttempts(tokenText(Lowered)) >= 1);
        qInfo("422s: lowered account %d, all %d", fakeDo.overLimitAttempts(tokenText(Lowered)),
              fakeDo.overLimitAttempts());
        for (int role = Primary; role <= Inactive; ++role) {
            const std::optional<FakeAccount> account = fakeDo.account(tokenText(role));
            QVERIFY(account);
            QVERIFY2(fakeDo.dropletCount(tokenText(role)) <= account->dropletLimit,
                     qPrintable(QString::number(role)));
            QVERIFY(fakeDo.duplicateNames(tokenText(role)).isEmpty());
        }
    }

    void orderWaitsWhileThePoolIsFullThenUsesAPrismaAccount()
    {
        FakeDoServer &fakeDo = m_setup->fakeDo;
        for (int role = Primary; role <= Lowered; ++role)
            QVERIFY(fakeDo.setDropletLimit(tokenText(role), fakeDo.dropletCount(tokenText(role))));
        const QString orderId = newOrderId();
        const QJsonObject queued = ask("queue", QJsonObject{{QStringLiteral("orderId"), orderId}});
        QVERIFY(queued.value(u"ok").toBool());
        const QString id = queued.value(u"id").toString();
        QJsonObject waiting =
            ask("await",
                QJsonObject{{QStringLiteral("ids"), QJsonArray{id}},
                            {QStringLiteral("until"), QJsonArray{QStringLiteral("WAITING")}},
                            {QStringLiteral("timeoutMs"), 60000}},
                70000);
        QVERIFY2(waiting.value(u"done").toBool(), qPrintable(describe(waiting)));
        const QJsonObject task = taskOf(waiting, id);
        QVERIFY2(!task.value(u"error").toString().isEmpty(), qPrintable(describe(task)));
        QVERIFY(task.value(u"claimedBy").isNull());
        QVERIFY(dropletsOfOrder(orderId).isEmpty());

        // The order-service adds an account through Prisma (token encrypted by its
        // EncryptionService): dopool uses it for the waiting order.
        FakeAccount added;
        added.email = QStringLiteral("flow%1@webrana.example").arg(Added);
        added.dropletLimit = 5;
        fakeDo.addAccount(tokenText(Added), added);
        const QJsonObject created =
            ask("createAccount",
                QJsonObject{{QStringLiteral("name"), QStringLiteral("Flow added by Prisma")},
                            {QStringLiteral("email"), added.email},
                            {QStringLiteral("token"), tokenText(Added)},
                            {QStringLiteral("dropletLimit"), 5}});
        QVERIFY(created.value(u"ok").toBool());
        m_accountIds[Added] = created.value(u"id").toString();
        const QJsonObject done = ask("await",
                                     QJsonObject{{QStringLiteral("ids"), QJsonArray{id}},
                                                 {QStringLiteral("timeoutMs"), 60000}},
                                     70000);
        const QJsonObject finished = taskOf(done, id);
        QVERIFY2(finished.value(u"status").toString() == u"CREATED", qPrintable(describe(done)));
        QCOMPARE(finished.value(u"doAccountId").toString(), m_accountIds.value(Added));
        const QList<FakeDroplet> droplets = dropletsOfOrder(orderId);
        QCOMPARE(droplets.size(), 1);
        QCOMPARE(fakeDo.droplets(tokenText(Added)).size(), 1);
    }

    void oldWaysRowAndCancelledRowAreLeftAlone()
    {
        // Well past the uncertain grace, and past several claim leases.
        const QDateTime oldWayWritten =
            QDateTime::fromString(m_oldWayTask.value(u"updatedAt").toString(), Qt::ISODateWithMs);
        QVERIFY(oldWayWritten.isValid());
        QTRY_VERIFY_WITH_TIMEOUT(
            QDateTime::currentDateTimeUtc() > oldWayWritten.addSecs(4 * kGraceSecs + 6), 60000);
        const QJsonObject tasks =
            ask("tasks", QJsonObject{{QStringLiteral("orderId"), m_oldWayOrder}});
        const QJsonArray rows = tasks.value(u"tasks").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject(), m_oldWayTask); // every column as the stand-in wrote it
        // Its one droplet is the order-service's own POST; dopool created nothing for that order.
        QCOMPARE(dropletsOfOrder(m_oldWayOrder).size(), 0);
        const QList<FakeDroplet> roomy = m_setup->fakeDo.droplets(tokenText(Roomy));
        QCOMPARE(std::count_if(roomy.cbegin(), roomy.cend(),
                               [this](const FakeDroplet &d) {
                                   return d.name == u"webrana-" + m_oldWayOrder.left(8);
                               }),
                 1);

        const QJsonObject cancelled =
            ask("tasks", QJsonObject{{QStringLiteral("orderId"), m_cancelledOrder}});
        QCOMPARE(cancelled.value(u"tasks").toArray().size(), 1);
        QCOMPARE(cancelled.value(u"tasks").toArray().at(0).toObject().value(u"status").toString(),
                 QStringLiteral("CANCELLED"));
        QVERIFY(dropletsOfOrder(m_cancelledOrder).isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_serves.empty() && !m_serves.front().running())
            m_serves.erase(m_serves.begin()); // the one this test killed
        const bool servesStopped = stopAll(m_serves, 30000);
        const bool orderServiceStopped = m_orders.stop();
        for (const Serve &s : m_serves)
            QVERIFY(!s.log->contains(token(Primary)) && !s.log->contains(token(Roomy)));
        QVERIFY2(servesStopped, "a serve instance did not stop cleanly");
        QVERIFY2(orderServiceStopped, m_orders.stderrText().constData());
    }
};

QTEST_GUILESS_MAIN(TestOrderServiceFlow)
#include "tst_orderserviceflow.moc"
