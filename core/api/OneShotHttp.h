#pragma once

#include "ApiJob.h"
#include "OneShotHttpParser.h"

#include <QPointer>

class QAbstractSocket;

namespace dopool::api {

// One HTTP/1.1 request on a connection of its own that is NEVER sent twice: the production
// transport of DoApiClient's POSTs (oneShotPostTransport()).
//
// Why not QNetworkAccessManager: Qt 6.4's HTTP channel silently re-sends a request - a POST
// too - when the connection drops after the request went out but before the answer came.
// For POST /v2/droplets that creates a second droplet behind our back (DO has no idempotency
// key). Here a dropped connection is reported as it is (ApiErrorKind::Network), and the caller
// looks the droplet up by its tag before doing anything else.
//
// https goes over QSslSocket with Qt's default certificate verification (never relaxed);
// plain http only to a loopback host (the fake DO server). "Connection: close", the body with
// a Content-Length. The timeout, the error classification, the rate-limit headers, the
// callback queued on the context and the silent end when the context goes are the job base's
// (ApiJob), as for every other call of the client. Deletes itself when done.
class OneShotHttp final : public ApiJob
{
    Q_OBJECT
public:
    // request.retryable is ignored: nothing here is ever retried.
    OneShotHttp(const CallSettings &settings, Request request, QString token, QObject *context,
                Done done, QObject *parent);
    ~OneShotHttp() override;

private:
    void sendAttempt() override;
    void onAttemptTimedOut() override;
    void dropTransport() override;
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void handle(HttpResponseParser::Progress progress);
    bool readAvailable(); // true when that ended the exchange
    void finishAnswer();
    void finishFailure(QNetworkReply::NetworkError error, const QString &detail);
    std::optional<ApiError> refusal() const;
    QByteArray requestBytes() const;

    QPointer<QAbstractSocket> m_socket;
    HttpResponseParser m_parser;
    bool m_sent = false;
};

// The production POST transport: each POST over a OneShotHttp of its own.
PostTransport oneShotPostTransport();

} // namespace dopool::api
