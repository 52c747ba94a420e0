#pragma once

#include <QSortFilterProxyModel>

namespace dopool::ui {

// The Orders view's proxy: sorts by each column's raw value (OrderTableModel::RawValueRole;
// ties newest first) and shows the orders of one status, or all (an empty status).
class OrderFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OrderFilterProxy(QObject *parent = nullptr);

    // The stored status (PENDING, WAITING, ...) to show; empty: every status.
    void setStatusFilter(const QString &status);
    QString statusFilter() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_status;
};

} // namespace dopool::ui
