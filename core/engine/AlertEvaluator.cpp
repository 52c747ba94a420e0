#include "AlertEvaluator.h"

#include "EngineLogging.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/AlertLog.h"
#include "store/CapacityLedger.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <cmath>

namespace dopool::engine {

namespace {

// Open alerts are at most a few per account; this only bounds a corrupt table.
constexpr int MaxOpenAlerts = 100000;

QString alertKey(AlertKind kind, const QString &accountId)
{
    QString key = alertKindToDb(kind);
    key.append(QLatin1Char('|'));
    key.append(accountId);
    return key;
}

// "84", "80.5": a whole number unless that would hide why 80.4% is above 80%.
QString percent(double ratio)
{
    const double value = std::round(ratio * 1000.0) / 10.0;
    return QString::number(value, 'f', value == std::floor(value) ? 0 : 1);
}

Alert make(AlertKind kind, AlertSeverity severity, const Account *account, QString message,
           QJsonObject details)
{
    Alert alert;
    alert.kind = kind;
    alert.severity = severity;
    if (account) {
        alert.accountId = account->id;
        details.insert(QLatin1String("accountName"), account->name);
    }
    alert.message = std::move(message);
    alert.details = std::move(details);
    return alert;
}

// What the pool's state calls for right now, in a stable order (accounts as listed, then the
// pool-wide ones) so changes are announced in the same order every time. degradedSince: when
// each DEGRADED account became so.
QList<Alert> desiredAlerts(const QList<Account> &accounts, const EngineSettings &settings,
                           const QHash<QString, QDateTime> &degradedSince, const QDateTime &now)
{
    const double threshold = settings.utilisationThreshold;
    QList<Alert> desired;
    auto want = [&desired](Alert alert) {
        desired.append(std::move(alert));
    };

    int usable = 0;
    int usableFull = 0;
    int inactive = 0;
    int unhealthy = 0; // active ones; an inactive account counts as inactive only
    int degraded = 0;
    qint64 activeDroplets = 0;
    qint64 dropletLimit = 0;
    for (const Account &account : accounts) {
        if (account.healthStatus == AccountHealth::Unhealthy) {
            QString message = CoreTr::tr("Account '%1' is unhealthy").arg(account.name);
            if (!account.lastError.isEmpty())
                message = CoreTr::tr("%1: %2").arg(message, account.lastError);
            want(make(AlertKind::AccountUnhealthy, AlertSeverity::Warning, &account, message,
                      {{QLatin1String("lastError"), account.lastError},
                       {QLatin1String("consecutiveFailures"), account.consecutiveFailures},
                       {QLatin1String("doStatus"), account.doStatus}}));
        }
        // An inactive account is out of the pool: its capacity is nobody's concern.
        if (!account.isActive) {
            ++inactive;
            continue;
        }
        if (account.healthStatus == AccountHealth::Unhealthy)
            ++unhealthy;
        if (account.healthStatus == AccountHealth::Degraded) {
            ++degraded;
            const QDateTime since = degradedSince.value(account.id);
            const qint64 forSecs = since.isValid() ? since.secsTo(now) : 0;
            if (forSecs >= settings.degradedAlertAfterSecs) {
                QString message = CoreTr::tr("Account '%1' has been degraded for %2 min")
                                      .arg(account.name)
                                      .arg(forSecs / 60);
                const QString why =
                    !account.lastError.isEmpty() ? account.lastError : account.doStatusMessage;
                if (!why.isEmpty())
                    message = CoreTr::tr("%1: %2").arg(message, why);
                want(make(AlertKind::DegradedTooLong, AlertSeverity::Warning, &account, message,
                          {{QLatin1String("degradedSince"), since.toString(Qt::ISODateWithMs)},
                           {QLatin1String("lastError"), account.lastError},
                           {QLatin1String("doStatus"), account.doStatus},
                           {QLatin1String("thresholdSecs"), settings.degradedAlertAfterSecs}}));
            }
        }
        activeDroplets += account.activeDroplets;
        dropletLimit += account.dropletLimit;
        if (account.isFull()) {
            want(make(AlertKind::AccountFull, AlertSeverity::Warning, &account,
                      CoreTr::tr("Account '%1' is full (%2/%3 droplets)")
                          .arg(account.name)
                          .arg(account.activeDroplets)
                          .arg(account.dropletLimit),
                      {{QLatin1String("activeDroplets"), account.activeDroplets},
                       {QLatin1String("dropletLimit"), account.dropletLimit}}));
        }
        // Usable = what selection may hand a slot to (HEALTHY or UNKNOWN): room on a DEGRADED
        // account does not help the next order, so it does not keep this alert away.
        if (isSelectableHealth(account.healthStatus)) {
            ++usable;
            if (account.isFull())
                ++usableFull;
        }
    }

    // With no usable account at all the pool is not "full" but broken: nothing can be
    // provisioned until an account is healthy (or active) again. The counts say why.
    if (!accounts.isEmpty() && usable == 0) {
        want(make(AlertKind::NoUsableAccount, AlertSeverity::Critical, nullptr,
                  CoreTr::tr("No available account: none of the %1 accounts can take a droplet "
                             "(%2 inactive, %3 unhealthy, %4 degraded)")
                      .arg(accounts.size())
                      .arg(inactive)
                      .arg(unhealthy)
                      .arg(degraded),
                  {{QLatin1String("accounts"), int(accounts.size())},
                   {QLatin1String("inactiveAccounts"), inactive},
                   {QLatin1String("unhealthyAccounts"), unhealthy},
                   {QLatin1String("degradedAccounts"), degraded}}));
    }
    if (usable > 0 && usableFull == usable) {
        const QString message = usable == 1
                                    ? CoreTr::tr("The only usable account is full")
                                    : CoreTr::tr("All %1 usable accounts are full").arg(usable);
        want(make(AlertKind::AllAccountsFull, AlertSeverity::Critical, nullptr, message,
                  {{QLatin1String("usableAccounts"), usable}}));
    }

    if (dropletLimit > 0) {
        const double utilisation = double(activeDroplets) / double(dropletLimit);
        if (utilisation > threshold) {
            want(make(AlertKind::PoolUtilisationHigh, AlertSeverity::Warning, nullptr,
                      CoreTr::tr("Pool utilisation %1% is above the %2% threshold")
                          .arg(percent(utilisation), percent(threshold)),
                      {{QLatin1String("activeDroplets"), activeDroplets},
                       {QLatin1String("dropletLimit"), dropletLimit},
                       {QLatin1String("utilisation"), utilisation},
                       {QLatin1String("threshold"), threshold}}));
        }
    }
    return desired;
}

// Alerts in the order desiredAlerts() makes them (per account as listed, then pool-wide,
// each by kind), so resolutions are announced in a stable order too; the store lists by time.
QList<Alert> inPoolOrder(QList<Alert> alerts, const QList<Account> &accounts)
{
    QHash<QString, qsizetype> position;
    for (qsizetype i = 0; i < accounts.size(); ++i)
        position.insert(accounts.at(i).id, i);
    auto rank = [&position, &accounts](const Alert &a) {
        const qsizetype where = a.accountId.isEmpty()
                                    ? accounts.size() + 1
                                    : position.value(a.accountId, accounts.size());
        return std::pair{where, int(a.kind)};
    };
    std::stable_sort(alerts.begin(), alerts.end(),
                     [&rank](const Alert &a, const Alert &b) { return rank(a) < rank(b); });
    return alerts;
}

} // namespace

AlertEvaluator::AlertEvaluator(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_accounts(requiredRole(context.accounts))
    , m_capacity(requiredRole(context.capacity))
    , m_alerts(requiredRole(context.alerts))
{}

Result<QList<AlertChange>> AlertEvaluator::evaluate()
{
    const Result<QList<Account>> accounts = m_accounts.listAccounts();
    if (!accounts)
        return accounts.error();
    const Result<QList<Alert>> open = m_alerts.listAlerts(false, MaxOpenAlerts);
    if (!open)
        return open.error();

    const QDateTime now = m_context.clock->now();
    // When each DEGRADED account became so: its latest health transition.
    QHash<QString, QDateTime> degradedSince;
    for (const Account &account : *accounts) {
        if (account.healthStatus != AccountHealth::Degraded)
            continue;
        const auto history = m_capacity.healthHistory(account.id, 1);
        if (!history)
            return history.error();
        const bool known = !history->isEmpty() && history->first().to == AccountHealth::Degraded;
        // No transition on record (imported that way): count from when it was added.
        degradedSince.insert(account.id, known ? history->first().at : account.createdAt);
    }
    const QList<Alert> desired = desiredAlerts(*accounts, m_context.settings, degradedSince, now);
    QSet<QString> desiredKeys; // the store's dedupe key: kind and account
    for (const Alert &alert : desired)
        desiredKeys.insert(alertKey(alert.kind, alert.accountId));
    QList<AlertChange> changes;
    std::optional<Error> firstError;
    auto failedTo = [&firstError](const QString &what, const Error &error) {
        qCWarning(lcEngine).noquote() << CoreTr::tr("cannot %1: %2").arg(what, error.message);
        if (!firstError)
            firstError = error;
    };
    auto changed = [this, &changes](Alert alert, bool raised) {
        AlertChange change{std::move(alert), raised};
        changes.append(change);
        Q_EMIT alertChanged(change);
    };

    // Leaving a state first, so a reader of the log sees "account full" resolved before
    // whatever replaced it.
    QSet<QString> alreadyOpen;
    for (const Alert &alert : inPoolOrder(*open, *accounts)) {
        // Raised and resolved by the instance it is about, not from the pool's state.
        if (!alert.isOpen() || alert.kind == AlertKind::PoolKeyOutOfDate)
            continue;
        const QString key = alertKey(alert.kind, alert.accountId);
        if (desiredKeys.contains(key)) {
            alreadyOpen.insert(key); // still true: never repeated
            continue;
        }
        const auto resolved = m_alerts.resolveAlert(alert.kind, alert.accountId, now);
        if (!resolved) {
            failedTo(CoreTr::tr("resolve alert '%1'").arg(alert.message), resolved.error());
        } else if (*resolved) {
            // Another instance may have resolved it first: then it is theirs to announce.
            qCInfo(lcEngine).noquote()
                << CoreTr::tr("alert resolved: %1").arg((*resolved)->message);
            changed(**resolved, false);
        }
    }

    for (Alert alert : desired) {
        if (alreadyOpen.contains(alertKey(alert.kind, alert.accountId)))
            continue;
        alert.raisedAt = now;
        const auto raised = m_alerts.raiseAlert(alert);
        if (!raised) {
            failedTo(CoreTr::tr("raise alert '%1'").arg(alert.message), raised.error());
        } else if (raised->second) {
            qCWarning(lcEngine).noquote()
                << CoreTr::tr("alert raised: %1").arg(raised->first.message);
            changed(raised->first, true);
        }
    }

    if (firstError)
        return *firstError;
    return changes;
}

} // namespace dopool::engine
