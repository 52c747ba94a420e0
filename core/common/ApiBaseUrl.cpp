#include "ApiBaseUrl.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace dopool {

QUrl defaultApiBaseUrl()
{
    return QUrl(QStringLiteral("https://api.digitalocean.com"));
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isSafeTransportUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("https") ||
           (scheme == QLatin1String("http") && isLoopbackHost(url.host()));
}

Result<QUrl> parseApiBaseUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    if (trimmed.isEmpty() || !url.isValid() || url.host().isEmpty()) {
        return makeError(ErrorKind::Validation,
                         QCoreApplication::translate("dopool",
                                                     "the API base URL '%1' is not a valid URL "
                                                     "(expected e.g. https://api.digitalocean.com)")
                             .arg(trimmed));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return makeError(
            ErrorKind::Validation,
            QCoreApplication::translate(
                "dopool", "the API base URL must not contain credentials, a query or a fragment"));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return url;
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return url;
        return makeError(ErrorKind::Validation,
                         QCoreApplication::translate(
                             "dopool", "refusing plain http to %1: API tokens are sent only "
                                       "over https (plain http is allowed to loopback only)")
                             .arg(url.host()));
    }
    return makeError(ErrorKind::Validation,
                     QCoreApplication::translate(
                         "dopool", "the API base URL must start with https:// (got '%1')")
                         .arg(url.scheme()));
}

} // namespace dopool
