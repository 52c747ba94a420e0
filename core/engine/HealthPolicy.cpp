#include "HealthPolicy.h"

#include "common/Translate.h"

#include <QCoreApplication>

namespace dopool::engine {

namespace {

using api::ApiError;
using api::ApiErrorKind;

// Why one failed check failed, worded so a reader can tell "DO said no to this token" from
// "we could not talk to DO": the fix for the first is a new token, for the second patience.
QString failureReason(const ApiError &error)
{
    switch (error.kind) {
    case ApiErrorKind::Unauthorized:
        return CoreTr::tr("DigitalOcean rejected the token (401)");
    case ApiErrorKind::Forbidden:
        return CoreTr::tr(
            "DigitalOcean refused access (403): the token lacks the scope, or the account "
            "is locked");
    case ApiErrorKind::RateLimited:
        return CoreTr::tr("DigitalOcean rate limit reached (429)");
    case ApiErrorKind::ServerError:
        return CoreTr::tr("DigitalOcean server error (HTTP %1)").arg(error.httpStatus);
    case ApiErrorKind::Timeout:
        return CoreTr::tr("DigitalOcean did not answer in time: %1").arg(error.message);
    case ApiErrorKind::Network:
        return CoreTr::tr("DigitalOcean unreachable: %1").arg(error.message);
    case ApiErrorKind::MalformedReply:
        return CoreTr::tr("unreadable reply from DigitalOcean: %1").arg(error.message);
    default:
        break;
    }
    return CoreTr::tr("DigitalOcean request failed: %1").arg(error.message);
}

// A failure that says the account itself is unusable, however often it is retried.
bool isFatal(const ApiError &error)
{
    return error.kind == ApiErrorKind::Unauthorized || error.kind == ApiErrorKind::Forbidden;
}

QString lockedReason()
{
    return CoreTr::tr("DigitalOcean reports the account as locked");
}

HealthVerdict failed(const Account &before, const ApiError &error, int unhealthyAfterFailures)
{
    HealthVerdict verdict;
    verdict.consecutiveFailures = std::max(0, before.consecutiveFailures) + 1;
    verdict.lastError = error.message;
    const QString reason = failureReason(error);
    if (isFatal(error)) {
        verdict.health = AccountHealth::Unhealthy;
        verdict.reason = reason;
    } else if (verdict.consecutiveFailures >= std::max(1, unhealthyAfterFailures)) {
        // Every other failure (malformed replies and odd statuses included) is taken as
        // transient: one blip degrades, a run of them means the account cannot be used.
        verdict.health = AccountHealth::Unhealthy;
        verdict.reason =
            CoreTr::tr("%1 (%2 consecutive failures)").arg(reason).arg(verdict.consecutiveFailures);
    } else if (before.healthStatus == AccountHealth::Unhealthy) {
        // Only a success recovers: a network blip proves nothing about a rejected token.
        verdict.health = AccountHealth::Unhealthy;
        verdict.reason = CoreTr::tr("still unhealthy; now: %1").arg(reason);
    } else {
        verdict.health = AccountHealth::Degraded;
        verdict.reason = reason;
    }
    return verdict;
}

} // namespace

HealthVerdict judgeHealth(const Account &before, const std::optional<QString> &doStatus,
                          const std::optional<api::ApiError> &error, int unhealthyAfterFailures)
{
    const QString status = doStatus.value_or(QString()).trimmed().toLower();

    // A locked account is unusable whatever else went wrong in the same sync.
    if (status == QLatin1String("locked")) {
        HealthVerdict verdict;
        verdict.health = AccountHealth::Unhealthy;
        verdict.consecutiveFailures = error ? std::max(0, before.consecutiveFailures) + 1 : 0;
        verdict.reason = lockedReason();
        // Kept as the last error too: it is what the admin has to act on.
        verdict.lastError = error ? error->message : verdict.reason;
        return verdict;
    }
    if (error)
        return failed(before, *error, unhealthyAfterFailures);

    HealthVerdict verdict;
    verdict.consecutiveFailures = 0;
    if (status.isEmpty() || status == QLatin1String("active")) {
        verdict.health = AccountHealth::Healthy;
        verdict.reason = CoreTr::tr("DigitalOcean account active");
    } else if (status == QLatin1String("warning")) {
        verdict.health = AccountHealth::Degraded;
        verdict.reason = CoreTr::tr("DigitalOcean reports the account status 'warning'");
    } else {
        // A status DO did not document when this was written: usable, but worth a look.
        verdict.health = AccountHealth::Degraded;
        verdict.reason =
            CoreTr::tr("DigitalOcean reports an unknown account status '%1'").arg(status);
    }
    const bool recovering = before.consecutiveFailures > 0 ||
                            before.healthStatus == AccountHealth::Unhealthy ||
                            (before.healthStatus == AccountHealth::Degraded &&
                             verdict.health == AccountHealth::Healthy);
    if (recovering)
        verdict.reason = CoreTr::tr("recovered: %1").arg(verdict.reason);
    return verdict;
}

HealthVerdict withCutFields(HealthVerdict verdict, const QStringList &cutFields)
{
    if (cutFields.isEmpty())
        return verdict;
    const QString cut = CoreTr::tr("DigitalOcean sent fields longer than dopool keeps; they were "
                                   "cut: %1")
                            .arg(cutFields.join(QStringLiteral(", ")));
    if (verdict.health == AccountHealth::Healthy) {
        verdict.health = AccountHealth::Degraded;
        verdict.reason = cut;
    }
    if (verdict.lastError.isEmpty())
        verdict.lastError = cut;
    return verdict;
}

} // namespace dopool::engine
