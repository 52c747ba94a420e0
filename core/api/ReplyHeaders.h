#pragma once

#include "ApiTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace dopool::api {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>; // QNetworkReply::rawHeaderPairs()

// The value of header `name`, compared case-insensitively (DO itself mixes "ratelimit-reset"
// and "rateLimit-reset"); empty when absent.
QByteArray headerValue(const RawHeaders &headers, QByteArrayView name);

// ratelimit-limit / ratelimit-remaining / ratelimit-reset (Unix seconds). Missing or
// unreadable values stay unknown (-1, invalid date).
RateLimit readRateLimit(const RawHeaders &headers);

// A retry-after value: delta-seconds ("29") or an HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT",
// measured from now). -1 when empty or unreadable.
int parseRetryAfter(const QByteArray &value, const QDateTime &now);

// How long DO asks us to wait, in seconds, -1 when it does not say: retry-after; failing
// that, for a 429 with ratelimit-remaining 0 (the hourly limit), the time until
// ratelimit-reset, when the oldest request stops counting.
int requestedWaitSecs(const RawHeaders &headers, int httpStatus, const QDateTime &now);

} // namespace dopool::api
