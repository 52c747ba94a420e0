#pragma once

#include "EngineContext.h"

#include <QObject>

namespace dopool::engine {

struct AlertChange
{
    Alert alert;
    bool raised = true; // false: resolved
};

// Turns the pool's state into alerts: ACCOUNT_FULL (per active account at its limit),
// ALL_ACCOUNTS_FULL (critical: every usable account is full), NO_USABLE_ACCOUNT (critical: the
// pool has accounts but none is usable - all inactive, UNHEALTHY or DEGRADED; with
// ALL_ACCOUNTS_FULL exactly when no order can be placed, as the desktop's red banner says),
// ACCOUNT_UNHEALTHY (per account), DEGRADED_TOO_LONG (per active account DEGRADED for longer
// than settings.degradedAlertAfterSecs, by its health history), POOL_UTILISATION_HIGH (active
// accounts' droplets / limits above the threshold). Raised on
// entering the state, resolved on leaving it, never repeated while it holds (the store keeps
// at most one open alert per kind and account, across processes).
class AlertEvaluator : public QObject
{
    Q_OBJECT
public:
    explicit AlertEvaluator(EngineContext context, QObject *parent = nullptr);

    // Compares the desired alerts with the open ones; returns and emits what changed.
    Result<QList<AlertChange>> evaluate();

Q_SIGNALS:
    void alertChanged(const dopool::engine::AlertChange &change);

private:
    EngineContext m_context; // its api, cipher, clock and settings
    // The store roles it works with (EngineContext), bound once.
    AccountRecords &m_accounts;
    CapacityLedger &m_capacity;
    AlertLog &m_alerts;
};

} // namespace dopool::engine
