#include "UtilisationTab.h"

#include "AccountDetailView.h"
#include "history/ChartSupport.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <cmath>

namespace dopool::ui {

UtilisationTab::UtilisationTab(QWidget *parent)
    : QStackedWidget(parent)
{
    m_series = new QLineSeries;
    m_series->setName(AccountDetailView::tr("Utilisation"));
    auto *chart = new QChart;
    chart->addSeries(m_series); // the chart owns the series and the axes
    chart->legend()->hide();
    ChartSupport::style(chart, this); // as the pool's chart (View -> Pool History)
    m_timeAxis = ChartSupport::makeTimeAxis(this);
    m_percentAxis = ChartSupport::makeValueAxis(AccountDetailView::tr("Droplets used (%)"), this);
    m_percentAxis->setRange(0, 100);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_percentAxis, Qt::AlignLeft);
    m_series->attachAxis(m_timeAxis);
    m_series->attachAxis(m_percentAxis);

    m_chartView = new QChartView(chart);
    m_chartView->setObjectName(QStringLiteral("capacityChart"));
    m_chartView->setAccessibleName(AccountDetailView::tr("Utilisation over time"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(200);

    m_empty = new QLabel(
        AccountDetailView::tr("Not enough history yet: the chart appears after two syncs."));
    m_empty->setObjectName(QStringLiteral("capacityEmpty"));
    m_empty->setAccessibleName(AccountDetailView::tr("Utilisation history status"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    setObjectName(QStringLiteral("capacityStack"));
    setAccessibleName(AccountDetailView::tr("Utilisation"));
    addWidget(m_empty);
    addWidget(m_chartView);
}

void UtilisationTab::setHistory(const QList<CapacitySample> &samples)
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
        setCurrentWidget(m_empty);
        return;
    }
    m_timeAxis->setRange(first.toLocalTime(), last.toLocalTime());
    // Over 100 % happens when DO reports more droplets than the limit: show it, do not clip.
    m_percentAxis->setRange(0, std::ceil(highest / 10.0) * 10.0);
    setCurrentWidget(m_chartView);
}

} // namespace dopool::ui
