#include "ApiCall.h"

#include "ApiLogging.h"
#include "ReplyHeaders.h"
#include "common/Clock.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace dopool::api {

namespace {

QNetworkRequest makeRequest(const QUrl &url, const QString &token)
{
    QNetworkRequest request(url);
    QByteArray authorization("Bearer ");
    authorization.append(token.toUtf8());
    request.setRawHeader("Authorization", authorization);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("dopool/" DOPOOL_VERSION));
    // A followed redirect would resend the bearer token to whatever host it names.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    return request;
}

} // namespace

ApiCall::ApiCall(const CallSettings &settings, Request request, QString token, QObject *context,
                 Done done, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_request(std::move(request))
    , m_token(std::move(token))
    , m_context(context)
    , m_done(std::move(done))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ApiCall::onTimeout);
    if (context)
        connect(context, &QObject::destroyed, this, &ApiCall::onContextDestroyed);
}

ApiCall::~ApiCall()
{
    dropReply(true);
}

QString ApiCall::label() const
{
    QString text = QString::fromLatin1(m_request.method);
    text.append(QLatin1Char(' '));
    text.append(m_request.url.path());
    return text;
}

void ApiCall::start()
{
    sendAttempt();
}

void ApiCall::refuse(ApiError error)
{
    redact(error);
    qCInfo(lcApi).noquote() << QStringLiteral("%1 not sent: %2").arg(label(), error.message);
    // Queued like a network answer: callers may rely on never being called back re-entrantly.
    QTimer::singleShot(0, this, [this, error] { deliver(Outcome{error, 0, {}, {}, 0}); });
}

void ApiCall::sendAttempt()
{
    if (m_finished)
        return;
    QNetworkAccessManager *manager = m_settings.managers->next();
    if (!manager) {
        deliver(Outcome{
            refusedRequest(tr("no network access manager available")), 0, {}, {}, m_attempts});
        return;
    }
    ++m_attempts;
    m_timedOut = false;
    const QNetworkRequest request = makeRequest(m_request.url, m_token);
    m_reply =
        m_request.method == "POST" ? manager->post(request, m_request.body) : manager->get(request);
    m_settings.managers->track(manager, m_reply);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
    m_attemptClock.start();
    m_timeout.start(m_settings.timeoutMs);
}

void ApiCall::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    QNetworkReply *reply = m_reply;
    reply->abort(); // emits finished() at once, which lands in onReplyFinished()
    if (m_reply == reply)
        onReplyFinished(); // a reply that did not: finish it ourselves
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_timeout.stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const RawHeaders headers = reply->rawHeaderPairs();
    const RateLimit rateLimit = readRateLimit(headers);
    if (rateLimit.isKnown())
        m_rateLimit = rateLimit;
    ReplyFacts facts;
    facts.host = m_settings.host;
    facts.httpStatus = status;
    facts.networkError = reply->error();
    facts.networkErrorString = reply->errorString();
    if (reply->isOpen()) // an aborted reply is closed, and reading it only warns
        facts.body = reply->readAll();
    facts.timedOut = m_timedOut;
    facts.timeoutMs = m_settings.timeoutMs;
    dropReply(false);
    const qint64 elapsedMs = m_attemptClock.elapsed();

    if (!facts.timedOut && facts.networkError == QNetworkReply::NoError && status >= 200 &&
        status <= 299) {
        qCDebug(lcApi).noquote() << QStringLiteral("%1 -> HTTP %2 on try %3 in %4 ms")
                                        .arg(label())
                                        .arg(status)
                                        .arg(m_attempts)
                                        .arg(elapsedMs);
        deliver(Outcome{std::nullopt, status, facts.body, m_rateLimit, m_attempts});
        return;
    }

    facts.retryAfterSecs = requestedWaitSecs(headers, status, m_settings.clock->now());
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
            m_settings.scheduler(*delayMs, this, [this] { sendAttempt(); });
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
    deliver(Outcome{error, status, facts.body, m_rateLimit, m_attempts});
}

void ApiCall::onContextDestroyed()
{
    if (m_finished)
        return;
    qCDebug(lcApi).noquote() << label() << "cancelled: its caller went away";
    m_finished = true;
    m_done = nullptr;
    m_timeout.stop();
    dropReply(true);
    deleteLater();
}

void ApiCall::deliver(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    // Called back queued on the context, not from inside the reply's signal: the callback may
    // destroy the client (and with it the managers and their replies) without pulling the
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

void ApiCall::dropReply(bool abort)
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->disconnect(this);
    if (abort)
        reply->abort(); // its finished() no longer reaches us
    reply->deleteLater();
}

void ApiCall::redact(ApiError &error) const
{
    // Belt and braces: nothing we build quotes the token, but DO's message or a proxy's
    // error string is not ours.
    if (m_token.isEmpty())
        return;
    error.message.replace(m_token, QStringLiteral("[token]"));
    error.doId.replace(m_token, QStringLiteral("[token]"));
}

} // namespace dopool::api
