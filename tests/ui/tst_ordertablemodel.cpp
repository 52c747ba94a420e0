// OrderTableModel and OrderFilterProxy: one row per task with the Orders view's columns, the
// raw values the proxy sorts by, the status filter, and rows replaced in place as the change
// feed announces them.
#include "UiTestData.h"
#include "model/OrderFilterProxy.h"
#include "model/OrderTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace dopool;
using namespace dopool::ui;
using namespace dopool::testing;

namespace {

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data(role).toString();
    return values;
}

QStringList orderIds(const QAbstractItemModel &model)
{
    return column(model, OrderTableModel::OrderColumn, OrderTableModel::OrderIdRole);
}

struct Fixture
{
    ManualClock clock{demoNow()};
    OrderTableModel model{clock};
    OrderFilterProxy proxy;
    QAbstractItemModelTester modelTester{&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest};
    QAbstractItemModelTester proxyTester{&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest};

    Fixture()
    {
        proxy.setSourceModel(&model);
        model.setDefaults(QStringLiteral("sgp1"), QStringLiteral("s-1vcpu-1gb"),
                          QStringLiteral("ubuntu-24-04-x64"));
        model.setAccountNames({{demoAccount(1).id, QStringLiteral("Account 1")},
                               {demoAccount(2).id, QStringLiteral("Account 2")}});
        model.setTasks(demoOrders());
    }
    int rowOf(const char *orderSuffix) const
    {
        return model.rowOf(QStringLiteral("task-%1").arg(QLatin1String(orderSuffix)));
    }
    QString text(const char *order, int col) const
    {
        return model.index(rowOf(order), col).data().toString();
    }
};

} // namespace

class TestOrderTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRowPerTaskWithItsColumns()
    {
        Fixture f;
        QCOMPARE(f.model.rowCount(), 7);
        QCOMPARE(f.model.columnCount(), int(OrderTableModel::ColumnCount));
        QCOMPARE(f.text("0416", OrderTableModel::OrderColumn), QStringLiteral("ORD-2025-0416"));
        QCOMPARE(f.text("0416", OrderTableModel::StatusColumn), QStringLiteral("created"));
        QCOMPARE(f.text("0416", OrderTableModel::AccountColumn), QStringLiteral("Account 1"));
        QCOMPARE(f.text("0416", OrderTableModel::DropletIdColumn), QStringLiteral("471230981"));
        QCOMPARE(f.text("0416", OrderTableModel::DropletNameColumn),
                 QStringLiteral("webrana-ord-2025-0416"));
        // Its own size; the pool's defaults for what the order left empty.
        QCOMPARE(f.text("0416", OrderTableModel::PlacementColumn),
                 QStringLiteral("sgp1 / s-2vcpu-2gb / ubuntu-24-04-x64"));
        QCOMPARE(f.text("0416", OrderTableModel::AgeColumn), QStringLiteral("12 min ago"));
        QCOMPARE(f.text("0420", OrderTableModel::AgeColumn), QStringLiteral("just now"));
        QCOMPARE(f.text("0415", OrderTableModel::AgeColumn), QStringLiteral("2 h ago"));
        // No account chosen yet: empty, not an id.
        QCOMPARE(f.text("0420", OrderTableModel::AccountColumn), QString());
        QCOMPARE(f.text("0420", OrderTableModel::DropletIdColumn), QString());
        QCOMPARE(f.model.headerData(OrderTableModel::ErrorColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Error or reason"));
    }

    void everyStatusInWords()
    {
        Fixture f;
        QCOMPARE(column(f.model, OrderTableModel::StatusColumn),
                 (QStringList{QStringLiteral("queued"), QStringLiteral("waiting for capacity"),
                              QStringLiteral("in progress"), QStringLiteral("uncertain"),
                              QStringLiteral("created"), QStringLiteral("failed"),
                              QStringLiteral("cancelled")}));
        // The stored status through its role, for filters and tests.
        QCOMPARE(column(f.model, 0, OrderTableModel::StatusRole),
                 (QStringList{QStringLiteral("PENDING"), QStringLiteral("WAITING"),
                              QStringLiteral("IN_PROGRESS"), QStringLiteral("UNCERTAIN"),
                              QStringLiteral("CREATED"), QStringLiteral("FAILED"),
                              QStringLiteral("CANCELLED")}));
        // A status this dopool does not know is shown as stored, not hidden.
        ProvisioningTask odd = demoOrders().first();
        odd.id = QStringLiteral("task-odd");
        odd.status = TaskStatus::Unknown;
        odd.seenStatus = QStringLiteral("ON_HOLD");
        f.model.upsertTask(odd);
        const QModelIndex oddStatus =
            f.model.index(f.model.rowOf(odd.id), OrderTableModel::StatusColumn);
        QCOMPARE(oddStatus.data().toString(), QStringLiteral("unknown: ON_HOLD"));
        QCOMPARE(oddStatus.data(OrderTableModel::StatusRole).toString(), QStringLiteral("ON_HOLD"));
    }

    void rolesForTheActions()
    {
        Fixture f;
        const QModelIndex created = f.model.index(f.rowOf("0416"), OrderTableModel::ErrorColumn);
        QCOMPARE(created.data(OrderTableModel::TaskIdRole).toString(), QStringLiteral("task-0416"));
        QCOMPARE(created.data(OrderTableModel::OrderIdRole).toString(),
                 QStringLiteral("ORD-2025-0416"));
        QCOMPARE(created.data(OrderTableModel::AccountIdRole).toString(), demoAccount(1).id);
        // The waiting order says why, and when it is tried again.
        const QModelIndex waiting = f.model.index(f.rowOf("0419"), OrderTableModel::StatusColumn);
        QVERIFY(waiting.siblingAtColumn(OrderTableModel::ErrorColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("all 3 usable accounts are full")));
        QVERIFY(waiting.data(Qt::ToolTipRole).toString().contains(QStringLiteral("75/75")));
        // A claimed row names its claimer.
        const QModelIndex inProgress =
            f.model.index(f.rowOf("0418"), OrderTableModel::StatusColumn);
        QVERIFY(inProgress.data(Qt::ToolTipRole).toString().contains(QStringLiteral("pool-1")));
        // Status dots and the failed error in the palette's red.
        QVERIFY(!waiting.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(f.model.index(f.rowOf("0415"), OrderTableModel::ErrorColumn)
                     .data(Qt::ForegroundRole)
                     .value<QColor>(),
                 QColor(0xffd13b3b));
    }

    void sortsByRawValuesNotText()
    {
        Fixture f;
        // Status: what needs the admin first.
        f.proxy.sort(OrderTableModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(column(f.proxy, OrderTableModel::StatusColumn).first(), QStringLiteral("failed"));
        QCOMPARE(column(f.proxy, OrderTableModel::StatusColumn).last(),
                 QStringLiteral("cancelled"));
        // Age by time: "2 h ago" is older than "14 min ago" although "1" < "2" as text.
        f.proxy.sort(OrderTableModel::AgeColumn, Qt::DescendingOrder);
        QCOMPARE(orderIds(f.proxy),
                 (QStringList{QStringLiteral("ORD-2025-0420"), QStringLiteral("ORD-2025-0418"),
                              QStringLiteral("ORD-2025-0417"), QStringLiteral("ORD-2025-0416"),
                              QStringLiteral("ORD-2025-0419"), QStringLiteral("ORD-2025-0415"),
                              QStringLiteral("ORD-2025-0414")}));
        // Droplet ids as numbers: none (0) first.
        f.proxy.sort(OrderTableModel::DropletIdColumn, Qt::DescendingOrder);
        QCOMPARE(f.proxy.index(0, OrderTableModel::DropletIdColumn).data().toString(),
                 QStringLiteral("471230981"));
    }

    void filtersByStatus()
    {
        Fixture f;
        f.proxy.setStatusFilter(QStringLiteral("WAITING"));
        QCOMPARE(orderIds(f.proxy), QStringList{QStringLiteral("ORD-2025-0419")});
        f.proxy.setStatusFilter(QStringLiteral("FAILED"));
        QCOMPARE(orderIds(f.proxy), QStringList{QStringLiteral("ORD-2025-0415")});
        f.proxy.setStatusFilter(QString());
        QCOMPARE(f.proxy.rowCount(), 7);
    }

    // The change feed's rows: the same task replaced in place (and moving in or out of the
    // filter), a new task added, a deleted one dropped.
    void liveUpdates()
    {
        Fixture f;
        f.proxy.setStatusFilter(QStringLiteral("PENDING"));
        QCOMPARE(f.proxy.rowCount(), 1);
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);

        ProvisioningTask claimed = demoOrders().first(); // ORD-2025-0420, queued
        claimed.status = TaskStatus::InProgress;
        claimed.claimedBy = QStringLiteral("serve@host-2");
        f.model.upsertTask(claimed);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.model.rowCount(), 7);
        QCOMPARE(f.proxy.rowCount(), 0); // no longer queued
        QCOMPARE(f.text("0420", OrderTableModel::StatusColumn), QStringLiteral("in progress"));

        ProvisioningTask retried = demoOrders().at(5); // ORD-2025-0415 failed: queued again
        retried.id = QStringLiteral("task-0415-again");
        retried.status = TaskStatus::Pending;
        retried.error.clear();
        retried.createdAt = demoNow();
        f.model.upsertTask(retried);
        QCOMPARE(f.model.rowCount(), 8);
        QCOMPARE(orderIds(f.proxy), QStringList{QStringLiteral("ORD-2025-0415")});

        f.model.removeTask(QStringLiteral("task-0415-again"));
        QCOMPARE(f.model.rowCount(), 7);
        QCOMPARE(f.proxy.rowCount(), 0);
        f.model.removeTask(QStringLiteral("no-such-task")); // nothing happens
        QCOMPARE(f.model.rowCount(), 7);
        QCOMPARE(f.model.rowOf(QStringLiteral("task-0414")), 6); // the index follows removals
    }

    void accountNamesAndAgesFollow()
    {
        Fixture f;
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        f.model.setAccountNames({{demoAccount(1).id, QStringLiteral("Jakarta main")}});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.text("0416", OrderTableModel::AccountColumn), QStringLiteral("Jakarta main"));
        // An account no longer in the pool: a short id, still something to search for.
        QCOMPARE(f.text("0415", OrderTableModel::AccountColumn), demoAccount(2).id.left(8));
        f.clock.set(demoNow().addSecs(3600));
        f.model.refreshTimes();
        QCOMPARE(f.text("0420", OrderTableModel::AgeColumn), QStringLiteral("1 h ago"));
    }
};

QTEST_MAIN(TestOrderTableModel)
#include "tst_ordertablemodel.moc"
