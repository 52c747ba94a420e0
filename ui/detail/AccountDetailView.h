#pragma once

#include "desktop/EngineTypes.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QList>
#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;

namespace dopool::ui {

class DropletsTab;
class HealthHistoryTable;
class OverviewTab;
class TasksTable;
class UtilisationTab;

// Everything known about one account: DigitalOcean identity and limits, rate limit, health,
// utilisation over time, health history, provisioning tasks and a page of its droplets - one
// widget per tab (OverviewTab, DropletsTab, UtilisationTab, HealthHistoryTable, TasksTable),
// this class the title, Refresh and which account they show.
// Passive: the owner feeds it through the setters and answers its signals (a new droplet page,
// a refresh). Sits in the main window's dock; works in a dialog as well.
class AccountDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit AccountDetailView(QWidget *parent = nullptr);

    // A different account (by id) drops the live identity and all lists of the previous one.
    void setAccount(const dopool::Account &account);
    void setLiveIdentity(const dopool::desktop::AccountInfo &info);
    void setHealthHistory(const QList<dopool::HealthEvent> &events);
    void setCapacityHistory(const QList<dopool::CapacitySample> &samples);
    void setTasks(const QList<dopool::ProvisioningTask> &tasks);
    void setDroplets(const dopool::desktop::DropletPage &page, int pageNumber, int perPage);
    void setDropletsLoading();
    void setDropletsError(const QString &message);
    void clear();

    QString accountId() const { return m_account ? m_account->id : QString(); }
    int dropletPage() const;
    int dropletPageCount() const;

Q_SIGNALS:
    void dropletPageRequested(int page);
    void refreshRequested();

private:
    void showAccount();

    std::optional<dopool::Account> m_account;
    std::optional<dopool::desktop::AccountInfo> m_live;

    QLabel *m_title = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    OverviewTab *m_overview = nullptr;
    DropletsTab *m_droplets = nullptr;
    UtilisationTab *m_utilisation = nullptr;
    HealthHistoryTable *m_health = nullptr;
    TasksTable *m_tasks = nullptr;
};

} // namespace dopool::ui
