#include "OneShotHttp.h"

#include "ApiLogging.h"
#include "common/ApiBaseUrl.h"
#include "common/Translate.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <optional>

namespace dopool::api {

namespace {

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

ApiRequest neverRetried(ApiRequest request)
{
    request.retryable = false;
    return request;
}

} // namespace

OneShotHttp::OneShotHttp(const CallSettings &settings, Request request, QString token,
                         QObject *context, Done done, QObject *parent)
    : ApiJob(settings, neverRetried(std::move(request)), std::move(token), context, std::move(done),
             parent)
{}

OneShotHttp::~OneShotHttp()
{
    dropTransport();
}

std::optional<ApiError> OneShotHttp::refusal() const
{
    const QUrl &url = request().url;
    if (!isSafeTransportUrl(url)) {
        return refusedRequest(
            CoreTr::tr(
                "refusing to send the request to '%1': only https, or plain http to a loopback "
                "host, is allowed")
                .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    }
    if (token().isEmpty() || !isSendableToken(token())) {
        return refusedRequest(CoreTr::tr("the API token is empty or contains characters that "
                                         "cannot be sent in a header"));
    }
    if (url.scheme().toLower() == QLatin1String("https") && !QSslSocket::supportsSsl()) {
        return refusedRequest(
            CoreTr::tr("TLS is not available to Qt (no OpenSSL backend), so %1 cannot be reached "
                       "over https")
                .arg(settings().host));
    }
    return std::nullopt;
}

void OneShotHttp::sendAttempt()
{
    if (attempts() > 0)
        return; // never a second time, whoever asks
    if (const std::optional<ApiError> refused = refusal()) {
        refuse(*refused);
        return;
    }
    const QUrl &url = request().url;
    const bool https = url.scheme().toLower() == QLatin1String("https");
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
    // Read as it arrives, a bounded piece at a time: with the parser's limit, a server that
    // sends without end costs at most about maxReplyBytes.
    socket->setReadBufferSize(256 * 1024);
    m_parser.setMaxBodyBytes(request().maxReplyBytes);
    connect(socket, &QIODevice::readyRead, this, &OneShotHttp::onReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &OneShotHttp::onSocketError);
    connect(socket, &QAbstractSocket::disconnected, this, &OneShotHttp::onDisconnected);
    beginAttempt();
    if (https)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(url.host(),
                                                                  quint16(url.port(443)));
    else
        socket->connectToHost(url.host(), quint16(url.port(80)));
}

QByteArray OneShotHttp::requestBytes() const
{
    const QUrl &url = request().url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target.append('?').append(url.query(QUrl::FullyEncoded).toLatin1());
    QByteArray bytes;
    bytes.append(request().method).append(' ').append(target).append(" HTTP/1.1\r\n");
    bytes.append("Host: ")
        .append(url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1())
        .append("\r\n");
    bytes.append("Authorization: Bearer ").append(token().toLatin1()).append("\r\n");
    bytes.append("Accept: application/json\r\n");
    bytes.append("User-Agent: dopool/" DOPOOL_VERSION "\r\n");
    if (!request().body.isEmpty() || request().method != "GET") {
        bytes.append("Content-Type: application/json\r\n");
        bytes.append("Content-Length: ")
            .append(QByteArray::number(request().body.size()))
            .append("\r\n");
    }
    // One request per connection: nothing can be queued behind it or replayed on it.
    bytes.append("Connection: close\r\n\r\n");
    bytes.append(request().body);
    return bytes;
}

void OneShotHttp::onConnected()
{
    if (isFinished() || !m_socket)
        return;
    m_sent = true;
    m_socket->write(requestBytes());
}

void OneShotHttp::onReadyRead()
{
    if (!isFinished() && m_socket)
        readAvailable();
}

bool OneShotHttp::readAvailable()
{
    if (m_socket->bytesAvailable() > 0)
        handle(m_parser.feed(m_socket->readAll()));
    return isFinished();
}

void OneShotHttp::onSocketError()
{
    if (isFinished() || !m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected(); // the close may well end a complete answer
        return;
    }
    // Whatever arrived before the error may already be the whole answer.
    if (readAvailable())
        return;
    finishFailure(networkErrorFor(error), m_socket->errorString());
}

void OneShotHttp::onDisconnected()
{
    if (isFinished() || !m_socket || readAvailable())
        return;
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

void OneShotHttp::onAttemptTimedOut()
{
    finishFailure(QNetworkReply::TimeoutError, CoreTr::tr("no complete answer in time"));
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
        if (m_parser.tooLarge()) {
            const RawHeaders headers = m_parser.headers();
            concludeOversized(m_parser.status(), headers);
            break;
        }
        finishFailure(QNetworkReply::ProtocolFailure, m_parser.problem());
        break;
    }
}

void OneShotHttp::finishAnswer()
{
    ReplyFacts facts;
    facts.httpStatus = m_parser.status();
    facts.body = m_parser.body();
    concludeAttempt(std::move(facts), m_parser.headers());
}

void OneShotHttp::finishFailure(QNetworkReply::NetworkError networkError, const QString &detail)
{
    ReplyFacts facts;
    facts.networkError = networkError;
    facts.networkErrorString = detail;
    RawHeaders headers;
    if (m_parser.headersDone()) { // a truncated answer still says what it is
        facts.httpStatus = m_parser.status();
        facts.body = m_parser.body();
        headers = m_parser.headers();
    }
    concludeAttempt(std::move(facts), headers);
}

void OneShotHttp::dropTransport()
{
    QAbstractSocket *socket = m_socket;
    m_socket = nullptr;
    if (!socket)
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

PostTransport oneShotPostTransport()
{
    return [](const CallSettings &settings, ApiRequest request, QString token, QObject *context,
              ApiDone done, QObject *parent) -> ApiJob * {
        return new OneShotHttp(settings, std::move(request), std::move(token), context,
                               std::move(done), parent);
    };
}

} // namespace dopool::api
