#include "EngineHost.h"

#include "engine/AlertEvaluator.h"
#include "engine/CatalogService.h"
#include "engine/OrderIntake.h"
#include "engine/Scheduler.h"
#include "engine/SyncService.h"
#include "engine/WebhookNotifier.h"
#include "pool/PoolKeyWatch.h"
#include "pool/PoolSession.h"

#include <QJsonObject>

namespace dopool::host {

EngineHost::EngineHost(PoolSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{}

EngineHost::~EngineHost() = default;

Result<EngineHost *> EngineHost::create(PoolSession &session, Settings settings, Dependencies deps,
                                        QObject *parent)
{
    auto host = std::unique_ptr<EngineHost>(new EngineHost(session, parent));
    auto core =
        EngineCore::create(session, settings.apiBase, settings.engine, std::move(deps), host.get());
    if (!core)
        return core.error();
    host->m_core = *core;
    engine::EngineContext &context = host->m_core->context();
    host->m_roundSync = new engine::SyncService(context, host.get());
    host->m_alerts = new engine::AlertEvaluator(context, host.get());
    if (settings.schedule) {
        host->m_scheduler =
            new engine::Scheduler(context, host->m_roundSync, host->m_alerts, host.get());
        host->m_scheduler->setIntervals(settings.syncIntervalSecs, settings.healthIntervalSecs);
    }
    if (settings.webhook.isValid()) {
        host->m_notifier = new engine::WebhookNotifier(settings.webhook, host.get());
        connect(host->m_alerts, &engine::AlertEvaluator::alertChanged, host->m_notifier,
                &engine::WebhookNotifier::notify);
    }
    // Several instances on one PostgreSQL: only the leader runs each round, once per interval
    // pool-wide. On SQLite this instance simply runs them.
    if (!settings.shared) {
        const auto fromEnv = coord::SharedPool::Options::fromEnvironment(session.options().env);
        if (!fromEnv)
            return fromEnv.error();
        settings.shared = *fromEnv;
    }
    auto shared = coord::SharedPool::open(session.storeOptions(), session.actor(), *settings.shared,
                                          host.get());
    if (!shared)
        return shared.error();
    host->m_shared = *shared;
    if (host->m_scheduler)
        host->m_shared->gate(*host->m_scheduler);
    host->m_keyAlertMessage = std::move(settings.keyAlertMessage);
    host->watchPoolKey(settings.keyCheckIntervalMs);
    if (settings.provisionOrders) {
        auto options = engine::OrderIntake::Options::fromEnvironment(session.options().env);
        if (!options)
            return options.error();
        if (settings.orderConcurrency)
            options->concurrency = *settings.orderConcurrency;
        host->m_intake = new engine::OrderIntake(context, *options, host.get());
        host->m_intake->setCatalog(new engine::CatalogService(context, host->m_intake));
        host->m_intake->setAlerts(host->m_alerts);
        engine::OrderIntake *intake = host->m_intake;
        // A queued row: claimed within milliseconds of its COMMIT. Accounts changed: waiting
        // orders may have room now.
        connect(host->m_shared, &coord::SharedPool::orderNotified, intake,
                [intake](const QString &, const QString &status) {
                    if (status == QLatin1String("PENDING") || status == QLatin1String("WAITING"))
                        intake->orderQueued();
                });
        connect(host->m_shared, &coord::SharedPool::changed, intake,
                [intake](const coord::Change &change) {
                    if (change.table == QLatin1String("do_accounts") ||
                        change.table == QLatin1String("droplet_reservations"))
                        intake->capacityChanged();
                });
        connect(host->m_shared, &coord::SharedPool::resyncNeeded, intake,
                &engine::OrderIntake::pump);
    }
    return host.release();
}

void EngineHost::startRounds()
{
    if (m_scheduler)
        m_scheduler->start();
    if (m_intake)
        m_intake->start();
}

bool EngineHost::isKeyOutOfDate() const
{
    return m_keyWatch->isOutOfDate();
}

void EngineHost::stop()
{
    // This instance is going away: its alert goes too, without a webhook call on the way out.
    if (m_keyWatch->isOutOfDate())
        resolveKeyAlert(Announce::No);
    if (m_scheduler)
        m_scheduler->stop();
    if (m_intake)
        m_intake->stop(); // no new claims; orders under way finish
    m_shared->stop();     // another instance takes over at once
}

// A rotation by another process: the new key from this machine's keychain, or no rounds
// until this instance has it (its store refuses every token write meanwhile).
void EngineHost::watchPoolKey(int intervalMs)
{
    m_keyWatch = new PoolKeyWatch(m_session, intervalMs, this);
    connect(m_shared, &coord::SharedPool::changed, m_keyWatch, [this](const coord::Change &change) {
        if (change.table == QLatin1String("dopool_meta"))
            m_keyWatch->check();
    });
    connect(m_keyWatch, &PoolKeyWatch::outOfDate, this, &EngineHost::keyOutOfDate);
    connect(m_keyWatch, &PoolKeyWatch::upToDate, this, &EngineHost::keyUpToDate);
    m_keyWatch->start();
}

void EngineHost::keyOutOfDate(const QString &problem)
{
    if (m_scheduler)
        m_scheduler->stop();
    if (m_shared->leadership())
        m_shared->leadership()->stop(); // another instance runs the rounds meanwhile
    if (m_keyAlertMessage) {
        const Actor &self = m_session.actor();
        Alert alert;
        alert.kind = AlertKind::PoolKeyOutOfDate;
        alert.severity = AlertSeverity::Critical;
        alert.message = m_keyAlertMessage(problem);
        alert.details = QJsonObject{{QStringLiteral("instanceId"), self.instanceId},
                                    {QStringLiteral("host"), self.host}};
        alert.raisedAt = context().clock->now();
        const auto raised = m_session.store().raiseAlert(alert);
        if (raised && raised->second)
            announce(raised->first, true);
    }
    Q_EMIT keyProblemChanged(problem);
}

void EngineHost::keyUpToDate()
{
    resolveKeyAlert(Announce::Yes);
    Q_EMIT keyProblemChanged(QString());
    if (m_shared->leadership())
        m_shared->leadership()->start();
    if (m_scheduler)
        m_scheduler->start();
}

void EngineHost::resolveKeyAlert(Announce announceIt)
{
    if (!m_keyAlertMessage)
        return;
    const auto resolved = m_session.store().resolveAlert(AlertKind::PoolKeyOutOfDate, QString(),
                                                         context().clock->now());
    if (announceIt == Announce::Yes && resolved && *resolved)
        announce(**resolved, false);
}

void EngineHost::announce(const std::optional<Alert> &alert, bool raised)
{
    if (m_notifier && alert)
        m_notifier->notify(engine::AlertChange{*alert, raised});
}

} // namespace dopool::host
