#pragma once

#include "ApiError.h"
#include "ApiTypes.h"
#include "NamPool.h"
#include "ReplyHeaders.h"
#include "RetryPolicy.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <optional>

namespace dopool {
class Clock;
}

namespace dopool::api {

// What every job of one DoApiClient shares; owned by the client, which outlives its jobs.
struct CallSettings
{
    QString host; // for messages: "could not reach DigitalOcean at <host>"
    int timeoutMs = 15000;
    RetryPolicy retry;
    RandomSource random;
    RetryScheduler scheduler;
    const Clock *clock = nullptr; // none: the system clock
    NamPool *managers = nullptr;  // ApiCall only
};

// The most of an answer read for each endpoint (docs/security.md): checked against the
// Content-Length before the body comes and counted while it is read, so a server that sends
// without end costs at most this much memory. Errors are bounded the same way.
namespace ReplyLimit {
inline constexpr qint64 Account = 64 * 1024;           // GET /v2/account
inline constexpr qint64 DropletCount = 256 * 1024;     // GET /v2/droplets?per_page=1
inline constexpr qint64 DropletPage = 8 * 1024 * 1024; // up to 200 droplets
inline constexpr qint64 CreatedDroplet = 256 * 1024;   // POST /v2/droplets
inline constexpr qint64 Action = 64 * 1024;            // GET /v2/actions/{id}
inline constexpr qint64 CatalogPage = 4 * 1024 * 1024; // a page of regions, sizes, images
inline constexpr qint64 Default = 1024 * 1024;
} // namespace ReplyLimit

// One request to DO as the client builds it.
struct ApiRequest
{
    QByteArray method; // "GET" or "POST"
    QUrl url;
    QByteArray body;        // POST only
    bool retryable = false; // GETs; never a POST (its outcome is unknown after a failure)
    qint64 maxReplyBytes = ReplyLimit::Default; // a larger answer is an error, never read
};

// What came of a request, before its body is parsed.
struct ApiOutcome
{
    std::optional<ApiError> error; // none: a 2xx answer, body still to be parsed
    int httpStatus = 0;
    QByteArray body;
    RateLimit rateLimit;
    int attempts = 0;
};
using ApiDone = std::function<void(ApiOutcome)>;

// Header values must be visible ASCII: anything else (a pasted line break, a space) would
// corrupt the request or smuggle in another header.
bool isSendableToken(const QString &token);

// One logical request to DO, whatever carries it (ApiCall over QNetworkAccessManager,
// OneShotHttp over a connection of its own). The part every transport shares lives here:
// the per-try timeout, turning an answer into an ApiError (classifyReply), the retry of a
// retryable request, the token kept out of labels and messages, and exactly one outcome
// handed to `done`, queued on the caller's context. Destroying the context (or abort())
// ends the job silently: no callback. A job deletes itself when done.
//
// A subclass sends one try in sendAttempt() (after beginAttempt()) and reports how it ended
// through concludeAttempt(); it lets go of its connection in dropTransport().
class ApiJob : public QObject
{
    Q_OBJECT
public:
    using Request = ApiRequest;
    using Outcome = ApiOutcome;
    using Done = ApiDone;

    ~ApiJob() override;

    void start();
    // Deliver `error` without sending anything (still asynchronously, via the event loop).
    void refuse(ApiError error);
    // Stop now, without a callback.
    void abort();

protected:
    // `settings` must outlive the job (the client's do: it deletes its jobs first).
    ApiJob(const CallSettings &settings, Request request, QString token, QObject *context,
           Done done, QObject *parent);

    // Sends one try: the first (from start()), or a retry of a retryable request.
    virtual void sendAttempt() = 0;
    // The try's time ran out: end it, for it to reach concludeAttempt() as timed out.
    virtual void onAttemptTimedOut() = 0;
    // Lets go of the current try's reply or socket, aborting it if it is still running.
    virtual void dropTransport() = 0;

    // Counts a try and starts its timer.
    void beginAttempt();
    // How the try ended: an answer (httpStatus > 0) or a transport error, with the headers of
    // whatever answer arrived. A failure is retried or delivered, a 2xx answer delivered.
    void concludeAttempt(ReplyFacts facts, const RawHeaders &headers);
    // The answer is larger than request().maxReplyBytes (said by its Content-Length, or
    // counted while reading): delivered as a MalformedReply, never retried (the next try
    // would be as large), and nothing more of it is read. The transport drops its
    // connection (dropTransport) as for any outcome.
    void concludeOversized(int httpStatus, const RawHeaders &headers);

    bool isFinished() const { return m_finished; }
    const CallSettings &settings() const { return m_settings; }
    const Request &request() const { return m_request; }
    const QString &token() const { return m_token; }
    int timeoutMs() const { return m_timeoutMs; }
    int attempts() const { return m_attempts; }
    QString label() const; // "GET /v2/droplets": never a token, never a query

private:
    void onTimeout();
    void deliver(Outcome outcome);
    void redact(ApiError &error) const;
    QDateTime now() const;

    const CallSettings &m_settings;
    int m_timeoutMs;
    Request m_request;
    QString m_token;
    QPointer<QObject> m_context;
    Done m_done;
    QTimer m_timeout;
    QElapsedTimer m_attemptClock;
    RateLimit m_rateLimit; // the last one an answer carried
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_finished = false;
};

// Makes the job that carries a POST - a request that must never be sent twice, as
// POST /v2/droplets (DO has no idempotency key) - as a child of `parent`, not started yet.
// DoApiClient::Dependencies::postTransport; the production one is oneShotPostTransport()
// (OneShotHttp.h).
using PostTransport =
    std::function<ApiJob *(const CallSettings &settings, ApiRequest request, QString token,
                           QObject *context, ApiDone done, QObject *parent)>;

} // namespace dopool::api
