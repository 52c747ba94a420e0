#pragma once

#include "desktop/EngineTypes.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QList>
#include <QWidget>
#include <optional>

class QChart;
class QChartView;
class QDateTimeAxis;
class QFormLayout;
class QLabel;
class QLineSeries;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTabWidget;
class QValueAxis;

namespace dopool::ui {

class StatusLabel;

// Everything known about one account: DigitalOcean identity and limits, rate limit, health,
// utilisation over time, health history, provisioning tasks and a page of its droplets.
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
    int dropletPage() const { return m_dropletPage; }
    int dropletPageCount() const { return m_dropletPageCount; }

Q_SIGNALS:
    void dropletPageRequested(int page);
    void refreshRequested();

private:
    QWidget *buildOverview();
    QWidget *buildDroplets();
    QWidget *buildCapacity();
    QLabel *addValue(QFormLayout *form, const QString &label, const char *objectName);
    void showAccount();
    void updatePager(bool loading);

    std::optional<dopool::Account> m_account;
    std::optional<dopool::desktop::AccountInfo> m_live;
    int m_dropletPage = 1;
    int m_dropletPageCount = 1;

    QLabel *m_title = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTabWidget *m_tabs = nullptr;

    QLabel *m_email = nullptr;
    QLabel *m_doUuid = nullptr;
    QLabel *m_team = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_statusMessage = nullptr;
    QLabel *m_dropletLimit = nullptr;
    QLabel *m_activeDroplets = nullptr;
    QLabel *m_availableSlots = nullptr;
    QLabel *m_floatingIpLimit = nullptr;
    QLabel *m_volumeLimit = nullptr;
    QLabel *m_rateLimit = nullptr;
    QLabel *m_rateLimitReset = nullptr;
    QLabel *m_health = nullptr;
    QLabel *m_lastSync = nullptr;
    QLabel *m_lastHealthCheck = nullptr;
    QLabel *m_lastError = nullptr;
    QLabel *m_failures = nullptr;

    QTableWidget *m_dropletsTable = nullptr;
    QLabel *m_pageLabel = nullptr;
    QPushButton *m_previousButton = nullptr;
    QPushButton *m_nextButton = nullptr;
    StatusLabel *m_dropletsStatus = nullptr;

    QStackedWidget *m_capacityStack = nullptr;
    QLabel *m_capacityEmpty = nullptr;
    QChartView *m_chartView = nullptr;
    QLineSeries *m_series = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_percentAxis = nullptr;

    QTableWidget *m_healthTable = nullptr;
    QTableWidget *m_tasksTable = nullptr;
};

} // namespace dopool::ui
