#pragma once

#include "DemoBackend.h"
#include "EngineTypes.h"
#include "model/Account.h"
#include "model/Audit.h"
#include "model/PoolRecords.h"

#include <QDateTime>
#include <QList>
#include <QProcessEnvironment>
#include <QUrl>
#include <memory>
#include <optional>

namespace dopool::desktop {

// What the desktop app opens: from the command line, the environment and the admin's settings.
struct DesktopConfig
{
    DatabaseUrl database = DatabaseUrl::defaultLocation();
    QUrl apiBase;            // ignored in demo mode (the built-in fake API is used)
    QProcessEnvironment env; // ENCRYPTION_KEY, PGPASSWORD ... as for the CLI
    engine::EngineSettings engine;
    int apiTimeoutMs = 15000;
    int syncIntervalSecs = 300;
    int healthIntervalSecs = 60;
    bool schedule = true; // run the scheduled rounds (tests switch it off)
    QString webhookUrl;   // empty: none
    // Claim and provision queued orders (Settings -> "Provision queued orders from this
    // desktop"); off: the desktop shows the queue and acts on it only when the admin asks.
    bool provisionOrders = false;
    // Set: demo mode - throwaway SQLite, in-memory pool key, and the backend's DO API and
    // accounts (demo::backend(), docs/behaviour.md#the-demo-pool).
    std::shared_ptr<const DemoBackend> demo;
    int demoLatencyMs = 0; // the fake API's answer delay in demo mode
};

// What the open pool is, for the window title, status bar and About.
struct PoolInfo
{
    QString backend;  // "sqlite" | "postgresql"
    QString location; // file path or postgresql://user@host:port/db, no secrets
    QUrl apiBase;
    bool demo = false;
    QString keyFingerprint; // the pool key's fingerprint (never the key)
};

// A new account as the Add dialog gives it. The token is plain text only on its way to the
// cipher; it is never stored, logged or signalled.
struct AccountDraft
{
    QString name;
    QString token;
    bool isPrimary = false;
    bool isActive = true;
    std::optional<api::AccountInfo> verified; // DO's answer to Verify (email, limit, status)
};

// An edit of a stored account. expectedVersion is the version the admin saw: someone else's
// change in between is a Conflict, never silently overwritten.
struct AccountEdit
{
    QString id;
    int expectedVersion = -1;
    QString name;
    QString newToken; // empty: keep the stored token
    bool isPrimary = false;
    bool isActive = true;
    std::optional<api::AccountInfo> verified; // for a new token

    // The account as the admin saw it: changes nothing until a field is set.
    static AccountEdit of(const Account &account)
    {
        AccountEdit edit;
        edit.id = account.id;
        edit.expectedVersion = account.version;
        edit.name = account.name;
        edit.isPrimary = account.isPrimary;
        edit.isActive = account.isActive;
        return edit;
    }
};

// Everything the detail view shows from the store.
struct AccountDetail
{
    Account account;
    QList<HealthEvent> healthHistory;      // newest first
    QList<CapacitySample> capacityHistory; // oldest first
    QList<ProvisioningTask> tasks;         // newest first, this account's
};

// Several instances on one PostgreSQL pool: whether this pool is shared, who runs the
// scheduled rounds and whether the database is reachable right now.
struct SharedState
{
    bool shared = false; // PostgreSQL: other desktops and daemons may use it too
    bool isLeader = true;
    QString leader; // "user@host (pid N)"
    QString self;   // this instance, the same way
    int instancesOnline = 1;
    bool databaseUp = true;
    QString lastError; // while the database is unreachable
};

// The order queue at a glance, for the status bar and the alert banner: the orders no one has
// claimed yet, whether just queued (PENDING) or waiting for capacity (WAITING).
struct QueueCounts
{
    int queued = 0;
    int waiting = 0;
    QDateTime oldestCreatedAt; // the oldest queued or waiting order's; null when none

    int total() const { return queued + waiting; }
    bool operator==(const QueueCounts &other) const = default;
};

struct SyncSummary
{
    int accounts = 0;
    int failures = 0;
};

} // namespace dopool::desktop
