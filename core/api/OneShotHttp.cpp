#include "OneShotHttp.h"

#include "ApiLogging.h"
#include "common/ApiBaseUrl.h"
#include "common/Clock.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QSslSocket>
#include <QTcpSocket>
#include <algorithm>
#include <optional>

namespace dopool::api {

namespace {

// Header values must be visible ASCII: a line break would end the header block early.
bool isSendable(const QString &token)
{
    return std::all_of(token.cbegin(), token.cend(),
                       [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
}

// The socket's error in the terms classifyReply() knows (those of QNetworkReply).
QNetworkReply::NetworkError networkErrorFor(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyConnectionRefusedError:
        return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyNotFoundError:
        return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    default:
        break;
    }
    return QNetworkReply::UnknownNetworkError;
}

} // namespace

// --- OneShotHttp ----------------------------------------------------------------------

OneShotHttp::OneShotHttp(const CallSettings &settings, Request request, QString token,
                         QObject *context, Done done, QObject *parent)
    : QObject(parent)
    , m_host(settings.host)
    , m_timeoutMs(std::max(1, settings.timeoutMs))
    , m_clock(settings.clock)
    , m_request(std::move(request))
    , m_token(std::move(token))
    , m_context(context)
    , m_done(std::move(done))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &OneShotHttp::onTimeout);
    if (context)
        connect(context, &QObject::destroyed, this, &OneShotHttp::onContextDestroyed);
}

OneShotHttp::~OneShotHttp()
{
    dropSocket();
}

QString OneShotHttp::label() const
{
    QString text = QString::fromLatin1(m_request.method);
    text.append(QLatin1Char(' '));
    text.append(m_request.url.path());
    return text;
}

void OneShotHttp::start()
{
    const QUrl &url = m_request.url;
    const QString scheme = url.scheme().toLower();
    const bool https = scheme == QLatin1String("https");
    std::optional<ApiError> refusal;
    if (!url.isValid() || url.host().isEmpty() ||
        (!https && !(scheme == QLatin1String("http") && isLoopbackHost(url.host())))) {
        refusal = refusedRequest(
            CoreTr::tr(
                "refusing to send the request to '%1': only https, or plain http to a loopback "
                "host, is allowed")
                .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    } else if (m_token.isEmpty() || !isSendable(m_token)) {
        refusal = refusedRequest(CoreTr::tr("the API token is empty or contains characters that "
                                            "cannot be sent in a header"));
    } else if (https && !QSslSocket::supportsSsl()) {
        refusal = refusedRequest(
            CoreTr::tr("TLS is not available to Qt (no OpenSSL backend), so %1 cannot be reached "
                       "over https")
                .arg(m_host));
    }
    if (refusal) {
        qCInfo(lcApi).noquote() << QStringLiteral("%1 not sent: %2").arg(label(), refusal->message);
        // Queued like an answer: callers rely on never being called back re-entrantly.
        QTimer::singleShot(0, this, [this, error = *refusal] {
            deliver(Outcome{error, 0, {}, {}, 0});
        });
        return;
    }

    QAbstractSocket *socket = nullptr;
    if (https) {
        // Qt's defaults: the peer's chain is verified against the system CAs and its name
        // against the host. Nothing here relaxes that (no ignoreSslErrors, no custom config).
        auto *ssl = new QSslSocket(this);
        connect(ssl, &QSslSocket::encrypted, this, &OneShotHttp::onConnected);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QAbstractSocket::connected, this, &OneShotHttp::onConnected);
    }
    m_socket = socket;
    connect(socket, &QIODevice::readyRead, this, &OneShotHttp::onReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &OneShotHttp::onSocketError);
    connect(socket, &QAbstractSocket::disconnected, this, &OneShotHttp::onDisconnected);
    m_elapsed.start();
    m_timeout.start(m_timeoutMs);
    if (https)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(url.host(),
                                                                  quint16(url.port(443)));
    else
        socket->connectToHost(url.host(), quint16(url.port(80)));
}

QByteArray OneShotHttp::requestBytes() const
{
    const QUrl &url = m_request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target.append('?').append(url.query(QUrl::FullyEncoded).toLatin1());
    QByteArray bytes;
    bytes.append(m_request.method).append(' ').append(target).append(" HTTP/1.1\r\n");
    bytes.append("Host: ")
        .append(url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1())
        .append("\r\n");
    bytes.append("Authorization: Bearer ").append(m_token.toLatin1()).append("\r\n");
    bytes.append("Accept: application/json\r\n");
    bytes.append("User-Agent: dopool/" DOPOOL_VERSION "\r\n");
    if (!m_request.body.isEmpty() || m_request.method != "GET") {
        bytes.append("Content-Type: application/json\r\n");
        bytes.append("Content-Length: ")
            .append(QByteArray::number(m_request.body.size()))
            .append("\r\n");
    }
    // One request per connection: nothing can be queued behind it or replayed on it.
    bytes.append("Connection: close\r\n\r\n");
    bytes.append(m_request.body);
    return bytes;
}

void OneShotHttp::onConnected()
{
    if (m_finished || !m_socket)
        return;
    m_sent = true;
    m_socket->write(requestBytes());
}

void OneShotHttp::onReadyRead()
{
    if (m_finished || !m_socket)
        return;
    handle(m_parser.feed(m_socket->readAll()));
}

