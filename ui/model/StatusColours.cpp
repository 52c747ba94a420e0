#include "StatusColours.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace dopool::ui {

QString noValue()
{
    return QCoreApplication::translate("dopool::ui::StatusColours", "—");
}

QColor healthColour(AccountHealth health)
{
    switch (health) {
    case AccountHealth::Healthy:
        return QColor(StatusColours::ok);
    case AccountHealth::Degraded:
        return QColor(StatusColours::warning);
    case AccountHealth::Unhealthy:
        return QColor(StatusColours::critical);
    case AccountHealth::Unknown:
        break;
    }
    return QColor(StatusColours::unknown);
}

QColor taskStatusColour(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Created:
        return QColor(StatusColours::ok);
    case TaskStatus::Failed:
        return QColor(StatusColours::critical);
    case TaskStatus::Waiting:
    case TaskStatus::Uncertain:
        return QColor(StatusColours::warning);
    case TaskStatus::Pending:
    case TaskStatus::InProgress:
    case TaskStatus::Cancelled:
    case TaskStatus::Unknown:
        break;
    }
    return QColor(StatusColours::unknown);
}

QIcon roundIcon(QColor colour, int size)
{
    static QHash<QRgb, QIcon> cache; // GUI thread only
    const QRgb key = colour.rgba() ^ QRgb(size << 24);
    if (const auto it = cache.constFind(key); it != cache.cend())
        return *it;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour.darker(130), size / 16.0));
    painter.setBrush(colour);
    const qreal margin = size / 8.0;
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
    painter.end();
    const QIcon icon(pixmap);
    cache.insert(key, icon);
    return icon;
}

QIcon statusDot(AccountHealth health)
{
    return roundIcon(healthColour(health), 16);
}

} // namespace dopool::ui
