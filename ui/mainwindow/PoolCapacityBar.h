#pragma once

#include "desktop/PoolSummary.h"

#include <QWidget>

namespace dopool::ui {

// The footer's "50/75 (67%)" bar for the whole pool (active accounts).
class PoolCapacityBar : public QWidget
{
    Q_OBJECT
public:
    explicit PoolCapacityBar(QWidget *parent = nullptr);

    void setSummary(const desktop::PoolSummary &summary, double threshold);
    QString text() const { return m_text; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    desktop::PoolSummary m_summary;
    double m_threshold = 0.8;
    QString m_text;
};

} // namespace dopool::ui
