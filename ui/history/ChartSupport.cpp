#include "ChartSupport.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLocale>
#include <QValueAxis>
#include <QWidget>
#include <cmath>

namespace dopool::ui::ChartSupport {

void style(QChart *chart, const QWidget *fontSource)
{
    chart->setMargins(QMargins(4, 4, 4, 4));
    // Month names in the app's language (DesktopApp sets the default locale). Numbers stay
    // as printf writes them: localized numbers drop "%d" labels, and whole droplet counts
    // look the same in every language the app has.
    chart->setLocale(QLocale());
    chart->legend()->setFont(fontSource->font());
    chart->setTitleFont(fontSource->font());
}

QDateTimeAxis *makeTimeAxis(const QWidget *fontSource)
{
    auto *axis = new QDateTimeAxis;
    axis->setFormat(QStringLiteral("d MMM HH:mm"));
    axis->setTickCount(5);
    axis->setLabelsFont(fontSource->font());
    return axis;
}

QValueAxis *makeValueAxis(const QString &title, const QWidget *fontSource)
{
    auto *axis = new QValueAxis;
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTitleText(title);
    axis->setTitleFont(fontSource->font());
    axis->setLabelsFont(fontSource->font());
    return axis;
}

void setValueRange(QValueAxis *axis, double highest)
{
    // A round step (1, 2, 5 times a power of ten) giving at most about 8 intervals, so every
    // tick is a whole number.
    const double raw = std::max(1.0, highest) / 8;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * power;
        if (step >= raw)
            break;
    }
    step = std::max(1.0, std::round(step));
    const double top = std::max(step, std::ceil(highest / step) * step);
    axis->setRange(0, top);
    axis->setTickCount(int(std::lround(top / step)) + 1);
}

} // namespace dopool::ui::ChartSupport
