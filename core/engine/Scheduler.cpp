#include "Scheduler.h"

#include "EngineLogging.h"
#include "UncertainTasks.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QPointer>

namespace dopool::engine {

namespace {

// The defaults: docs/behaviour.md#sync-and-health-schedule.
constexpr int DefaultSyncSecs = 300;  // sync every 5 min
constexpr int DefaultHealthSecs = 60; // and health every minute
// Checking the clock each second rather than sleeping until the next due time keeps the
// scheduler right across suspend/resume and clock changes, at no measurable cost.
constexpr int TickMs = 1000;

QString roundName(Scheduler::Round round)
{
    return round == Scheduler::Round::Sync ? CoreTr::tr("sync") : CoreTr::tr("health");
}

} // namespace

Scheduler::Scheduler(EngineContext context, SyncService *sync, AlertEvaluator *alerts,
                     QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_sync(sync)
    , m_alerts(alerts)
    , m_uncertain(new UncertainTasks(m_context, this))
{
    state(Round::Sync).intervalSecs = DefaultSyncSecs;
    state(Round::Health).intervalSecs = DefaultHealthSecs;
    m_timer.setInterval(TickMs);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::runDue);
}

void Scheduler::setIntervals(int syncSecs, int healthSecs)
{
    for (auto [round, secs] : {std::pair{Round::Sync, syncSecs}, {Round::Health, healthSecs}}) {
        RoundState &s = state(round);
        s.intervalSecs = std::max(1, secs);
        if (s.lastStart.isValid())
            s.nextDue = s.lastStart.addSecs(s.intervalSecs);
    }
}

void Scheduler::start()
{
    if (m_running)
        return;
    m_running = true;
    const QDateTime now = m_context.clock->now();
    for (RoundState &s : m_rounds)
        s.nextDue = now;
    m_timer.start();
    runDue();
}

void Scheduler::stop()
{
    m_running = false;
    m_timer.stop();
}

bool Scheduler::isRunning() const
{
    return m_running;
}

QDateTime Scheduler::nextDue(Round round) const
{
    return state(round).nextDue;
}

void Scheduler::setRoundGate(RoundGate gate, int retrySecs)
{
    m_gate = std::move(gate);
    m_gateRetrySecs = std::max(0, retrySecs);
}

void Scheduler::runDue()
{
    // Sync first: when both are due, the sync's own health check makes the health round
    // redundant (startRound pushes it back).
    for (Round round : {Round::Sync, Round::Health}) {
        if (!m_running)
            return;
        const QDateTime now = m_context.clock->now();
        const bool busy = state(Round::Sync).inFlight || state(Round::Health).inFlight;
        const RoundState &s = state(round);
        if (!busy && s.nextDue.isValid() && s.nextDue <= now)
            startRound(round, now);
    }
}

void Scheduler::startRound(Round round, const QDateTime &now)
{
    RoundState &s = state(round);
    if (m_gate && !m_gate(round, now)) {
        s.nextDue = now.addSecs(m_gateRetrySecs > 0 ? m_gateRetrySecs : s.intervalSecs);
        if (m_gateRetrySecs == 0 && round == Round::Sync) {
            RoundState &health = state(Round::Health);
            health.nextDue = std::max(health.nextDue, now.addSecs(health.intervalSecs));
        }
        qCDebug(lcEngine).noquote()
            << CoreTr::tr("%1 round skipped: another instance runs it").arg(roundName(round));
        return;
    }
    s.lastStart = now;
    s.nextDue = now.addSecs(s.intervalSecs);
    if (round == Round::Sync) {
        RoundState &health = state(Round::Health);
        health.nextDue = std::max(health.nextDue, now.addSecs(health.intervalSecs));
    }

    s.inFlight = true;
    qCDebug(lcEngine).noquote() << CoreTr::tr("%1 round started").arg(roundName(round));
    Q_EMIT roundStarted(round);
    const auto mode =
        round == Round::Sync ? SyncService::Mode::Sync : SyncService::Mode::HealthCheck;
    QPointer<Scheduler> self(this);
    m_sync->runAll(mode, [self, round](Result<QList<SyncOutcome>> outcomes) {
        if (!self)
            return;
        if (!outcomes) {
            qCWarning(lcEngine).noquote() << CoreTr::tr("%1 round failed: %2")
                                                 .arg(roundName(round), outcomes.error().message);
            self->finishRound(round, 0, 1);
            return;
        }
        const auto failures =
            std::count_if(outcomes->cbegin(), outcomes->cend(),
                          [](const SyncOutcome &outcome) { return !outcome.ok(); });
        if (round != Round::Sync) {
            self->finishRound(round, int(outcomes->size()), int(failures));
            return;
        }
        // Creates that got no clear answer are settled by the sync rounds (UncertainTasks).
        self->m_uncertain->resolveAll(
            [self, round, accounts = int(outcomes->size()), failures = int(failures)](int left) {
                if (!self)
                    return;
                if (left > 0) {
                    qCWarning(lcEngine).noquote()
                        << CoreTr::tr("%n provisioning task(s) still UNCERTAIN", nullptr, left);
                }
                self->finishRound(round, accounts, failures);
            });
    });
}

void Scheduler::finishRound(Round round, int accounts, int failures)
{
    state(round).inFlight = false;
    if (m_alerts) {
        const Result<QList<AlertChange>> changes = m_alerts->evaluate();
        if (!changes) {
            qCWarning(lcEngine).noquote()
                << CoreTr::tr("cannot evaluate alerts: %1").arg(changes.error().message);
        }
    }
    qCInfo(lcEngine).noquote() << CoreTr::tr("%1 round finished: %2 accounts, %3 failed")
                                      .arg(roundName(round))
                                      .arg(accounts)
                                      .arg(failures);
    QPointer<Scheduler> self(this);
    Q_EMIT roundFinished(round, accounts, failures);
    // A round that waited for this one starts now rather than at the next tick.
    if (self && m_running)
        QTimer::singleShot(0, this, &Scheduler::runDue);
}

} // namespace dopool::engine
