#pragma once

#include "ApiCall.h"
#include "OneShotHttpParser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAbstractSocket;

namespace dopool::api {

// One HTTP/1.1 request on a connection of its own that is NEVER sent twice.
//
// Why not QNetworkAccessManager: Qt 6.4's HTTP channel silently re-sends a request - a POST
// too - when the connection drops after the request went out but before the answer came.
// For POST /v2/droplets that creates a second droplet behind our back (DO has no idempotency
// key). Here a dropped connection is reported as it is (ApiErrorKind::Network), and the caller
// looks the droplet up by its tag before doing anything else.
//
// https goes over QSslSocket with Qt's default certificate verification (never relaxed);
// plain http only to a loopback host (the fake DO server). "Connection: close", the body with
// a Content-Length. The timeout, the error classification (classifyReply) and the rate-limit
// headers are the same as for every other call of the client (ApiCall). The callback runs
// queued on the context; destroying the context first aborts silently. Deletes itself when done.
class OneShotHttp final : public QObject
{
    Q_OBJECT
public:
    using Request = ApiCall::Request; // `retryable` is ignored: nothing here is ever retried
    using Outcome = ApiCall::Outcome;
    using Done = ApiCall::Done;

    // Copies what it needs from settings (host for messages, timeout, clock pointer).
    OneShotHttp(const CallSettings &settings, Request request, QString token, QObject *context,
                Done done, QObject *parent);
    ~OneShotHttp() override;

    void start();

private:
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    void onContextDestroyed();
    void handle(HttpResponseParser::Progress progress);
    void finishAnswer();
    void finishFailure(QNetworkReply::NetworkError error, const QString &detail);
    void deliver(Outcome outcome);
    void dropSocket();
    void redact(ApiError &error) const;
    QByteArray requestBytes() const;
    QString label() const; // "POST /v2/droplets": never a token, never a query

    QString m_host;
    int m_timeoutMs = 15000;
    const Clock *m_clock = nullptr;
    Request m_request;
    QString m_token;
    QPointer<QObject> m_context;
    Done m_done;
    QPointer<QAbstractSocket> m_socket;
    HttpResponseParser m_parser;
    QTimer m_timeout;
    QElapsedTimer m_elapsed;
    bool m_sent = false;
    bool m_timedOut = false;
    bool m_finished = false;
};

// The one-shot exchanges of one DoApiClient, as its child: deleting it cancels them all
// without a callback.
class OneShotTransport final : public QObject
{
    Q_OBJECT
public:
    OneShotTransport(const CallSettings &settings, QObject *parent);

    void send(OneShotHttp::Request request, const QString &token, QObject *context,
              OneShotHttp::Done done);

private:
    const CallSettings &m_settings;
};

} // namespace dopool::api
