#include "PoolHistoryView.h"

#include "ChartSupport.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace dopool::ui {

PoolHistoryView::PoolHistoryView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("poolHistoryView"));
    setMinimumSize(420, 300);

    auto *rangeLabel = new QLabel(tr("Show:"), this);
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("historyRange"));
    m_range->setAccessibleName(tr("Period shown"));
    m_range->addItem(tr("Last 24 hours"), 1);
    m_range->addItem(tr("Last 3 days"), 3);
    m_range->addItem(tr("Last 7 days"), 7);
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->setCurrentIndex(2);
    rangeLabel->setBuddy(m_range);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("historyRefresh"));
    m_refresh->setAccessibleName(tr("Refresh the pool history"));
    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT reloadRequested(days()); });
    connect(m_refresh, &QPushButton::clicked, this, [this] { Q_EMIT reloadRequested(days()); });
    auto *controls = new QHBoxLayout;
    controls->addWidget(rangeLabel);
    controls->addWidget(m_range);
    controls->addStretch(1);
    controls->addWidget(m_refresh);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_summary->setAccessibleName(tr("Pool history summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_used = new QLineSeries;
    m_used->setName(tr("Droplets in use"));
    m_used->setPen(QPen(QColor(0x1f, 0x6f, 0xb2), 2.5));
    m_limit = new QLineSeries;
    m_limit->setName(tr("Droplet limit"));
    m_limit->setPen(QPen(QColor(0x5b, 0x67, 0x70), 2));
    m_threshold = new QLineSeries;
    m_threshold->setPen(QPen(QColor(0xd9, 0x82, 0x2b), 2, Qt::DashLine));

    auto *chart = new QChart;
    for (QLineSeries *series : {m_used, m_limit, m_threshold})
        chart->addSeries(series); // the chart owns the series and the axes
    ChartSupport::style(chart, this);
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_timeAxis = ChartSupport::makeTimeAxis(this);
    m_dropletAxis = ChartSupport::makeValueAxis(tr("Droplets"), this);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_dropletAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_used, m_limit, m_threshold}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_dropletAxis);
    }

    m_chartView = new QChartView(chart, this);
    m_chartView->setObjectName(QStringLiteral("poolHistoryChart"));
    m_chartView->setAccessibleName(tr("Pool capacity over time"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("historyEmpty"));
    m_empty->setAccessibleName(tr("Pool history status"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_chartView);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);

    showEmpty(tr("Loading the pool history…"));
}

int PoolHistoryView::days() const
{
    return m_range->currentData().toInt();
}

QString PoolHistoryView::summaryText() const
{
    return m_summary->text();
}

bool PoolHistoryView::isShowingChart() const
{
    return m_stack->currentWidget() == m_chartView;
}

void PoolHistoryView::showEmpty(const QString &message)
{
    m_empty->setText(message);
    m_summary->clear();
    m_summary->hide();
    m_stack->setCurrentWidget(m_empty);
}

void PoolHistoryView::setError(const QString &message)
{
    showEmpty(tr("Could not load the pool history: %1").arg(message));
}

void PoolHistoryView::setHistory(const QList<desktop::PoolHistoryPoint> &points, double threshold)
{
    const int thresholdPercent = int(std::lround(threshold * 100));
    m_threshold->setName(tr("Threshold (%1 %)").arg(thresholdPercent));
    QList<QPointF> used;
    QList<QPointF> limit;
    QList<QPointF> warn;
    double highest = 0;
    for (const desktop::PoolHistoryPoint &p : points) {
        const double x = double(p.at.toMSecsSinceEpoch());
        used.append(QPointF(x, p.used));
        limit.append(QPointF(x, p.limit));
        warn.append(QPointF(x, threshold * p.limit));
        highest = std::max({highest, double(p.used), double(p.limit)});
    }
    m_used->replace(used);
    m_limit->replace(limit);
    m_threshold->replace(warn);
    if (points.size() < 2) {
        showEmpty(tr("Not enough history in this period yet: the pool's capacity is recorded at "
                     "every sync."));
        return;
    }
    m_timeAxis->setRange(points.first().at.toLocalTime(), points.last().at.toLocalTime());
    ChartSupport::setValueRange(m_dropletAxis, highest * 1.05);

    const desktop::PoolHistoryPoint &now = points.last();
    const int usedPercent = int(std::lround(now.utilisation() * 100));
    QString summary = tr("Now %1 of %2 droplets in use (%3 %); the threshold is %4 %.")
                          .arg(now.used)
                          .arg(now.limit)
                          .arg(usedPercent)
                          .arg(thresholdPercent);
    if (now.limit > 0 && now.utilisation() >= threshold) {
        summary += QLatin1Char(' ') +
                   tr("The pool is over the threshold: add an account or raise a limit.");
    } else if (const auto days = desktop::daysUntilThreshold(points, threshold)) {
        const int whole = std::max(1, int(std::ceil(*days)));
        summary += QLatin1Char(' ') +
                   tr("Growing as in this period, it reaches the threshold in about %n day(s).",
                      nullptr, whole);
    } else {
        summary += QLatin1Char(' ') + tr("Use did not grow in this period.");
    }
    m_summary->setText(summary);
    m_summary->show();
    m_stack->setCurrentWidget(m_chartView);
}

} // namespace dopool::ui
