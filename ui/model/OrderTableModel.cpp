#include "OrderTableModel.h"

#include "RelativeTime.h"
#include "StatusColours.h"

#include <QColor>
#include <QLocale>

namespace dopool::ui {

namespace {

// Sorting by status puts what needs the admin first: failed, then the orders still open.
int statusRank(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Failed:
        return 0;
    case TaskStatus::Unknown:
        return 1;
    case TaskStatus::Uncertain:
        return 2;
    case TaskStatus::Waiting:
        return 3;
    case TaskStatus::Pending:
        return 4;
    case TaskStatus::InProgress:
        return 5;
    case TaskStatus::Created:
        return 6;
    case TaskStatus::Cancelled:
        return 7;
    }
    return 8;
}

QString longTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::LongFormat);
}

} // namespace

OrderTableModel::OrderTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{}

QString OrderTableModel::statusLabel(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return tr("queued");
    case TaskStatus::Waiting:
        return tr("waiting for capacity");
    case TaskStatus::InProgress:
        return tr("in progress");
    case TaskStatus::Uncertain:
        return tr("uncertain");
    case TaskStatus::Created:
        return tr("created");
    case TaskStatus::Failed:
        return tr("failed");
    case TaskStatus::Cancelled:
        return tr("cancelled");
    case TaskStatus::Unknown:
        return tr("unknown status");
    }
    return {};
}

QList<TaskStatus> OrderTableModel::statuses()
{
    return {TaskStatus::Pending, TaskStatus::Waiting, TaskStatus::InProgress, TaskStatus::Uncertain,
            TaskStatus::Created, TaskStatus::Failed,  TaskStatus::Cancelled};
}

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OrderTableModel::placement(const ProvisioningTask &task) const
{
    const auto orDefault = [](const QString &value, const QString &fallback) {
        return value.isEmpty() ? fallback : value;
    };
    return tr("%1 / %2 / %3")
        .arg(orDefault(task.region, m_defaultRegion), orDefault(task.size, m_defaultSize),
             orDefault(task.image, m_defaultImage));
}

QVariant OrderTableModel::displayData(const ProvisioningTask &task, int column) const
{
    switch (column) {
    case OrderColumn:
        return task.extra ? tr("%1 (extra)").arg(task.orderId) : task.orderId;
    case StatusColumn:
        // A status text this dopool does not know (the queue fails such a row): as stored.
        return task.status == TaskStatus::Unknown ? tr("unknown: %1").arg(task.seenStatus)
                                                  : statusLabel(task.status);
    case AccountColumn:
        if (task.doAccountId.isEmpty())
            return QString();
        // An account deleted since (or not loaded yet): its id, shortened.
        return m_accountNames.value(task.doAccountId, task.doAccountId.left(8));
    case DropletIdColumn:
        return task.dropletId > 0 ? QString::number(task.dropletId) : QString();
    case DropletNameColumn:
        return task.dropletName;
    case PlacementColumn:
        return placement(task);
    case AgeColumn:
        return relativeTime(task.createdAt, m_clock.now());
    case ErrorColumn:
        return task.error;
    }
    return {};
}

QVariant OrderTableModel::rawData(const ProvisioningTask &task, int column) const
{
    switch (column) {
    case OrderColumn:
        return task.orderId.toLower();
    case StatusColumn:
        return statusRank(task.status);
    case AccountColumn:
        return displayData(task, column).toString().toLower();
    case DropletIdColumn:
        return task.dropletId;
    case DropletNameColumn:
        return task.dropletName.toLower();
    case PlacementColumn:
        return placement(task);
    case AgeColumn:
        return task.createdAt.isValid() ? task.createdAt.toMSecsSinceEpoch() : qint64(-1);
    case ErrorColumn:
        return task.error;
    }
    return {};
}

