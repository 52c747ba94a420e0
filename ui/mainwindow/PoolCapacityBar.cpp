#include "PoolCapacityBar.h"

#include "model/CapacityBarPainter.h"

#include <QPainter>

namespace dopool::ui {

PoolCapacityBar::PoolCapacityBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("poolCapacity"));
    setAccessibleName(tr("Pool capacity"));
    setSummary({}, m_threshold);
}

void PoolCapacityBar::setSummary(const desktop::PoolSummary &summary, double threshold)
{
    m_summary = summary;
    m_threshold = threshold;
    m_text = tr("%1/%2 (%3%)").arg(summary.droplets).arg(summary.limit).arg(summary.percent());
    setAccessibleDescription(tr("Pool capacity %1").arg(m_text));
    setToolTip(tr("Droplets on active accounts / their droplet limits"));
    update();
}

QSize PoolCapacityBar::sizeHint() const
{
    return {260, fontMetrics().height() + 12};
}

void PoolCapacityBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    CapacityBarPainter::paint(&painter, rect(), m_summary.droplets, m_summary.limit, m_threshold,
                              palette(), m_text);
}

} // namespace dopool::ui
