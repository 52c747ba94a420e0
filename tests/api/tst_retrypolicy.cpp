#include "api/RetryPolicy.h"

#include <QTest>

using namespace dopool::api;

Q_DECLARE_METATYPE(dopool::api::ApiErrorKind)

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void backoff_data();
    void backoff();
    void retryDelay_data();
    void retryDelay();
};

void TestRetryPolicy::backoff_data()
{
    QTest::addColumn<int>("failedTries");
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expected");

    // base 500, max 8000; equal jitter: cap/2 + random*cap/2
    QTest::newRow("1st, random 0") << 1 << 0.0 << 250;
    QTest::newRow("1st, random 0.5") << 1 << 0.5 << 375;
    QTest::newRow("1st, random 0.999") << 1 << 0.999 << 499;
    QTest::newRow("2nd, random 0") << 2 << 0.0 << 500;
    QTest::newRow("3rd, random 0.5") << 3 << 0.5 << 1500;
    QTest::newRow("5th reaches the cap") << 5 << 0.0 << 4000;
    QTest::newRow("6th stays at the cap") << 6 << 0.5 << 6000;
    QTest::newRow("50th: no overflow") << 50 << 0.5 << 6000;
    QTest::newRow("random out of range is clamped") << 1 << 7.0 << 500;
}

void TestRetryPolicy::backoff()
{
    QFETCH(int, failedTries);
    QFETCH(double, random);
    QFETCH(int, expected);
    const RetryPolicy policy;
    QCOMPARE(policy.backoffMs(failedTries, random), expected);
}

void TestRetryPolicy::retryDelay_data()
{
    QTest::addColumn<ApiErrorKind>("kind");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<int>("failedTries");
    QTest::addColumn<int>("expected"); // -1: give up

    QTest::newRow("5xx after 1st") << ApiErrorKind::ServerError << -1 << 1 << 375;
    QTest::newRow("timeout after 3rd") << ApiErrorKind::Timeout << -1 << 3 << 1500;
    QTest::newRow("network after 4th: tries used up") << ApiErrorKind::Network << -1 << 4 << -1;
    QTest::newRow("429 retry-after above backoff") << ApiErrorKind::RateLimited << 7 << 1 << 7000;
    QTest::newRow("429 retry-after below backoff") << ApiErrorKind::RateLimited << 0 << 3 << 1500;
    QTest::newRow("429 retry-after at the cap") << ApiErrorKind::RateLimited << 60 << 1 << 60000;
    QTest::newRow("429 retry-after beyond the cap") << ApiErrorKind::RateLimited << 61 << 1 << -1;
    QTest::newRow("401") << ApiErrorKind::Unauthorized << -1 << 1 << -1;
    QTest::newRow("403") << ApiErrorKind::Forbidden << -1 << 1 << -1;
    QTest::newRow("404") << ApiErrorKind::NotFound << -1 << 1 << -1;
    QTest::newRow("422") << ApiErrorKind::Unprocessable << -1 << 1 << -1;
    QTest::newRow("malformed") << ApiErrorKind::MalformedReply << -1 << 1 << -1;
}

void TestRetryPolicy::retryDelay()
{
    QFETCH(ApiErrorKind, kind);
    QFETCH(int, retryAfter);
    QFETCH(int, failedTries);
    QFETCH(int, expected);
    const RetryPolicy policy;
    ApiError error;
    error.kind = kind;
    error.retryAfterSecs = retryAfter;
    const std::optional<int> delay = policy.retryDelayMs(error, failedTries, 0.5);
    QCOMPARE(delay.value_or(-1), expected);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
