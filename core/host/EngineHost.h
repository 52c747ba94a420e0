#pragma once

#include "EngineCore.h"
#include "coord/SharedPool.h"

#include <QObject>
#include <functional>
#include <optional>

namespace dopool {
class PoolKeyWatch;
class PoolSession;
namespace engine {
class AlertEvaluator;
class OrderIntake;
class Scheduler;
class SyncService;
class WebhookNotifier;
} // namespace engine
} // namespace dopool

namespace dopool::host {

// A long-running instance's engine, the same for `dopool-cli serve` and the desktop's worker:
// the DO client and engine context (EngineCore), the scheduled rounds (their own sync service,
// the alert evaluator, the scheduler), the webhook, the place among the instances on one
// PostgreSQL pool (leadership gate, change feed: coord::SharedPool) and the pool-key watch.
// When another process rotates the key and this instance cannot adopt it, the rounds stop and
// leadership is handed over until it can (keyProblemChanged says why); with a keyAlertMessage
// the POOL_KEY_OUT_OF_DATE alert is raised once, resolved again, and POSTed to the webhook.
// The front ends keep what is theirs: options, signals, logging, events for windows.
class EngineHost : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QUrl apiBase;
        EngineConfig engine;
        QUrl webhook;         // invalid: none (see checkedWebhook)
        bool schedule = true; // run the scheduled rounds (desktop tests switch them off)
        int syncIntervalSecs = 300;
        int healthIntervalSecs = 60;
        // Unset: DOPOOL_LEADER_LEASE_SECS from the session's environment.
        std::optional<coord::SharedPool::Options> shared;
        int keyCheckIntervalMs = 5000;
        // The alert's text for the problem the key watch reports; unset: no alert raised.
        std::function<QString(const QString &problem)> keyAlertMessage;
        // Provision the orders queued in provisioning_tasks (OrderIntake): `serve` unless
        // --no-orders; the desktop when Settings says so (off by default). Unset options:
        // DOPOOL_ORDER_* from the session's environment.
        bool provisionOrders = false;
        std::optional<int> orderConcurrency;
    };
    using Dependencies = EngineCore::Dependencies;

    // Assembles everything on an open session and starts the key watch and the leadership
    // poll; the rounds start with start(). Errors: a refused API base, a bad
    // DOPOOL_LEADER_LEASE_SECS, PostgreSQL unreachable now.
    static Result<EngineHost *> create(PoolSession &session, Settings settings, Dependencies deps,
                                       QObject *parent);
    ~EngineHost() override;

    EngineCore &core() { return *m_core; }
    engine::EngineContext &context() { return m_core->context(); }
    api::DoApiClient &api() { return m_core->api(); }
    engine::AlertEvaluator &alerts() { return *m_alerts; }
    engine::SyncService &roundSync() { return *m_roundSync; }    // the scheduler's
    engine::Scheduler *scheduler() const { return m_scheduler; } // null: no schedule
    coord::SharedPool &sharedPool() { return *m_shared; }
    engine::OrderIntake *orderIntake() const { return m_intake; } // null: not provisioning
    PoolKeyWatch &keyWatch() { return *m_keyWatch; }
    bool isKeyOutOfDate() const;

    // Starts the rounds, and the order intake when provisionOrders.
    void startRounds();
    // Going away: the rounds stop (those under way finish), leadership passes to another
    // instance at once, and this instance's key alert is resolved.
    void stop();

Q_SIGNALS:
    // The key watch's problem; empty when the key is up to date again.
    void keyProblemChanged(const QString &problem);

private:
    explicit EngineHost(PoolSession &session, QObject *parent);
    void watchPoolKey(int intervalMs);
    void keyOutOfDate(const QString &problem);
    void keyUpToDate();
    enum class Announce
    {
        No,
        Yes
    };
    void resolveKeyAlert(Announce announceIt);
    void announce(const std::optional<Alert> &alert, bool raised);

    PoolSession &m_session;
    std::function<QString(const QString &)> m_keyAlertMessage;
    EngineCore *m_core = nullptr;
    engine::SyncService *m_roundSync = nullptr;
    engine::AlertEvaluator *m_alerts = nullptr;
    engine::Scheduler *m_scheduler = nullptr;
    engine::WebhookNotifier *m_notifier = nullptr;
    coord::SharedPool *m_shared = nullptr;
    PoolKeyWatch *m_keyWatch = nullptr;
    engine::OrderIntake *m_intake = nullptr;
};

} // namespace dopool::host
