#include "RelativeTime.h"

#include <QCoreApplication>

namespace dopool::ui {

namespace {

// Its own context, declared so that lupdate sees it (a local tr() helper it would not).
struct RelativeTime
{
    Q_DECLARE_TR_FUNCTIONS(dopool::ui::RelativeTime)
};

} // namespace

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return RelativeTime::tr("never");
    const qint64 secs = when.secsTo(now);
    if (secs < 45)
        return RelativeTime::tr("just now");
    const qint64 mins = (secs + 30) / 60;
    if (mins < 60)
        return RelativeTime::tr("%n min ago", nullptr, int(mins));
    const qint64 hours = (mins + 30) / 60;
    if (hours < 24)
        return RelativeTime::tr("%n h ago", nullptr, int(hours));
    return RelativeTime::tr("%n day(s) ago", nullptr, int((hours + 12) / 24));
}

} // namespace dopool::ui
