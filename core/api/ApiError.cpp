#include "ApiError.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace dopool::api {

namespace {

// DO's messages are one sentence; a longer one is most likely not DO talking (a proxy's
// HTML page) and would swamp the line.
constexpr qsizetype MaxDoMessageLength = 300;

struct DoErrorBody
{
    QString id;
    QString message;
};

// DO's error object {"id", "message", "request_id"}. Anything else (HTML from a proxy,
// an empty body) yields nothing: the status alone still says what happened.
DoErrorBody parseDoErrorBody(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    DoErrorBody parsed;
    parsed.id = object.value(QLatin1String("id")).toString().simplified();
    parsed.message = object.value(QLatin1String("message")).toString().simplified();
    if (parsed.message.size() > MaxDoMessageLength) {
        parsed.message.truncate(MaxDoMessageLength);
        parsed.message.append(QChar(0x2026));
    }
    return parsed;
}

bool isDropletLimitMessage(const QString &message)
{
    return message.contains(QLatin1String("exceed"), Qt::CaseInsensitive) &&
           message.contains(QLatin1String("droplet limit"), Qt::CaseInsensitive);
}

ApiErrorKind kindForStatus(int status, const QString &doMessage)
{
    switch (status) {
    case 401:
        return ApiErrorKind::Unauthorized;
    case 403:
        return ApiErrorKind::Forbidden;
    case 404:
        return ApiErrorKind::NotFound;
    case 422:
        return isDropletLimitMessage(doMessage) ? ApiErrorKind::DropletLimitExceeded
                                                : ApiErrorKind::Unprocessable;
    case 429:
        return ApiErrorKind::RateLimited;
    default:
        break;
    }
    return status >= 500 && status <= 599 ? ApiErrorKind::ServerError : ApiErrorKind::Other;
}

// The HTTP status -> sentence table: what the status means for the person reading it.
QString sentenceForStatus(ApiErrorKind kind, int status, int retryAfterSecs)
{
    switch (kind) {
    case ApiErrorKind::Unauthorized:
        return CoreTr::tr(
            "DigitalOcean rejected the token (401 Unauthorized): the token is invalid, "
            "expired or revoked");
    case ApiErrorKind::Forbidden:
        return CoreTr::tr(
            "DigitalOcean refused the request (403 Forbidden): the token lacks the scope "
            "for it, or the account is locked");
    case ApiErrorKind::NotFound:
        return CoreTr::tr("DigitalOcean has no such resource (404 Not Found)");
    case ApiErrorKind::DropletLimitExceeded:
        return CoreTr::tr("the account has reached its droplet limit (422 Unprocessable Entity)");
    case ApiErrorKind::Unprocessable:
        return CoreTr::tr("DigitalOcean refused the request as invalid (422 Unprocessable Entity)");
    case ApiErrorKind::RateLimited:
        if (retryAfterSecs >= 0) {
            return CoreTr::tr("DigitalOcean's rate limit for this token is reached (429 Too Many "
                              "Requests); it asks to wait %1 s")
                .arg(retryAfterSecs);
        }
        return CoreTr::tr(
            "DigitalOcean's rate limit for this token is reached (429 Too Many Requests)");
    case ApiErrorKind::ServerError:
        return CoreTr::tr("DigitalOcean had a server error (HTTP %1); try again later").arg(status);
    default:
        break;
    }
    if (status >= 300 && status <= 399) {
        // Following it could hand the bearer token to whatever host the redirect names.
        return CoreTr::tr("DigitalOcean answered with a redirect (HTTP %1), which dopool does not "
                          "follow so the token never goes to another host")
            .arg(status);
    }
    if (status >= 400 && status <= 499)
        return CoreTr::tr("DigitalOcean refused the request (HTTP %1)").arg(status);
    return CoreTr::tr("DigitalOcean sent an unexpected answer (HTTP %1)").arg(status);
}

ApiError classifyStatus(const ReplyFacts &facts)
{
    const DoErrorBody body = parseDoErrorBody(facts.body);
    ApiError error;
    error.kind = kindForStatus(facts.httpStatus, body.message);
    error.httpStatus = facts.httpStatus;
    error.doId = body.id;
    error.retryAfterSecs = facts.retryAfterSecs;
    error.message = sentenceForStatus(error.kind, facts.httpStatus, facts.retryAfterSecs);
    if (!body.message.isEmpty())
        error.message =
            CoreTr::tr("%1 (DigitalOcean says: \"%2\")").arg(error.message, body.message);
    return error;
}

// Transport failures: no HTTP status. Unreachable is not unauthorised: nothing here may
// suggest the token is at fault.
ApiErrorKind kindForNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::OperationCanceledError: // QNetworkRequest's own transfer timeout
        return ApiErrorKind::Timeout;
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return ApiErrorKind::Other;
    default:
        return ApiErrorKind::Network;
    }
}

