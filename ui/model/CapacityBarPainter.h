#pragma once

#include <QColor>
#include <QRect>
#include <QString>

class QPainter;
class QPalette;

namespace dopool::ui {

// Draws "20/25 (80%)" as a filled bar: green below the warning threshold, amber from it,
// red when full. Used by the table's capacity column and the pool footer alike.
class CapacityBarPainter
{
public:
    static QColor barColour(int used, int limit, double warningThreshold);
    static void paint(QPainter *painter, const QRect &rect, int used, int limit,
                      double warningThreshold, const QPalette &palette, const QString &text);
};

} // namespace dopool::ui
