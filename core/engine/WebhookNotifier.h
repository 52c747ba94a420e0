#pragma once

#include "AlertEvaluator.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

namespace dopool::engine {

// POSTs each alert change as JSON to DOPOOL_WEBHOOK_URL (the order platform's
// notification-service). Fire and forget: a failing or slow webhook is logged and never
// blocks or fails sync. https, or http to loopback only.
class WebhookNotifier : public QObject
{
    Q_OBJECT
public:
    WebhookNotifier(QUrl url, QObject *parent = nullptr);

    void notify(const AlertChange &change);

    // {"event": "alert.raised" | "alert.resolved", "alert": {id, kind, severity, accountId,
    // message, details, raisedAt, resolvedAt}}: kind/severity as stored (ACCOUNT_FULL,
    // WARNING), times ISO 8601 UTC with milliseconds, accountId/resolvedAt null when unset.
    static QJsonObject payload(const AlertChange &change);
    static constexpr int DefaultTimeoutMs = 10000;
    // A POST fails after this long without progress (QNetworkRequest transfer timeout).
    void setTimeoutMs(int msecs) { m_timeoutMs = msecs; }

Q_SIGNALS:
    void delivered(int httpStatus); // for tests
    void failed(const QString &reason);

private:
    QUrl m_url;
    int m_timeoutMs = DefaultTimeoutMs;
    QNetworkAccessManager m_nam;
};

} // namespace dopool::engine
