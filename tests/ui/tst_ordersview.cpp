// View -> Orders in the real window on real parts: the engine thread, a SQLite pool that a
// second connection writes as the order-service would, real widgets offscreen. The queue shows
// up live, Cancel and Retry go through the real PoolClient, and the window is rendered with
// the queue in English and Indonesian (the pictures in docs/images/).
#include "Screenshots.h"
#include "TestLanguage.h"
#include "UiTestData.h"
#include "WindowFixture.h"
#include "mainwindow/AlertBanner.h"
#include "mainwindow/PoolActions.h"
#include "model/OrderTableModel.h"
#include "orders/OrdersView.h"
#include "store/StoreFactory.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QPushButton>
#include <QTableView>

using namespace dopool;
using namespace dopool::ui;
using namespace dopool::testing;

namespace {

// The window, plus a second connection to its pool: the order-service (or another instance).
struct OrdersFixture : WindowFixture
{
    ManualClock storeClock;
    std::unique_ptr<AccountStore> other;

    bool start(const QList<int> &accounts)
    {
        if (!WindowFixture::start(accounts))
            return false;
        StoreOptions options;
        options.clock = &storeClock;
        options.url = config().database;
        other = std::move(openStore(options).store);
        return other != nullptr;
    }

    // The order-service's INSERT of a queued order, minutesAgo.
    ProvisioningTask enqueue(const QString &orderId, int minutesAgo)
    {
        storeClock.set(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo));
        OrderRequest request;
        request.orderId = orderId;
        const auto queued = other->enqueueOrder(request);
        if (!queued)
            qWarning() << "enqueue failed:" << queued.error().message;
        return queued ? *queued : ProvisioningTask{};
    }

    // A row as some instance left it.
    ProvisioningTask insert(const QString &orderId, TaskStatus status, int minutesAgo,
                            const std::function<void(ProvisioningTask &)> &fill = {})
    {
        storeClock.set(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo));
        ProvisioningTask task;
        task.orderId = orderId;
        task.status = status;
        if (fill)
            fill(task);
        const auto inserted = other->insertTask(task);
        if (!inserted)
            qWarning() << "insert failed:" << inserted.error().message;
        return inserted ? *inserted : ProvisioningTask{};
    }

    // A queue with one order in most statuses: queued, waiting (with its reason), created on
    // Account 1, failed (with its error).
    void seedQueue()
    {
        enqueue(QStringLiteral("ORD-A"), 2);
        insert(QStringLiteral("ORD-W"), TaskStatus::Waiting, 10, [](ProvisioningTask &t) {
            t.error = QStringLiteral("no account has room: all 3 usable accounts are full");
            t.attempts = 1;
        });
        insert(QStringLiteral("ORD-C"), TaskStatus::Created, 30, [this](ProvisioningTask &t) {
            t.doAccountId = account(QStringLiteral("Account 1")).id;
            t.dropletId = 471230981;
            t.dropletName = QStringLiteral("webrana-ord-c");
            t.tag = QStringLiteral("dopool-task-c");
            t.claimedBy = QStringLiteral("dopool");
        });
        insert(QStringLiteral("ORD-F"), TaskStatus::Failed, 90, [this](ProvisioningTask &t) {
            t.doAccountId = account(QStringLiteral("Account 2")).id;
            t.error = QStringLiteral("DigitalOcean refused the size 's-64vcpu' (HTTP 422)");
            t.claimedBy = QStringLiteral("dopool");
        });
    }

    OrdersView *view() const { return window->ordersView(); }
    const QAbstractItemModel *rows() const { return view()->table()->model(); }

    // The view's row (in its current sort and filter) of the order's newest task; -1: none.
    int rowOfOrder(const QString &orderId) const
    {
        int found = -1;
        qint64 newest = -1;
        for (int row = 0; row < rows()->rowCount(); ++row) {
            const QModelIndex index = rows()->index(row, OrderTableModel::AgeColumn);
            if (index.data(OrderTableModel::OrderIdRole).toString() == orderId &&
                index.data(OrderTableModel::RawValueRole).toLongLong() > newest) {
                newest = index.data(OrderTableModel::RawValueRole).toLongLong();
                found = row;
            }
        }
        return found;
    }
    QString statusOf(const QString &orderId) const
    {
        const int row = rowOfOrder(orderId);
        return row < 0 ? QString()
                       : rows()->index(row, 0).data(OrderTableModel::StatusRole).toString();
    }
    void selectOrder(const QString &orderId) const
    {
        const int row = rowOfOrder(orderId);
        view()->table()->selectionModel()->setCurrentIndex(
            rows()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QPushButton *button(const char *name) const { return child<QPushButton>(view(), name); }
    // Ctrl+Shift+O, as the admin types it.
    void openOrders() const
    {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    }
};

} // namespace

