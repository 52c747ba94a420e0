#pragma once

#include "EngineContext.h"

#include <QObject>
#include <QSet>
#include <functional>
#include <memory>

namespace dopool::engine {

class SyncService;
struct SyncOutcome;

struct Selection
{
    Account account;                        // refreshed from DO just now
    std::optional<Reservation> reservation; // when reserve was asked for
    QString reason;                         // why this one: "primary, 5/25 used" ...
    QStringList skipped;                    // "Account 3: full (25/25)", "Account 4: UNHEALTHY" ...
    int roundTrips = 0;                     // waves of concurrent confirmations it took
};

// Chooses the account for the next droplet. Candidates: active accounts in HEALTHY or
// UNKNOWN, ordered by the policy on the stored numbers plus the slots other provisioners hold
// (open reservations), those the store already knows to be full last. Their capacity is
// confirmed against DO in real time, in order, in waves that grow: the first 2 candidates,
// then the next 4, 8... (at most settings.syncConcurrency), and only while no confirmed
// candidate has room. A HEALTHY candidate is confirmed with one GET (its droplet count:
// SyncService::Mode::Confirm), an UNKNOWN one with a full sync (two). Among a wave's
// confirmed candidates the policy decides on the fresh numbers. So with the first k
// candidates full a selection costs at most 2 x (k + 1) GETs and ceil(log2((k + 3) / 2))
// round trips (3 up to k = 13), where confirming every candidate at once cost two GETs per
// candidate; docs/architecture.md has the budget. With reserve, a slot is reserved
// atomically in the store (CapacityLedger::reserveSlot) on the first confirmed candidate in
// order that has room, so concurrent provisioners - threads or processes on one PostgreSQL -
// never exceed a limit.
// Errors: ErrorKind::NoAccount ("no usable account": none active and healthy/unknown) vs
// ErrorKind::AllFull ("all N usable accounts are full"), each message saying which.
class AccountSelector : public QObject
{
    Q_OBJECT
public:
    explicit AccountSelector(EngineContext context, QObject *parent = nullptr);

    enum class Mode
    {
        Preview, // which account would be chosen now (nothing held)
        Reserve, // and a slot on it reserved for taskId, atomically (CapacityLedger)
    };
    // Never calls done synchronously; destroying the selector first cancels silently.
    void select(Mode mode, const QString &taskId, const QSet<QString> &excludeAccountIds,
                std::function<void(Result<Selection>)> done);

private:
    struct Run;
    void begin(const std::shared_ptr<Run> &run);
    qsizetype waveSize(int wave) const;
    void startWave(const std::shared_ptr<Run> &run);
    void takeWave(const std::shared_ptr<Run> &run, const QList<SyncOutcome> &outcomes);
    void choose(const std::shared_ptr<Run> &run);
    static Error exhausted(const Run &run);
    void finish(const std::shared_ptr<Run> &run, Result<Selection> result);

    static constexpr qsizetype kMaxWave = 64; // when settings.syncConcurrency is derived (0)
    EngineContext m_context;                  // its api, cipher, clock and settings
    // The store roles it works with (EngineContext), bound once.
    AccountRecords &m_accounts;
    CapacityLedger &m_capacity;
    SyncService *m_sync = nullptr; // child: refreshes candidates (and records what DO said)
};

} // namespace dopool::engine
