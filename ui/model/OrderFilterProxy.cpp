#include "OrderFilterProxy.h"

#include "OrderTableModel.h"
#include "RawValueOrder.h"

namespace dopool::ui {

OrderFilterProxy::OrderFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(OrderTableModel::RawValueRole);
    // Rows change as orders move through the queue: keep the order and the filter current.
    setDynamicSortFilter(true);
}

void OrderFilterProxy::setStatusFilter(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

bool OrderFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_status.isEmpty())
        return true;
    return sourceModel()
               ->index(sourceRow, 0, sourceParent)
               .data(OrderTableModel::StatusRole)
               .toString() == m_status;
}

bool OrderFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (const int order = compareRawValues(left.data(OrderTableModel::RawValueRole),
                                           right.data(OrderTableModel::RawValueRole)))
        return order < 0;
    // Ties keep a stable order: the newer order first (in either direction the admin sorts).
    const auto created = [](const QModelIndex &index) {
        return index.siblingAtColumn(OrderTableModel::AgeColumn)
            .data(OrderTableModel::RawValueRole)
            .toLongLong();
    };
    const qint64 a = created(left);
    const qint64 b = created(right);
    return sortOrder() == Qt::AscendingOrder ? a > b : a < b;
}

} // namespace dopool::ui
