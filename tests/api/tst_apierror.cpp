#include "api/ApiError.h"
#include "api/ReplyHeaders.h"

#include <QTest>

using namespace dopool;
using namespace dopool::api;

Q_DECLARE_METATYPE(dopool::api::ApiErrorKind)
Q_DECLARE_METATYPE(dopool::ErrorKind)

namespace {

QByteArray doError(const char *id, const char *message)
{
    return QByteArray("{\"id\":\"") + id + "\",\"message\":\"" + message + "\"}";
}

const QDateTime Now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

} // namespace

class TestApiError : public QObject
{
    Q_OBJECT

private slots:
    void classifyStatus_data();
    void classifyStatus();
    void classifyTransport_data();
    void classifyTransport();
    void transientAndErrorKind_data();
    void transientAndErrorKind();
    void malformedAndRefused();
    void requestedWait_data();
    void requestedWait();
    void rateLimitHeaders_data();
    void rateLimitHeaders();
};

void TestApiError::classifyStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<ApiErrorKind>("kind");
    QTest::addColumn<QString>("doId");
    QTest::addColumn<QStringList>("mustContain");

    const QString unauthorizedSentence =
        QStringLiteral("DigitalOcean rejected the token (401 Unauthorized): the token is invalid, "
                       "expired or revoked");
    QTest::newRow("401 with DO message")
        << 401 << doError("unauthorized", "Unable to authenticate you.") << -1
        << ApiErrorKind::Unauthorized << QStringLiteral("unauthorized")
        << QStringList{unauthorizedSentence, QStringLiteral("Unable to authenticate you.")};
    QTest::newRow("401 empty body") << 401 << QByteArray() << -1 << ApiErrorKind::Unauthorized
                                    << QString() << QStringList{unauthorizedSentence};
    QTest::newRow("403") << 403
                         << doError("forbidden", "You do not have access for the attempted action.")
                         << -1 << ApiErrorKind::Forbidden << QStringLiteral("forbidden")
                         << QStringList{
                                QStringLiteral("403 Forbidden"), QStringLiteral("scope"),
                                QStringLiteral("locked"),
                                QStringLiteral("You do not have access for the attempted action.")};
    QTest::newRow("404") << 404
                         << doError("not_found", "The resource you requested could not be found.")
                         << -1 << ApiErrorKind::NotFound << QStringLiteral("not_found")
                         << QStringList{
                                QStringLiteral("404 Not Found"),
                                QStringLiteral("The resource you requested could not be found.")};
    QTest::newRow("422 droplet limit (DO wording)")
        << 422
        << doError("unprocessable_entity",
                   "creating this/these droplet(s) will exceed your droplet limit")
        << -1 << ApiErrorKind::DropletLimitExceeded << QStringLiteral("unprocessable_entity")
        << QStringList{QStringLiteral("droplet limit"),
                       QStringLiteral("will exceed your droplet limit")};
    QTest::newRow("422 droplet limit, other case")
        << 422 << doError("unprocessable_entity", "Request EXCEEDS the Droplet Limit of 10") << -1
        << ApiErrorKind::DropletLimitExceeded << QStringLiteral("unprocessable_entity")
        << QStringList{QStringLiteral("Request EXCEEDS the Droplet Limit of 10")};
    QTest::newRow("422 droplet limit, 'exceeded'")
        << 422 << doError("unprocessable_entity", "droplet limit exceeded") << -1
        << ApiErrorKind::DropletLimitExceeded << QStringLiteral("unprocessable_entity")
        << QStringList{};
    QTest::newRow("422 limit word without 'exceed'")
        << 422 << doError("unprocessable_entity", "you are at your droplet limit") << -1
        << ApiErrorKind::Unprocessable << QStringLiteral("unprocessable_entity")
        << QStringList{QStringLiteral("you are at your droplet limit")};
    QTest::newRow("422 'exceed' without droplet limit")
        << 422 << doError("unprocessable_entity", "user_data exceeds 64 KiB") << -1
        << ApiErrorKind::Unprocessable << QStringLiteral("unprocessable_entity")
        << QStringList{QStringLiteral("422 Unprocessable Entity"),
                       QStringLiteral("user_data exceeds 64 KiB")};
    QTest::newRow("422 bad region")
        << 422 << doError("unprocessable_entity", "Region is not available") << -1
        << ApiErrorKind::Unprocessable << QStringLiteral("unprocessable_entity")
        << QStringList{QStringLiteral("Region is not available")};
    QTest::newRow("429 without retry-after")
        << 429 << doError("too_many_requests", "API rate limit exceeded.") << -1
        << ApiErrorKind::RateLimited << QStringLiteral("too_many_requests")
        << QStringList{QStringLiteral("429 Too Many Requests"),
                       QStringLiteral("API rate limit exceeded.")};
    QTest::newRow("429 with retry-after")
        << 429 << doError("too_many_requests", "API Rate limit exceeded.") << 29
        << ApiErrorKind::RateLimited << QStringLiteral("too_many_requests")
        << QStringList{QStringLiteral("wait 29 s"), QStringLiteral("API Rate limit exceeded.")};
    QTest::newRow("500") << 500 << doError("server_error", "Unexpected server-side error") << -1
                         << ApiErrorKind::ServerError << QStringLiteral("server_error")
                         << QStringList{QStringLiteral("HTTP 500"),
                                        QStringLiteral("Unexpected server-side error")};
    QTest::newRow("502 HTML from a proxy")
        << 502 << QByteArray("<html><body>Bad Gateway</body></html>") << -1
        << ApiErrorKind::ServerError << QString() << QStringList{QStringLiteral("HTTP 502")};
    QTest::newRow("503 empty") << 503 << QByteArray() << -1 << ApiErrorKind::ServerError
                               << QString() << QStringList{QStringLiteral("HTTP 503")};
    QTest::newRow("garbage 401 body")
        << 401 << QByteArray("\xff\xfe not json {{") << -1 << ApiErrorKind::Unauthorized
        << QString() << QStringList{unauthorizedSentence};
    QTest::newRow("garbage: error body of wrong types")
        << 500 << QByteArray("{\"id\": 5, \"message\": [1]}") << -1 << ApiErrorKind::ServerError
        << QString() << QStringList{QStringLiteral("HTTP 500")};
    QTest::newRow("301 redirect") << 301 << QByteArray() << -1 << ApiErrorKind::Other << QString()
                                  << QStringList{QStringLiteral("redirect (HTTP 301)"),
                                                 QStringLiteral("does not follow")};
    QTest::newRow("409 other 4xx")
        << 409 << doError("conflict", "conflict!") << -1 << ApiErrorKind::Other
        << QStringLiteral("conflict")
        << QStringList{QStringLiteral("HTTP 409"), QStringLiteral("conflict!")};
}

