#include "PoolHistory.h"

#include <QHash>
#include <algorithm>

namespace dopool::desktop {

QList<PoolHistoryPoint> poolHistory(QList<CapacitySample> samples, int maxPoints)
{
    samples.removeIf([](const CapacitySample &s) { return !s.at.isValid(); });
    if (samples.isEmpty())
        return {};
    std::stable_sort(samples.begin(), samples.end(),
                     [](const CapacitySample &a, const CapacitySample &b) { return a.at < b.at; });
    const qint64 first = samples.first().at.toMSecsSinceEpoch();
    const qint64 span = samples.last().at.toMSecsSinceEpoch() - first;
    const qint64 bucketMs = std::max<qint64>(1, span / std::max(1, maxPoints));
    auto bucketOf = [&](const CapacitySample &s) {
        return (s.at.toMSecsSinceEpoch() - first) / bucketMs;
    };

    QHash<QString, CapacitySample> latest; // per account
    int used = 0;
    int limit = 0;
    QList<PoolHistoryPoint> points;
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const CapacitySample &s = samples.at(i);
        if (const auto known = latest.constFind(s.accountId); known != latest.cend()) {
            used -= known->activeDroplets;
            limit -= known->dropletLimit;
        }
        latest.insert(s.accountId, s);
        used += s.activeDroplets;
        limit += s.dropletLimit;
        const bool lastOfBucket =
            i + 1 == samples.size() || bucketOf(samples.at(i + 1)) != bucketOf(s);
        if (lastOfBucket)
            points.append(PoolHistoryPoint{s.at, used, limit});
    }
    return points;
}

std::optional<double> daysUntilThreshold(const QList<PoolHistoryPoint> &points, double threshold)
{
    if (points.size() < 2)
        return std::nullopt;
    const PoolHistoryPoint &first = points.first();
    const PoolHistoryPoint &last = points.last();
    const double days = first.at.msecsTo(last.at) / 86'400'000.0;
    if (days < 1.0 / 24)
        return std::nullopt;
    const double perDay = (last.used - first.used) / days;
    const double target = threshold * last.limit;
    if (perDay <= 0 || last.used >= target)
        return std::nullopt;
    return (target - last.used) / perDay;
}

} // namespace dopool::desktop
