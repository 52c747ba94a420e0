// The AccountStore contract for provisioning tasks and alerts: CRUD, listing, one open task per
// order and one open alert per kind and account (also when racing, and through the schema step
// that made it so), refusals, a task outliving its account. Every test function runs on each
// backend (initTestCase_data: sqlite, postgresql).
#include "StoreFixture.h"

#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

namespace dopool::testing {

class TestStoreRecordsContract : public StoreContractFixture
{
    Q_OBJECT

private slots:
    void tasksCrud()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        const QDateTime t1 = clock.now();
        const ProvisioningTask sample = sampleTask(u"order-1"_s);
        const auto inserted = store->insertTask(sample);
        DOPOOL_VERIFY_OK(inserted);
        QVERIFY(!QUuid::fromString(inserted->id).isNull());
        QCOMPARE(inserted->createdAt, t1);
        QCOMPARE(inserted->updatedAt, t1);
        compareTask(*inserted, sample);

        clock.advance(1500);
        ProvisioningTask changed = *inserted;
        changed.status = TaskStatus::InProgress;
        changed.doAccountId = alpha.id.toUpper();
        changed.dropletId = 9'876'543'210; // more than 32 bits
        changed.attempts = 2;
        changed.error = u"HTTP 422: droplet limit"_s;
        changed.createdAt = utc(2000, 1, 1, 0, 0, 0); // not the caller's to change
        auto updated = store->updateTask(changed);
        DOPOOL_VERIFY_OK(updated);
        changed.doAccountId = alpha.id;
        compareTask(*updated, changed);
        QCOMPARE(updated->id, inserted->id);
        QCOMPARE(updated->createdAt, t1);
        QCOMPARE(updated->updatedAt, clock.now());
        const auto found = store->findTask(inserted->id.toUpper());
        DOPOOL_VERIFY_OK(found);
        compareTask(*found, changed);
        QCOMPARE(found->updatedAt, clock.now());

