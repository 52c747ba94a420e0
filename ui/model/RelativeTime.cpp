#include "RelativeTime.h"

#include <QCoreApplication>

namespace dopool::ui {

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    const auto tr = [](const char *text, int n = -1) {
        return QCoreApplication::translate("dopool::ui::RelativeTime", text, nullptr, n);
    };
    if (!when.isValid())
        return tr("never");
    const qint64 secs = when.secsTo(now);
    if (secs < 45)
        return tr("just now");
    const qint64 mins = (secs + 30) / 60;
    if (mins < 60)
        return tr("%n min ago", int(mins));
    const qint64 hours = (mins + 30) / 60;
    if (hours < 24)
        return tr("%n h ago", int(hours));
    return tr("%n day(s) ago", int((hours + 12) / 24));
}

} // namespace dopool::ui
