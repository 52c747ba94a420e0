#include "AccountTableModel.h"

#include "RelativeTime.h"
#include "StatusColours.h"

#include <QColor>
#include <QLocale>
#include <algorithm>

namespace dopool::ui {

namespace {

qint64 timeKey(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : -1;
}

// Sorting by health puts the accounts that need attention first.
int healthRank(AccountHealth health)
{
    switch (health) {
    case AccountHealth::Unhealthy:
        return 0;
    case AccountHealth::Degraded:
        return 1;
    case AccountHealth::Unknown:
        return 2;
    case AccountHealth::Healthy:
        return 3;
    }
    return 2;
}

} // namespace

AccountTableModel::AccountTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{}

int AccountTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AccountTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString capacityText(const Account &account)
{
    return AccountTableModel::tr("%1/%2 (%3%)")
        .arg(account.activeDroplets)
        .arg(account.dropletLimit)
        .arg(qRound(account.utilisation() * 100));
}

QVariant AccountTableModel::displayData(const Account &account, int column) const
{
    switch (column) {
    case NameColumn:
        return account.isPrimary ? tr("%1 ★").arg(account.name) : account.name;
    case EmailColumn:
        return account.email;
    case CapacityColumn:
        return capacityText(account);
    case HealthColumn:
        return healthLabel(account.healthStatus);
    case LastSyncColumn:
        return relativeTime(account.lastSyncAt, m_clock.now());
    case LastHealthCheckColumn:
        return relativeTime(account.lastHealthCheck, m_clock.now());
    case ActiveColumn:
        return account.isActive ? tr("Active") : tr("Inactive");
    case LastErrorColumn:
        return account.lastError;
    }
    return {};
}

QVariant AccountTableModel::rawData(const Account &account, int column) const
{
    switch (column) {
    case NameColumn:
        return account.name.toLower();
    case EmailColumn:
        return account.email.toLower();
    case CapacityColumn:
        return account.utilisation();
    case HealthColumn:
        return healthRank(account.healthStatus);
    case LastSyncColumn:
        return timeKey(account.lastSyncAt);
    case LastHealthCheckColumn:
        return timeKey(account.lastHealthCheck);
    case ActiveColumn:
        return account.isActive ? 1 : 0;
    case LastErrorColumn:
        return account.lastError;
    }
    return {};
}

QVariant AccountTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return {};
    const Account &account = m_accounts.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayData(account, column);
    case RawValueRole:
        return rawData(account, column);
    case AccountIdRole:
        return account.id;
    case DropletsRole:
        return account.activeDroplets;
    case LimitRole:
        return account.dropletLimit;
    case HealthRole:
        return int(account.healthStatus);
    case PrimaryRole:
        return account.isPrimary;
    case Qt::DecorationRole:
        if (column == NameColumn)
            return statusDot(account.healthStatus);
        return {};
    case Qt::ForegroundRole:
        if (column == LastErrorColumn)
            return QColor(StatusColours::critical);
        if (!account.isActive)
            return QColor(Qt::gray);
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return account.isPrimary ? tr("%1 — primary account").arg(account.name) : account.name;
        case LastSyncColumn:
            return account.lastSyncAt.isValid()
                       ? QLocale().toString(account.lastSyncAt.toLocalTime(), QLocale::LongFormat)
                       : tr("Never synced");
        case LastHealthCheckColumn:
            return account.lastHealthCheck.isValid()
                       ? QLocale().toString(account.lastHealthCheck.toLocalTime(),
                                            QLocale::LongFormat)
                       : tr("Never checked");
        case HealthColumn:
        case LastErrorColumn:
            return account.lastError.isEmpty() ? healthLabel(account.healthStatus)
                                               : account.lastError;
        default:
            return displayData(account, column);
        }
    case Qt::TextAlignmentRole:
        if (column == CapacityColumn || column == ActiveColumn)
            return int(Qt::AlignCenter);
        return {};
    }
    return {};
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case CapacityColumn:
        return tr("Capacity");
    case HealthColumn:
        return tr("Health");
    case LastSyncColumn:
        return tr("Last sync");
    case LastHealthCheckColumn:
        return tr("Last health check");
    case ActiveColumn:
        return tr("Active");
    case LastErrorColumn:
        return tr("Last error");
    }
    return {};
}

void AccountTableModel::setAccounts(const QList<Account> &accounts)
{
    beginResetModel();
    m_accounts = accounts;
    reindex();
    endResetModel();
}

void AccountTableModel::upsertAccount(const Account &account)
{
    const int row = rowOf(account.id);
    if (row >= 0) {
        m_accounts[row] = account;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int newRow = int(m_accounts.size());
    beginInsertRows({}, newRow, newRow);
    m_accounts.append(account);
    m_rowById.insert(account.id, newRow);
    endInsertRows();
}

void AccountTableModel::upsertAccounts(const QList<Account> &accounts)
{
    int first = -1;
    int last = -1;
    QList<Account> added;
    for (const Account &account : accounts) {
        const int row = rowOf(account.id);
        if (row < 0) {
            added.append(account);
            continue;
        }
        m_accounts[row] = account;
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    for (const Account &account : std::as_const(added))
        upsertAccount(account); // a new id twice in one batch is one row
}

void AccountTableModel::removeAccount(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_accounts.removeAt(row);
    reindex();
    endRemoveRows();
}

const Account *AccountTableModel::accountAt(int row) const
{
    return row >= 0 && row < m_accounts.size() ? &m_accounts.at(row) : nullptr;
}

int AccountTableModel::rowOf(const QString &id) const
{
    return m_rowById.value(id, -1);
}

void AccountTableModel::refreshTimes()
{
    if (m_accounts.isEmpty())
        return;
    const int last = int(m_accounts.size()) - 1;
    Q_EMIT dataChanged(index(0, LastSyncColumn), index(last, LastHealthCheckColumn),
                       {Qt::DisplayRole});
}

void AccountTableModel::reindex()
{
    m_rowById.clear();
    m_rowById.reserve(m_accounts.size());
    for (int row = 0; row < m_accounts.size(); ++row)
        m_rowById.insert(m_accounts.at(row).id, row);
}

} // namespace dopool::ui
