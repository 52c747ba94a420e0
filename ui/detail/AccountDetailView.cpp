#include "AccountDetailView.h"

#include "dialogs/StatusLabel.h"
#include "history/ChartSupport.h"
#include "model/StatusColours.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace dopool::ui {

namespace {

using Tone = StatusLabel::Tone;

// Absolute local time: the admin compares it with the clock on the wall, not with "ago".
QString formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return noValue();
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? noValue() : text;
}

QString limitText(int limit)
{
    return limit < 0 ? noValue() : QString::number(limit);
}

void setTone(QLabel *label, Tone tone)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, StatusLabel::colour(tone, QPalette()));
    label->setPalette(p);
}

Tone doStatusTone(const QString &status)
{
    if (status == QLatin1String("active"))
        return Tone::Success;
    if (status == QLatin1String("warning"))
        return Tone::Warning;
    if (status == QLatin1String("locked"))
        return Tone::Error;
    return Tone::Neutral;
}

Tone healthTone(AccountHealth health)
{
    switch (health) {
    case AccountHealth::Healthy:
        return Tone::Success;
    case AccountHealth::Degraded:
        return Tone::Warning;
    case AccountHealth::Unhealthy:
        return Tone::Error;
    case AccountHealth::Unknown:
        break;
    }
    return Tone::Neutral;
}

QString taskStatusLabel(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return AccountDetailView::tr("Pending");
    case TaskStatus::InProgress:
        return AccountDetailView::tr("In progress");
    case TaskStatus::Created:
        return AccountDetailView::tr("Created");
    case TaskStatus::Failed:
        return AccountDetailView::tr("Failed");
    case TaskStatus::Uncertain:
        return AccountDetailView::tr("Uncertain");
    case TaskStatus::Waiting:
        return AccountDetailView::tr("Waiting for capacity");
    case TaskStatus::Cancelled:
        return AccountDetailView::tr("Cancelled");
    case TaskStatus::Unknown:
        break;
    }
    return QString();
}

// Columns fit their contents; stretchColumn (a free-text one, cut with a tooltip) takes what
// is left, or with -1 nothing is cut and a narrow view scrolls sideways.
QTableWidget *makeTable(QWidget *parent, const char *objectName, const QString &accessibleName,
                        const QStringList &headers, int stretchColumn)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(QLatin1String(objectName));
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(false);
    if (stretchColumn >= 0)
        table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    return table;
}

QTableWidgetItem *item(const QString &text, Tone tone = Tone::Neutral)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setToolTip(text); // long errors and reasons are cut in the cell
    if (tone != Tone::Neutral)
        cell->setForeground(StatusLabel::colour(tone, QPalette()));
    return cell;
}

