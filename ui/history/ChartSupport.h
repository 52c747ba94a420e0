#pragma once

class QChart;
class QString;
class QDateTimeAxis;
class QValueAxis;
class QWidget;

namespace dopool::ui::ChartSupport {

// What the account and the pool charts share: the widget's font on titles, labels and legend
// (QtCharts has its own, larger by default, which clips in Indonesian), month names in the
// app's language, and small margins.
void style(QChart *chart, const QWidget *fontSource);

// Local time, "3 Dec 14:00" (month names in the app's language), five ticks.
QDateTimeAxis *makeTimeAxis(const QWidget *fontSource);

// Whole numbers, with title.
QValueAxis *makeValueAxis(const QString &title, const QWidget *fontSource);
// 0 .. highest rounded up to a round step, with a tick at each step.
void setValueRange(QValueAxis *axis, double highest);

} // namespace dopool::ui::ChartSupport
