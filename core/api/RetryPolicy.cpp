#include "RetryPolicy.h"

#include <algorithm>

namespace dopool::api {

int RetryPolicy::backoffMs(int failedTries, double random) const
{
    const qint64 max = std::max(0, backoffMaxMs);
    qint64 cap = std::max(0, backoffBaseMs);
    for (int i = 1; i < failedTries && cap < max; ++i)
        cap *= 2;
    cap = std::min(cap, max);
    const double unit = std::clamp(random, 0.0, 1.0);
    const qint64 half = cap / 2;
    return int(half + qint64(unit * double(cap - half)));
}

std::optional<int> RetryPolicy::retryDelayMs(const ApiError &error, int failedTries,
                                             double random) const
{
    if (!error.isTransient() || failedTries >= maxTries)
        return std::nullopt;
    if (error.retryAfterSecs > maxRetryAfterSecs)
        return std::nullopt;
    const int backoff = backoffMs(failedTries, random);
    return std::max(backoff, error.retryAfterSecs * 1000);
}

} // namespace dopool::api
