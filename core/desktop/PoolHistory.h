#pragma once

#include "model/PoolRecords.h"

#include <QDateTime>
#include <QList>
#include <optional>

namespace dopool::desktop {

// The pool's capacity at one moment: droplets in use and the droplet limit, summed over the
// accounts.
struct PoolHistoryPoint
{
    QDateTime at;
    int used = 0;
    int limit = 0;

    double utilisation() const { return limit > 0 ? double(used) / limit : 0.0; }
};

// The pool's capacity over time from the capacity samples of every account (any order): at
// each point, the sum over the accounts of each one's latest sample at or before it (an
// account counts from its first sample on). Samples closer together than a maxPoints-th of
// the whole span are merged into one point, the state after the last of them, so a year of
// five-minute syncs on a thousand accounts still draws quickly. Oldest first.
QList<PoolHistoryPoint> poolHistory(QList<CapacitySample> samples, int maxPoints = 400);

// How many days until the pool's use reaches threshold (0..1) of its current limit, going on
// at the average growth between the first and the last point. nullopt when it does not grow
// (or has already reached it, or there is less than an hour of history).
std::optional<double> daysUntilThreshold(const QList<PoolHistoryPoint> &points, double threshold);

} // namespace dopool::desktop
