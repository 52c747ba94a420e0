#include "ApiCall.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <utility>

namespace dopool::api {

namespace {

// What Qt may buffer for a reply before we read it: the answer is read as it arrives, so
// memory stays near maxReplyBytes whatever the server sends.
constexpr qint64 kReadBufferBytes = 256 * 1024;

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
    : ApiJob(settings, std::move(request), std::move(token), context, std::move(done), parent)
{}

ApiCall::~ApiCall()
{
    dropReply(true);
}

void ApiCall::sendAttempt()
{
    QNetworkAccessManager *manager = settings().managers->next();
    if (!manager) {
        refuse(refusedRequest(tr("no network access manager available")));
        return;
    }
    beginAttempt();
    m_body.clear();
    const QNetworkRequest networkRequest = makeRequest(request().url, token());
    m_reply = request().method == "POST" ? manager->post(networkRequest, request().body)
                                         : manager->get(networkRequest);
    settings().managers->track(manager, m_reply);
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ApiCall::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
}

void ApiCall::onMetaDataChanged()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isFinished())
        return;
    // A declared length over the limit is refused before a byte of the body is read.
    bool known = false;
    const qint64 declared = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    if (known && declared > request().maxReplyBytes) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const RawHeaders headers = reply->rawHeaderPairs();
        dropReply(true);
        concludeOversized(status, headers);
    }
}

void ApiCall::onReadyRead()
{
    if (m_reply && !isFinished())
        takeArrived();
}

bool ApiCall::takeArrived()
{
    QNetworkReply *reply = m_reply;
    if (!reply->isOpen()) // an aborted reply is closed, and reading it only warns
        return true;
    const qint64 room = request().maxReplyBytes - m_body.size();
    if (reply->bytesAvailable() > room) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const RawHeaders headers = reply->rawHeaderPairs();
        m_body.clear();
        dropReply(true);
        concludeOversized(status, headers);
        return false;
    }
    m_body.append(reply->readAll());
    return true;
}

void ApiCall::onAttemptTimedOut()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    reply->abort(); // emits finished() at once, which lands in onReplyFinished()
    if (m_reply == reply)
        onReplyFinished(); // a reply that did not: finish it ourselves
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isFinished())
        return;
    if (!takeArrived())
        return;
    ReplyFacts facts;
    facts.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    facts.networkError = reply->error();
    facts.networkErrorString = reply->errorString();
    facts.body = std::exchange(m_body, {});
    const RawHeaders headers = reply->rawHeaderPairs();
    dropReply(false);
    concludeAttempt(std::move(facts), headers);
}

void ApiCall::dropTransport()
{
    dropReply(true);
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

} // namespace dopool::api
