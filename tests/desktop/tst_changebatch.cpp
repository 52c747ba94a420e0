// ChangeBatch: a burst of change-feed notifications becomes one piece of work - each account
// (and task) row once, in its last state; the whole list once past 200 rows; alerts and audit
// once.
#include "desktop/ChangeBatch.h"

#include <QTest>

using namespace dopool;
using namespace dopool::desktop;

namespace {

coord::Change change(const char *table, coord::Change::Op op, const QString &id)
{
    return coord::Change{QString::fromLatin1(table), op, id};
}

coord::Change account(coord::Change::Op op, int n)
{
    return change("do_accounts", op, QStringLiteral("acc-%1").arg(n));
}

QSet<QString> ids(std::initializer_list<int> numbers)
{
    QSet<QString> out;
    for (int n : numbers)
        out.insert(QStringLiteral("acc-%1").arg(n));
    return out;
}

using Op = coord::Change::Op;

} // namespace

Q_DECLARE_METATYPE(QList<coord::Change>)

class TestChangeBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coalesces_data()
    {
        QTest::addColumn<QList<coord::Change>>("changes");
        QTest::addColumn<QSet<QString>>("changed");
        QTest::addColumn<QSet<QString>>("deleted");
        QTest::addColumn<bool>("alerts");
        QTest::addColumn<bool>("audit");

        QTest::newRow("nothing") << QList<coord::Change>{} << QSet<QString>{} << QSet<QString>{}
                                 << false << false;
        QTest::newRow("one row edited ten times is one reload")
            << QList<coord::Change>(10, account(Op::Update, 1)) << ids({1}) << QSet<QString>{}
            << false << false;
        QTest::newRow("insert then updates")
            << QList<coord::Change>{account(Op::Insert, 1), account(Op::Update, 1),
                                    account(Op::Update, 2)}
            << ids({1, 2}) << QSet<QString>{} << false << false;
        QTest::newRow("updated then deleted: only dropped")
            << QList<coord::Change>{account(Op::Update, 1), account(Op::Delete, 1)}
            << QSet<QString>{} << ids({1}) << false << false;
        QTest::newRow("deleted then inserted again: reloaded")
            << QList<coord::Change>{account(Op::Delete, 1), account(Op::Insert, 1)} << ids({1})
            << QSet<QString>{} << false << false;
        QTest::newRow("alerts and audit, many times, once each")
            << QList<coord::Change>{change("alerts", Op::Insert, QStringLiteral("a1")),
                                    change("alerts", Op::Update, QStringLiteral("a1")),
                                    change("audit_log", Op::Insert, QStringLiteral("7")),
                                    change("audit_log", Op::Insert, QStringLiteral("8"))}
            << QSet<QString>{} << QSet<QString>{} << true << true;
        QTest::newRow("tables the desktop does not show are ignored")
            << QList<coord::Change>{change("dopool_meta", Op::Update, QStringLiteral("k"))}
            << QSet<QString>{} << QSet<QString>{} << false << false;
    }

    void coalesces()
    {
        QFETCH(QList<coord::Change>, changes);
        QFETCH(QSet<QString>, changed);
        QFETCH(QSet<QString>, deleted);
        QFETCH(bool, alerts);
        QFETCH(bool, audit);
        ChangeBatch batch;
        for (const coord::Change &c : changes)
            batch.add(c);
        const ChangeBatch::Work work = batch.take();
        QVERIFY(!work.reloadAll);
        QCOMPARE(work.changedAccounts, changed);
        QCOMPARE(work.deletedAccounts, deleted);
        QCOMPARE(work.alerts, alerts);
        QCOMPARE(work.audit, audit);
        QCOMPARE(work.isEmpty(), changes.isEmpty() ||
                                     (changed.isEmpty() && deleted.isEmpty() && !alerts && !audit));
        QVERIFY(!work.tasksChanged());
        QVERIFY(batch.isEmpty()); // taken
        QVERIFY(batch.take().isEmpty());
    }

    // The Orders view's rows: each task once in its last state, apart from the accounts.
    void tasksAreTrackedRowByRow()
    {
        const auto task = [](Op op, const char *id) {
            return change("provisioning_tasks", op, QString::fromLatin1(id));
        };
        ChangeBatch batch;
        for (const coord::Change &c :
             {task(Op::Insert, "t1"), task(Op::Update, "t1"), task(Op::Update, "t2"),
              task(Op::Delete, "t2"), task(Op::Insert, "t3"), account(Op::Update, 1)})
            batch.add(c);
        QVERIFY(!batch.isEmpty());
        const ChangeBatch::Work work = batch.take();
        QVERIFY(work.tasksChanged());
        QVERIFY(!work.reloadTasks);
        QCOMPARE(work.changedTasks, (QSet<QString>{QStringLiteral("t1"), QStringLiteral("t3")}));
        QCOMPARE(work.deletedTasks, QSet<QString>{QStringLiteral("t2")});
        QCOMPARE(work.changedAccounts, ids({1}));
    }

    void pastTwoHundredTasksTheOrdersAreReloaded()
    {
        ChangeBatch batch;
        for (int n = 0; n <= ChangeBatch::reloadAllAbove; ++n)
            batch.add(change("provisioning_tasks", Op::Insert, QStringLiteral("t%1").arg(n)));
        batch.add(account(Op::Update, 1));
        const ChangeBatch::Work work = batch.take();
        QVERIFY(work.reloadTasks);
        QVERIFY(work.changedTasks.isEmpty());
        QVERIFY(!work.reloadAll); // one account changed: that row only
        QCOMPARE(work.changedAccounts, ids({1}));
    }

    void pastTwoHundredRowsTheListIsReloaded_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<bool>("reloadAll");
        QTest::newRow("200: row by row") << 200 << false;
        QTest::newRow("201: the whole list") << 201 << true;
        QTest::newRow("a sync round of 1,000") << 1000 << true;
    }

    void pastTwoHundredRowsTheListIsReloaded()
    {
        QFETCH(int, rows);
        QFETCH(bool, reloadAll);
        ChangeBatch batch;
        for (int n = 0; n < rows; ++n)
            batch.add(account(n % 2 ? Op::Update : Op::Delete, n));
        const ChangeBatch::Work work = batch.take();
        QCOMPARE(work.reloadAll, reloadAll);
        QCOMPARE(int(work.changedAccounts.size() + work.deletedAccounts.size()),
                 reloadAll ? 0 : rows);
    }

    // The feed was away (notifications lost): everything is reloaded, whatever was gathered.
    void afterAReconnectEverythingIsReloaded()
    {
        ChangeBatch batch;
        batch.add(account(Op::Update, 1));
        batch.addEverything();
        const ChangeBatch::Work work = batch.take();
        QVERIFY(work.reloadAll);
        QVERIFY(work.reloadTasks);
        QVERIFY(work.changedAccounts.isEmpty());
        QVERIFY(work.alerts);
        QVERIFY(work.audit);
    }
};

QTEST_GUILESS_MAIN(TestChangeBatch)
#include "tst_changebatch.moc"
