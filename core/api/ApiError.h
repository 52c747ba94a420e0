#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>

namespace dopool::api {

// Why a DigitalOcean API call failed, in the categories the pool acts on: an invalid token
// marks the account unhealthy, a full account is skipped, a transient failure is retried.
enum class ApiErrorKind
{
    Unauthorized,         // 401: token invalid, expired or revoked
    Forbidden,            // 403: token lacks the scope, or the account is locked
    RateLimited,          // 429
    DropletLimitExceeded, // 422 "... will exceed your droplet limit"
    Unprocessable,        // any other 422
    NotFound,             // 404
    ServerError,          // 5xx
    Timeout,              // no complete answer within the timeout
    Network,              // DO unreachable: refused, reset, DNS, TLS. NOT an invalid token.
    MalformedReply,       // not JSON, missing fields, wrong types
    Other,                // redirects, other 4xx, refused before sending (bad URL, bad token)
};

QString apiErrorKindName(ApiErrorKind kind); // "unauthorized", "rate-limited", ...

struct ApiError
{
    ApiErrorKind kind = ApiErrorKind::Other;
    int httpStatus = 0;      // 0 when no HTTP answer arrived
    QString doId;            // DO's error "id" ("unauthorized", "not_found", ...), may be empty
    QString message;         // one clear line for a human, with DO's message; never a token
    int retryAfterSecs = -1; // how long DO asked us to wait; -1 when it did not say

    // Worth trying again later: rate limit, server error, timeout, network.
    bool isTransient() const;
    // Unauthorized/Forbidden -> ErrorKind::Auth, everything else -> ErrorKind::Api.
    Error toError() const;
};

// What one HTTP exchange produced, as far as telling what went wrong needs it.
struct ReplyFacts
{
    QString host;       // for "could not reach DigitalOcean at <host>"
    int httpStatus = 0; // 0: no HTTP answer
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString; // QNetworkReply::errorString(): names the URL, never the token
    QByteArray body;            // DO's {"id": ..., "message": ...} for 4xx/5xx
    int retryAfterSecs = -1;    // already read from the headers (see ReplyHeaders.h)
    bool timedOut = false;      // our own timer aborted the reply
    int timeoutMs = 0;
};

// THE one place that turns a failed exchange (status, transport error, body) into an
// ApiError, so every call and every front end words the same failure the same way.
// Call it for anything but a 2xx answer without a transport error.
ApiError classifyReply(const ReplyFacts &facts);

// A 2xx answer whose body does not match DO's schema.
ApiError malformedReply(int httpStatus, const QString &detail);

// A call refused before anything was sent (unsafe base URL, unusable token).
ApiError refusedRequest(const QString &reason);

} // namespace dopool::api
