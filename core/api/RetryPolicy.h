#pragma once

#include "ApiError.h"

#include <QObject>
#include <functional>
#include <optional>

namespace dopool::api {

// A number in [0, 1) for the jitter; injected so tests can pin it.
using RandomSource = std::function<double()>;

// Runs `fire` after delayMs on context's thread unless context is destroyed first. The
// default is QTimer::singleShot; tests inject one that records the delay and fires at once.
using RetryScheduler =
    std::function<void(int delayMs, QObject *context, std::function<void()> fire)>;

// When a failed idempotent request (a GET) is tried again. Only transient failures are:
// a rate limit, a 5xx, a timeout, an unreachable host. Never used for POST.
struct RetryPolicy
{
    int maxTries = 4;           // requests in all, the first included
    int backoffBaseMs = 500;    // wait after the first failure, before jitter
    int backoffMaxMs = 8000;    // cap of the exponential growth
    int maxRetryAfterSecs = 60; // a longer retry-after is reported, not waited out

    // Exponential backoff with "equal jitter" after `failedTries` failures (>= 1):
    // cap = min(backoffMaxMs, backoffBaseMs * 2^(failedTries-1)), wait = cap/2 + random*cap/2
    // with random in [0, 1). Half the wait is fixed so a burst of failed requests (sync-all)
    // cannot come back all at once, the other half spreads them.
    int backoffMs(int failedTries, double random) const;

    // How long to wait before the next try, or nullopt to give up now: not transient, the
    // tries are used up, or DO asks to wait longer than maxRetryAfterSecs. A retry-after is
    // a floor under the backoff.
    std::optional<int> retryDelayMs(const ApiError &error, int failedTries, double random) const;
};

} // namespace dopool::api
