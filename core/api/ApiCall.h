#pragma once

#include "ApiError.h"
#include "ApiTypes.h"
#include "NamPool.h"
#include "RetryPolicy.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <optional>

class QNetworkReply;

namespace dopool {
class Clock;
}

namespace dopool::api {

// What every call of one DoApiClient shares; owned by the client, which outlives its calls.
struct CallSettings
{
    QString host; // for messages: "could not reach DigitalOcean at <host>"
    int timeoutMs = 15000;
    RetryPolicy retry;
    RandomSource random;
    RetryScheduler scheduler;
    const Clock *clock = nullptr;
    NamPool *managers = nullptr;
};

// One logical request to DO (internal to DoApiClient): sends it, times each try out,
// retries a retryable request on transient failures, and hands the raw outcome to `done`
// queued on the caller's context. Destroying the context aborts everything silently.
// Deletes itself when done.
class ApiCall final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method; // "GET" or "POST"
        QUrl url;
        QByteArray body;        // POST only
        bool retryable = false; // GETs; never a POST (its outcome is unknown after a failure)
    };

    struct Outcome
    {
        std::optional<ApiError> error; // none: a 2xx answer, body still to be parsed
        int httpStatus = 0;
        QByteArray body;
        RateLimit rateLimit;
        int attempts = 0;
    };
    using Done = std::function<void(Outcome)>;

    ApiCall(const CallSettings &settings, Request request, QString token, QObject *context,
            Done done, QObject *parent);
    ~ApiCall() override;

    void start();
    // Deliver `error` without sending anything (still asynchronously, via the event loop).
    void refuse(ApiError error);

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void onContextDestroyed();
    void deliver(Outcome outcome);
    void dropReply(bool abort);
    void redact(ApiError &error) const;
    QString label() const; // "GET /v2/droplets": never a token, never a query

    const CallSettings &m_settings;
    Request m_request;
    QString m_token;
    QPointer<QObject> m_context;
    Done m_done;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QElapsedTimer m_attemptClock;
    RateLimit m_rateLimit;
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_finished = false;
};

} // namespace dopool::api