QTableWidgetItem *numberItem(qint64 number)
{
    auto *cell = new QTableWidgetItem(QString::number(number));
    cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return cell;
}

} // namespace

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

    m_healthTable = makeTable(this, "healthTable", tr("Health history"),
                              {tr("Time"), tr("Change"), tr("Reason")}, 2);
    m_tasksTable =
        makeTable(this, "tasksTable", tr("Provisioning tasks"),
                  {tr("Created"), tr("Order ID"), tr("Status"), tr("Droplet ID"), tr("Error")}, 4);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setAccessibleName(tr("Account detail sections"));
    m_tabs->addTab(buildOverview(), tr("Overview"));
    m_tabs->addTab(buildDroplets(), tr("Droplets"));
    m_tabs->addTab(buildCapacity(), tr("Utilisation"));
    m_tabs->addTab(m_healthTable, tr("Health history"));
    m_tabs->addTab(m_tasksTable, tr("Tasks"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    clear();
}

QLabel *AccountDetailView::addValue(QFormLayout *form, const QString &label, const char *objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(QLatin1String(objectName));
    value->setAccessibleName(label);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(tr("%1:").arg(label), value);
    return value;
}

QWidget *AccountDetailView::buildOverview()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    auto *identity = new QGroupBox(tr("DigitalOcean identity"), page);
    auto *identityForm = new QFormLayout(identity);
    m_email = addValue(identityForm, tr("Email"), "emailValue");
    m_doUuid = addValue(identityForm, tr("Account UUID"), "doUuidValue");
    m_team = addValue(identityForm, tr("Team"), "teamValue");
    m_status = addValue(identityForm, tr("Status"), "statusValue");
    m_statusMessage = addValue(identityForm, tr("Status message"), "statusMessageValue");

    auto *limits = new QGroupBox(tr("Limits"), page);
    auto *limitsForm = new QFormLayout(limits);
    m_dropletLimit = addValue(limitsForm, tr("Droplet limit"), "dropletLimitValue");
    m_activeDroplets = addValue(limitsForm, tr("Active droplets"), "activeDropletsValue");
    m_availableSlots = addValue(limitsForm, tr("Available slots"), "availableSlotsValue");
    m_floatingIpLimit = addValue(limitsForm, tr("Floating IP limit"), "floatingIpLimitValue");
    m_volumeLimit = addValue(limitsForm, tr("Volume limit"), "volumeLimitValue");

    auto *rate = new QGroupBox(tr("API rate limit"), page);
    auto *rateForm = new QFormLayout(rate);
    m_rateLimit = addValue(rateForm, tr("Remaining"), "rateLimitValue");
    m_rateLimitReset = addValue(rateForm, tr("Resets at"), "rateLimitResetValue");

    auto *health = new QGroupBox(tr("Health"), page);
    auto *healthForm = new QFormLayout(health);
    m_health = addValue(healthForm, tr("Health"), "healthValue");
    m_lastSync = addValue(healthForm, tr("Last sync"), "lastSyncValue");
    m_lastHealthCheck = addValue(healthForm, tr("Last health check"), "lastHealthCheckValue");
    m_lastError = addValue(healthForm, tr("Last error"), "lastErrorValue");
    m_failures = addValue(healthForm, tr("Failures in a row"), "failuresValue");
    setTone(m_lastError, Tone::Error);

    for (QGroupBox *group : {identity, limits, rate, health}) {
        group->setAccessibleName(group->title());
        layout->addWidget(group);
    }
    layout->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("overviewScroll"));
    scroll->setAccessibleName(tr("Overview"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    return scroll;
}

QWidget *AccountDetailView::buildDroplets()
{
    auto *page = new QWidget;
    m_dropletsTable = makeTable(
        page, "dropletsTable", tr("Droplets"),
        {tr("ID"), tr("Name"), tr("Status"), tr("Region"), tr("Size"), tr("Image"), tr("Created")},
        -1);
    m_dropletsStatus = new StatusLabel(page);
    m_dropletsStatus->setObjectName(QStringLiteral("dropletsStatus"));
    m_dropletsStatus->setAccessibleName(tr("Droplet list status"));

    m_previousButton = new QPushButton(tr("Previous"), page);
    m_previousButton->setObjectName(QStringLiteral("previousButton"));
    m_previousButton->setAccessibleName(tr("Previous droplet page"));
    m_nextButton = new QPushButton(tr("Next"), page);
    m_nextButton->setObjectName(QStringLiteral("nextButton"));
    m_nextButton->setAccessibleName(tr("Next droplet page"));
    m_pageLabel = new QLabel(page);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_pageLabel->setAccessibleName(tr("Droplet page"));
    m_pageLabel->setAlignment(Qt::AlignCenter);
    connect(m_previousButton, &QPushButton::clicked, this,
            [this] { Q_EMIT dropletPageRequested(m_dropletPage - 1); });
    connect(m_nextButton, &QPushButton::clicked, this,
            [this] { Q_EMIT dropletPageRequested(m_dropletPage + 1); });

    auto *pager = new QHBoxLayout;
    pager->addWidget(m_previousButton);
    pager->addWidget(m_pageLabel, 1);
    pager->addWidget(m_nextButton);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_dropletsStatus);
    layout->addWidget(m_dropletsTable, 1);
    layout->addLayout(pager);
    return page;
}

