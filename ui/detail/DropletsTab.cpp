#include "DropletsTab.h"

#include "AccountDetailView.h"
#include "DetailFormat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dopool::ui {

using namespace DetailFormat;

DropletsTab::DropletsTab(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(this);
    setUpTable(m_table, "dropletsTable", AccountDetailView::tr("Droplets"),
               {AccountDetailView::tr("ID"), AccountDetailView::tr("Name"),
                AccountDetailView::tr("Status"), AccountDetailView::tr("Region"),
                AccountDetailView::tr("Size"), AccountDetailView::tr("Image"),
                AccountDetailView::tr("Created")},
               -1);
    m_status = new StatusLabel(this);
    m_status->setObjectName(QStringLiteral("dropletsStatus"));
    m_status->setAccessibleName(AccountDetailView::tr("Droplet list status"));

    m_previousButton = new QPushButton(AccountDetailView::tr("Previous"), this);
    m_previousButton->setObjectName(QStringLiteral("previousButton"));
    m_previousButton->setAccessibleName(AccountDetailView::tr("Previous droplet page"));
    m_nextButton = new QPushButton(AccountDetailView::tr("Next"), this);
    m_nextButton->setObjectName(QStringLiteral("nextButton"));
    m_nextButton->setAccessibleName(AccountDetailView::tr("Next droplet page"));
    m_pageLabel = new QLabel(this);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_pageLabel->setAccessibleName(AccountDetailView::tr("Droplet page"));
    m_pageLabel->setAlignment(Qt::AlignCenter);
    connect(m_previousButton, &QPushButton::clicked, this,
            [this] { Q_EMIT pageRequested(m_page - 1); });
    connect(m_nextButton, &QPushButton::clicked, this,
            [this] { Q_EMIT pageRequested(m_page + 1); });

    auto *pager = new QHBoxLayout;
    pager->addWidget(m_previousButton);
    pager->addWidget(m_pageLabel, 1);
    pager->addWidget(m_nextButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addLayout(pager);
}

void DropletsTab::setPage(const desktop::DropletPage &page, int pageNumber, int perPage)
{
    perPage = std::max(1, perPage);
    m_pageCount = std::max(1, (page.total + perPage - 1) / perPage);
    m_page = std::clamp(pageNumber, 1, m_pageCount);
    m_table->setRowCount(0);
    m_table->setRowCount(int(page.droplets.size()));
    for (int row = 0; row < page.droplets.size(); ++row) {
        const desktop::Droplet &d = page.droplets.at(row);
        const Tone tone = d.status == QLatin1String("active") ? Tone::Success : Tone::Neutral;
        m_table->setItem(row, 0, numberCell(d.id));
        m_table->setItem(row, 1, cell(d.name));
        m_table->setItem(row, 2, cell(d.status, tone));
        m_table->setItem(row, 3, cell(d.regionSlug));
        m_table->setItem(row, 4, cell(d.sizeSlug));
        m_table->setItem(row, 5, cell(orDash(d.imageSlug)));
        m_table->setItem(row, 6, cell(timeText(d.createdAt)));
    }
    if (page.total == 0)
        m_status->showMessage(AccountDetailView::tr("This account has no droplets."));
    else
        m_status->clearMessage();
    updatePager(false);
}

void DropletsTab::setLoading()
{
    m_status->showMessage(AccountDetailView::tr("Loading droplets…"));
    updatePager(true);
}

void DropletsTab::setError(const QString &message)
{
    m_status->showMessage(AccountDetailView::tr("Could not load the droplets: %1").arg(message),
                          Tone::Error);
    updatePager(false);
}

void DropletsTab::setCanPage(bool canPage)
{
    m_canPage = canPage; // the buttons follow at the next page, loading or error
}

void DropletsTab::clear()
{
    m_page = 1;
    m_pageCount = 1;
    m_table->setRowCount(0);
    m_status->clearMessage();
    updatePager(false);
}

void DropletsTab::updatePager(bool loading)
{
    m_pageLabel->setText(AccountDetailView::tr("Page %1 of %2").arg(m_page).arg(m_pageCount));
    m_previousButton->setEnabled(!loading && m_canPage && m_page > 1);
    m_nextButton->setEnabled(!loading && m_canPage && m_page < m_pageCount);
}

} // namespace dopool::ui
