#pragma once

#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QTableWidget>

namespace dopool::ui {

// The detail view's Health history tab: each change of the account's health, newest first.
class HealthHistoryTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit HealthHistoryTable(QWidget *parent = nullptr);
    void setEvents(const QList<HealthEvent> &events);
};

// The detail view's Tasks tab: the account's provisioning tasks, newest first.
class TasksTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit TasksTable(QWidget *parent = nullptr);
    void setTasks(const QList<ProvisioningTask> &tasks);
};

} // namespace dopool::ui