void TestApiError::classifyStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, retryAfter);
    QFETCH(ApiErrorKind, kind);
    QFETCH(QString, doId);
    QFETCH(QStringList, mustContain);

    ReplyFacts facts;
    facts.host = QStringLiteral("api.digitalocean.com");
    facts.httpStatus = status;
    // Qt reports an error alongside 4xx/5xx; the status must win over it.
    facts.networkError =
        status >= 400 ? QNetworkReply::UnknownContentError : QNetworkReply::NoError;
    facts.networkErrorString = QStringLiteral("server replied: whatever");
    facts.body = body;
    facts.retryAfterSecs = retryAfter;
    const ApiError error = classifyReply(facts);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.doId, doId);
    QCOMPARE(error.retryAfterSecs, retryAfter);
    for (const QString &part : mustContain)
        QVERIFY2(error.message.contains(part), qPrintable(error.message));
    QVERIFY(!error.message.contains(QLatin1Char('\n')));
    // Unreachable and unauthorised must never be confused.
    QCOMPARE(error.message.contains(QLatin1String("could not reach")), false);
}

void TestApiError::classifyTransport_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("networkError");
    QTest::addColumn<QString>("errorString");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<ApiErrorKind>("kind");
    QTest::addColumn<QString>("mustContain");

    QTest::newRow("refused")
        << QNetworkReply::ConnectionRefusedError << QStringLiteral("Connection refused") << false
        << ApiErrorKind::Network
        << QStringLiteral("could not reach DigitalOcean at api.example.test: Connection refused");
    QTest::newRow("reset") << QNetworkReply::RemoteHostClosedError
                           << QStringLiteral("Connection closed") << false << ApiErrorKind::Network
                           << QStringLiteral("could not reach DigitalOcean");
    QTest::newRow("dns") << QNetworkReply::HostNotFoundError
                         << QStringLiteral("Host api.example.test not found") << false
                         << ApiErrorKind::Network << QStringLiteral("not found");
    QTest::newRow("tls") << QNetworkReply::SslHandshakeFailedError
                         << QStringLiteral("SSL handshake failed: The certificate is self-signed")
                         << false << ApiErrorKind::Network << QStringLiteral("self-signed");
    QTest::newRow("no error string") << QNetworkReply::UnknownNetworkError << QString() << false
                                     << ApiErrorKind::Network << QStringLiteral("could not reach");
    QTest::newRow("socket timeout")
        << QNetworkReply::TimeoutError << QStringLiteral("Socket operation timed out") << false
        << ApiErrorKind::Timeout << QStringLiteral("did not answer");
    QTest::newRow("our timeout") << QNetworkReply::OperationCanceledError
                                 << QStringLiteral("Operation canceled") << true
                                 << ApiErrorKind::Timeout << QStringLiteral("within 2.5 s");
    QTest::newRow("too many redirects")
        << QNetworkReply::TooManyRedirectsError << QStringLiteral("Too many") << false
        << ApiErrorKind::Other << QStringLiteral("Too many");
}

