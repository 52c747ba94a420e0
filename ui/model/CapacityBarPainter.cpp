#include "CapacityBarPainter.h"

#include "StatusColours.h"

#include <QPainter>
#include <QPalette>

namespace dopool::ui {

QColor CapacityBarPainter::barColour(int used, int limit, double warningThreshold)
{
    if (limit <= 0 || used >= limit)
        return QColor(StatusColours::critical);
    if (double(used) / limit >= warningThreshold)
        return QColor(StatusColours::warning);
    return QColor(StatusColours::ok);
}

void CapacityBarPainter::paint(QPainter *painter, const QRect &rect, int used, int limit,
                               double warningThreshold, const QPalette &palette,
                               const QString &text)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF bar = QRectF(rect).adjusted(3, 4, -3, -4);
    const qreal radius = 3;
    painter->setPen(QPen(palette.color(QPalette::Mid), 1));
    painter->setBrush(palette.color(QPalette::Base));
    painter->drawRoundedRect(bar, radius, radius);

    const double fraction = limit > 0 ? qBound(0.0, double(used) / limit, 1.0) : 1.0;
    if (fraction > 0) {
        QRectF filled = bar.adjusted(1, 1, -1, -1);
        filled.setWidth(filled.width() * fraction);
        QColor fill = barColour(used, limit, warningThreshold);
        fill.setAlpha(200);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(filled, radius - 1, radius - 1);
    }
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(bar, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace dopool::ui