ApiError classifyTransport(const ReplyFacts &facts)
{
    ApiError error;
    error.httpStatus = facts.httpStatus;
    error.retryAfterSecs = facts.retryAfterSecs;
    error.kind = facts.timedOut ? ApiErrorKind::Timeout : kindForNetworkError(facts.networkError);
    const QString detail = facts.networkErrorString.simplified();
    if (facts.timedOut) {
        error.message = CoreTr::tr("DigitalOcean at %1 did not answer within %2 s")
                            .arg(facts.host, QString::number(facts.timeoutMs / 1000.0, 'g', 3));
    } else if (error.kind == ApiErrorKind::Timeout) {
        error.message =
            CoreTr::tr("DigitalOcean at %1 did not answer in time (%2)").arg(facts.host, detail);
    } else if (error.kind == ApiErrorKind::Network) {
        error.message =
            CoreTr::tr("could not reach DigitalOcean at %1: %2")
                .arg(facts.host, detail.isEmpty() ? CoreTr::tr("network error") : detail);
    } else {
        error.message =
            CoreTr::tr("the request to DigitalOcean at %1 failed: %2").arg(facts.host, detail);
    }
    return error;
}

} // namespace

QString apiErrorKindName(ApiErrorKind kind)
{
    switch (kind) {
    case ApiErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ApiErrorKind::Forbidden:
        return QStringLiteral("forbidden");
    case ApiErrorKind::RateLimited:
        return QStringLiteral("rate-limited");
    case ApiErrorKind::DropletLimitExceeded:
        return QStringLiteral("droplet-limit-exceeded");
    case ApiErrorKind::Unprocessable:
        return QStringLiteral("unprocessable");
    case ApiErrorKind::NotFound:
        return QStringLiteral("not-found");
    case ApiErrorKind::ServerError:
        return QStringLiteral("server-error");
    case ApiErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ApiErrorKind::Network:
        return QStringLiteral("network");
    case ApiErrorKind::MalformedReply:
        return QStringLiteral("malformed-reply");
    case ApiErrorKind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

bool ApiError::isTransient() const
{
    return kind == ApiErrorKind::RateLimited || kind == ApiErrorKind::ServerError ||
           kind == ApiErrorKind::Timeout || kind == ApiErrorKind::Network;
}

Error ApiError::toError() const
{
    const bool auth = kind == ApiErrorKind::Unauthorized || kind == ApiErrorKind::Forbidden;
    return makeError(auth ? ErrorKind::Auth : ErrorKind::Api, message);
}

ApiError classifyReply(const ReplyFacts &facts)
{
    // Our own timeout wins: the abort it caused may leave any status behind.
    if (facts.timedOut)
        return classifyTransport(facts);
    // A status >= 300 says more than the transport error Qt derives from it.
    if (facts.httpStatus >= 300)
        return classifyStatus(facts);
    if (facts.networkError != QNetworkReply::NoError)
        return classifyTransport(facts);
    if (facts.httpStatus == 0) {
        ReplyFacts noAnswer = facts;
        noAnswer.networkError = QNetworkReply::UnknownNetworkError;
        noAnswer.networkErrorString = CoreTr::tr("no HTTP answer");
        return classifyTransport(noAnswer);
    }
    return classifyStatus(facts); // 1xx, or a 2xx the caller should not have passed
}

ApiError malformedReply(int httpStatus, const QString &detail)
{
    ApiError error;
    error.kind = ApiErrorKind::MalformedReply;
    error.httpStatus = httpStatus;
    error.message = CoreTr::tr("DigitalOcean sent a reply dopool cannot read: %1").arg(detail);
    return error;
}

ApiError refusedRequest(const QString &reason)
{
    ApiError error;
    error.kind = ApiErrorKind::Other;
    error.message = reason;
    return error;
}

} // namespace dopool::api
