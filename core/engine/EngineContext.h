#pragma once

#include "api/DoApiClient.h"
#include "common/Clock.h"
#include "crypto/TokenCipher.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QProcessEnvironment>

namespace dopool {
class AccountRecords;
class AlertLog;
class CapacityLedger;
class OrderQueue;
class TaskLog;
} // namespace dopool

namespace dopool::engine {

enum class SelectionPolicy
{
    PlanOrder,     // primary, then fewest droplets (docs/behaviour.md#account-selection-order)
    LeastUtilised, // lowest active/limit ratio first, primary as tie-breaker
};
QString selectionPolicyName(SelectionPolicy policy); // "plan-order" | "least-utilised"
std::optional<SelectionPolicy> selectionPolicyFromName(const QString &name);

struct EngineSettings
{
    // Accounts synced at once (two requests each); 0: derived from the work (SyncService::
    // syncBound). DOPOOL_SYNC_CONCURRENCY sets it.
    int syncConcurrency = 0;
    SelectionPolicy policy = SelectionPolicy::PlanOrder;
    double utilisationThreshold = 0.8;              // pool utilisation alert threshold (0..1)
    QString defaultRegion = QStringLiteral("sgp1"); // DIGITALOCEAN_DEFAULT_REGION
    QString defaultSize = QStringLiteral("s-1vcpu-1gb");
    QString defaultImage = QStringLiteral("ubuntu-24-04-x64");
    int reservationTtlSecs = 600;    // a crashed provisioner's slot comes back after this
    int actionPollIntervalMs = 2000; // following the create action
    int actionPollTimeoutMs = 120000;
    // After a create without a clear answer (timeout, 5xx, reset): how long the droplet is
    // looked for by tag before the task is left UNCERTAIN (DOPOOL_UNCERTAIN_WINDOW_MS), the
    // first pause between looks (doubling, at most uncertainMaxIntervalMs), and how long after
    // the task began a droplet that never appeared makes it FAILED (DOPOOL_UNCERTAIN_GRACE_SECS).
    int uncertainWindowMs = 120000;
    int uncertainIntervalMs = 2000;
    int uncertainMaxIntervalMs = 16000;
    int uncertainGraceSecs = 600;
    int unhealthyAfterFailures = 3;    // consecutive transient failures -> UNHEALTHY
    int degradedAlertAfterSecs = 1800; // DEGRADED_TOO_LONG after this long DEGRADED
    // A provisioner's claim on its task (claim_expires_at): renewed while it works, adopted by
    // another instance once past (DOPOOL_ORDER_CLAIM_LEASE_SECS).
    int claimLeaseSecs = 30;
};

// DOPOOL_DEGRADED_ALERT_MINUTES (1..10080) as seconds, or fallback when unset; the same for
// `serve` and the desktop, so instances sharing a pool agree on DEGRADED_TOO_LONG.
Result<int> degradedAlertSecsFromEnv(const QProcessEnvironment &env, int fallback);
// DOPOOL_SYNC_CONCURRENCY (1..1000), or fallback when unset; for `serve`/the CLI and the desktop.
Result<int> syncConcurrencyFromEnv(const QProcessEnvironment &env, int fallback);

// What every engine service works with; all pointers outlive the services (not owned).
// The store comes as its roles: a service takes from here only the roles its header names
// (the others may be null), so it can run on a MemoryStore as well as on the database.
struct EngineContext
{
    AccountRecords *accounts = nullptr;
    CapacityLedger *capacity = nullptr; // observations and slot reservations
    TaskLog *tasks = nullptr;
    OrderQueue *orders = nullptr; // claims and their leases
    AlertLog *alerts = nullptr;
    api::DoApiClient *api = nullptr;
    const TokenCipher *cipher = nullptr; // decrypts account tokens just before a request
    const Clock *clock = nullptr;
    EngineSettings settings;
    // Who this instance is in claimed_by (the pool session's instance id); empty: "dopool".
    QString instanceId;
    QString claimer() const { return instanceId.isEmpty() ? QStringLiteral("dopool") : instanceId; }

    // Every role from one store that has them all (an AccountStore, a MemoryStore).
    template <typename Store> void useStore(Store &store)
    {
        accounts = &store;
        capacity = &store;
        tasks = &store;
        orders = &store;
        alerts = &store;
    }
};

// A role a service cannot work without (its constructor binds it once).
template <typename Role> Role &requiredRole(Role *role)
{
    Q_ASSERT(role);
    return *role;
}

} // namespace dopool::engine
