#include "Leadership.h"

#include "CoordLogging.h"

#include <QSqlQuery>

namespace dopool::coord {

namespace {

// The lease row is current: held by the instance bound as the first value, in the epoch bound
// as the second, not expired. Evaluated in the statement that uses it, on the database clock.
QString holdsLease()
{
    return QStringLiteral("EXISTS (SELECT 1 FROM leader_lease WHERE id = 1 AND instance_id = ? "
                          "AND epoch = ? AND expires_at > now())");
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
    if (m_leader) {
        // Expired now: the next poll of another instance takes it.
        (void)m_session->exec(QStringLiteral("UPDATE leader_lease SET expires_at = now() WHERE "
                                             "id = 1 AND instance_id = ? AND epoch = ?"),
                              {m_self.instanceId, m_leaseEpoch},
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
        return; // stopped (or not started): no heartbeat, no lease
    if (auto stepped = step(); !stepped) {
        // Without an answer an instance cannot know it still holds the lease: it gives up
        // leading as soon as the lease may have lapsed, or its connection (session) is gone.
        if (!m_session->isConnected() || m_leaseDeadline.hasExpired())
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

    const QString doing = QStringLiteral("coordinating with the other instances");
    auto seen = m_session->exec(
        QStringLiteral("INSERT INTO pool_instances (instance_id, os_user, host, pid, backend_pid, "
                       "started_at, last_seen) VALUES (?, ?, ?, ?, pg_backend_pid(), now(), now()) "
                       "ON CONFLICT (instance_id) DO UPDATE SET last_seen = now(), "
                       "backend_pid = pg_backend_pid()"),
        {m_self.instanceId, m_self.osUser, m_self.host, m_self.pid}, doing);
    if (!seen)
        return seen.error();
    if (auto leased = renewOrAcquireLease(); !leased)
        return leased;
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

Result<void> Leadership::renewOrAcquireLease()
{
    const int leaseSecs = std::max(1, m_options.leaseSecs);
    // Started before asking: the lease the database grants runs from a moment after this.
    QDeadlineTimer deadline(qint64(leaseSecs) * 1000);
    // One statement, so two instances never both win: renew our own unexpired lease (same
    // epoch), or take one that expired, whose holder's session is gone, or that does not exist
    // yet (next epoch).
    auto lease = m_session->exec(
        QStringLiteral(
            "INSERT INTO leader_lease AS l (id, instance_id, backend_pid, epoch, acquired_at, "
            "renewed_at, expires_at) VALUES (1, ?, pg_backend_pid(), 1, now(), now(), now() + "
            "make_interval(secs => ?)) ON CONFLICT (id) DO UPDATE SET "
            "epoch = CASE WHEN l.instance_id = EXCLUDED.instance_id AND l.expires_at > now() "
            "THEN l.epoch ELSE l.epoch + 1 END, "
            "acquired_at = CASE WHEN l.instance_id = EXCLUDED.instance_id AND l.expires_at > "
            "now() THEN l.acquired_at ELSE now() END, "
            "instance_id = EXCLUDED.instance_id, backend_pid = EXCLUDED.backend_pid, "
            "renewed_at = now(), expires_at = EXCLUDED.expires_at "
            "WHERE (l.instance_id = EXCLUDED.instance_id AND l.expires_at > now()) "
            "OR l.expires_at <= now() "
            "OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.backend_pid) "
            "RETURNING epoch"),
        {m_self.instanceId, double(leaseSecs)}, QStringLiteral("renewing the leader's lease"));
    if (!lease)
        return lease.error();
    if (!lease->next()) {
        if (m_leader)
            qCWarning(lcCoord).noquote()
                << "lost the leader's lease to another instance (not renewed in time)";
        setLeader(false);
        return {};
    }
    const qint64 epoch = lease->value(0).toLongLong();
    if (m_leader && epoch != m_leaseEpoch) {
        // We let it lapse (and nobody else took it): a new term all the same.
        qCWarning(lcCoord).noquote() << "the leader's lease had lapsed; taken again";
    }
    m_leaseEpoch = epoch;
    m_leaseDeadline = deadline;
    setLeader(true);
    return {};
}

Result<Presence> readPresence(SqlSession &session, int onlineWindowSecs)
{
    const QString doing = QStringLiteral("finding out who leads the pool");
    auto leader = session.exec(
        QStringLiteral("SELECT i.os_user, i.host, i.pid FROM leader_lease l JOIN pool_instances i "
                       "ON i.instance_id = l.instance_id WHERE l.id = 1 AND l.expires_at > now() "
                       "AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = "
                       "l.backend_pid)"),
        {}, doing);
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
    if (m_leaseDeadline.hasExpired()) {
        // Not renewed for a whole lease (this process was suspended?): another instance may
        // lead by now. The next poll finds out; no round until then.
        qCWarning(lcCoord).noquote()
            << "the leader's lease may have lapsed; not starting the" << round << "round";
        setLeader(false);
        return false;
    }
    const int interval = std::max(1, intervalSecs);
    // The local timer and the database clock disagree by a few milliseconds: accept a round
    // that is due within this much, or a leader would wait a whole extra tick for it.
    const double tolerance = std::min(0.25, interval / 10.0);
    const QString doing = QStringLiteral("claiming the %1 round").arg(round);
    auto row = m_session->exec(QStringLiteral("INSERT INTO scheduler_rounds (round, due_at) VALUES "
                                              "(?, now()) ON CONFLICT (round) DO NOTHING"),
                               {round}, doing);
    // The claim and the lease check are one statement (one snapshot, one now()): a leader
    // suspended between them cannot claim with a lease it has lost since.
    auto claim =
        row ? m_session->exec(
                  QStringLiteral("UPDATE scheduler_rounds SET due_at = now() + make_interval(secs "
                                 "=> ?), last_started_at = now(), last_instance = ?, runs = runs "
                                 "+ 1 WHERE round = ? AND due_at <= now() + make_interval(secs => "
                                 "?) AND ") +
                      holdsLease() + QStringLiteral(" RETURNING runs"),
                  {double(interval), m_self.instanceId, round, tolerance, m_self.instanceId,
                   m_leaseEpoch},
                  doing)
            : Result<QSqlQuery>(row.error());
    if (!claim) {
        if (m_session->isConnected()) {
            qCWarning(lcCoord).noquote() << claim.error().message;
            return false;
        }
        setLeader(false); // its session went with the connection
        setUp(false, claim.error().message);
        return false;
    }
    return claim->next();
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
    if (m_reachability.record(up, error, "leadership"))
        Q_EMIT connectionChanged(up, up ? QString() : error);
}

} // namespace dopool::coord
