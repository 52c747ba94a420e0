#pragma once

#include <QSortFilterProxyModel>

namespace dopool::ui {

// Sorts by each column's raw value (AccountTableModel::RawValueRole: numbers and times, not
// their display text) and filters by the search box: an account shows when its name or email
// contains the text, case-insensitively.
class AccountFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AccountFilterProxy(QObject *parent = nullptr);

    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
};

} // namespace dopool::ui
