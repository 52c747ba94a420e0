#include "ReplyHeaders.h"

#include <QLocale>
#include <algorithm>
#include <limits>

namespace dopool::api {

namespace {

// Far beyond any wait we would honour, small enough to stay an int in milliseconds.
constexpr qint64 MaxWaitSecs = 1000000;

int readNonNegativeInt(const QByteArray &value)
{
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok || number < 0 || number > std::numeric_limits<int>::max())
        return -1;
    return int(number);
}

int secondsUntil(const QDateTime &when, const QDateTime &now)
{
    const qint64 ms = now.msecsTo(when);
    if (ms <= 0)
        return 0;
    return int(std::min<qint64>((ms + 999) / 1000, MaxWaitSecs));
}

QDateTime parseHttpDate(const QString &text)
{
    // IMF-fixdate, what every current server sends (RFC 9110 §5.6.7).
    const QDateTime fixdate =
        QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (fixdate.isValid())
        return QDateTime(fixdate.date(), fixdate.time(), Qt::UTC);
    // Numeric offsets ("+0000") and other RFC 2822 spellings.
    return QDateTime::fromString(text, Qt::RFC2822Date).toUTC();
}

} // namespace

QByteArray headerValue(const RawHeaders &headers, QByteArrayView name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

RateLimit readRateLimit(const RawHeaders &headers)
{
    RateLimit rateLimit;
    rateLimit.limit = readNonNegativeInt(headerValue(headers, "ratelimit-limit"));
    rateLimit.remaining = readNonNegativeInt(headerValue(headers, "ratelimit-remaining"));
    bool ok = false;
    const qint64 reset = headerValue(headers, "ratelimit-reset").trimmed().toLongLong(&ok);
    if (ok && reset > 0)
        rateLimit.reset = QDateTime::fromSecsSinceEpoch(reset, Qt::UTC);
    return rateLimit;
}

int parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : int(std::min(seconds, MaxWaitSecs));
    const QDateTime date = parseHttpDate(QString::fromLatin1(trimmed));
    return date.isValid() ? secondsUntil(date, now) : -1;
}

int requestedWaitSecs(const RawHeaders &headers, int httpStatus, const QDateTime &now)
{
    const int retryAfter = parseRetryAfter(headerValue(headers, "retry-after"), now);
    if (retryAfter >= 0 || httpStatus != 429)
        return retryAfter;
    const RateLimit rateLimit = readRateLimit(headers);
    if (rateLimit.remaining == 0 && rateLimit.reset.isValid())
        return secondsUntil(rateLimit.reset, now);
    return -1;
}

} // namespace dopool::api
