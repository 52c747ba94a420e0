#pragma once

// A minimal DigitalOcean client for the fake DO server's tests, over real loopback HTTP with
// QNetworkAccessManager: bearer token, JSON body, optional transfer timeout, the whole answer
// (status, body, JSON, headers) collected. Plus the made-up tokens the tests seed it with.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrl>

namespace {

// Made-up tokens in DO's format; never real ones.
const QString kTokenA =
    QStringLiteral("dop_v1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001");
const QString kTokenB =
    QStringLiteral("dop_v1_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb0002");

struct HttpResult
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    bool isJson = false;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

struct TestClient
{
    QUrl base;
    QNetworkAccessManager nam;

    // An empty token sends no Authorization header.
    QNetworkReply *send(const QByteArray &verb, const QString &pathAndQuery, const QString &token,
                        const QByteArray &body = {}, int timeoutMs = 10000)
    {
        QNetworkRequest request(base.resolved(QUrl(pathAndQuery)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
        request.setTransferTimeout(timeoutMs);
        return nam.sendCustomRequest(request, verb, body);
    }
    HttpResult call(const QByteArray &verb, const QString &pathAndQuery, const QString &token,
                    const QByteArray &body = {}, int timeoutMs = 10000)
    {
        return finish(send(verb, pathAndQuery, token, body, timeoutMs));
    }
    static HttpResult finish(QNetworkReply *reply)
    {
        HttpResult r;
        if (!reply->isFinished()) {
            QSignalSpy spy(reply, &QNetworkReply::finished);
            spy.wait(15000);
        }
        r.finished = reply->isFinished();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        if (reply->isOpen()) // an aborted (timed-out) reply is closed
            r.body = reply->readAll();
        QJsonParseError parse{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parse);
        r.isJson = parse.error == QJsonParseError::NoError;
        r.json = doc.object();
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }
};

} // namespace
