#include "OrdersController.h"

#include "OrdersView.h"
#include "mainwindow/AlertBanner.h"
#include "model/OrderTableModel.h"
#include "model/RelativeTime.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>

namespace dopool::ui {

namespace {
// The newest orders the view lists (the store keeps them all; `dopool-cli orders` pages).
constexpr int kOrderListLimit = 1000;
} // namespace

OrdersController::OrdersController(QMainWindow *window, const Clock &clock, QAction *toggle)
    : QObject(window)
    , m_clock(clock)
    , m_toggle(toggle)
    , m_window(window)
{
    m_dock = new QDockWidget(tr("Orders"), window);
    m_dock->setObjectName(QStringLiteral("ordersDock"));
    m_dock->setAccessibleName(tr("Orders"));
    m_view = new OrdersView(m_clock, m_dock);
    m_dock->setWidget(m_view);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();
    connect(m_view, &OrdersView::reloadRequested, this, &OrdersController::load);
    connect(m_view, &OrdersView::retryRequested, this, &OrdersController::retry);
    connect(m_view, &OrdersView::cancelRequested, this, &OrdersController::cancel);
    connect(m_view, &OrdersView::showAccountRequested, this,
            &OrdersController::showAccountRequested);
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_toggle->setChecked(!m_dock->isHidden());
        if (visible)
            load();
    });
    connect(m_toggle, &QAction::toggled, this, &OrdersController::show);

    m_queueLabel = new QLabel(window);
    m_queueLabel->setObjectName(QStringLiteral("queueLabel"));
    m_queueLabel->setAccessibleName(tr("Order queue"));
    m_queueLabel->hide();
    window->statusBar()->addPermanentWidget(m_queueLabel);
}

void OrdersController::setPool(QPointer<desktop::PoolClient> pool, QObject *scope)
{
    m_pool = std::move(pool);
    m_scope = scope;
    m_open = false;
    m_view->model()->setTasks({});
    m_view->setPoolOpen(false);
    setQueue({});
    if (!m_pool)
        return;
    const desktop::PoolEvents *events = m_pool->events();
    connect(events, &desktop::PoolEvents::taskUpdated, scope,
            [this](const ProvisioningTask &task) { m_view->model()->upsertTask(task); });
    connect(events, &desktop::PoolEvents::taskRemoved, scope,
            [this](const QString &id) { m_view->model()->removeTask(id); });
    connect(events, &desktop::PoolEvents::tasksReloadNeeded, scope, [this] {
        if (m_dock->isVisible())
            load();
    });
    connect(events, &desktop::PoolEvents::orderQueueChanged, scope,
            [this](const desktop::QueueCounts &queue) { setQueue(queue); });
}

void OrdersController::open(const desktop::EngineSettings &defaults)
{
    m_open = true;
    m_view->model()->setDefaults(defaults.defaultRegion, defaults.defaultSize,
                                 defaults.defaultImage);
    m_view->setPoolOpen(true);
    if (m_dock->isVisible())
        load();
}

void OrdersController::show(bool visible)
{
    m_dock->setVisible(visible);
    if (visible)
        m_dock->raise();
}

void OrdersController::tick()
{
    refreshTimes();
    // Without a change feed (SQLite) another process's progress shows at the next look.
    if (!m_shared && m_dock->isVisible())
        load();
}

void OrdersController::load()
{
    if (!m_open || !m_scope)
        return;
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::listOrders, kOrderListLimit)
        .then(m_scope, [this](Result<QList<ProvisioningTask>> tasks) {
            if (!tasks) {
                m_view->setLoadError(tasks.error().message);
                return;
            }
            const ProvisioningTask *selected = m_view->selectedTask();
            const QString selectedId = selected ? selected->id : QString();
            m_view->model()->setTasks(*tasks);
            if (!selectedId.isEmpty())
                m_view->selectTask(selectedId);
        });
}

void OrdersController::retry(const ProvisioningTask &task)
{
    if (!m_open || !m_scope)
        return;
    m_view->showMessage(tr("Queueing order %1 again…").arg(task.orderId));
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::retryOrder, task.orderId)
        .then(m_scope, [this](Result<ProvisioningTask> queued) {
            if (!queued) {
                m_view->showMessage(queued.error().message, StatusLabel::Tone::Error);
                Q_EMIT error(queued.error().message);
                return;
            }
            // The new row arrived as an event just before this answer.
            m_view->selectTask(queued->id);
            const QString done = tr("Order %1 is queued again").arg(queued->orderId);
            m_view->showMessage(done, StatusLabel::Tone::Success);
            Q_EMIT message(done);
        });
}

void OrdersController::cancel(const ProvisioningTask &task)
{
    if (!m_open || !m_scope)
        return;
    if (!m_confirm(m_window, tr("Cancel Order"),
                   tr("Cancel order %1? It will not be provisioned; Retry queues it again.")
                       .arg(task.orderId)))
        return;
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::cancelOrder, task.orderId)
        .then(m_scope, [this, orderId = task.orderId](Result<ProvisioningTask> cancelled) {
            if (!cancelled) {
                const QString why =
                    tr("Order %1 was not cancelled: %2").arg(orderId, cancelled.error().message);
                m_view->showMessage(why, StatusLabel::Tone::Error);
                Q_EMIT error(why);
                return;
            }
            const QString done = tr("Order %1 cancelled").arg(orderId);
            m_view->showMessage(done, StatusLabel::Tone::Success);
            Q_EMIT message(done);
        });
}

QString OrdersController::queueText() const
{
    return m_queueLabel->isHidden() ? QString() : m_queueLabel->text();
}

void OrdersController::setQueue(const desktop::QueueCounts &queue)
{
    m_queue = queue;
    const QString counts = AlertBanner::queueCounts(queue);
    m_queueLabel->setText(counts);
    m_queueLabel->setVisible(!counts.isEmpty());
    refreshTimes();
    // No change feed (SQLite): a changed count is the sign that the list changed too.
    if (!m_shared && m_dock->isVisible())
        load();
}

void OrdersController::refreshTimes()
{
    const QDateTime now = m_clock.now();
    m_view->model()->refreshTimes();
    Q_EMIT queueChanged(m_queue, now);
    if (m_queue.total() > 0)
        m_queueLabel->setToolTip(tr("The oldest queued order came in %1. View → Orders (%2)")
                                     .arg(relativeTime(m_queue.oldestCreatedAt, now),
                                          m_toggle->shortcut().toString(QKeySequence::NativeText)));
}

void OrdersController::setAccountNames(const QHash<QString, QString> &names)
{
    m_view->model()->setAccountNames(names);
}

} // namespace dopool::ui
