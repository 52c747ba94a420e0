#include "AccountDetailView.h"

#include "DropletsTab.h"
#include "HistoryTables.h"
#include "OverviewTab.h"
#include "UtilisationTab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dopool::ui {

AccountDetailView::AccountDetailView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(420, 360);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("titleLabel"));
    m_title->setAccessibleName(tr("Account name"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_refreshButton = new QPushButton(tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setAccessibleName(tr("Refresh account details"));
    m_refreshButton->setToolTip(tr("Ask DigitalOcean again for this account"));
    connect(m_refreshButton, &QPushButton::clicked, this, &AccountDetailView::refreshRequested);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_refreshButton);

    m_overview = new OverviewTab(this);
    m_droplets = new DropletsTab(this);
    connect(m_droplets, &DropletsTab::pageRequested, this,
            &AccountDetailView::dropletPageRequested);
    m_utilisation = new UtilisationTab(this);
    m_health = new HealthHistoryTable(this);
    m_tasks = new TasksTable(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setAccessibleName(tr("Account detail sections"));
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_droplets, tr("Droplets"));
    m_tabs->addTab(m_utilisation, tr("Utilisation"));
    m_tabs->addTab(m_health, tr("Health history"));
    m_tabs->addTab(m_tasks, tr("Tasks"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    clear();
}

void AccountDetailView::setAccount(const dopool::Account &account)
{
    if (!m_account || m_account->id != account.id)
        clear();
    m_account = account;
    showAccount();
}

void AccountDetailView::setLiveIdentity(const dopool::desktop::AccountInfo &info)
{
    m_live = info;
    showAccount();
}

void AccountDetailView::showAccount()
{
    m_overview->showAccount(m_account, m_live);
    m_droplets->setCanPage(m_account.has_value());
    m_refreshButton->setEnabled(m_account.has_value());
    if (!m_account)
        m_title->setText(tr("No account selected"));
    else
        m_title->setText(m_account->isPrimary ? tr("%1 (primary)").arg(m_account->name)
                                              : m_account->name);
}

void AccountDetailView::setHealthHistory(const QList<dopool::HealthEvent> &events)
{
    m_health->setEvents(events);
}

void AccountDetailView::setCapacityHistory(const QList<dopool::CapacitySample> &samples)
{
    m_utilisation->setHistory(samples);
}

void AccountDetailView::setTasks(const QList<dopool::ProvisioningTask> &tasks)
{
    m_tasks->setTasks(tasks);
}

void AccountDetailView::setDroplets(const dopool::desktop::DropletPage &page, int pageNumber,
                                    int perPage)
{
    m_droplets->setPage(page, pageNumber, perPage);
}

void AccountDetailView::setDropletsLoading()
{
    m_droplets->setLoading();
}

void AccountDetailView::setDropletsError(const QString &message)
{
    m_droplets->setError(message);
}

int AccountDetailView::dropletPage() const
{
    return m_droplets->page();
}

int AccountDetailView::dropletPageCount() const
{
    return m_droplets->pageCount();
}

void AccountDetailView::clear()
{
    m_account.reset();
    m_live.reset();
    showAccount();
    setHealthHistory({});
    setTasks({});
    setCapacityHistory({});
    m_droplets->clear();
}

} // namespace dopool::ui
