// judgeHealth: the health rules (docs/behaviour.md#health-states), one row per rule, including the
// three strikes, what an unhealthy account needs to recover, and reasons that tell "unreachable"
// from "rejected".
#include "engine/HealthPolicy.h"

#include <QTest>

using namespace dopool;
using namespace dopool::api;
using namespace dopool::engine;

Q_DECLARE_METATYPE(dopool::AccountHealth)
Q_DECLARE_METATYPE(dopool::api::ApiErrorKind)

namespace {

// No error at all (the column needs some value).
constexpr int NoError = -1;

ApiError makeApiError(ApiErrorKind kind, int httpStatus)
{
    ApiError error;
    error.kind = kind;
    error.httpStatus = httpStatus;
    switch (kind) {
    case ApiErrorKind::Unauthorized:
        error.message = QStringLiteral("DigitalOcean rejected the token (401 Unauthorized)");
        break;
    case ApiErrorKind::Network:
        error.message = QStringLiteral("could not reach DigitalOcean at api.example: refused");
        break;
    case ApiErrorKind::Timeout:
        error.message = QStringLiteral("DigitalOcean at api.example did not answer within 1 s");
        break;
    default:
        error.message = QStringLiteral("failure %1").arg(httpStatus);
        break;
    }
    return error;
}

} // namespace

class TestHealthPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<AccountHealth>("before");
        QTest::addColumn<int>("failuresBefore");
        QTest::addColumn<QString>("doStatus"); // null: no account reply
        QTest::addColumn<int>("errorKind");    // ApiErrorKind, or NoError
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("threshold");
        QTest::addColumn<AccountHealth>("health");
        QTest::addColumn<int>("failures");
        QTest::addColumn<QString>("reasonHas");
        QTest::addColumn<bool>("hasLastError");

        const auto H = AccountHealth::Healthy;
        const auto D = AccountHealth::Degraded;
        const auto U = AccountHealth::Unhealthy;
        const auto N = AccountHealth::Unknown;
        const QString none;
        const QString active = QStringLiteral("active");
        auto kind = [](ApiErrorKind k) {
            return int(k);
        };

        // 200 + status
        QTest::newRow("first check, active -> HEALTHY")
            << N << 0 << active << NoError << 200 << 3 << H << 0 << "account active" << false;
        QTest::newRow("status in capitals is still active")
            << H << 0 << QStringLiteral("ACTIVE") << NoError << 200 << 3 << H << 0 << "active"
            << false;
        QTest::newRow("status warning -> DEGRADED")
            << H << 0 << QStringLiteral("warning") << NoError << 200 << 3 << D << 0 << "'warning'"
            << false;
        QTest::newRow("status locked -> UNHEALTHY") << H << 0 << QStringLiteral("locked") << NoError
                                                    << 200 << 3 << U << 0 << "locked" << true;
        QTest::newRow("undocumented status -> DEGRADED")
            << H << 0 << QStringLiteral("suspended") << NoError << 200 << 3 << D << 0
            << "unknown account status 'suspended'" << false;

        // The token itself is refused: no strikes needed.
        QTest::newRow("401 -> UNHEALTHY at once")
            << H << 0 << none << kind(ApiErrorKind::Unauthorized) << 401 << 3 << U << 1
            << "rejected the token (401)" << true;
        QTest::newRow("403 -> UNHEALTHY at once") << H << 0 << none << kind(ApiErrorKind::Forbidden)
                                                  << 403 << 3 << U << 1 << "(403)" << true;

        // Transient: one strike each.
        QTest::newRow("429 -> DEGRADED") << H << 0 << none << kind(ApiErrorKind::RateLimited) << 429
                                         << 3 << D << 1 << "rate limit" << true;
        QTest::newRow("500 -> DEGRADED") << H << 0 << none << kind(ApiErrorKind::ServerError) << 500
                                         << 3 << D << 1 << "server error (HTTP 500)" << true;
        QTest::newRow("503 -> DEGRADED") << N << 0 << none << kind(ApiErrorKind::ServerError) << 503
                                         << 3 << D << 1 << "HTTP 503" << true;
        QTest::newRow("timeout -> DEGRADED") << H << 0 << none << kind(ApiErrorKind::Timeout) << 0
                                             << 3 << D << 1 << "did not answer in time" << true;
        QTest::newRow("network -> DEGRADED, says unreachable")
            << H << 0 << none << kind(ApiErrorKind::Network) << 0 << 3 << D << 1
            << "DigitalOcean unreachable: could not reach" << true;
        QTest::newRow("garbage reply -> DEGRADED")
            << H << 0 << none << kind(ApiErrorKind::MalformedReply) << 200 << 3 << D << 1
            << "unreadable reply" << true;
        QTest::newRow("droplets failed while account answered active -> DEGRADED")
            << H << 0 << active << kind(ApiErrorKind::ServerError) << 500 << 3 << D << 1
            << "server error" << true;
        QTest::newRow("locked and a failure -> UNHEALTHY")
            << H << 0 << QStringLiteral("locked") << kind(ApiErrorKind::ServerError) << 500 << 3
            << U << 1 << "locked" << true;

        // Three strikes.
        QTest::newRow("2nd transient failure -> still DEGRADED")
            << D << 1 << none << kind(ApiErrorKind::Timeout) << 0 << 3 << D << 2 << "in time"
            << true;
        QTest::newRow("3rd transient failure -> UNHEALTHY")
            << D << 2 << none << kind(ApiErrorKind::Network) << 0 << 3 << U << 3
            << "(3 consecutive failures)" << true;
        QTest::newRow("4th transient failure -> stays UNHEALTHY")
            << U << 3 << none << kind(ApiErrorKind::ServerError) << 502 << 3 << U << 4
            << "(4 consecutive failures)" << true;
        QTest::newRow("threshold 1: first transient failure -> UNHEALTHY")
            << H << 0 << none << kind(ApiErrorKind::RateLimited) << 429 << 1 << U << 1
            << "(1 consecutive failures)" << true;
        QTest::newRow("threshold 5: 3rd transient failure -> DEGRADED")
            << D << 2 << none << kind(ApiErrorKind::Timeout) << 0 << 5 << D << 3 << "in time"
            << true;

        // Only a success recovers.
        QTest::newRow("rejected token, then unreachable -> stays UNHEALTHY")
            << U << 1 << none << kind(ApiErrorKind::Network) << 0 << 3 << U << 2
            << "still unhealthy; now: DigitalOcean unreachable" << true;
        QTest::newRow("UNHEALTHY recovers on success")
            << U << 5 << active << NoError << 200 << 3 << H << 0 << "recovered" << false;
        QTest::newRow("DEGRADED recovers on success")
            << D << 2 << active << NoError << 200 << 3 << H << 0 << "recovered" << false;
        QTest::newRow("UNHEALTHY recovers to DEGRADED on warning")
            << U << 3 << QStringLiteral("warning") << NoError << 200 << 3 << D << 0
            << "recovered: DigitalOcean reports the account status 'warning'" << false;
        QTest::newRow("healthy stays healthy without 'recovered'")
            << H << 0 << active << NoError << 200 << 3 << H << 0 << "DigitalOcean account active"
            << false;
    }

    void rules()
    {
        QFETCH(AccountHealth, before);
        QFETCH(int, failuresBefore);
        QFETCH(QString, doStatus);
        QFETCH(int, errorKind);
        QFETCH(int, httpStatus);
        QFETCH(int, threshold);
        QFETCH(AccountHealth, health);
        QFETCH(int, failures);
        QFETCH(QString, reasonHas);
        QFETCH(bool, hasLastError);

        Account account;
        account.name = QStringLiteral("acct");
        account.healthStatus = before;
        account.consecutiveFailures = failuresBefore;
        std::optional<QString> status;
        if (!doStatus.isNull())
            status = doStatus;
        std::optional<ApiError> error;
        if (errorKind != NoError)
            error = makeApiError(ApiErrorKind(errorKind), httpStatus);

        const HealthVerdict verdict = judgeHealth(account, status, error, threshold);
        QCOMPARE(verdict.health, health);
        QCOMPARE(verdict.consecutiveFailures, failures);
        QVERIFY2(verdict.reason.contains(reasonHas), qPrintable(verdict.reason));
        QCOMPARE(!verdict.lastError.isEmpty(), hasLastError);
        if (error)
            QCOMPARE(verdict.lastError, error->message);
        if (!reasonHas.contains(QLatin1String("recovered")))
            QVERIFY2(!verdict.reason.contains(QLatin1String("recovered")),
                     qPrintable(verdict.reason));
    }

    // Unreachable is not "invalid token": nothing about a network failure blames the token.
    void unreachableNeverBlamesTheToken_data()
    {
        QTest::addColumn<ApiErrorKind>("kind");
        QTest::newRow("network") << ApiErrorKind::Network;
        QTest::newRow("timeout") << ApiErrorKind::Timeout;
        QTest::newRow("server error") << ApiErrorKind::ServerError;
        QTest::newRow("rate limited") << ApiErrorKind::RateLimited;
    }
    void unreachableNeverBlamesTheToken()
    {
        QFETCH(ApiErrorKind, kind);
        Account account;
        for (int strike = 0; strike < 4; ++strike) {
            const HealthVerdict verdict =
                judgeHealth(account, std::nullopt, makeApiError(kind, 0), 3);
            QVERIFY2(!verdict.reason.contains(QLatin1String("token"), Qt::CaseInsensitive),
                     qPrintable(verdict.reason));
            account.healthStatus = verdict.health;
            account.consecutiveFailures = verdict.consecutiveFailures;
        }
        QCOMPARE(account.healthStatus, AccountHealth::Unhealthy);
    }
};

QTEST_GUILESS_MAIN(TestHealthPolicy)
#include "tst_healthpolicy.moc"
