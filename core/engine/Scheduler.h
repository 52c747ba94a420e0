#pragma once

#include "AlertEvaluator.h"
#include "SyncService.h"

#include <QObject>
#include <QTimer>
#include <functional>

namespace dopool::engine {

class UncertainTasks;

// Runs sync-all every syncInterval and a health check of every account every healthInterval
// (5 min and 1 min by default), evaluating alerts after each round. A round never overlaps
// itself: if the previous one is still running when it is due, it waits for it. Sync and
// health rounds do not overlap each other either (both judge every account's health; two at
// once would count one outage twice towards the three strikes), and since a sync checks
// health too, a sync round pushes the next health round to a full health interval after it.
// After each sync round, provisioning tasks left UNCERTAIN are looked for again
// (UncertainTasks): found -> CREATED, absent past the grace -> FAILED.
// Driven by a 1 s QTimer that calls runDue(); tests call runDue() themselves with a
// ManualClock. The rules for admins: docs/behaviour.md#sync-and-health-schedule.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    enum class Round
    {
        Sync,
        Health
    };

    Scheduler(EngineContext context, SyncService *sync, AlertEvaluator *alerts,
              QObject *parent = nullptr);

    void setIntervals(int syncSecs, int healthSecs);
    void start(); // first rounds run immediately
    void stop();  // pending rounds finish; no new ones start
    bool isRunning() const;

    // Starts every round that is due at clock->now() and not already running.
    void runDue();

    // When the round is next due (null before start()).
    QDateTime nextDue(Round round) const;

    // Several instances on one pool: asked just before a round starts whether this instance
    // should run it (e.g. a lease in the shared database). Default: always run.
    // When it says no, the round is asked about again after retrySecs, or, with retrySecs 0,
    // skipped here as if it had run (next asked a full interval later). A short retry lets an
    // instance that becomes leader pick the round up on time (coord::SharedPool uses 1 s).
    using RoundGate = std::function<bool(Round round, const QDateTime &now)>;
    void setRoundGate(RoundGate gate, int retrySecs = 0);
    int intervalSecs(Round round) const { return state(round).intervalSecs; }

Q_SIGNALS:
    void roundStarted(dopool::engine::Scheduler::Round round);
    void roundFinished(dopool::engine::Scheduler::Round round, int accounts, int failures);

private:
    struct RoundState
    {
        int intervalSecs = 0;
        QDateTime lastStart; // null until the first round
        QDateTime nextDue;
        bool inFlight = false;
    };
    RoundState &state(Round round) { return m_rounds[round == Round::Sync ? 0 : 1]; }
    const RoundState &state(Round round) const { return m_rounds[round == Round::Sync ? 0 : 1]; }
    void startRound(Round round, const QDateTime &now);
    void finishRound(Round round, int accounts, int failures);

    EngineContext m_context;
    SyncService *m_sync = nullptr;
    AlertEvaluator *m_alerts = nullptr;
    UncertainTasks *m_uncertain = nullptr; // child
    RoundGate m_gate;
    int m_gateRetrySecs = 0;
    QTimer m_timer;
    bool m_running = false;
    RoundState m_rounds[2];
};

} // namespace dopool::engine
