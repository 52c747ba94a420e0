#include "WebhookNotifier.h"

#include "EngineLogging.h"
#include "common/ApiBaseUrl.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace dopool::engine {

namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// Webhook URLs often carry a secret in the query or user info: logs name host and path only.
QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

std::optional<QString> refusal(const QUrl &url)
{
    if (isSafeTransportUrl(url))
        return std::nullopt;
    return CoreTr::tr(
               "refusing to post alerts to '%1': only https, or plain http to a loopback host, "
               "is allowed")
        .arg(displayUrl(url));
}

} // namespace

WebhookNotifier::WebhookNotifier(QUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
{
    // A redirect could take the alert (and whatever the URL authorises) elsewhere.
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QJsonObject WebhookNotifier::payload(const AlertChange &change)
{
    const Alert &a = change.alert;
    QJsonObject alert{
        {QLatin1String("id"), a.id},
        {QLatin1String("kind"), alertKindToDb(a.kind)},
        {QLatin1String("severity"), alertSeverityToDb(a.severity)},
        {QLatin1String("accountId"),
         a.accountId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.accountId)},
        {QLatin1String("message"), a.message},
        {QLatin1String("details"), a.details},
        {QLatin1String("raisedAt"), timeOrNull(a.raisedAt)},
        {QLatin1String("resolvedAt"), timeOrNull(a.resolvedAt)},
    };
    return QJsonObject{
        {QLatin1String("event"),
         change.raised ? QStringLiteral("alert.raised") : QStringLiteral("alert.resolved")},
        {QLatin1String("alert"), alert},
    };
}

void WebhookNotifier::notify(const AlertChange &change)
{
    if (const std::optional<QString> refused = refusal(m_url)) {
        qCWarning(lcEngine).noquote() << *refused;
        // Queued like every other outcome: a caller never hears back from inside notify().
        QTimer::singleShot(0, this, [this, reason = *refused] { Q_EMIT failed(reason); });
        return;
    }

    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    const QByteArray body = QJsonDocument(payload(change)).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_nam.post(request, body);
    const QString what = change.alert.message;
    connect(reply, &QNetworkReply::finished, this, [this, reply, what] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status >= 200 && status <= 299) {
            qCDebug(lcEngine).noquote() << CoreTr::tr("alert posted to %1 (HTTP %2): %3")
                                               .arg(displayUrl(m_url))
                                               .arg(status)
                                               .arg(what);
            Q_EMIT delivered(status);
            return;
        }
        QString reason;
        if (reply->error() == QNetworkReply::OperationCanceledError)
            reason = CoreTr::tr("no answer within %1 s").arg(m_timeoutMs / 1000.0);
        else if (status != 0)
            reason = CoreTr::tr("HTTP %1").arg(status);
        else // errorString() may quote the whole URL, secret and all
            reason = QString::fromLatin1(
                QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(reply->error()));
        reason = CoreTr::tr("cannot post the alert to %1: %2").arg(displayUrl(m_url), reason);
        qCWarning(lcEngine).noquote() << reason;
        Q_EMIT failed(reason);
    });
}

} // namespace dopool::engine
