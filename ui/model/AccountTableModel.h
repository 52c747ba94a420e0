#pragma once

#include "common/Clock.h"
#include "model/Account.h"

#include <QAbstractTableModel>
#include <QHash>

namespace dopool::ui {

// The pool's accounts, one row each, for the main window's table. Rows are keyed by account
// id: updates from sync results, other windows or other instances replace one row in place.
// Each column also answers RawValueRole with a value that sorts right (numbers, times), which
// the proxy sorts by instead of the display text.
class AccountTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        EmailColumn,
        CapacityColumn,
        HealthColumn,
        LastSyncColumn,
        LastHealthCheckColumn,
        ActiveColumn,
        LastErrorColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1,
        AccountIdRole,
        DropletsRole, // int: active droplets
        LimitRole,    // int: droplet limit
        HealthRole,   // int(AccountHealth)
        PrimaryRole,  // bool
    };

    explicit AccountTableModel(const Clock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setAccounts(const QList<Account> &accounts);
    void upsertAccount(const Account &account);
    // Many at once (a sync's results): one dataChanged over the rows that changed and one
    // insert for the new ones, rather than one signal per account.
    void upsertAccounts(const QList<Account> &accounts);
    void removeAccount(const QString &id);

    const QList<Account> &accounts() const { return m_accounts; }
    const Account *accountAt(int row) const;
    int rowOf(const QString &id) const; // -1 when absent

    // The relative-time columns age: repaint them (a timer in the window calls this).
    void refreshTimes();

private:
    QVariant displayData(const Account &account, int column) const;
    QVariant rawData(const Account &account, int column) const;
    void reindex();

    const Clock &m_clock;
    QList<Account> m_accounts;
    QHash<QString, int> m_rowById;
};

} // namespace dopool::ui