void TestApiError::classifyTransport()
{
    QFETCH(QNetworkReply::NetworkError, networkError);
    QFETCH(QString, errorString);
    QFETCH(bool, timedOut);
    QFETCH(ApiErrorKind, kind);
    QFETCH(QString, mustContain);

    ReplyFacts facts;
    facts.host = QStringLiteral("api.example.test");
    facts.networkError = networkError;
    facts.networkErrorString = errorString;
    facts.timedOut = timedOut;
    facts.timeoutMs = 2500;
    const ApiError error = classifyReply(facts);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, 0);
    QVERIFY2(error.message.contains(mustContain), qPrintable(error.message));
    QVERIFY2(!error.message.contains(QLatin1String("token")), qPrintable(error.message));
}

void TestApiError::transientAndErrorKind_data()
{
    QTest::addColumn<ApiErrorKind>("kind");
    QTest::addColumn<bool>("transient");
    QTest::addColumn<ErrorKind>("errorKind");
    QTest::addColumn<QString>("name");

    QTest::newRow("unauthorized") << ApiErrorKind::Unauthorized << false << ErrorKind::Auth
                                  << QStringLiteral("unauthorized");
    QTest::newRow("forbidden") << ApiErrorKind::Forbidden << false << ErrorKind::Auth
                               << QStringLiteral("forbidden");
    QTest::newRow("rate limited") << ApiErrorKind::RateLimited << true << ErrorKind::Api
                                  << QStringLiteral("rate-limited");
    QTest::newRow("limit") << ApiErrorKind::DropletLimitExceeded << false << ErrorKind::Api
                           << QStringLiteral("droplet-limit-exceeded");
    QTest::newRow("unprocessable") << ApiErrorKind::Unprocessable << false << ErrorKind::Api
                                   << QStringLiteral("unprocessable");
    QTest::newRow("not found") << ApiErrorKind::NotFound << false << ErrorKind::Api
                               << QStringLiteral("not-found");
    QTest::newRow("server") << ApiErrorKind::ServerError << true << ErrorKind::Api
                            << QStringLiteral("server-error");
    QTest::newRow("timeout") << ApiErrorKind::Timeout << true << ErrorKind::Api
                             << QStringLiteral("timeout");
    QTest::newRow("network") << ApiErrorKind::Network << true << ErrorKind::Api
                             << QStringLiteral("network");
    QTest::newRow("malformed") << ApiErrorKind::MalformedReply << false << ErrorKind::Api
                               << QStringLiteral("malformed-reply");
    QTest::newRow("other") << ApiErrorKind::Other << false << ErrorKind::Api
                           << QStringLiteral("other");
}

void TestApiError::transientAndErrorKind()
{
    QFETCH(ApiErrorKind, kind);
    QFETCH(bool, transient);
    QFETCH(ErrorKind, errorKind);
    QFETCH(QString, name);

    ApiError error;
    error.kind = kind;
    error.message = QStringLiteral("the message");
    QCOMPARE(error.isTransient(), transient);
    const Error converted = error.toError();
    QCOMPARE(converted.kind, errorKind);
    QCOMPARE(converted.message, QStringLiteral("the message"));
    QCOMPARE(converted.exitCode(), 4);
    QCOMPARE(apiErrorKindName(kind), name);
}

void TestApiError::malformedAndRefused()
{
    const ApiError malformed = malformedReply(200, QStringLiteral("account.uuid is missing"));
    QCOMPARE(malformed.kind, ApiErrorKind::MalformedReply);
    QCOMPARE(malformed.httpStatus, 200);
    QCOMPARE(
        malformed.message,
        QStringLiteral("DigitalOcean sent a reply dopool cannot read: account.uuid is missing"));
    QVERIFY(!malformed.isTransient());

    const ApiError refused = refusedRequest(QStringLiteral("no"));
    QCOMPARE(refused.kind, ApiErrorKind::Other);
    QCOMPARE(refused.httpStatus, 0);
    QCOMPARE(refused.retryAfterSecs, -1);
}

