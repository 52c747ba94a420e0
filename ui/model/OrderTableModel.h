#pragma once

#include "common/Clock.h"
#include "model/Account.h"

#include <QAbstractTableModel>
#include <QHash>

namespace dopool::ui {

// The pool's orders for the Orders view: one row per provisioning task (an order retried has
// its failed row and its new one), keyed by task id so that a change announced by any
// instance or the order-service replaces that row in place. Like AccountTableModel, each
// column answers RawValueRole with a value that sorts right (status by urgency, age by time).
class OrderTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        OrderColumn,
        StatusColumn,
        AccountColumn,
        DropletIdColumn,
        DropletNameColumn,
        PlacementColumn, // region / size / image
        AgeColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1,
        TaskIdRole,
        StatusRole,    // QString: the stored status (PENDING, WAITING, ...)
        AccountIdRole, // QString: empty when no account is chosen yet
        OrderIdRole,
    };

    explicit OrderTableModel(const Clock &clock, QObject *parent = nullptr);

    // "queued", "waiting for capacity", ... in the running language.
    static QString statusLabel(TaskStatus status);
    // Every status, in the order the filter offers them.
    static QList<TaskStatus> statuses();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setTasks(const QList<ProvisioningTask> &tasks);
    void upsertTask(const ProvisioningTask &task);
    void removeTask(const QString &id);
    // Account names for the account column (by account id), and the pool's defaults that an
    // order without region, size or image gets.
    void setAccountNames(const QHash<QString, QString> &names);
    void setDefaults(const QString &region, const QString &size, const QString &image);

    const QList<ProvisioningTask> &tasks() const { return m_tasks; }
    const ProvisioningTask *taskAt(int row) const;
    int rowOf(const QString &taskId) const; // -1 when absent

    // The age column ages: repaint it (the window's clock timer calls this).
    void refreshTimes();

private:
    QVariant displayData(const ProvisioningTask &task, int column) const;
    QVariant rawData(const ProvisioningTask &task, int column) const;
    QVariant toolTip(const ProvisioningTask &task, int column) const;
    QString placement(const ProvisioningTask &task) const;
    void reindex();

    const Clock &m_clock;
    QList<ProvisioningTask> m_tasks;
    QHash<QString, int> m_rowById;
    QHash<QString, QString> m_accountNames;
    QString m_defaultRegion;
    QString m_defaultSize;
    QString m_defaultImage;
};

} // namespace dopool::ui