QVariant OrderTableModel::toolTip(const ProvisioningTask &task, int column) const
{
    switch (column) {
    case StatusColumn:
        switch (task.status) {
        case TaskStatus::Pending:
            return tr("Queued: no instance has claimed it yet");
        case TaskStatus::Waiting:
            return task.nextAttemptAt.isValid()
                       ? tr("Waiting for capacity: %1\nTried again when capacity appears, or at "
                            "%2")
                             .arg(task.error, longTime(task.nextAttemptAt))
                       : tr("Waiting for capacity: %1").arg(task.error);
        case TaskStatus::InProgress:
        case TaskStatus::Uncertain:
            return task.claimedBy.isEmpty()
                       ? tr("Provisioned by the order-service itself: dopool leaves it alone")
                       : tr("Claimed by %1").arg(task.claimedBy);
        default:
            return statusLabel(task.status);
        }
    case PlacementColumn:
        return tr("Region %1, size %2, image %3 (an empty one is the pool's default)")
            .arg(task.region.isEmpty() ? tr("default") : task.region,
                 task.size.isEmpty() ? tr("default") : task.size,
                 task.image.isEmpty() ? tr("default") : task.image);
    case AgeColumn:
        return task.createdAt.isValid()
                   ? tr("Queued %1\nLast changed %2")
                         .arg(longTime(task.createdAt), longTime(task.updatedAt))
                   : QVariant();
    default:
        return displayData(task, column);
    }
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tasks.size())
        return {};
    const ProvisioningTask &task = m_tasks.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayData(task, column);
    case RawValueRole:
        return rawData(task, column);
    case TaskIdRole:
        return task.id;
    case StatusRole:
        return task.statusText();
    case AccountIdRole:
        return task.doAccountId;
    case OrderIdRole:
        return task.orderId;
    case Qt::DecorationRole:
        if (column == StatusColumn)
            return roundIcon(taskStatusColour(task.status), 16);
        return {};
    case Qt::ForegroundRole:
        if (column == ErrorColumn && task.status == TaskStatus::Failed)
            return QColor(StatusColours::critical);
        if (task.status == TaskStatus::Cancelled)
            return QColor(Qt::gray);
        return {};
    case Qt::ToolTipRole:
        return toolTip(task, column);
    case Qt::TextAlignmentRole:
        if (column == DropletIdColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderColumn:
        return tr("Order");
    case StatusColumn:
        return tr("Status");
    case AccountColumn:
        return tr("Account");
    case DropletIdColumn:
        return tr("Droplet ID");
    case DropletNameColumn:
        return tr("Droplet name");
    case PlacementColumn:
        return tr("Region / size / image");
    case AgeColumn:
        return tr("Age");
    case ErrorColumn:
        return tr("Error or reason");
    }
    return {};
}

void OrderTableModel::setTasks(const QList<ProvisioningTask> &tasks)
{
    beginResetModel();
    m_tasks = tasks;
    reindex();
    endResetModel();
}

void OrderTableModel::upsertTask(const ProvisioningTask &task)
{
    const int row = rowOf(task.id);
    if (row >= 0) {
        m_tasks[row] = task;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int newRow = int(m_tasks.size());
    beginInsertRows({}, newRow, newRow);
    m_tasks.append(task);
    m_rowById.insert(task.id, newRow);
    endInsertRows();
}

void OrderTableModel::removeTask(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_tasks.removeAt(row);
    reindex();
    endRemoveRows();
}

void OrderTableModel::setAccountNames(const QHash<QString, QString> &names)
{
    if (names == m_accountNames)
        return;
    m_accountNames = names;
    if (!m_tasks.isEmpty())
        Q_EMIT dataChanged(index(0, AccountColumn), index(rowCount() - 1, AccountColumn));
}

void OrderTableModel::setDefaults(const QString &region, const QString &size, const QString &image)
{
    m_defaultRegion = region;
    m_defaultSize = size;
    m_defaultImage = image;
    if (!m_tasks.isEmpty())
        Q_EMIT dataChanged(index(0, PlacementColumn), index(rowCount() - 1, PlacementColumn));
}

const ProvisioningTask *OrderTableModel::taskAt(int row) const
{
    return row >= 0 && row < m_tasks.size() ? &m_tasks.at(row) : nullptr;
}

int OrderTableModel::rowOf(const QString &taskId) const
{
    return m_rowById.value(taskId, -1);
}

void OrderTableModel::refreshTimes()
{
    if (!m_tasks.isEmpty())
        Q_EMIT dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn),
                           {Qt::DisplayRole});
}

void OrderTableModel::reindex()
{
    m_rowById.clear();
    m_rowById.reserve(m_tasks.size());
    for (int row = 0; row < m_tasks.size(); ++row)
        m_rowById.insert(m_tasks.at(row).id, row);
}

} // namespace dopool::ui
