#include "Leadership.h"

#include "CoordLogging.h"

#include <QSqlQuery>

namespace dopool::coord {

namespace {

// pg_locks shows a bigint advisory key as classid (high half), objid (low half), objsubid 1.
const QVariant kLockHigh = QVariant(qint64(kLeaderLockKey >> 32));
const QVariant kLockLow = QVariant(qint64(kLeaderLockKey & 0xffffffff));

QString heldByUs()
{
    return QStringLiteral(
        "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND pid = pg_backend_pid() AND classid::bigint = ? AND objid::bigint = ? "
        "AND objsubid = 1)");
}

} // namespace

Leadership::Leadership(std::unique_ptr<SqlSession> session, Actor self, Options options,
                       QObject *parent)
    : QObject(parent)
    , m_session(std::move(session))
    , m_self(std::move(self))
    , m_options(options)
{
    m_timer.setInterval(std::max(50, m_options.pollMs));
    connect(&m_timer, &QTimer::timeout, this, &Leadership::poll);
}

Leadership::~Leadership()
{
    stop();
}

void Leadership::start()
{
    if (m_timer.isActive())
        return;
    // Rows of instances long gone would only clutter the list.
    (void)m_session->exec(QStringLiteral("DELETE FROM pool_instances WHERE last_seen < now() - "
                                         "interval '1 day'"),
                          {}, QStringLiteral("pruning old instances"));
    m_timer.start();
    poll();
}

void Leadership::stop()
{
    const bool wasRunning = m_timer.isActive();
    m_timer.stop();
    if (!wasRunning)
        return;
    if (m_leader && m_session->connectionEpoch() == m_leaderEpoch) {
        (void)m_session->exec(QStringLiteral("SELECT pg_advisory_unlock(?)"), {kLeaderLockKey},
                              QStringLiteral("handing over leadership"));
        qCInfo(lcCoord).noquote() << "handed over leadership of the scheduled rounds";
    }
    (void)m_session->exec(QStringLiteral("DELETE FROM pool_instances WHERE instance_id = ?"),
                          {m_self.instanceId}, QStringLiteral("deregistering this instance"));
    m_leader = false;
}

void Leadership::poll()
{
    if (!m_timer.isActive())
        return; // stopped (or not started): no heartbeat, no lock
    if (auto stepped = step(); !stepped) {
        // Without its connection an instance cannot know it still holds the lock.
        if (!m_session->isConnected())
            setLeader(false);
        setUp(false, stepped.error().message);
        return;
    }
    setUp(true, QString());
}

Result<void> Leadership::step()
{
    if (auto connected = m_session->reconnectIfLost(); !connected)
        return connected;
    // A reconnect lost the session's advisory lock with the old connection.
    if (m_leader && m_session->connectionEpoch() != m_leaderEpoch)
        setLeader(false);

    const QString doing = QStringLiteral("coordinating with the other instances");
    auto seen = m_session->exec(
        QStringLiteral("INSERT INTO pool_instances (instance_id, os_user, host, pid, backend_pid, "
                       "started_at, last_seen) VALUES (?, ?, ?, ?, pg_backend_pid(), now(), now()) "
                       "ON CONFLICT (instance_id) DO UPDATE SET last_seen = now(), "
                       "backend_pid = pg_backend_pid()"),
        {m_self.instanceId, m_self.osUser, m_self.host, m_self.pid}, doing);
    if (!seen)
        return seen.error();
    if (!m_leader) {
        auto locked = m_session->exec(QStringLiteral("SELECT pg_try_advisory_lock(?)"),
                                      {kLeaderLockKey}, doing);
        if (!locked)
            return locked.error();
        if (locked->next() && locked->value(0).toBool()) {
            m_leaderEpoch = m_session->connectionEpoch();
            setLeader(true);
        }
    }
    auto presence = readPresence(*m_session, m_options.onlineWindowSecs);
    if (!presence)
        return presence.error();
    m_instancesOnline = presence->instancesOnline;
    const QString description = presence->leaderDescription;
    if (description != m_leaderDescription) {
        m_leaderDescription = description;
        Q_EMIT leadershipChanged(m_leader, m_leaderDescription);
    }
    return {};
}

Result<Presence> readPresence(SqlSession &session, int onlineWindowSecs)
{
    const QString doing = QStringLiteral("finding out who leads the pool");
    auto leader = session.exec(
        QStringLiteral(
            "SELECT i.os_user, i.host, i.pid FROM pool_instances i "
            "JOIN pg_locks l ON l.pid = i.backend_pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1 "
            "ORDER BY i.last_seen DESC LIMIT 1"),
        {kLockHigh, kLockLow}, doing);
    if (!leader)
        return leader.error();
    Presence presence;
    if (leader->next()) {
        Actor who;
        who.osUser = leader->value(0).toString();
        who.host = leader->value(1).toString();
        who.pid = leader->value(2).toLongLong();
        presence.leaderDescription = who.description();
    }
    auto online =
        session.exec(QStringLiteral("SELECT count(*) FROM pool_instances WHERE last_seen > now() - "
                                    "make_interval(secs => ?)"),
                     {double(onlineWindowSecs)}, doing);
    if (!online)
        return online.error();
    presence.instancesOnline = online->next() ? online->value(0).toInt() : 0;
    return presence;
}

bool Leadership::claimRound(const QString &round, int intervalSecs)
{
    if (!m_leader)
        return false;
    const int interval = std::max(1, intervalSecs);
    // The local timer and the database clock disagree by a few milliseconds: accept a round
    // that is due within this much, or a leader would wait a whole extra tick for it.
    const double tolerance = std::min(0.25, interval / 10.0);
    bool claimed = false;
    const QString doing = QStringLiteral("claiming the %1 round").arg(round);
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto row =
                m_session->exec(QStringLiteral("INSERT INTO scheduler_rounds (round, due_at) "
                                               "VALUES (?, now()) ON CONFLICT (round) DO "
                                               "NOTHING"),
                                {round}, doing);
            if (!row)
                return row.error();
            auto claim = m_session->exec(
                QStringLiteral("UPDATE scheduler_rounds SET due_at = now() + make_interval(secs => "
                               "?), last_started_at = now(), last_instance = ?, runs = runs + 1 "
                               "WHERE round = ? AND due_at <= now() + make_interval(secs => ?) "
                               "AND ") +
                    heldByUs() + QStringLiteral(" RETURNING runs"),
                {double(interval), m_self.instanceId, round, tolerance, kLockHigh, kLockLow},
                doing);
            if (!claim)
                return claim.error();
            claimed = claim->next();
            return {};
        },
        doing);
    if (!done) {
        if (m_session->isConnected()) {
            qCWarning(lcCoord).noquote() << done.error().message;
            return false;
        }
        setLeader(false); // its lock went with the connection
        setUp(false, done.error().message);
        return false;
    }
    return claimed;
}

void Leadership::setLeader(bool leader)
{
    if (leader == m_leader)
        return;
    m_leader = leader;
    if (leader) {
        m_leaderDescription = m_self.description();
        qCInfo(lcCoord).noquote() << "this instance now leads the scheduled rounds";
    } else {
        m_leaderDescription.clear();
        qCInfo(lcCoord).noquote() << "this instance no longer leads the scheduled rounds";
    }
    Q_EMIT leadershipChanged(m_leader, m_leaderDescription);
}

void Leadership::setUp(bool up, const QString &error)
{
    if (!up)
        m_lastError = error;
    if (up == m_up)
        return;
    m_up = up;
    if (up)
        qCInfo(lcCoord) << "database reachable again";
    else
        qCWarning(lcCoord).noquote() << "database unreachable:" << error;
    Q_EMIT connectionChanged(up, up ? QString() : error);
}

} // namespace dopool::coord
