#pragma once

#include "model/PoolRecords.h"

#include <QList>
#include <QStackedWidget>

class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace dopool::ui {

// The detail view's Utilisation tab: the account's droplets used (%) over time, or a note until
// two samples exist.
class UtilisationTab : public QStackedWidget
{
    Q_OBJECT
public:
    explicit UtilisationTab(QWidget *parent = nullptr);

    void setHistory(const QList<CapacitySample> &samples);

private:
    QLabel *m_empty = nullptr;
    QChartView *m_chartView = nullptr;
    QLineSeries *m_series = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_percentAxis = nullptr;
};

} // namespace dopool::ui
