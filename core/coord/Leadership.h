#pragma once

#include "common/Error.h"
#include "model/Audit.h"
#include "store/SqlSession.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace dopool::coord {

// Which instance of a shared PostgreSQL pool runs the scheduled rounds. The leader is whoever
// holds a session-level advisory lock on this connection of its own: when the leader dies
// (even kill -9) its connection closes and PostgreSQL frees the lock at once, and the next
// poll of another instance takes it over. Every instance registers itself in pool_instances
// (OS user, host, pid, the backend pid holding its lock) so all can show who leads.
// Rounds are claimed in scheduler_rounds on the database's clock (claimRound), so a round runs
// once per interval however leadership moves. A lost connection means lost leadership: the
// instance reconnects with backoff and competes again.
// Lives on the thread that created it; each poll is a few short queries on its connection.
class Leadership : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pollMs = 1000;         // how often to heartbeat and, as a follower, try the lock
        int onlineWindowSecs = 15; // an instance not seen for this long is gone
    };

    Leadership(std::unique_ptr<SqlSession> session, Actor self, Options options,
               QObject *parent = nullptr);
    ~Leadership() override; // releases the lock and deregisters

    void start(); // polls once now, then every pollMs
    void stop();  // hands leadership over at once (unlock), deregisters

    bool isLeader() const { return m_leader; }
    // The leader as "user@host (pid N)", empty when nobody leads (or not known yet).
    QString leaderDescription() const { return m_leaderDescription; }
    int instancesOnline() const { return m_instancesOnline; }
    bool databaseUp() const { return m_up; }
    QString lastError() const { return m_lastError; }
    const Actor &self() const { return m_self; }

    // For the leader only: true when round is due (its due time on the database clock has
    // come) and is now claimed for this instance until intervalSecs from now. False for a
    // follower, for a round not yet due, and when the database cannot be reached.
    bool claimRound(const QString &round, int intervalSecs);

    // One heartbeat/election step right now (between start() and stop()); the timer calls it.
    void poll();

Q_SIGNALS:
    void leadershipChanged(bool isLeader, const QString &leaderDescription);
    void connectionChanged(bool up, const QString &error);

private:
    Result<void> step();
    void setLeader(bool leader);
    void setUp(bool up, const QString &error);

    std::unique_ptr<SqlSession> m_session;
    Actor m_self;
    Options m_options;
    QTimer m_timer;
    bool m_leader = false;
    quint64 m_leaderEpoch = 0;
    bool m_up = true;
    QString m_lastError;
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

// Key of the leader's advisory lock ("dopooL"); per database, like every advisory lock.
inline constexpr qint64 kLeaderLockKey = 0x646f706f6f4c;

} // namespace dopool::coord