        // Unset fields go back to NULL.
        changed.seenStatus = updated->seenStatus; // compare-and-set: from the last read
        changed.status = TaskStatus::Failed;
        changed.doAccountId.clear();
        changed.dropletId = 0;
        changed.error.clear();
        changed.region.clear();
        updated = store->updateTask(changed);
        DOPOOL_VERIFY_OK(updated);
        compareTask(*updated, changed);
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks WHERE do_account_id IS NULL AND "
                       "droplet_id IS NULL AND error IS NULL AND do_region IS NULL"_s),
                 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks WHERE status = 'FAILED'"_s), 1);
    }

    void tasksList()
    {
        auto store = open();
        QVERIFY(store);
        QStringList ids;
        for (const QString &order : {u"o-1"_s, u"o-2"_s, u"o-3"_s}) {
            const auto inserted = store->insertTask(sampleTask(order));
            DOPOOL_VERIFY_OK(inserted);
            ids.prepend(inserted->id);
            clock.advance(1000);
        }
        for (const int limit : {0, 2, 10}) {
            const auto listed = store->listTasks(limit);
            DOPOOL_VERIFY_OK(listed);
            QStringList listedIds;
            for (const ProvisioningTask &t : *listed)
                listedIds << t.id;
            QCOMPARE(listedIds, limit == 2 ? ids.mid(0, 2) : ids); // newest first
        }
    }

    // One droplet per order: among an order's tasks that are not extras at most one is open
    // (PENDING, IN_PROGRESS, UNCERTAIN, CREATED); extras and closed tasks do not count.
    void oneOpenTaskPerOrder()
    {
        auto store = open();
        QVERIFY(store);
        ProvisioningTask first = sampleTask(u"order-7"_s);
        const auto inserted = store->insertTask(first);
        DOPOOL_VERIFY_OK(inserted);
        ProvisioningTask current = *inserted; // updates are compare-and-set: from the last read
        for (TaskStatus open : {TaskStatus::Pending, TaskStatus::Waiting, TaskStatus::InProgress,
                                TaskStatus::Uncertain, TaskStatus::Created}) {
            ProvisioningTask changed = current;
            changed.status = open;
            const auto updated = store->updateTask(changed);
            DOPOOL_VERIFY_OK(updated);
            current = *updated;
            const ProvisioningTask second = sampleTask(u"order-7"_s);
            const auto refused = store->insertTask(second);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().kind, ErrorKind::Conflict);
            QVERIFY2(refused.error().message.contains(u"order-7"_s),
                     qPrintable(refused.error().message));
        }
        clock.advance(1000);
        ProvisioningTask extra = sampleTask(u"order-7"_s);
        extra.extra = true;
        const auto extraRow = store->insertTask(extra);
        DOPOOL_VERIFY_OK(extraRow);
        QVERIFY(extraRow->extra);
        // Closing the first frees the order for a new task; reopening the old one then fails.
        ProvisioningTask failed = current;
        failed.status = TaskStatus::Failed;
        const auto failedRow = store->updateTask(failed);
        DOPOOL_VERIFY_OK(failedRow);
        failed = *failedRow;
        clock.advance(1000);
        const auto again = store->insertTask(sampleTask(u"order-7"_s));
        DOPOOL_VERIFY_OK(again);
        failed.status = TaskStatus::Created;
        const auto reopened = store->updateTask(failed);
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().kind, ErrorKind::Conflict);
        DOPOOL_VERIFY_OK(store->insertTask(sampleTask(u"order-8"_s)));

        const auto tasks = store->orderTasks(u"order-7"_s);
        DOPOOL_VERIFY_OK(tasks);
        QCOMPARE(tasks->size(), 3); // oldest first
        QCOMPARE(tasks->at(0).id, inserted->id);
        QCOMPARE(tasks->at(0).status, TaskStatus::Failed);
        QCOMPARE(tasks->at(1).id, extraRow->id);
        QCOMPARE(tasks->at(2).id, again->id);
        QVERIFY(!tasks->at(2).extra);

        ProvisioningTask uncertain = *again;
        uncertain.status = TaskStatus::Uncertain;
        DOPOOL_VERIFY_OK(store->updateTask(uncertain));
        const auto listed = store->tasksWithStatus(TaskStatus::Uncertain, 0);
        DOPOOL_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().id, again->id);
        QCOMPARE(store->findTask(again->id)->status, TaskStatus::Uncertain);
    }

    // Connections (as in separate processes) insert the same order's task at once, several
    // times: exactly one wins each time, the others get Conflict from the unique index.
    void concurrentTaskInsertsForOneOrder()
    {
        constexpr int kThreads = 4;
        constexpr int kRounds = 5;
        auto store = open();
        QVERIFY(store);
        const StoreOptions opts = options();
        std::latch start(kThreads);
        QStringList errors[kThreads];
        int won[kRounds] = {};
        int conflicts[kRounds] = {};
        std::mutex lock;
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                OpenResult opened = openStore(opts); // QtSql connections are per thread
                start.arrive_and_wait();
                if (!opened.store) {
                    errors[i] << opened.failure.error.message;
                    return;
                }
                for (int round = 0; round < kRounds; ++round) {
                    const auto r = opened.store->insertTask(sampleTask(u"race-%1"_s.arg(round)));
                    const std::scoped_lock guard(lock);
                    if (r.ok())
                        ++won[round];
                    else if (r.error().kind == ErrorKind::Conflict)
                        ++conflicts[round];
                    else
                        errors[i] << r.error().message;
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (int i = 0; i < kThreads; ++i)
            QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i].join(u"; "_s)));
        for (int round = 0; round < kRounds; ++round) {
            QCOMPARE(won[round], 1);
            QCOMPARE(conflicts[round], kThreads - 1);
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks"_s), kRounds);
    }

    void taskRefused_data()
    {
        QTest::addColumn<QString>("orderId");
        QTest::addColumn<QString>("accountId");
        QTest::addColumn<int>("kind"); // ErrorKind
        QTest::newRow("no order id") << QString() << QString() << int(ErrorKind::Validation);
        QTest::newRow("account not a uuid") << u"o-1"_s << u"alpha"_s << int(ErrorKind::Validation);
        QTest::newRow("unknown account")
            << u"o-1"_s << u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s << int(ErrorKind::NotFound);
    }
    void taskRefused()
    {
        QFETCH(QString, orderId);
        QFETCH(QString, accountId);
        QFETCH(int, kind);
        auto store = open();
        QVERIFY(store);
        ProvisioningTask task = sampleTask(orderId);
        task.doAccountId = accountId;
        const auto inserted = store->insertTask(task);
        QVERIFY(!inserted);
        QCOMPARE(int(inserted.error().kind), kind);

        const auto valid = store->insertTask(sampleTask(u"o-2"_s));
        DOPOOL_VERIFY_OK(valid);
        task.id = valid->id;
        task.seenStatus = valid->seenStatus;
        const auto updated = store->updateTask(task);
        QVERIFY(!updated);
        QCOMPARE(int(updated.error().kind), kind);
        const auto unchanged = store->findTask(valid->id);
        DOPOOL_VERIFY_OK(unchanged);
        QCOMPARE(unchanged->orderId, u"o-2"_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks"_s), 1);
    }

    void taskNotFound()
    {
        auto store = open();
        QVERIFY(store);
        for (const QString &missing : {u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, u"t-1"_s}) {
            const auto found = store->findTask(missing);
            QVERIFY(!found);
            QCOMPARE(found.error().kind, ErrorKind::NotFound);
            QVERIFY2(found.error().message.contains(missing), qPrintable(found.error().message));
            ProvisioningTask ghost = sampleTask(u"o-1"_s);
            ghost.id = missing;
            ghost.seenStatus = u"PENDING"_s;
            const auto updated = store->updateTask(ghost);
            QVERIFY(!updated);
            QCOMPARE(updated.error().kind, ErrorKind::NotFound);
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks"_s), 0);
    }

    // The task outlives its account: do_account_id becomes NULL (ON DELETE SET NULL).
    void taskOutlivesAccount()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        ProvisioningTask task = sampleTask(u"o-1"_s);
        task.doAccountId = alpha.id;
        task.status = TaskStatus::Created;
        const auto inserted = store->insertTask(task);
        DOPOOL_VERIFY_OK(inserted);
        QCOMPARE(inserted->doAccountId, alpha.id);
        DOPOOL_VERIFY_OK(store->deleteAccount(alpha.id));
        const auto found = store->findTask(inserted->id);
        DOPOOL_VERIFY_OK(found);
        QVERIFY(found->doAccountId.isEmpty());
        QCOMPARE(found->status, TaskStatus::Created);
    }

    // Schema 5 on a pool that already has duplicate open tasks (what the bug it fixes made):
    // nothing is lost, the oldest open task of each order stays the order's, the later ones
    // become extras, and the index then holds.
    void orderTaskMigrationKeepsDuplicates()
    {
        const auto step = std::find_if(
            schemaMigrations().cbegin(), schemaMigrations().cend(), [](const Migration &m) {
                return m.sqlite.join(u' ').contains(u"provisioning_tasks_one_open_per_order_idx"_s);
            });
        QVERIFY(step != schemaMigrations().cend());
        auto store = open();
        QVERIFY(store);
        store.reset();
        const bool postgres = m_backend->url().kind == DatabaseUrl::Kind::Postgres;
        const QStringList statements = postgres ? step->postgres : step->sqlite;
        // Back to the schema before the step's index, with the rows it would have refused.
        QCOMPARE(m_backend->exec(u"DROP INDEX provisioning_tasks_one_open_per_order_idx"_s),
                 QString());
        const struct
        {
            const char *id;
            const char *order;
            const char *status;
            const char *at;
        } rows[] = {
            {"00000000-0000-4000-8000-000000000001", "dup", "FAILED", "2026-01-01T00:00:00.000Z"},
            {"00000000-0000-4000-8000-000000000002", "dup", "CREATED", "2026-01-01T00:00:01.000Z"},
            {"00000000-0000-4000-8000-000000000003", "dup", "CREATED", "2026-01-01T00:00:02.000Z"},
            {"00000000-0000-4000-8000-000000000004", "dup", "IN_PROGRESS",
             "2026-01-01T00:00:03.000Z"},
            {"00000000-0000-4000-8000-000000000005", "single", "CREATED",
             "2026-01-01T00:00:04.000Z"},
        };
        for (const auto &r : rows) {
            QCOMPARE(m_backend->exec(u"INSERT INTO provisioning_tasks (id, order_id, status, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?)"_s,
                                     {QLatin1String(r.id), QLatin1String(r.order),
                                      QLatin1String(r.status), QLatin1String(r.at),
                                      QLatin1String(r.at)}),
                     QString());
        }
        // The step's statements after its ADD COLUMN, as migrateSchema runs them.
        for (qsizetype i = 1; i < statements.size(); ++i) {
            const QString sql =
                postgres ? statements.at(i)
                         : QString(statements.at(i))
                               .replace(u"CREATE INDEX "_s, u"CREATE INDEX IF NOT EXISTS "_s)
                               .replace(u"CREATE UNIQUE INDEX "_s,
                                        u"CREATE UNIQUE INDEX IF NOT EXISTS "_s);
            QCOMPARE(m_backend->exec(sql), QString());
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM provisioning_tasks"_s), 5);
        const QString extra = postgres ? u"is_extra"_s : u"is_extra = 1"_s;
        QCOMPARE(m_backend->column(
                     u"SELECT id FROM provisioning_tasks WHERE %1 ORDER BY id"_s.arg(extra)),
                 (QVariantList{u"00000000-0000-4000-8000-000000000003"_s,
                               u"00000000-0000-4000-8000-000000000004"_s}));
        store = open();
        QVERIFY(store);
        const auto again = store->insertTask(sampleTask(u"dup"_s));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
    }

    // --- alerts ---

    void alertDedupe_data()
    {
        QTest::addColumn<bool>("poolWide");
        QTest::newRow("per account") << false;
        QTest::newRow("pool-wide") << true;
    }
    void alertDedupe()
    {
        QFETCH(bool, poolWide);
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        const Account beta = mustInsert(*store, sampleAccount(u"beta"_s));
        QVERIFY(!QTest::currentTestFailed());
        const QString account = poolWide ? QString() : alpha.id;
        const AlertKind kind = poolWide ? AlertKind::AllAccountsFull : AlertKind::AccountFull;
        const QDateTime t1 = utc(2026, 1, 2, 3, 4, 5, 6);

        Alert alert = sampleAlert(kind, account, u"first"_s);
        alert.raisedAt = t1;
        const auto first = store->raiseAlert(alert);
        DOPOOL_VERIFY_OK(first);
        QVERIFY(first->second);
        QVERIFY(!QUuid::fromString(first->first.id).isNull());
        QCOMPARE(first->first.raisedAt, t1);
        QVERIFY(first->first.isOpen());
        QCOMPARE(first->first.accountId, account);
        QCOMPARE(first->first.message, u"first"_s);

        clock.advance(60'000);
        const auto repeated = store->raiseAlert(sampleAlert(kind, account, u"second"_s));
        DOPOOL_VERIFY_OK(repeated);
        QVERIFY(!repeated->second);
        QCOMPARE(repeated->first.id, first->first.id);
        QCOMPARE(repeated->first.message, u"first"_s);
        QCOMPARE(repeated->first.raisedAt, t1);
        QCOMPARE(repeated->first.details, alert.details);

        // Another account, pool-wide vs per account, another kind: separate alerts.
        for (const Alert &independent :
             {sampleAlert(kind, beta.id, u"beta"_s),
              sampleAlert(kind, poolWide ? alpha.id : QString(), u"other scope"_s),
              sampleAlert(AlertKind::AccountUnhealthy, account, u"other kind"_s)}) {
            const auto raised = store->raiseAlert(independent);
            DOPOOL_VERIFY_OK(raised);
            QVERIFY2(raised->second, qPrintable(independent.message));
        }

        const QDateTime t2 = clock.now();
        const auto resolved = store->resolveAlert(kind, account, t2);
        DOPOOL_VERIFY_OK(resolved);
        QVERIFY(resolved->has_value());
        QCOMPARE((*resolved)->id, first->first.id);
        QCOMPARE((*resolved)->resolvedAt, t2);
        QVERIFY(!(*resolved)->isOpen());
        const auto again = store->resolveAlert(kind, account, t2);
        DOPOOL_VERIFY_OK(again);
        QVERIFY(!again->has_value());

        clock.advance(1000);
        const auto reraised = store->raiseAlert(sampleAlert(kind, account, u"third"_s));
        DOPOOL_VERIFY_OK(reraised);
        QVERIFY(reraised->second);
        QVERIFY(reraised->first.id != first->first.id);
        QCOMPARE(reraised->first.raisedAt, clock.now()); // none given: the clock's
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts WHERE kind = ?"_s, {alertKindToDb(kind)}), 4);
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts WHERE resolved_at IS NOT NULL"_s), 1);
    }

    void alertList()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        QStringList ids; // newest first
        const QList<Alert> alerts = {
            sampleAlert(AlertKind::AccountFull, alpha.id, u"full"_s),
            sampleAlert(AlertKind::PoolUtilisationHigh, QString(), u"busy"_s),
            sampleAlert(AlertKind::AccountUnhealthy, alpha.id, u"sick"_s),
        };
        for (Alert alert : alerts) {
            alert.raisedAt = clock.now();
            if (alert.kind == AlertKind::AccountUnhealthy)
                alert.details = QJsonObject();
            const auto raised = store->raiseAlert(alert);
            DOPOOL_VERIFY_OK(raised);
            ids.prepend(raised->first.id);
            clock.advance(1000);
        }
        DOPOOL_VERIFY_OK(store->resolveAlert(AlertKind::PoolUtilisationHigh, QString(), {}));

        const auto idsOf = [&store](bool includeResolved, int limit) {
            QStringList listed;
            const auto result = store->listAlerts(includeResolved, limit);
            if (!result)
                return QStringList{result.error().message};
            for (const Alert &a : *result)
                listed << a.id;
            return listed;
        };
        QCOMPARE(idsOf(true, 0), ids);
        QCOMPARE(idsOf(true, 2), ids.mid(0, 2));
        QCOMPARE(idsOf(false, 0), (QStringList{ids.at(0), ids.at(2)}));

        const auto listed = store->listAlerts(true, 0);
        DOPOOL_VERIFY_OK(listed);
        QCOMPARE(listed->at(1).resolvedAt, clock.now());
        QCOMPARE(listed->at(1).kind, AlertKind::PoolUtilisationHigh);
        QCOMPARE(listed->at(2).severity, AlertSeverity::Warning);
        QCOMPARE(listed->at(2).details, alerts.at(0).details);
        QVERIFY(listed->at(0).details.isEmpty());
        // Compact JSON text in the database.
        QCOMPARE(m_backend->column(u"SELECT details FROM alerts WHERE id = ?"_s, {ids.at(2)}),
                 QVariantList{u"{\"limit\":25,\"used\":25}"_s});
        QCOMPARE(m_backend->column(u"SELECT details FROM alerts WHERE id = ?"_s, {ids.at(0)}),
                 QVariantList{u"{}"_s});

        // Alerts about an account go with it.
        DOPOOL_VERIFY_OK(store->deleteAccount(alpha.id));
        QCOMPARE(idsOf(true, 0), QStringList{ids.at(1)});
    }

    void alertRefused()
    {
        auto store = open();
        QVERIFY(store);
        const auto malformed = store->raiseAlert(sampleAlert(AlertKind::AccountFull, u"x"_s, {}));
        QVERIFY(!malformed);
        QCOMPARE(malformed.error().kind, ErrorKind::Validation);
        const auto unknown = store->raiseAlert(
            sampleAlert(AlertKind::AccountFull, u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, {}));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
        const auto resolveMalformed = store->resolveAlert(AlertKind::AccountFull, u"x"_s, {});
        QVERIFY(!resolveMalformed);
        QCOMPARE(resolveMalformed.error().kind, ErrorKind::Validation);
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts"_s), 0);
    }

    // The database itself keeps a second open alert of a kind/account out (what makes raising
    // atomic across processes), and lets any number of resolved ones in.
    void alertUniqueOpenIndex()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        for (const QString &account : {alpha.id, QString()}) {
            const auto raised =
                store->raiseAlert(sampleAlert(AlertKind::AccountFull, account, u"m"_s));
            DOPOOL_VERIFY_OK(raised);
            const QVariant accountValue =
                account.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(account);
            const QString insert =
                u"INSERT INTO alerts (id, kind, severity, account_id, message, raised_at, "
                "resolved_at) VALUES (?, 'ACCOUNT_FULL', 'WARNING', ?, 'raw', "
                "'2026-01-01T00:00:00.000Z', ?)"_s;
            QVERIFY(!m_backend
                         ->exec(insert, {QUuid::createUuid().toString(QUuid::WithoutBraces),
                                         accountValue, QVariant(QMetaType::fromType<QString>())})
                         .isEmpty());
            for (int i = 0; i < 2; ++i) {
                const QString resolvedRow =
                    m_backend->exec(insert, {QUuid::createUuid().toString(QUuid::WithoutBraces),
                                             accountValue, u"2026-01-01T00:01:00.000Z"_s});
                QVERIFY2(resolvedRow.isEmpty(), qPrintable(resolvedRow));
            }
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts WHERE resolved_at IS NULL"_s), 2);
    }

    // Stores on separate connections raise the same alert at once: exactly one is new.
    void concurrentAlertRaisers()
    {
        constexpr int kThreads = 8;
        QVERIFY(open());
        const StoreOptions opts = options();
        std::latch start(kThreads);
        QStringList errors[kThreads];
        QString ids[kThreads];
        bool isNew[kThreads] = {};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                OpenResult opened = openStore(opts);
                start.arrive_and_wait();
                if (!opened.store) {
                    errors[i] << opened.failure.error.message;
                    return;
                }
                const auto raised = opened.store->raiseAlert(
                    sampleAlert(AlertKind::AllAccountsFull, QString(), u"all full"_s));
                if (!raised) {
                    errors[i] << raised.error().message;
                    return;
                }
                ids[i] = raised->first.id;
                isNew[i] = raised->second;
            });
        }
        for (std::thread &t : threads)
            t.join();
        int raisedNew = 0;
        for (int i = 0; i < kThreads; ++i) {
            QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i].join(u"; "_s)));
            QCOMPARE(ids[i], ids[0]);
            raisedNew += isNew[i] ? 1 : 0;
        }
        QCOMPARE(raisedNew, 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts"_s), 1);
    }
};

} // namespace dopool::testing

QTEST_GUILESS_MAIN(dopool::testing::TestStoreRecordsContract)
#include "tst_storerecordscontract.moc"
