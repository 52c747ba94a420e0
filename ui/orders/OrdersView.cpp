#include "OrdersView.h"

#include "model/OrderFilterProxy.h"
#include "model/OrderTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dopool::ui {

OrdersView::OrdersView(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_model(new OrderTableModel(clock, this))
    , m_proxy(new OrderFilterProxy(this))
{
    setObjectName(QStringLiteral("ordersView"));
    m_proxy->setSourceModel(m_model);
    buildUi();
    updateState();
}

void OrdersView::buildUi()
{
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("orderStatusFilter"));
    m_statusFilter->setAccessibleName(tr("Show orders with status"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (TaskStatus status : OrderTableModel::statuses())
        m_statusFilter->addItem(OrderTableModel::statusLabel(status), taskStatusToDb(status));
    auto *filterLabel = new QLabel(tr("&Status:"), this);
    filterLabel->setBuddy(m_statusFilter);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("orderCount"));
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshOrdersButton"));
    m_refresh->setAccessibleName(tr("Reload the orders"));
    auto *top = new QHBoxLayout;
    top->addWidget(filterLabel);
    top->addWidget(m_statusFilter);
    top->addStretch(1);
    top->addWidget(m_count);
    top->addWidget(m_refresh);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_table->setAccessibleName(tr("Orders"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OrderTableModel::AgeColumn, Qt::DescendingOrder); // newest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    fitColumns();

    m_message = new StatusLabel(this);
    m_message->setObjectName(QStringLiteral("ordersMessage"));
    m_message->setAccessibleName(tr("Orders status message"));
    m_retry = new QPushButton(tr("Re&try"), this);
    m_retry->setObjectName(QStringLiteral("retryOrderButton"));
    m_retry->setAccessibleName(tr("Retry the selected order"));
    m_retry->setToolTip(tr("Queue a failed or cancelled order again"));
    m_cancel = new QPushButton(tr("&Cancel Order"), this);
    m_cancel->setObjectName(QStringLiteral("cancelOrderButton"));
    m_cancel->setAccessibleName(tr("Cancel the selected order"));
    m_cancel->setToolTip(tr("Cancel a queued or waiting order that no instance has claimed"));
    m_showAccount = new QPushButton(tr("Show Acc&ount"), this);
    m_showAccount->setObjectName(QStringLiteral("showOrderAccountButton"));
    m_showAccount->setAccessibleName(tr("Show the selected order's account"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 10);
    bottom->addStretch(1); // the buttons keep their size while there is no message
    bottom->addWidget(m_retry);
    bottom->addWidget(m_cancel);
    bottom->addWidget(m_showAccount);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(m_statusFilter->currentData().toString());
        updateState();
    });
    connect(m_refresh, &QPushButton::clicked, this, &OrdersView::reloadRequested);
    connect(m_retry, &QPushButton::clicked, this, &OrdersView::retrySelected);
    connect(m_cancel, &QPushButton::clicked, this, &OrdersView::cancelSelected);
    connect(m_showAccount, &QPushButton::clicked, this, &OrdersView::showAccountOfSelected);
    connect(m_table, &QTableView::doubleClicked, this, &OrdersView::showAccountOfSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrdersView::updateState);
    // A row changing status (live) changes what may be done with it.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &OrdersView::updateState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OrdersView::updateState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &OrdersView::updateState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &OrdersView::updateState);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!selectedTask())
            return;
        QMenu menu(this);
        menu.addAction(m_retry->text(), this, &OrdersView::retrySelected)
            ->setEnabled(m_retry->isEnabled());
        menu.addAction(m_cancel->text(), this, &OrdersView::cancelSelected)
            ->setEnabled(m_cancel->isEnabled());
        menu.addAction(m_showAccount->text(), this, &OrdersView::showAccountOfSelected)
            ->setEnabled(m_showAccount->isEnabled());
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
}

void OrdersView::fitColumns()
{
    // Widths for the data (a DO droplet id has 9-10 digits, a droplet name ~30 characters),
    // never narrower than the header in the running language.
    const QList<std::pair<int, int>> widths = {
        {OrderTableModel::OrderColumn, 120},       {OrderTableModel::StatusColumn, 160},
        {OrderTableModel::AccountColumn, 100},     {OrderTableModel::DropletIdColumn, 90},
        {OrderTableModel::DropletNameColumn, 140}, {OrderTableModel::PlacementColumn, 255},
        {OrderTableModel::AgeColumn, 100},
    };
    QHeaderView *header = m_table->horizontalHeader();
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, std::max(width, header->sectionSizeHint(column)));
}

bool OrdersView::canRetry(const ProvisioningTask &task)
{
    return task.status == TaskStatus::Failed || task.status == TaskStatus::Cancelled;
}

bool OrdersView::canCancel(const ProvisioningTask &task)
{
    return (task.status == TaskStatus::Pending || task.status == TaskStatus::Waiting) &&
           task.claimedBy.isEmpty();
}

const ProvisioningTask *OrdersView::selectedTask() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->taskAt(m_proxy->mapToSource(current).row());
}

void OrdersView::selectTask(const QString &taskId)
{
    const int row = m_model->rowOf(taskId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return; // filtered out
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void OrdersView::setStatusFilter(const QString &status)
{
    m_statusFilter->setCurrentIndex(std::max(0, m_statusFilter->findData(status)));
}

void OrdersView::setPoolOpen(bool open)
{
    m_open = open;
    updateState();
}

void OrdersView::showMessage(const QString &text, StatusLabel::Tone tone)
{
    m_message->showMessage(text, tone);
}

QString OrdersView::messageText() const
{
    return m_message->text();
}

QString OrdersView::countText() const
{
    return m_count->text();
}

void OrdersView::setLoadError(const QString &message)
{
    showMessage(tr("Could not read the orders: %1").arg(message), StatusLabel::Tone::Error);
}

void OrdersView::retrySelected()
{
    const ProvisioningTask *task = selectedTask();
    if (m_open && task && canRetry(*task))
        Q_EMIT retryRequested(*task);
}

void OrdersView::cancelSelected()
{
    const ProvisioningTask *task = selectedTask();
    if (m_open && task && canCancel(*task))
        Q_EMIT cancelRequested(*task);
}

void OrdersView::showAccountOfSelected()
{
    const ProvisioningTask *task = selectedTask();
    if (task && !task->doAccountId.isEmpty())
        Q_EMIT showAccountRequested(task->doAccountId);
}

void OrdersView::updateState()
{
    const ProvisioningTask *task = selectedTask();
    m_retry->setEnabled(m_open && task && canRetry(*task));
    m_cancel->setEnabled(m_open && task && canCancel(*task));
    m_showAccount->setEnabled(task && !task->doAccountId.isEmpty());
    m_refresh->setEnabled(m_open);
    const int shown = m_proxy->rowCount();
    const int all = m_model->rowCount();
    m_count->setText(shown == all ? tr("Orders: %1").arg(all)
                                  : tr("Orders: %1 of %2").arg(shown).arg(all));
}

} // namespace dopool::ui
