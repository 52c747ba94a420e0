#include "AccountFilterProxy.h"

#include "AccountTableModel.h"
#include "RawValueOrder.h"

namespace dopool::ui {

AccountFilterProxy::AccountFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AccountTableModel::RawValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Sync results arrive row by row: keep the order and the filter up to date as they do.
    setDynamicSortFilter(true);
}

void AccountFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool AccountFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_search.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    for (int column : {int(AccountTableModel::NameColumn), int(AccountTableModel::EmailColumn)}) {
        const QString text = model->index(sourceRow, column, sourceParent)
                                 .data(AccountTableModel::RawValueRole)
                                 .toString();
        if (text.contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool AccountFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (const int order = compareRawValues(left.data(AccountTableModel::RawValueRole),
                                           right.data(AccountTableModel::RawValueRole)))
        return order < 0;
    // Ties keep a stable, readable order: by name.
    const QModelIndex leftName = left.siblingAtColumn(AccountTableModel::NameColumn);
    const QModelIndex rightName = right.siblingAtColumn(AccountTableModel::NameColumn);
    return leftName.data(AccountTableModel::RawValueRole).toString() <
           rightName.data(AccountTableModel::RawValueRole).toString();
}

} // namespace dopool::ui
