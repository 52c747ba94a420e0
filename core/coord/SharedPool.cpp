#include "SharedPool.h"

#include "common/EnvNumbers.h"
#include "common/Translate.h"
#include "engine/Scheduler.h"
#include "store/PostgresStore.h"

#include <QPointer>

namespace dopool::coord {

Result<SharedPool::Options> SharedPool::Options::fromEnvironment(const QProcessEnvironment &env)
{
    Options options;
    const QString name = QStringLiteral("DOPOOL_LEADER_LEASE_SECS");
    const auto secs = boundedIntFromEnv(
        env, name, 2, 600, CoreTr::tr("%1 must be a number of seconds from 2 to 600").arg(name));
    if (!secs)
        return secs.error();
    options.leaseSecs = secs->value_or(options.leaseSecs);
    options.leaderPollMs = std::min(options.leaderPollMs, options.leaseSecs * 1000 / 4);
    return options;
}

SharedPool::SharedPool(Actor self, QObject *parent)
    : QObject(parent)
    , m_self(std::move(self))
{}

SharedPool::~SharedPool()
{
    stop();
}

Result<SharedPool *> SharedPool::open(const StoreOptions &store, const Actor &self, Options options,
                                      QObject *parent)
{
    auto *pool = new SharedPool(self, parent);
    if (store.url.kind != DatabaseUrl::Kind::Postgres)
        return pool;

    SessionResult leaderSession = openPostgresSession(store);
    SessionResult feedSession =
        leaderSession.session ? openPostgresSession(store) : SessionResult{};
    if (!leaderSession.session || !feedSession.session) {
        const Error error =
            !leaderSession.session ? leaderSession.failure.error : feedSession.failure.error;
        delete pool;
        return error;
    }
    pool->m_leadership = new Leadership(std::move(leaderSession.session), self,
                                        {options.leaderPollMs, 15, options.leaseSecs}, pool);
    pool->m_feed = new ChangeFeed(std::move(feedSession.session), {options.feedPingMs}, pool);
    connect(pool->m_leadership, &Leadership::leadershipChanged, pool,
            &SharedPool::leadershipChanged);
    connect(pool->m_leadership, &Leadership::connectionChanged, pool, &SharedPool::updateUp);
    connect(pool->m_feed, &ChangeFeed::connectionChanged, pool, &SharedPool::updateUp);
    connect(pool->m_feed, &ChangeFeed::changed, pool, &SharedPool::changed);
    connect(pool->m_feed, &ChangeFeed::orderNotified, pool, &SharedPool::orderNotified);
    connect(pool->m_feed, &ChangeFeed::resyncNeeded, pool, &SharedPool::resyncNeeded);
    pool->m_feed->start();
    pool->m_leadership->start();
    return pool;
}

bool SharedPool::isLeader() const
{
    return m_leadership ? m_leadership->isLeader() : true;
}

QString SharedPool::leaderDescription() const
{
    return m_leadership ? m_leadership->leaderDescription() : m_self.description();
}

int SharedPool::instancesOnline() const
{
    return m_leadership ? m_leadership->instancesOnline() : 1;
}

void SharedPool::gate(engine::Scheduler &scheduler)
{
    if (!m_leadership)
        return;
    QPointer<Leadership> leadership(m_leadership);
    QPointer<engine::Scheduler> target(&scheduler);
    scheduler.setRoundGate(
        [leadership, target](engine::Scheduler::Round round, const QDateTime &) {
            if (!leadership || !target)
                return false;
            const bool sync = round == engine::Scheduler::Round::Sync;
            return leadership->claimRound(sync ? QStringLiteral("sync") : QStringLiteral("health"),
                                          target->intervalSecs(round));
        },
        1);
}

void SharedPool::stop()
{
    if (m_feed)
        m_feed->stop();
    if (m_leadership)
        m_leadership->stop();
}

void SharedPool::updateUp()
{
    const bool leaderUp = !m_leadership || m_leadership->databaseUp();
    const bool feedUp = !m_feed || m_feed->databaseUp();
    const bool up = leaderUp && feedUp;
    if (!up)
        m_lastError = !leaderUp ? m_leadership->lastError() : m_feed->lastError();
    if (up == m_up)
        return;
    m_up = up;
    Q_EMIT connectionChanged(up, up ? QString() : m_lastError);
}

} // namespace dopool::coord
