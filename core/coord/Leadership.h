#pragma once

#include "Reachability.h"
#include "common/Error.h"
#include "model/Audit.h"
#include "store/SqlSession.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>
#include <memory>

namespace dopool::coord {

// Which instance of a shared PostgreSQL pool runs the scheduled rounds. The leader holds a lease
// (the one row of leader_lease) that it renews on every poll, on the database's clock (now()),
// for leaseSecs. Another instance takes the lease over when it has expired - its holder stopped
// renewing: suspended (SIGSTOP, a laptop lid), frozen, partitioned - or at once when the
// holder's database session is gone (it died, even kill -9, or its connection dropped) or it
// handed the lease over (stop()). Correctness does not depend on a TCP connection dying: a
// frozen leader whose connection stays open loses the lease after leaseSecs all the same.
// Every change of holder bumps the lease's epoch, and a round is claimed (claimRound) only by
// the holder of the current epoch with an unexpired lease, in the same statement that claims
// it on scheduler_rounds: a resumed ex-leader cannot start another round. scheduler_rounds
// keeps each round to once per interval however leadership moves.
// Every instance registers itself in pool_instances (OS user, host, pid, backend pid) so all
// can show who leads. A lost connection is retried with backoff.
// Lives on the thread that created it; each poll is a few short queries on its connection.
class Leadership : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pollMs = 1000;         // how often to heartbeat and renew or try for the lease
        int onlineWindowSecs = 15; // an instance not seen for this long is gone
        int leaseSecs = 8;         // a leader that has not renewed for this long is replaced
    };

    Leadership(std::unique_ptr<SqlSession> session, Actor self, Options options,
               QObject *parent = nullptr);
    ~Leadership() override; // hands the lease over and deregisters

    void start(); // polls once now, then every pollMs
    void stop();  // hands leadership over at once (ends the lease), deregisters

    bool isLeader() const { return m_leader; }
    // The leader as "user@host (pid N)", empty when nobody leads (or not known yet).
    QString leaderDescription() const { return m_leaderDescription; }
    int instancesOnline() const { return m_instancesOnline; }
    bool databaseUp() const { return m_reachability.isUp(); }
    QString lastError() const { return m_reachability.lastError(); }
    const Actor &self() const { return m_self; }

    // For the leader only: true when round is due (its due time on the database clock has
    // come) and is now claimed for this instance until intervalSecs from now. False for a
    // follower, for a leader whose lease expired or passed to another (fencing: checked in the
    // claiming statement), for a round not yet due, and when the database cannot be reached.
    bool claimRound(const QString &round, int intervalSecs);

    // One heartbeat/election step right now (between start() and stop()); the timer calls it.
    void poll();

Q_SIGNALS:
    void leadershipChanged(bool isLeader, const QString &leaderDescription);
    void connectionChanged(bool up, const QString &error);

private:
    Result<void> step();
    Result<void> renewOrAcquireLease();
    void setLeader(bool leader);
    void setUp(bool up, const QString &error);

    std::unique_ptr<SqlSession> m_session;
    Actor m_self;
    Options m_options;
    QTimer m_timer;
    bool m_leader = false;
    qint64 m_leaseEpoch = 0;        // the lease's epoch while this instance holds it
    QDeadlineTimer m_leaseDeadline; // local view: the lease surely lapsed after this
    Reachability m_reachability;
    QString m_leaderDescription;
    int m_instancesOnline = 0;
};

// Who leads a shared pool and how many instances were seen lately, read once (dopool-cli status).
struct Presence
{
    QString leaderDescription; // "user@host (pid N)", empty when nobody leads
    int instancesOnline = 0;
};
Result<Presence> readPresence(SqlSession &session, int onlineWindowSecs = 15);

} // namespace dopool::coord
