#pragma once

#include "Account.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace dopool {

// What one sync or health check learned about an account. Only the fields that are set are
// written; the store applies them in one transaction with the history rows they imply.
struct AccountObservation
{
    QDateTime at; // when it was observed (the injected clock)

    // Capacity and identity from GET /v2/account and GET /v2/droplets (sync).
    std::optional<int> dropletLimit;
    std::optional<int> activeDroplets;
    std::optional<QString> email;
    std::optional<QString> doUuid;
    std::optional<QString> doStatus;
    std::optional<QString> doStatusMessage;
    bool succeeded = false; // sets last_sync_at (a full sync) and clears last_error

    // Health: the new state, why, and the failure bookkeeping behind it.
    std::optional<AccountHealth> health;
    QString healthReason; // stored with the transition, e.g. "HTTP 401: token invalid"
    std::optional<int> consecutiveFailures;
    std::optional<QString> lastError; // empty string clears it
    bool healthChecked = false;       // sets last_health_check = at

    // Rate-limit headers of the last reply.
    std::optional<int> rateLimitLimit;
    std::optional<int> rateLimitRemaining;
    std::optional<QDateTime> rateLimitReset;
};

// A health transition, kept as history (account_health_history).
struct HealthEvent
{
    qint64 id = 0;
    QString accountId;
    QDateTime at;
    AccountHealth from = AccountHealth::Unknown;
    AccountHealth to = AccountHealth::Unknown;
    QString reason;
};

// Capacity at one sync (account_capacity_history), for utilisation over time.
struct CapacitySample
{
    QString accountId;
    QDateTime at;
    int dropletLimit = 0;
    int activeDroplets = 0;
};

// A slot held on an account between choosing it and DO confirming (or refusing) the droplet;
// what stops concurrent provisioners - threads or processes sharing the database - from
// handing out more slots than the account has.
struct Reservation
{
    QString id; // uuid
    QString accountId;
    QString taskId; // may be empty
    QDateTime createdAt;
    QDateTime expiresAt; // a crashed provisioner's slot comes back after this
};

enum class AlertKind
{
    AccountFull,
    AllAccountsFull,
    AccountUnhealthy,
    PoolUtilisationHigh,
    NoUsableAccount,  // critical: no account can take a droplet, and not because all are full
    DegradedTooLong,  // an account DEGRADED for longer than EngineSettings::degradedAlertAfterSecs
    PoolKeyOutOfDate, // an instance's key is not the pool's any more (raised by that instance)
};
enum class AlertSeverity
{
    Info,
    Warning,
    Critical
};
// ACCOUNT_FULL, ALL_ACCOUNTS_FULL, ACCOUNT_UNHEALTHY, POOL_UTILISATION_HIGH, NO_USABLE_ACCOUNT,
// DEGRADED_TOO_LONG, POOL_KEY_OUT_OF_DATE
QString alertKindToDb(AlertKind kind);
std::optional<AlertKind> alertKindFromDb(const QString &text);
QString alertSeverityToDb(AlertSeverity severity); // INFO, WARNING, CRITICAL
std::optional<AlertSeverity> alertSeverityFromDb(const QString &text);

struct Alert
{
    QString id; // uuid
    AlertKind kind = AlertKind::AccountFull;
    AlertSeverity severity = AlertSeverity::Warning;
    QString accountId; // empty for pool-wide alerts
    QString message;
    QJsonObject details;
    QDateTime raisedAt;
    QDateTime resolvedAt; // null while open
    bool isOpen() const { return !resolvedAt.isValid(); }
};

} // namespace dopool