QWidget *AccountDetailView::buildCapacity()
{
    m_series = new QLineSeries;
    m_series->setName(tr("Utilisation"));
    auto *chart = new QChart;
    chart->addSeries(m_series); // the chart owns the series and the axes
    chart->legend()->hide();
    ChartSupport::style(chart, this); // as the pool's chart (View -> Pool History)
    m_timeAxis = ChartSupport::makeTimeAxis(this);
    m_percentAxis = ChartSupport::makeValueAxis(tr("Droplets used (%)"), this);
    m_percentAxis->setRange(0, 100);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_percentAxis, Qt::AlignLeft);
    m_series->attachAxis(m_timeAxis);
    m_series->attachAxis(m_percentAxis);

    m_chartView = new QChartView(chart);
    m_chartView->setObjectName(QStringLiteral("capacityChart"));
    m_chartView->setAccessibleName(tr("Utilisation over time"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(200);

    m_capacityEmpty = new QLabel(tr("Not enough history yet: the chart appears after two syncs."));
    m_capacityEmpty->setObjectName(QStringLiteral("capacityEmpty"));
    m_capacityEmpty->setAccessibleName(tr("Utilisation history status"));
    m_capacityEmpty->setAlignment(Qt::AlignCenter);
    m_capacityEmpty->setWordWrap(true);

    m_capacityStack = new QStackedWidget;
    m_capacityStack->setObjectName(QStringLiteral("capacityStack"));
    m_capacityStack->setAccessibleName(tr("Utilisation"));
    m_capacityStack->addWidget(m_capacityEmpty);
    m_capacityStack->addWidget(m_chartView);
    return m_capacityStack;
}

void AccountDetailView::setAccount(const dopool::Account &account)
{
    if (!m_account || m_account->id != account.id) {
        clear();
    }
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
    const QString none = noValue();
    if (!m_account) {
        m_title->setText(tr("No account selected"));
        for (QLabel *label :
             {m_email, m_doUuid, m_team, m_status, m_statusMessage, m_dropletLimit,
              m_activeDroplets, m_availableSlots, m_floatingIpLimit, m_volumeLimit, m_rateLimit,
              m_rateLimitReset, m_health, m_lastSync, m_lastHealthCheck, m_lastError, m_failures})
            label->setText(none);
        setTone(m_status, Tone::Neutral);
        setTone(m_health, Tone::Neutral);
        m_refreshButton->setEnabled(false);
        return;
    }
    const Account &a = *m_account;
    m_refreshButton->setEnabled(true);
    m_title->setText(a.isPrimary ? tr("%1 (primary)").arg(a.name) : a.name);

    // Live answers are newer than the last sync; the stored values stand in until one comes.
    const QString email = m_live && !m_live->email.isEmpty() ? m_live->email : a.email;
    const QString uuid = m_live && !m_live->uuid.isEmpty() ? m_live->uuid : a.doUuid;
    const QString status = m_live && !m_live->status.isEmpty() ? m_live->status : a.doStatus;
    const QString statusMessage = m_live ? m_live->statusMessage : a.doStatusMessage;
    const int limit = m_live && m_live->dropletLimit > 0 ? m_live->dropletLimit : a.dropletLimit;

    m_email->setText(orDash(email));
    m_doUuid->setText(orDash(uuid));
    if (m_live && (!m_live->teamName.isEmpty() || !m_live->teamUuid.isEmpty()))
        m_team->setText(tr("%1 (%2)").arg(orDash(m_live->teamName), orDash(m_live->teamUuid)));
    else
        m_team->setText(none);
    m_status->setText(orDash(status));
    setTone(m_status, doStatusTone(status));
    m_statusMessage->setText(orDash(statusMessage));

    m_dropletLimit->setText(QString::number(limit));
    m_activeDroplets->setText(QString::number(a.activeDroplets));
    m_availableSlots->setText(QString::number(std::max(0, limit - a.activeDroplets)));
    m_floatingIpLimit->setText(m_live ? limitText(m_live->floatingIpLimit) : none);
    m_volumeLimit->setText(m_live ? limitText(m_live->volumeLimit) : none);

    if (a.rateLimitRemaining >= 0 || a.rateLimitLimit >= 0)
        m_rateLimit->setText(
            tr("%1 of %2 requests")
                .arg(limitText(a.rateLimitRemaining), limitText(a.rateLimitLimit)));
    else
        m_rateLimit->setText(none);
    m_rateLimitReset->setText(formatTime(a.rateLimitReset));

    m_health->setText(healthLabel(a.healthStatus));
    setTone(m_health, healthTone(a.healthStatus));
    m_lastSync->setText(formatTime(a.lastSyncAt));
    m_lastHealthCheck->setText(formatTime(a.lastHealthCheck));
    m_lastError->setText(orDash(a.lastError));
    setTone(m_lastError, a.lastError.isEmpty() ? Tone::Neutral : Tone::Error);
    m_failures->setText(QString::number(a.consecutiveFailures));
}

void AccountDetailView::setHealthHistory(const QList<dopool::HealthEvent> &events)
{
    m_healthTable->setRowCount(0);
    m_healthTable->setRowCount(int(events.size()));
    for (int row = 0; row < events.size(); ++row) {
        const HealthEvent &e = events.at(row);
        m_healthTable->setItem(row, 0, item(formatTime(e.at)));
        m_healthTable->setItem(
            row, 1,
            item(tr("%1 → %2").arg(healthLabel(e.from), healthLabel(e.to)), healthTone(e.to)));
        m_healthTable->setItem(row, 2, item(e.reason));
    }
}

void AccountDetailView::setCapacityHistory(const QList<dopool::CapacitySample> &samples)
{
    QList<QPointF> points;
    points.reserve(samples.size());
    double highest = 100;
    QDateTime first;
    QDateTime last;
    for (const CapacitySample &s : samples) {
        if (!s.at.isValid())
            continue;
        const double percent =
            s.dropletLimit > 0 ? 100.0 * s.activeDroplets / s.dropletLimit : 100.0;
        highest = std::max(highest, percent);
        points.append(QPointF(double(s.at.toMSecsSinceEpoch()), percent));
        if (!first.isValid() || s.at < first)
            first = s.at;
        if (!last.isValid() || s.at > last)
            last = s.at;
    }
    std::sort(points.begin(), points.end(),
              [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    m_series->replace(points);
    if (points.size() < 2) {
        m_capacityStack->setCurrentWidget(m_capacityEmpty);
        return;
    }
    m_timeAxis->setRange(first.toLocalTime(), last.toLocalTime());
    // Over 100 % happens when DO reports more droplets than the limit: show it, do not clip.
    m_percentAxis->setRange(0, std::ceil(highest / 10.0) * 10.0);
    m_capacityStack->setCurrentWidget(m_chartView);
}

void AccountDetailView::setTasks(const QList<dopool::ProvisioningTask> &tasks)
{
    m_tasksTable->setRowCount(0);
    m_tasksTable->setRowCount(int(tasks.size()));
    for (int row = 0; row < tasks.size(); ++row) {
        const ProvisioningTask &t = tasks.at(row);
        const Tone tone = t.status == TaskStatus::Created     ? Tone::Success
                          : t.status == TaskStatus::Failed    ? Tone::Error
                          : t.status == TaskStatus::Uncertain ? Tone::Warning
                                                              : Tone::Neutral;
        m_tasksTable->setItem(row, 0, item(formatTime(t.createdAt)));
        m_tasksTable->setItem(row, 1, item(t.orderId));
        m_tasksTable->setItem(row, 2, item(taskStatusLabel(t.status), tone));
        m_tasksTable->setItem(row, 3, t.dropletId ? numberItem(t.dropletId) : item(noValue()));
        m_tasksTable->setItem(
            row, 4, item(t.error, t.status == TaskStatus::Failed ? Tone::Error : Tone::Neutral));
    }
}

void AccountDetailView::setDroplets(const dopool::desktop::DropletPage &page, int pageNumber,
                                    int perPage)
{
    perPage = std::max(1, perPage);
    m_dropletPageCount = std::max(1, (page.total + perPage - 1) / perPage);
    m_dropletPage = std::clamp(pageNumber, 1, m_dropletPageCount);
    m_dropletsTable->setRowCount(0);
    m_dropletsTable->setRowCount(int(page.droplets.size()));
    for (int row = 0; row < page.droplets.size(); ++row) {
        const desktop::Droplet &d = page.droplets.at(row);
        const Tone tone = d.status == QLatin1String("active") ? Tone::Success : Tone::Neutral;
        m_dropletsTable->setItem(row, 0, numberItem(d.id));
        m_dropletsTable->setItem(row, 1, item(d.name));
        m_dropletsTable->setItem(row, 2, item(d.status, tone));
        m_dropletsTable->setItem(row, 3, item(d.regionSlug));
        m_dropletsTable->setItem(row, 4, item(d.sizeSlug));
        m_dropletsTable->setItem(row, 5, item(orDash(d.imageSlug)));
        m_dropletsTable->setItem(row, 6, item(formatTime(d.createdAt)));
    }
    if (page.total == 0)
        m_dropletsStatus->showMessage(tr("This account has no droplets."));
    else
        m_dropletsStatus->clearMessage();
    updatePager(false);
}

void AccountDetailView::setDropletsLoading()
{
    m_dropletsStatus->showMessage(tr("Loading droplets…"));
    updatePager(true);
}

void AccountDetailView::setDropletsError(const QString &message)
{
    m_dropletsStatus->showMessage(tr("Could not load the droplets: %1").arg(message), Tone::Error);
    updatePager(false);
}

void AccountDetailView::updatePager(bool loading)
{
    m_pageLabel->setText(tr("Page %1 of %2").arg(m_dropletPage).arg(m_dropletPageCount));
    m_previousButton->setEnabled(!loading && m_account && m_dropletPage > 1);
    m_nextButton->setEnabled(!loading && m_account && m_dropletPage < m_dropletPageCount);
}

void AccountDetailView::clear()
{
    m_account.reset();
    m_live.reset();
    m_dropletPage = 1;
    m_dropletPageCount = 1;
    showAccount();
    setHealthHistory({});
    setTasks({});
    setCapacityHistory({});
    m_dropletsTable->setRowCount(0);
    m_dropletsStatus->clearMessage();
    updatePager(false);
}

} // namespace dopool::ui
