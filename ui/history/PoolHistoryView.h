#pragma once

#include "desktop/PoolHistory.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPushButton;
class QStackedWidget;
class QValueAxis;

namespace dopool::ui {

// The pool's capacity over time (View -> Pool History): droplets in use and the droplet limit
// summed over the accounts, with the utilisation threshold as a dashed line, and a sentence
// that answers "when do we need a new account?". Passive: the owner loads the points for
// days() and feeds them in; reloadRequested asks for that.
class PoolHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit PoolHistoryView(QWidget *parent = nullptr);

    // threshold: the utilisation threshold, 0..1.
    void setHistory(const QList<desktop::PoolHistoryPoint> &points, double threshold);
    void setError(const QString &message);
    int days() const;
    QString summaryText() const;
    bool isShowingChart() const;

Q_SIGNALS:
    void reloadRequested(int days);

private:
    void showEmpty(const QString &message);

    QComboBox *m_range = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QChartView *m_chartView = nullptr;
    QLineSeries *m_used = nullptr;
    QLineSeries *m_limit = nullptr;
    QLineSeries *m_threshold = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_dropletAxis = nullptr;
};

} // namespace dopool::ui
