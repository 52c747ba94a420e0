#include "ApiJob.h"

#include "ApiLogging.h"
#include "common/Clock.h"
#include "common/Translate.h"

#include <algorithm>

namespace dopool::api {

bool isSendableToken(const QString &token)
{
    return std::all_of(token.cbegin(), token.cend(),
                       [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
}

ApiJob::ApiJob(const CallSettings &settings, Request request, QString token, QObject *context,
               Done done, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_timeoutMs(std::max(1, settings.timeoutMs))
    , m_request(std::move(request))
    , m_token(std::move(token))
    , m_context(context)
    , m_done(std::move(done))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ApiJob::onTimeout);
    if (context) {
        connect(context, &QObject::destroyed, this, [this] {
            if (!m_finished)
                qCDebug(lcApi).noquote() << label() << "cancelled: its caller went away";
            abort();
        });
    }
}

ApiJob::~ApiJob() = default;

QString ApiJob::label() const
{
    QString text = QString::fromLatin1(m_request.method);
    text.append(QLatin1Char(' '));
    text.append(m_request.url.path());
    return text;
}

void ApiJob::start()
{
    if (!m_finished)
        sendAttempt();
}

void ApiJob::refuse(ApiError error)
{
    redact(error);
    qCInfo(lcApi).noquote() << QStringLiteral("%1 not sent: %2").arg(label(), error.message);
    // Queued like a network answer: callers may rely on never being called back re-entrantly.
    QTimer::singleShot(0, this, [this, error] {
        deliver(Outcome{error, 0, {}, m_rateLimit, m_attempts});
    });
}

void ApiJob::abort()
{
    if (m_finished)
        return;
    m_finished = true;
    m_done = nullptr;
    m_timeout.stop();
    dropTransport();
    deleteLater();
}

void ApiJob::beginAttempt()
{
    ++m_attempts;
    m_timedOut = false;
    m_attemptClock.start();
    m_timeout.start(m_timeoutMs);
}

void ApiJob::onTimeout()
{
    if (m_finished)
        return;
    m_timedOut = true;
    onAttemptTimedOut();
}

void ApiJob::concludeAttempt(ReplyFacts facts, const RawHeaders &headers)
{
    if (m_finished)
        return;
    m_timeout.stop();
    const RateLimit rateLimit = readRateLimit(headers);
    if (rateLimit.isKnown())
        m_rateLimit = rateLimit;
    facts.host = m_settings.host;
    facts.timedOut = m_timedOut;
    facts.timeoutMs = m_timeoutMs;
    const int status = facts.httpStatus;
    const qint64 elapsedMs = m_attemptClock.isValid() ? m_attemptClock.elapsed() : 0;

    if (!facts.timedOut && facts.networkError == QNetworkReply::NoError && status >= 200 &&
        status <= 299) {
        qCDebug(lcApi).noquote() << QStringLiteral("%1 -> HTTP %2 on try %3 in %4 ms")
                                        .arg(label())
                                        .arg(status)
                                        .arg(m_attempts)
                                        .arg(elapsedMs);
        deliver(Outcome{std::nullopt, status, std::move(facts.body), m_rateLimit, m_attempts});
        return;
    }

    facts.retryAfterSecs = requestedWaitSecs(headers, status, now());
    ApiError error = classifyReply(facts);
    redact(error);
    if (m_request.retryable) {
        const double random = m_settings.random ? m_settings.random() : 0.5;
        if (const std::optional<int> delayMs =
                m_settings.retry.retryDelayMs(error, m_attempts, random)) {
            qCInfo(lcApi).noquote()
                << QStringLiteral(
                       "%1 failed on try %2 of %3 (%4, HTTP %5, %6 ms); retrying in %7 ms: %8")
                       .arg(label())
                       .arg(m_attempts)
                       .arg(m_settings.retry.maxTries)
                       .arg(apiErrorKindName(error.kind))
                       .arg(status)
                       .arg(elapsedMs)
                       .arg(*delayMs)
                       .arg(error.message);
            m_settings.scheduler(*delayMs, this, [this] { start(); });
            return;
        }
    }
    qCInfo(lcApi).noquote() << QStringLiteral("%1 failed on try %2 (%3, HTTP %4, %5 ms): %6")
                                   .arg(label())
                                   .arg(m_attempts)
                                   .arg(apiErrorKindName(error.kind))
                                   .arg(status)
                                   .arg(elapsedMs)
                                   .arg(error.message);
    deliver(Outcome{std::move(error), status, std::move(facts.body), m_rateLimit, m_attempts});
}

void ApiJob::concludeOversized(int httpStatus, const RawHeaders &headers)
{
    if (m_finished)
        return;
    m_timeout.stop();
    const RateLimit rateLimit = readRateLimit(headers);
    if (rateLimit.isKnown())
        m_rateLimit = rateLimit;
    ApiError error = malformedReply(
        httpStatus, CoreTr::tr("the answer to %1 is larger than %2 bytes, the most dopool reads "
                               "from it; nothing of it was used")
                        .arg(label())
                        .arg(m_request.maxReplyBytes));
    qCWarning(lcApi).noquote() << error.message;
    deliver(Outcome{std::move(error), httpStatus, {}, m_rateLimit, m_attempts});
}

void ApiJob::deliver(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    dropTransport();
    // Called back queued on the context, not from inside the transport's signal: the callback
    // may destroy the client (and with it the managers and their replies) without pulling the
    // ground from under Qt's signal emission.
    if (m_context && m_done) {
        QMetaObject::invokeMethod(
            m_context,
            [done = std::move(m_done), outcome = std::move(outcome)]() mutable {
                done(std::move(outcome));
            },
            Qt::QueuedConnection);
    }
    m_done = nullptr;
    deleteLater();
}

void ApiJob::redact(ApiError &error) const
{
    // Belt and braces: nothing we build quotes the token, but DO's message or a proxy's
    // error string is not ours.
    if (m_token.isEmpty())
        return;
    error.message.replace(m_token, QStringLiteral("[token]"));
    error.doId.replace(m_token, QStringLiteral("[token]"));
}

QDateTime ApiJob::now() const
{
    return m_settings.clock ? m_settings.clock->now() : QDateTime::currentDateTimeUtc();
}

} // namespace dopool::api
