// MainWindow: View -> Orders - the order queue in a dock, kept current by the client's task
// events, its counts in the status bar and the alert banner, and its actions (Retry, Cancel,
// Show account) answered through the pool in the engine thread.
#include "AlertBanner.h"
#include "MainWindow.h"
#include "PoolActions.h"
#include "model/AccountFilterProxy.h"
#include "model/AccountTableModel.h"
#include "model/OrderTableModel.h"
#include "model/RelativeTime.h"
#include "orders/OrdersView.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTableView>

namespace dopool::ui {

namespace {
// The newest orders the view lists (the store keeps them all; `dopool-cli orders` pages).
constexpr int kOrderListLimit = 1000;
} // namespace

void MainWindow::buildOrdersDock()
{
    m_ordersDock = new QDockWidget(tr("Orders"), this);
    m_ordersDock->setObjectName(QStringLiteral("ordersDock"));
    m_ordersDock->setAccessibleName(tr("Orders"));
    m_orders = new OrdersView(m_clock, m_ordersDock);
    m_ordersDock->setWidget(m_orders);
    addDockWidget(Qt::BottomDockWidgetArea, m_ordersDock);
    m_ordersDock->hide();
    connect(m_orders, &OrdersView::reloadRequested, this, &MainWindow::loadOrders);
    connect(m_orders, &OrdersView::retryRequested, this, &MainWindow::retryOrder);
    connect(m_orders, &OrdersView::cancelRequested, this, &MainWindow::cancelOrder);
    connect(m_orders, &OrdersView::showAccountRequested, this, &MainWindow::showOrderAccount);
    connect(m_ordersDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_actions->orders->setChecked(!m_ordersDock->isHidden());
        if (visible)
            loadOrders();
    });
    connect(m_actions->orders, &QAction::toggled, this, &MainWindow::showOrders);
    // Without a change feed (SQLite) another process's progress shows at the next look.
    connect(&m_clockTimer, &QTimer::timeout, this, [this] {
        if (!m_sharedPool && m_ordersDock->isVisible())
            loadOrders();
    });

    m_queueLabel = new QLabel(this);
    m_queueLabel->setObjectName(QStringLiteral("queueLabel"));
    m_queueLabel->setAccessibleName(tr("Order queue"));
    m_queueLabel->hide();
    statusBar()->addPermanentWidget(m_queueLabel);
}

void MainWindow::connectOrders()
{
    const desktop::PoolEvents *events = m_client->events();
    connect(events, &desktop::PoolEvents::taskUpdated, this,
            [this](const ProvisioningTask &task) { m_orders->model()->upsertTask(task); });
    connect(events, &desktop::PoolEvents::taskRemoved, this,
            [this](const QString &id) { m_orders->model()->removeTask(id); });
    connect(events, &desktop::PoolEvents::tasksReloadNeeded, this, [this] {
        if (m_ordersDock->isVisible())
            loadOrders();
    });
    connect(events, &desktop::PoolEvents::orderQueueChanged, this, &MainWindow::setOrderQueue);
}

void MainWindow::resetOrders()
{
    m_orders->model()->setTasks({});
    m_orders->setPoolOpen(false);
    setOrderQueue({});
}

void MainWindow::openOrders()
{
    const desktop::EngineSettings &engine = m_client->config().engine;
    m_orders->model()->setDefaults(engine.defaultRegion, engine.defaultSize, engine.defaultImage);
    m_orders->setPoolOpen(true);
    if (m_ordersDock->isVisible())
        loadOrders();
}

void MainWindow::showOrders(bool visible)
{
    m_ordersDock->setVisible(visible);
    if (visible)
        m_ordersDock->raise();
}

void MainWindow::loadOrders()
{
    if (!m_client || !m_open)
        return;
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::listOrders, kOrderListLimit)
        .then(m_scope, [this](Result<QList<ProvisioningTask>> tasks) {
            if (!tasks) {
                m_orders->setLoadError(tasks.error().message);
                return;
            }
            const ProvisioningTask *selected = m_orders->selectedTask();
            const QString selectedId = selected ? selected->id : QString();
            m_orders->model()->setTasks(*tasks);
            if (!selectedId.isEmpty())
                m_orders->selectTask(selectedId);
        });
}

void MainWindow::retryOrder(const ProvisioningTask &task)
{
    if (!m_client || !m_open)
        return;
    m_orders->showMessage(tr("Queueing order %1 again…").arg(task.orderId));
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::retryOrder, task.orderId)
        .then(m_scope, [this](Result<ProvisioningTask> queued) {
            if (!queued) {
                m_orders->showMessage(queued.error().message, StatusLabel::Tone::Error);
                showError(queued.error().message);
                return;
            }
            // The new row arrived as an event just before this answer.
            m_orders->selectTask(queued->id);
            const QString done = tr("Order %1 is queued again").arg(queued->orderId);
            m_orders->showMessage(done, StatusLabel::Tone::Success);
            showMessage(done);
        });
}

void MainWindow::cancelOrder(const ProvisioningTask &task)
{
    if (!m_client || !m_open)
        return;
    if (!m_confirm(this, tr("Cancel Order"),
                   tr("Cancel order %1? It will not be provisioned; Retry queues it again.")
                       .arg(task.orderId)))
        return;
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::cancelOrder, task.orderId)
        .then(m_scope, [this, orderId = task.orderId](Result<ProvisioningTask> cancelled) {
            if (!cancelled) {
                const QString why =
                    tr("Order %1 was not cancelled: %2").arg(orderId, cancelled.error().message);
                m_orders->showMessage(why, StatusLabel::Tone::Error);
                showError(why);
                return;
            }
            const QString done = tr("Order %1 cancelled").arg(orderId);
            m_orders->showMessage(done, StatusLabel::Tone::Success);
            showMessage(done);
        });
}

void MainWindow::showOrderAccount(const QString &accountId)
{
    const int row = m_model->rowOf(accountId);
    if (row < 0) {
        showError(tr("That account is no longer in the pool"));
        return;
    }
    // The search box may hide it.
    if (!m_proxy->mapFromSource(m_model->index(row, 0)).isValid())
        m_search->clear();
    selectAccount(accountId);
    m_table->scrollTo(m_table->selectionModel()->currentIndex());
    m_table->setFocus(Qt::OtherFocusReason);
}

QString MainWindow::queueText() const
{
    return m_queueLabel->isHidden() ? QString() : m_queueLabel->text();
}

void MainWindow::setOrderQueue(const desktop::QueueCounts &queue)
{
    m_queue = queue;
    const QString counts = AlertBanner::queueCounts(queue);
    m_queueLabel->setText(counts);
    m_queueLabel->setVisible(!counts.isEmpty());
    refreshOrderTimes();
    // No change feed (SQLite): a changed count is the sign that the list changed too.
    if (!m_sharedPool && m_ordersDock->isVisible())
        loadOrders();
}

void MainWindow::refreshOrderTimes()
{
    const QDateTime now = m_clock.now();
    m_orders->model()->refreshTimes();
    m_banner->setOrderQueue(m_queue, now);
    if (m_queue.total() > 0)
        m_queueLabel->setToolTip(
            tr("The oldest queued order came in %1. View → Orders (%2)")
                .arg(relativeTime(m_queue.oldestCreatedAt, now),
                     m_actions->orders->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::updateOrderAccounts()
{
    QHash<QString, QString> names;
    for (const Account &account : m_model->accounts())
        names.insert(account.id, account.name);
    m_orders->model()->setAccountNames(names);
}

} // namespace dopool::ui
