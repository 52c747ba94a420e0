#pragma once

#include "Change.h"
#include "ChangeFeed.h"
#include "Leadership.h"
#include "store/StoreFactory.h"

#include <QObject>
#include <QProcessEnvironment>

namespace dopool::engine {
class Scheduler;
}

namespace dopool::coord {

// Several desktops and daemons on one PostgreSQL pool, as one object for the front ends:
// who leads the scheduled rounds (Leadership), what changed (ChangeFeed), and whether the
// database is reachable. On SQLite (one instance per file) it is a local stand-in: not
// shared, always the leader, no change events, always up.
//
//   auto shared = coord::SharedPool::open(pool.storeOptions(), pool.actor(), {}, parent);
//   shared->gate(*scheduler);                      // rounds once per interval pool-wide
//   connect(shared, &SharedPool::changed, ...);    // reload that row
//   connect(shared, &SharedPool::resyncNeeded, ...); // reload everything (after an outage)
//
// Opens two PostgreSQL connections of its own (besides the store's). Lives on the thread
// that created it (the GUI thread or the CLI's); every poll is a few short queries.
class SharedPool : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int leaderPollMs = 1000; // heartbeat and lease renewal step
        int feedPingMs = 1000;   // how soon a lost change-feed connection is noticed
        int leaseSecs = 8;       // a leader that stops renewing is replaced after this

        // DOPOOL_LEADER_LEASE_SECS (2..600, default 8); the poll runs at least four times per
        // lease. A Validation error for a bad value.
        static Result<Options> fromEnvironment(const QProcessEnvironment &env);
    };

    // Starts polling at once (the first election step runs inside open()): read isLeader(),
    // leaderDescription(), databaseUp() after connecting for the initial state; the signals
    // report changes from then on. Fails (kind Store) only when PostgreSQL cannot be reached
    // now.
    static Result<SharedPool *> open(const StoreOptions &store, const Actor &self, Options options,
                                     QObject *parent = nullptr);
    ~SharedPool() override;

    bool isShared() const { return m_leadership != nullptr; }
    bool isLeader() const;
    QString leaderDescription() const; // "user@host (pid N)"; this instance's own on SQLite
    int instancesOnline() const;       // desktops and daemons seen lately (1 on SQLite)
    bool databaseUp() const { return m_up; }
    QString lastDatabaseError() const { return m_lastError; }
    const Actor &self() const { return m_self; }

    // Leadership and ChangeFeed themselves; nullptr on SQLite.
    Leadership *leadership() const { return m_leadership; }
    ChangeFeed *feed() const { return m_feed; }

    // Makes scheduler run each round only on the leader and only when the round is due
    // pool-wide (scheduler_rounds), re-asking every second so a new leader is on time.
    void gate(engine::Scheduler &scheduler);

    // Hands leadership over and stops listening (also done by the destructor).
    void stop();

Q_SIGNALS:
    void leadershipChanged(bool isLeader, const QString &leaderDescription);
    void changed(const dopool::coord::Change &change);
    void orderNotified(const QString &taskId, const QString &status); // ChangeFeed's
    void resyncNeeded();
    void connectionChanged(bool up, const QString &error);

private:
    SharedPool(Actor self, QObject *parent);
    void updateUp();

    Actor m_self;
    Leadership *m_leadership = nullptr;
    ChangeFeed *m_feed = nullptr;
    bool m_up = true;
    QString m_lastError;
};

} // namespace dopool::coord
