#include "EngineRuntime.h"

#include "CommandSupport.h"
#include "common/Translate.h"

#include <algorithm>

namespace dopool::cli {

Result<engine::EngineSettings> engineSettingsFromEnv(const QProcessEnvironment &env)
{
    engine::EngineSettings settings;
    if (const QString region = env.value(QStringLiteral("DIGITALOCEAN_DEFAULT_REGION")).trimmed();
        !region.isEmpty())
        settings.defaultRegion = region;
    if (env.contains(QStringLiteral("DOPOOL_SELECTION_POLICY"))) {
        const auto policy =
            engine::selectionPolicyFromName(env.value(QStringLiteral("DOPOOL_SELECTION_POLICY")));
        if (!policy) {
            return makeError(
                ErrorKind::Validation,
                CliTr::tr("DOPOOL_SELECTION_POLICY must be plan-order or least-utilised"));
        }
        settings.policy = *policy;
    }
    if (env.contains(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD"))) {
        bool ok = false;
        const double percent =
            env.value(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD")).toDouble(&ok);
        if (!ok || percent <= 0 || percent > 100) {
            return makeError(
                ErrorKind::Validation,
                CliTr::tr("DOPOOL_UTILISATION_THRESHOLD must be a percentage from 1 to 100"));
        }
        settings.utilisationThreshold = percent / 100.0;
    }
    const auto degradedSecs =
        engine::degradedAlertSecsFromEnv(env, settings.degradedAlertAfterSecs);
    if (!degradedSecs)
        return degradedSecs.error();
    settings.degradedAlertAfterSecs = *degradedSecs;
    if (env.contains(QStringLiteral("DOPOOL_SYNC_CONCURRENCY"))) {
        bool ok = false;
        const int bound = env.value(QStringLiteral("DOPOOL_SYNC_CONCURRENCY")).toInt(&ok);
        if (!ok || bound < 1 || bound > 1000)
            return makeError(ErrorKind::Validation,
                             CliTr::tr("DOPOOL_SYNC_CONCURRENCY must be a number from 1 to 1000"));
        settings.syncConcurrency = bound;
    }
    if (env.contains(QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS"))) {
        bool ok = false;
        const int window = env.value(QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS")).toInt(&ok);
        if (!ok || window < 0 || window > 3600000)
            return makeError(
                ErrorKind::Validation,
                CliTr::tr("DOPOOL_UNCERTAIN_WINDOW_MS must be a number from 0 to 3600000"));
        settings.uncertainWindowMs = window;
        // A short window (tests, impatient admins) gets proportionally short pauses.
        settings.uncertainIntervalMs = std::clamp(window / 8, 1, settings.uncertainIntervalMs);
    }
    if (env.contains(QStringLiteral("DOPOOL_UNCERTAIN_GRACE_SECS"))) {
        bool ok = false;
        const int grace = env.value(QStringLiteral("DOPOOL_UNCERTAIN_GRACE_SECS")).toInt(&ok);
        if (!ok || grace < 1 || grace > 7 * 86400)
            return makeError(
                ErrorKind::Validation,
                CliTr::tr("DOPOOL_UNCERTAIN_GRACE_SECS must be a number from 1 to 604800"));
        settings.uncertainGraceSecs = grace;
    }
    return settings;
}

Result<EngineRuntime *> EngineRuntime::create(const CommandContext &ctx, PoolSession &pool)
{
    const auto settings = engineSettingsFromEnv(ctx.env());
    if (!settings)
        return settings.error();
    api::DoApiClient::Options options;
    if (ctx.env().contains(QStringLiteral("DOPOOL_API_TIMEOUT_MS"))) {
        bool ok = false;
        const int timeout = ctx.env().value(QStringLiteral("DOPOOL_API_TIMEOUT_MS")).toInt(&ok);
        if (!ok || timeout < 100 || timeout > 600000)
            return makeError(ErrorKind::Validation,
                             CliTr::tr("DOPOOL_API_TIMEOUT_MS must be from 100 to 600000"));
        options.timeoutMs = timeout;
    }
    auto *runtime = new EngineRuntime(ctx.lifetime());
    api::DoApiClient::Dependencies deps;
    deps.clock = ctx.sessionOptions().clock;
    runtime->m_api = new api::DoApiClient(ctx.apiBase(), options, deps, runtime);
    runtime->m_context.store = &pool.store();
    runtime->m_context.api = runtime->m_api;
    runtime->m_context.cipher = &pool.cipher();
    runtime->m_context.clock = ctx.sessionOptions().clock;
    runtime->m_context.settings = *settings;
    return runtime;
}

} // namespace dopool::cli
