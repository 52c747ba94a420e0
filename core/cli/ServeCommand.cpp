// dopool-cli serve: the engine host headless, until SIGTERM/SIGINT.
#include "CommandSupport.h"
#include "Commands.h"
#include "EngineRuntime.h"
#include "OptionParser.h"
#include "StallWatchdog.h"
#include "common/EnvNumbers.h"
#include "common/Logging.h"
#include "common/StopSignals.h"
#include "common/Translate.h"
#include "engine/OrderIntake.h"
#include "engine/Scheduler.h"
#include "host/EngineHost.h"

#include <QJsonObject>

namespace dopool::cli {

namespace {

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

const char *roundName(engine::Scheduler::Round round)
{
    return round == engine::Scheduler::Round::Sync ? "sync" : "health";
}

void logLeader(bool isLeader, const QString &leader)
{
    if (isLeader)
        qCInfo(lcCli, "leader: this instance now leads the rounds");
    else if (leader.isEmpty())
        qCInfo(lcCli, "leader: none at the moment");
    else
        qCInfo(lcCli, "leader: %s", qUtf8Printable(leader));
}

// What serve logs of the host: leadership, the database's reachability, the pool key.
void logHost(host::EngineHost &engineHost)
{
    coord::SharedPool &shared = engineHost.sharedPool();
    if (shared.isShared())
        logLeader(shared.isLeader(), shared.leaderDescription());
    QObject::connect(&shared, &coord::SharedPool::leadershipChanged, &engineHost, &logLeader);
    QObject::connect(&shared, &coord::SharedPool::connectionChanged, &engineHost,
                     [](bool up, const QString &error) {
                         if (up)
                             qCInfo(lcCli, "database: reachable again");
                         else
                             qCWarning(lcCli, "database: unreachable (%s); retrying",
                                       qUtf8Printable(error));
                     });
}

// A rotation by another process this instance cannot follow: the alert (critical, webhook) and
// the log say who stopped its rounds.
std::function<QString(const QString &)> keyAlertMessage(const Actor &self)
{
    return [self](const QString &problem) {
        return CliTr::tr("dopool-cli serve on %1 (pid %2) stopped its rounds: %3")
            .arg(self.osUser + u'@' + self.host)
            .arg(self.pid)
            .arg(problem);
    };
}

// Stopping waits for the rounds in progress, so no write is cut off halfway.
void stopOnSignal(CommandContext &ctx, host::EngineHost &engineHost, int graceSecs)
{
    // A stop signal is honoured within graceSecs even when a call that does not return (the
    // database stopped answering) holds up the event loop.
    StopSignals::ForcedExit forcedExit;
    forcedExit.afterSecs = graceSecs;
    forcedExit.code = exitCodeFor(ErrorKind::Store);
    forcedExit.message =
        CliTr::tr("dopool-cli: not stopped %1 s after the signal (waiting on the database?); "
                  "exiting without waiting\n")
            .arg(graceSecs)
            .toUtf8();
    auto *watcher = new StopSignals(&engineHost, forcedExit);
    struct ServeState
    {
        int roundsInFlight = 0;
        bool stopping = false;
        bool stopped = false;
    };
    auto state = std::make_shared<ServeState>();
    engine::OrderIntake *intake = engineHost.orderIntake();
    auto stopIfIdle = [&ctx, state, intake] {
        if (state->stopping && !state->stopped && state->roundsInFlight == 0 &&
            (!intake || intake->inFlight() == 0)) {
            state->stopped = true;
            ctx.succeed(QJsonObject{{QStringLiteral("stopped"), true}}, QString());
        }
    };
    if (intake) {
        // Orders under way are finished before the process ends (their claims would otherwise
        // wait out the lease before another instance adopts them).
        QObject::connect(intake, &engine::OrderIntake::idle, &engineHost, stopIfIdle);
        QObject::connect(intake, &engine::OrderIntake::orderDone, &engineHost,
                         [](const ProvisioningTask &task) {
                             qCInfo(lcCli, "order %s: %s", qUtf8Printable(task.orderId),
                                    qUtf8Printable(task.statusText()));
                         });
    }
    engine::Scheduler *scheduler = engineHost.scheduler();
    QObject::connect(scheduler, &engine::Scheduler::roundStarted, &engineHost,
                     [state](engine::Scheduler::Round round) {
                         ++state->roundsInFlight;
                         qCInfo(lcCli, "%s round started", roundName(round));
                     });
    QObject::connect(
        scheduler, &engine::Scheduler::roundFinished, &engineHost,
        [state, stopIfIdle](engine::Scheduler::Round round, int accounts, int failures) {
            --state->roundsInFlight;
            qCInfo(lcCli, "%s round finished: %d accounts, %d failures", roundName(round), accounts,
                   failures);
            stopIfIdle();
        });
    QObject::connect(watcher, &StopSignals::stopRequested, &engineHost,
                     [&engineHost, state, stopIfIdle](int request) {
                         qCInfo(lcCli, "%s: stopping after the rounds in progress",
                                qUtf8Printable(StopSignals::describe(request)));
                         state->stopping = true;
                         engineHost.stop();
                         stopIfIdle();
                     });
}

void serveCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("sync-interval"))
                          .valued(QStringLiteral("health-interval"))
                          .flag(QStringLiteral("no-orders"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    host::ConfigSources sources = configSources(ctx);
    for (auto [name, target] :
         {std::pair{QStringLiteral("sync-interval"), &sources.commandLine.syncIntervalSecs},
          std::pair{QStringLiteral("health-interval"), &sources.commandLine.healthIntervalSecs}}) {
        if (opts->has(name))
            *target = opts->value(name);
    }
    const auto rounds = host::resolveRounds(sources);
    if (!succeeded(ctx, rounds))
        return;
    const auto webhook = host::checkedWebhook(rounds->webhookUrl, host::FrontEnd::Cli);
    if (!succeeded(ctx, webhook))
        return;
    const auto graceSecs = stopGraceFromEnv(ctx.env());
    if (!succeeded(ctx, graceSecs))
        return;
    const auto sharedOptions = coord::SharedPool::Options::fromEnvironment(ctx.env());
    if (!succeeded(ctx, sharedOptions))
        return;
    const bool orders = !opts->has(QStringLiteral("no-orders"));
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, sources, rounds = *rounds, webhook = *webhook,
                                               graceSecs = *graceSecs, orders,
                                               sharedOptions = *sharedOptions](PoolSession &pool) {
        const auto engineConfig = host::resolveEngine(sources);
        if (!succeeded(ctx, engineConfig))
            return;
        host::EngineHost::Settings settings;
        settings.apiBase = ctx.apiBase();
        settings.engine = *engineConfig;
        settings.webhook = webhook;
        settings.syncIntervalSecs = rounds.syncIntervalSecs;
        settings.healthIntervalSecs = rounds.healthIntervalSecs;
        settings.shared = sharedOptions;
        settings.keyAlertMessage = keyAlertMessage(pool.actor());
        settings.provisionOrders = orders;
        host::EngineHost::Dependencies deps;
        deps.clock = ctx.sessionOptions().clock;
        const auto created =
            host::EngineHost::create(pool, std::move(settings), std::move(deps), ctx.lifetime());
        if (!succeeded(ctx, created))
            return;
        host::EngineHost &engineHost = **created;
        logHost(engineHost);
        QObject::connect(&engineHost, &host::EngineHost::keyProblemChanged, &engineHost,
                         [message = keyAlertMessage(pool.actor())](const QString &problem) {
                             if (problem.isEmpty())
                                 qCInfo(lcCli,
                                        "the pool key is up to date again: resuming the rounds");
                             else
                                 qCCritical(lcCli, "%s", qUtf8Printable(message(problem)));
                         });
        new StallWatchdog(kStallSecs, &engineHost);
        stopOnSignal(ctx, engineHost, graceSecs);
        qCInfo(lcCli, "serving %s%s: sync every %d s, health every %d s, %s",
               qUtf8Printable(pool.store().location()),
               engineHost.sharedPool().isShared() ? " (shared with other instances)" : "",
               rounds.syncIntervalSecs, rounds.healthIntervalSecs,
               orders ? "provisioning queued orders" : "not provisioning queued orders");
        engineHost.startRounds();
    });
}

} // namespace

QList<Command> serveCommands()
{
    return {{QStringLiteral("serve"),
             QStringLiteral("[--sync-interval SECONDS] [--health-interval SECONDS] [--no-orders]"),
             CliTr::tr("run scheduled sync, health checks, alerts and the order queue until "
                       "SIGTERM/SIGINT"),
             serveCommand}};
}

} // namespace dopool::cli