class TestOrdersView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheQueueLive();
    void cancelRetryAndShowAccount();
    void cancelRefusedWhenClaimedMeanwhile();
    void windowWithTheQueue_data();
    void windowWithTheQueue();
};

void TestOrdersView::showsTheQueueLive()
{
    OrdersFixture w;
    QVERIFY(w.start({1, 2, 3}));
    QVERIFY(w.window->queueText().isEmpty());
    QVERIFY(w.window->ordersDock()->isHidden());
    w.seedQueue();

    // SQLite has no change feed: the engine's look at the queue finds the new orders.
    QTRY_COMPARE_WITH_TIMEOUT(w.window->queueText(),
                              QStringLiteral("1 queued, 1 waiting for capacity"), 15000);
    // Orders wait for capacity: the banner says so, with the oldest's age.
    QVERIFY(w.window->alertBanner()->isVisible());
    QVERIFY2(w.window->alertBanner()->text().contains(QStringLiteral(
                 "Orders: 1 queued, 1 waiting for capacity; the oldest came in 10 min ago")),
             qPrintable(w.window->alertBanner()->text()));

    w.openOrders(); // Ctrl+Shift+O
    QVERIFY(w.window->ordersDock()->isVisible());
    QVERIFY(w.window->actions()->orders->isChecked());
    QTRY_COMPARE_WITH_TIMEOUT(w.rows()->rowCount(), 4, 10000);
    QCOMPARE(w.statusOf(QStringLiteral("ORD-W")), QStringLiteral("WAITING"));
    const int created = w.rowOfOrder(QStringLiteral("ORD-C"));
    QCOMPARE(w.rows()->index(created, OrderTableModel::AccountColumn).data().toString(),
             QStringLiteral("Account 1"));
    QCOMPARE(w.rows()->index(created, OrderTableModel::DropletIdColumn).data().toString(),
             QStringLiteral("471230981"));
    QCOMPARE(w.rows()->index(created, OrderTableModel::StatusColumn).data().toString(),
             QStringLiteral("created"));

    // The status filter: only the waiting one, with its reason.
    auto *filter = child<QComboBox>(w.view(), "orderStatusFilter");
    filter->setCurrentIndex(filter->findData(QStringLiteral("WAITING")));
    QCOMPARE(w.rows()->rowCount(), 1);
    QVERIFY(w.rows()
                ->index(0, OrderTableModel::ErrorColumn)
                .data()
                .toString()
                .contains(QStringLiteral("all 3 usable accounts are full")));
    QCOMPARE(w.view()->countText(), QStringLiteral("Orders: 1 of 4"));
    filter->setCurrentIndex(0);

    // Another order arrives while the view is open: row and counts follow.
    w.enqueue(QStringLiteral("ORD-B"), 0);
    QTRY_COMPARE_WITH_TIMEOUT(w.window->queueText(),
                              QStringLiteral("2 queued, 1 waiting for capacity"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(w.statusOf(QStringLiteral("ORD-B")), QStringLiteral("PENDING"),
                              10000);
    QCOMPARE(w.rows()->rowCount(), 5);

    // Closing the dock unchecks View -> Orders.
    w.openOrders();
    QVERIFY(w.window->ordersDock()->isHidden());
    QVERIFY(!w.window->actions()->orders->isChecked());
}

void TestOrdersView::cancelRetryAndShowAccount()
{
    OrdersFixture w;
    QVERIFY(w.start({1, 2, 3}));
    w.seedQueue();
    w.window->showOrders(true);
    QTRY_COMPARE_WITH_TIMEOUT(w.rows()->rowCount(), 4, 10000);

    // Retry is for failed and cancelled orders, Cancel for queued and waiting ones.
    w.selectOrder(QStringLiteral("ORD-C"));
    QVERIFY(!w.button("retryOrderButton")->isEnabled());
    QVERIFY(!w.button("cancelOrderButton")->isEnabled());
    QVERIFY(w.button("showOrderAccountButton")->isEnabled());

    // Show account: the main table selects it.
    w.button("showOrderAccountButton")->click();
    QVERIFY(w.window->selectedAccount());
    QCOMPARE(w.window->selectedAccount()->name, QStringLiteral("Account 1"));

    // Cancel a queued order: asked first, then cancelled in the pool.
    w.selectOrder(QStringLiteral("ORD-A"));
    QVERIFY(w.button("cancelOrderButton")->isEnabled());
    w.answer = false;
    w.button("cancelOrderButton")->click();
    QCOMPARE(w.questions.size(), 1);
    QVERIFY(w.questions.last().contains(QStringLiteral("ORD-A")));
    QCOMPARE(w.statusOf(QStringLiteral("ORD-A")), QStringLiteral("PENDING")); // said no
    w.answer = true;
    w.button("cancelOrderButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(w.statusOf(QStringLiteral("ORD-A")), QStringLiteral("CANCELLED"),
                              10000);
    QTRY_COMPARE(w.view()->messageText(), QStringLiteral("Order ORD-A cancelled"));
    QCOMPARE(w.other->orderTasks(QStringLiteral("ORD-A"))->last().status, TaskStatus::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(w.window->queueText(), QStringLiteral("1 waiting for capacity"),
                              10000);

    // Retry the cancelled order and the failed one: each queued again as a new row.
    for (const QString &order : {QStringLiteral("ORD-A"), QStringLiteral("ORD-F")}) {
        w.selectOrder(order);
        QVERIFY(w.button("retryOrderButton")->isEnabled());
        w.button("retryOrderButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.statusOf(order), QStringLiteral("PENDING"), 10000);
        QTRY_COMPARE(w.view()->messageText(),
                     QStringLiteral("Order %1 is queued again").arg(order));
        QCOMPARE(w.other->orderTasks(order)->last().status, TaskStatus::Pending);
    }
    QCOMPARE(w.rows()->rowCount(), 6); // the old rows stay, as history
    QTRY_COMPARE_WITH_TIMEOUT(w.window->queueText(),
                              QStringLiteral("2 queued, 1 waiting for capacity"), 10000);
    // The row now selected is the new one: queued, so it can be cancelled, not retried.
    QVERIFY(w.view()->selectedTask());
    QCOMPARE(w.view()->selectedTask()->status, TaskStatus::Pending);
    QVERIFY(!w.button("retryOrderButton")->isEnabled());
}

void TestOrdersView::cancelRefusedWhenClaimedMeanwhile()
{
    OrdersFixture w;
    QVERIFY(w.start({1, 2, 3}));
    w.enqueue(QStringLiteral("ORD-B"), 1);
    w.window->showOrders(true);
    QTRY_COMPARE_WITH_TIMEOUT(w.statusOf(QStringLiteral("ORD-B")), QStringLiteral("PENDING"),
                              10000);
    w.selectOrder(QStringLiteral("ORD-B"));
    const ProvisioningTask seen = *w.view()->selectedTask();

    // A serve instance claims it between the admin's look and the click.
    w.storeClock.set(QDateTime::currentDateTimeUtc());
    const auto claimed = w.other->claimNextOrder(QStringLiteral("serve@elsewhere"),
                                                 w.storeClock.now().addSecs(30), WaitingRows::None);
    QVERIFY(claimed && claimed->has_value());
    Q_EMIT w.view()->cancelRequested(seen);

    QTRY_VERIFY_WITH_TIMEOUT(
        w.view()->messageText().startsWith(QStringLiteral("Order ORD-B was not cancelled: ")),
        10000);
    QCOMPARE(w.view()->messageText() == QStringLiteral("Order ORD-B was not cancelled: "),
             false); // with the store's reason
    QVERIFY(w.window->statusText().contains(QStringLiteral("ORD-B")));
    // The row shows who has it now, and can no longer be cancelled.
    QTRY_COMPARE(w.statusOf(QStringLiteral("ORD-B")), QStringLiteral("IN_PROGRESS"));
    QCOMPARE(w.other->orderTasks(QStringLiteral("ORD-B"))->last().claimedBy,
             QStringLiteral("serve@elsewhere"));
    w.selectOrder(QStringLiteral("ORD-B"));
    QVERIFY(!w.button("cancelOrderButton")->isEnabled());
}

void TestOrdersView::windowWithTheQueue_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("id") << QStringLiteral("id");
}

// The window as an admin sees it with View -> Orders open on a busy queue: the picture in
// docs/images/orders-view(-id).png, and the words checked in both languages.
void TestOrdersView::windowWithTheQueue()
{
    QFETCH(QString, language);
    Language lang(language);
    QVERIFY(language == QLatin1String("en") || lang.loaded());
    OrdersFixture w;
    QVERIFY(w.start({1, 2, 3}));
    w.seedQueue();
    w.insert(QStringLiteral("ORD-P"), TaskStatus::InProgress, 1, [&w](ProvisioningTask &t) {
        t.doAccountId = w.account(QStringLiteral("Account 2")).id;
        t.dropletName = QStringLiteral("webrana-ord-p");
        t.claimedBy = QStringLiteral("serve@pool-1");
        t.region = QStringLiteral("nyc3");
    });
    w.insert(QStringLiteral("ORD-U"), TaskStatus::Uncertain, 4, [&w](ProvisioningTask &t) {
        t.doAccountId = w.account(QStringLiteral("Account 1")).id;
        t.dropletName = QStringLiteral("webrana-ord-u");
        t.claimedBy = QStringLiteral("serve@pool-1");
        t.error = QStringLiteral("no answer from DigitalOcean in 15 s; looking for the droplet");
    });
    w.insert(QStringLiteral("ORD-X"), TaskStatus::Cancelled, 200);
    w.window->resize(1320, 860);
    w.window->showOrders(true);
    w.window->resizeDocks({w.window->ordersDock()}, {340}, Qt::Vertical);
    QTRY_COMPARE_WITH_TIMEOUT(w.rows()->rowCount(), 7, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!w.window->queueText().isEmpty(), 15000);
    w.selectOrder(QStringLiteral("ORD-W"));

    const bool english = language == QLatin1String("en");
    QCOMPARE(w.window->queueText() == QStringLiteral("1 queued, 1 waiting for capacity"), english);
    QVERIFY(w.window->queueText().contains(QLatin1Char('1')));
    QCOMPARE(w.window->alertBanner()->text().contains(QStringLiteral("waiting for capacity")),
             english);
    QCOMPARE(w.window->ordersDock()->windowTitle() == QStringLiteral("Orders"), english);
    QSet<QString> words;
    for (int row = 0; row < w.rows()->rowCount(); ++row)
        words << w.rows()->index(row, OrderTableModel::StatusColumn).data().toString();
    QCOMPARE(int(words.size()), 7); // seven statuses, seven words
    QCOMPARE(words.contains(QStringLiteral("in progress")), english);

    QCoreApplication::processEvents();
    const QString name =
        english ? QStringLiteral("orders-view") : QStringLiteral("orders-view-%1").arg(language);
    QVERIFY(save(w.window.get(), name));
    qInfo("rendered %s", qPrintable(screenshotPath(name)));
}

QTEST_MAIN(TestOrdersView)
#include "tst_ordersview.moc"
