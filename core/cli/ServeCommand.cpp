// dopool-cli serve: the scheduler headless, until SIGTERM/SIGINT.
#include "CommandSupport.h"
#include "Commands.h"
#include "EngineRuntime.h"
#include "OptionParser.h"
#include "StallWatchdog.h"
#include "common/ApiBaseUrl.h"
#include "common/EnvNumbers.h"
#include "common/Logging.h"
#include "common/StopSignals.h"
#include "common/Translate.h"
#include "coord/SharedPool.h"
#include "engine/AlertEvaluator.h"
#include "engine/Scheduler.h"
#include "engine/SyncService.h"
#include "engine/WebhookNotifier.h"
#include "pool/PoolKeyWatch.h"

#include <QJsonObject>

namespace dopool::cli {

namespace {

Result<int> intervalOption(const ParsedOptions &opts, const QString &name, int fallback)
{
    if (!opts.has(name))
        return fallback;
    bool ok = false;
    const int seconds = opts.value(name).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 86400)
        return makeError(ErrorKind::Usage,
                         CliTr::tr("--%1 must be a number of seconds from 1 to 86400").arg(name));
    return seconds;
}

// A rotation by another process: adopt the new key from the keychain, or stop the rounds and
// say so (critical alert, webhook) until this instance has the new key.
PoolKeyWatch *watchPoolKey(PoolSession &pool, EngineRuntime &runtime, engine::Scheduler &scheduler,
                           coord::SharedPool &shared, engine::WebhookNotifier *notifier)
{
    auto *watch = new PoolKeyWatch(pool, 5000, &runtime);
    QObject::connect(&shared, &coord::SharedPool::changed, watch,
                     [watch](const coord::Change &change) {
                         if (change.table == QLatin1String("dopool_meta"))
                             watch->check();
                     });
    auto announce = [notifier](const std::optional<Alert> &alert, bool raised) {
        if (notifier && alert)
            notifier->notify(engine::AlertChange{*alert, raised});
    };
    QObject::connect(watch, &PoolKeyWatch::outOfDate, &runtime,
                     [&pool, &runtime, &scheduler, &shared, announce](const QString &problem) {
                         scheduler.stop();
                         if (shared.leadership())
                             shared.leadership()->stop(); // another instance runs the rounds
                         const Actor &self = pool.actor();
                         Alert alert;
                         alert.kind = AlertKind::PoolKeyOutOfDate;
                         alert.severity = AlertSeverity::Critical;
                         alert.message =
                             CliTr::tr("dopool-cli serve on %1 (pid %2) stopped its rounds: %3")
                                 .arg(self.osUser + u'@' + self.host)
                                 .arg(self.pid)
                                 .arg(problem);
                         alert.details =
                             QJsonObject{{QStringLiteral("instanceId"), self.instanceId},
                                         {QStringLiteral("host"), self.host}};
                         alert.raisedAt = runtime.context().clock->now();
                         const auto raised = pool.store().raiseAlert(alert);
                         qCCritical(lcCli, "%s", qUtf8Printable(alert.message));
                         if (raised && raised->second)
                             announce(raised->first, true);
                     });
    QObject::connect(
        watch, &PoolKeyWatch::upToDate, &runtime, [&pool, &runtime, &scheduler, &shared, announce] {
            qCInfo(lcCli, "the pool key is up to date again: resuming the rounds");
            const auto resolved = pool.store().resolveAlert(AlertKind::PoolKeyOutOfDate, QString(),
                                                            runtime.context().clock->now());
            if (resolved && *resolved)
                announce(**resolved, false);
            if (shared.leadership())
                shared.leadership()->start();
            scheduler.start();
        });
    watch->start();
    return watch;
}

// How long a stop signal may wait for a clean stop before the process exits regardless.
constexpr int kDefaultStopGraceSecs = 10;
// How long the event loop may be held up (a database call not answering) before it is logged.
constexpr int kStallSecs = 5;

Result<int> stopGraceFromEnv(const QProcessEnvironment &env)
{
    const QString name = QStringLiteral("DOPOOL_STOP_GRACE_SECS");
    const auto secs = boundedIntFromEnv(
        env, name, 1, 3600, CliTr::tr("%1 must be a number of seconds from 1 to 3600").arg(name));
    if (!secs)
        return secs.error();
    return secs->value_or(kDefaultStopGraceSecs);
}

void serveCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("sync-interval"))
                          .valued(QStringLiteral("health-interval"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto syncSecs = intervalOption(*opts, QStringLiteral("sync-interval"), 300);
    if (!succeeded(ctx, syncSecs))
        return;
    const auto healthSecs = intervalOption(*opts, QStringLiteral("health-interval"), 60);
    if (!succeeded(ctx, healthSecs))
        return;
    QUrl webhook;
    if (const QString text = ctx.env().value(QStringLiteral("DOPOOL_WEBHOOK_URL"));
        !text.isEmpty()) {
        // A webhook may carry a query (an API key of the notification-service), so only the
        // transport rule applies, not the API base URL's stricter shape.
        webhook = QUrl(text.trimmed(), QUrl::StrictMode);
        if (!isSafeTransportUrl(webhook)) {
            ctx.fail(
                makeError(ErrorKind::Validation,
                          CliTr::tr("DOPOOL_WEBHOOK_URL must be an https URL (plain http only to "
                                    "a loopback host)")));
            return;
        }
    }
    const auto graceSecs = stopGraceFromEnv(ctx.env());
    if (!succeeded(ctx, graceSecs))
        return;
    const auto sharedOptions = coord::SharedPool::Options::fromEnvironment(ctx.env());
    if (!succeeded(ctx, sharedOptions))
        return;
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, syncSecs = *syncSecs, healthSecs = *healthSecs,
                                               webhook, graceSecs = *graceSecs,
                                               sharedOptions = *sharedOptions](PoolSession &pool) {
        auto runtime = EngineRuntime::create(ctx, pool);
        if (!succeeded(ctx, runtime))
            return;
        EngineRuntime *engineRuntime = *runtime;
        auto *sync = new engine::SyncService(engineRuntime->context(), engineRuntime);
        auto *alerts = new engine::AlertEvaluator(engineRuntime->context(), engineRuntime);
        auto *scheduler =
            new engine::Scheduler(engineRuntime->context(), sync, alerts, engineRuntime);
        engine::WebhookNotifier *notifier = nullptr;
        if (webhook.isValid()) {
            notifier = new engine::WebhookNotifier(webhook, engineRuntime);
            QObject::connect(alerts, &engine::AlertEvaluator::alertChanged, notifier,
                             &engine::WebhookNotifier::notify);
        }
        // Several instances on one PostgreSQL: only the leader runs each round, once per
        // interval pool-wide. On SQLite this instance simply runs them.
        auto shared = coord::SharedPool::open(pool.storeOptions(), pool.actor(), sharedOptions,
                                              engineRuntime);
        if (!succeeded(ctx, shared))
            return;
        coord::SharedPool *sharedPool = *shared;
        sharedPool->gate(*scheduler);
        auto logLeader = [](bool isLeader, const QString &leader) {
            if (isLeader)
                qCInfo(lcCli, "leader: this instance now leads the rounds");
            else if (leader.isEmpty())
                qCInfo(lcCli, "leader: none at the moment");
            else
                qCInfo(lcCli, "leader: %s", qUtf8Printable(leader));
        };
        if (sharedPool->isShared())
            logLeader(sharedPool->isLeader(), sharedPool->leaderDescription());
        QObject::connect(sharedPool, &coord::SharedPool::leadershipChanged, engineRuntime,
                         logLeader);
        QObject::connect(sharedPool, &coord::SharedPool::connectionChanged, engineRuntime,
                         [](bool up, const QString &error) {
                             if (up)
                                 qCInfo(lcCli, "database: reachable again");
                             else
                                 qCWarning(lcCli, "database: unreachable (%s); retrying",
                                           qUtf8Printable(error));
                         });
        auto *keyWatch = watchPoolKey(pool, *engineRuntime, *scheduler, *sharedPool, notifier);
        // A stop signal is honoured within graceSecs even when a call that does not return
        // (the database stopped answering) holds up the event loop.
        StopSignals::ForcedExit forcedExit;
        forcedExit.afterSecs = graceSecs;
        forcedExit.code = exitCodeFor(ErrorKind::Store);
        forcedExit.message =
            CliTr::tr("dopool-cli: not stopped %1 s after the signal (waiting on the database?); "
                      "exiting without waiting\n")
                .arg(graceSecs)
                .toUtf8();
        auto *watcher = new StopSignals(engineRuntime, forcedExit);
        new StallWatchdog(kStallSecs, engineRuntime);
        // Stopping waits for the rounds in progress, so no write is cut off halfway.
        struct ServeState
        {
            int roundsInFlight = 0;
            bool stopping = false;
        };
        auto state = std::make_shared<ServeState>();
        auto stopIfIdle = [&ctx, state] {
            if (state->stopping && state->roundsInFlight == 0)
                ctx.succeed(QJsonObject{{QStringLiteral("stopped"), true}}, QString());
        };
        QObject::connect(scheduler, &engine::Scheduler::roundStarted, engineRuntime,
                         [state](engine::Scheduler::Round round) {
                             ++state->roundsInFlight;
                             qCInfo(lcCli, "%s round started",
                                    round == engine::Scheduler::Round::Sync ? "sync" : "health");
                         });
        QObject::connect(
            scheduler, &engine::Scheduler::roundFinished, engineRuntime,
            [state, stopIfIdle](engine::Scheduler::Round round, int accounts, int failures) {
                --state->roundsInFlight;
                qCInfo(lcCli, "%s round finished: %d accounts, %d failures",
                       round == engine::Scheduler::Round::Sync ? "sync" : "health", accounts,
                       failures);
                stopIfIdle();
            });
        QObject::connect(watcher, &StopSignals::stopRequested, engineRuntime,
                         [scheduler, sharedPool, state, stopIfIdle, keyWatch, &pool,
                          engineRuntime](int request) {
                             qCInfo(lcCli, "%s: stopping after the rounds in progress",
                                    qUtf8Printable(StopSignals::describe(request)));
                             state->stopping = true;
                             if (keyWatch->isOutOfDate()) // this instance is going away
                                 (void)pool.store().resolveAlert(
                                     AlertKind::PoolKeyOutOfDate, QString(),
                                     engineRuntime->context().clock->now());
                             scheduler->stop();
                             sharedPool->stop(); // another instance takes over at once
                             stopIfIdle();
                         });
        scheduler->setIntervals(syncSecs, healthSecs);
        qCInfo(lcCli, "serving %s%s: sync every %d s, health every %d s",
               qUtf8Printable(pool.store().location()),
               sharedPool->isShared() ? " (shared with other instances)" : "", syncSecs,
               healthSecs);
        scheduler->start();
    });
}

} // namespace

QList<Command> serveCommands()
{
    return {{QStringLiteral("serve"),
             QStringLiteral("[--sync-interval SECONDS] [--health-interval SECONDS]"),
             CliTr::tr("run scheduled sync, health checks and alerts until SIGTERM/SIGINT"),
             serveCommand}};
}

} // namespace dopool::cli