void TestApiError::requestedWait_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected");

    QTest::newRow("seconds") << 429 << QByteArray("retry-after") << QByteArray("29") << 29;
    QTest::newRow("seconds, Mixed-Case name")
        << 429 << QByteArray("Retry-After") << QByteArray(" 7 ") << 7;
    QTest::newRow("zero") << 429 << QByteArray("retry-after") << QByteArray("0") << 0;
    QTest::newRow("HTTP-date in 90 s")
        << 429 << QByteArray("Retry-After") << QByteArray("Sun, 01 Mar 2026 12:01:30 GMT") << 90;
    QTest::newRow("HTTP-date with +0000")
        << 503 << QByteArray("retry-after") << QByteArray("Sun, 01 Mar 2026 12:00:10 +0000") << 10;
    QTest::newRow("HTTP-date in the past")
        << 429 << QByteArray("retry-after") << QByteArray("Sun, 01 Mar 2026 11:00:00 GMT") << 0;
    QTest::newRow("garbage") << 429 << QByteArray("retry-after") << QByteArray("soon") << -1;
    QTest::newRow("negative") << 429 << QByteArray("retry-after") << QByteArray("-5") << -1;
    QTest::newRow("absent") << 429 << QByteArray("x-other") << QByteArray("5") << -1;
    QTest::newRow("on a 503") << 503 << QByteArray("retry-after") << QByteArray("12") << 12;
}

void TestApiError::requestedWait()
{
    QFETCH(int, status);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const RawHeaders headers{{name, value}};
    QCOMPARE(requestedWaitSecs(headers, status, Now), expected);
}

void TestApiError::rateLimitHeaders_data()
{
    QTest::addColumn<RawHeaders>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("remaining");
    QTest::addColumn<qint64>("reset");
    QTest::addColumn<int>("wait");

    const qint64 in45s = Now.toSecsSinceEpoch() + 45;
    const QByteArray in45 = QByteArray::number(in45s);
    QTest::newRow("lower-case") << RawHeaders{{"ratelimit-limit", "5000"},
                                              {"ratelimit-remaining", "4816"},
                                              {"ratelimit-reset", "1444931833"}}
                                << 200 << 5000 << 4816 << qint64(1444931833) << -1;
    QTest::newRow("DO's own rateLimit-reset spelling")
        << RawHeaders{{"RateLimit-Limit", "1200"},
                      {"RateLimit-Remaining", "1193"},
                      {"rateLimit-reset", "1402425459"}}
        << 200 << 1200 << 1193 << qint64(1402425459) << -1;
    QTest::newRow("absent") << RawHeaders{} << 200 << -1 << -1 << qint64(0) << -1;
    QTest::newRow("garbage values") << RawHeaders{{"ratelimit-limit", "lots"},
                                                  {"ratelimit-remaining", "-3"},
                                                  {"ratelimit-reset", "x"}}
                                    << 200 << -1 << -1 << qint64(0) << -1;
    QTest::newRow("429, hourly limit used up: wait until reset")
        << RawHeaders{{"ratelimit-limit", "5000"},
                      {"ratelimit-remaining", "0"},
                      {"ratelimit-reset", in45}}
        << 429 << 5000 << 0 << in45s << 45;
    QTest::newRow("429, retry-after wins over reset")
        << RawHeaders{{"ratelimit-remaining", "0"}, {"ratelimit-reset", in45}, {"retry-after", "3"}}
        << 429 << -1 << 0 << in45s << 3;
    QTest::newRow("200 with remaining 0: no wait")
        << RawHeaders{{"ratelimit-remaining", "0"}, {"ratelimit-reset", in45}} << 200 << -1 << 0
        << in45s << -1;
}

void TestApiError::rateLimitHeaders()
{
    QFETCH(RawHeaders, headers);
    QFETCH(int, status);
    QFETCH(int, limit);
    QFETCH(int, remaining);
    QFETCH(qint64, reset);
    QFETCH(int, wait);

    const RateLimit rateLimit = readRateLimit(headers);
    QCOMPARE(rateLimit.limit, limit);
    QCOMPARE(rateLimit.remaining, remaining);
    if (reset == 0) {
        QVERIFY(!rateLimit.reset.isValid());
    } else {
        QCOMPARE(rateLimit.reset.toSecsSinceEpoch(), reset);
        QCOMPARE(rateLimit.reset.timeSpec(), Qt::UTC);
    }
    QCOMPARE(requestedWaitSecs(headers, status, Now), wait);
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