void OneShotHttp::onSocketError()
{
    if (m_finished || !m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected(); // the close may well end a complete answer
        return;
    }
    // Whatever arrived before the error may already be the whole answer.
    if (m_socket->bytesAvailable() > 0) {
        handle(m_parser.feed(m_socket->readAll()));
        if (m_finished)
            return;
    }
    finishFailure(networkErrorFor(error), m_socket->errorString());
}

void OneShotHttp::onDisconnected()
{
    if (m_finished || !m_socket)
        return;
    if (m_socket->bytesAvailable() > 0) {
        handle(m_parser.feed(m_socket->readAll()));
        if (m_finished)
            return;
    }
    if (m_parser.finishAtEof() == HttpResponseParser::Progress::Complete) {
        finishAnswer();
        return;
    }
    // After a reset of a sent request its outcome is unknown: say so, for the caller to
    // find out (by tag) rather than send it again.
    QString detail = m_sent ? CoreTr::tr("the connection was closed after the request was sent and "
                                         "before the whole answer arrived; the request may have "
                                         "taken effect")
                            : CoreTr::tr("the connection was closed before the request was sent");
    finishFailure(QNetworkReply::RemoteHostClosedError, detail);
}

void OneShotHttp::onTimeout()
{
    if (m_finished)
        return;
    m_timedOut = true;
    finishFailure(QNetworkReply::TimeoutError, CoreTr::tr("no complete answer in time"));
}

void OneShotHttp::onContextDestroyed()
{
    if (m_finished)
        return;
    qCDebug(lcApi).noquote() << label() << "cancelled: its caller went away";
    m_finished = true;
    m_done = nullptr;
    m_timeout.stop();
    dropSocket();
    deleteLater();
}

void OneShotHttp::handle(HttpResponseParser::Progress progress)
{
    switch (progress) {
    case HttpResponseParser::Progress::NeedMore:
        break;
    case HttpResponseParser::Progress::Complete:
        finishAnswer();
        break;
    case HttpResponseParser::Progress::Failed:
        finishFailure(QNetworkReply::ProtocolFailure, m_parser.problem());
        break;
    }
}

void OneShotHttp::finishAnswer()
{
    const int status = m_parser.status();
    const RawHeaders &headers = m_parser.headers();
    const RateLimit rateLimit = readRateLimit(headers);
    const qint64 elapsedMs = m_elapsed.elapsed();
    if (status >= 200 && status <= 299) {
        qCDebug(lcApi).noquote() << QStringLiteral("%1 -> HTTP %2 in %3 ms (one-shot connection)")
                                        .arg(label())
                                        .arg(status)
                                        .arg(elapsedMs);
        deliver(Outcome{std::nullopt, status, m_parser.body(), rateLimit, 1});
        return;
    }
    ReplyFacts facts;
    facts.host = m_host;
    facts.httpStatus = status;
    facts.body = m_parser.body();
    facts.retryAfterSecs = requestedWaitSecs(
        headers, status, m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc());
    facts.timeoutMs = m_timeoutMs;
    ApiError error = classifyReply(facts);
    redact(error);
    qCInfo(lcApi).noquote() << QStringLiteral("%1 failed (%2, HTTP %3, %4 ms, not retried): %5")
                                   .arg(label(), apiErrorKindName(error.kind))
                                   .arg(status)
                                   .arg(elapsedMs)
                                   .arg(error.message);
    deliver(Outcome{error, status, facts.body, rateLimit, 1});
}

void OneShotHttp::finishFailure(QNetworkReply::NetworkError networkError, const QString &detail)
{
    ReplyFacts facts;
    facts.host = m_host;
    facts.networkError = networkError;
    facts.networkErrorString = detail;
    facts.timedOut = m_timedOut;
    facts.timeoutMs = m_timeoutMs;
    RateLimit rateLimit;
    if (m_parser.headersDone()) { // a truncated answer still says what it is
        facts.httpStatus = m_parser.status();
        facts.body = m_parser.body();
        rateLimit = readRateLimit(m_parser.headers());
        facts.retryAfterSecs =
            requestedWaitSecs(m_parser.headers(), facts.httpStatus,
                              m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc());
    }
    ApiError error = classifyReply(facts);
    redact(error);
    qCInfo(lcApi).noquote() << QStringLiteral("%1 failed (%2, HTTP %3, %4 ms, not retried): %5")
                                   .arg(label(), apiErrorKindName(error.kind))
                                   .arg(facts.httpStatus)
                                   .arg(m_elapsed.isValid() ? m_elapsed.elapsed() : 0)
                                   .arg(error.message);
    deliver(Outcome{error, facts.httpStatus, facts.body, rateLimit, 1});
}

void OneShotHttp::deliver(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    dropSocket();
    // Queued on the context, as ApiCall does: the callback may destroy the client.
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

void OneShotHttp::dropSocket()
{
    QAbstractSocket *socket = m_socket;
    m_socket = nullptr;
    if (!socket)
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void OneShotHttp::redact(ApiError &error) const
{
    if (m_token.isEmpty())
        return;
    error.message.replace(m_token, QStringLiteral("[token]"));
    error.doId.replace(m_token, QStringLiteral("[token]"));
}

// --- OneShotTransport -----------------------------------------------------------------

OneShotTransport::OneShotTransport(const CallSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{}

void OneShotTransport::send(OneShotHttp::Request request, const QString &token, QObject *context,
                            OneShotHttp::Done done)
{
    auto *call =
        new OneShotHttp(m_settings, std::move(request), token, context, std::move(done), this);
    call->start();
}

} // namespace dopool::api
