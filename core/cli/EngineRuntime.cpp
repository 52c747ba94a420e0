#include "EngineRuntime.h"

#include "CommandSupport.h"
#include "common/EnvNumbers.h"
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
    const auto bound = engine::syncConcurrencyFromEnv(env, settings.syncConcurrency);
    if (!bound)
        return bound.error();
    settings.syncConcurrency = *bound;
    const auto window = boundedIntFromEnv(
        env, QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS"), 0, 3600000,
        CliTr::tr("DOPOOL_UNCERTAIN_WINDOW_MS must be a number from 0 to 3600000"));
    if (!window)
        return window.error();
    if (window->has_value()) {
        settings.uncertainWindowMs = **window;
        // A short window (tests, impatient admins) gets proportionally short pauses.
        settings.uncertainIntervalMs = std::clamp(**window / 8, 1, settings.uncertainIntervalMs);
    }
    const auto grace = boundedIntFromEnv(
        env, QStringLiteral("DOPOOL_UNCERTAIN_GRACE_SECS"), 1, 7 * 86400,
        CliTr::tr("DOPOOL_UNCERTAIN_GRACE_SECS must be a number from 1 to 604800"));
    if (!grace)
        return grace.error();
    settings.uncertainGraceSecs = grace->value_or(settings.uncertainGraceSecs);
    return settings;
}

Result<EngineRuntime *> EngineRuntime::create(const CommandContext &ctx, PoolSession &pool)
{
    const auto settings = engineSettingsFromEnv(ctx.env());
    if (!settings)
        return settings.error();
    api::DoApiClient::Options options;
    const auto timeout =
        boundedIntFromEnv(ctx.env(), QStringLiteral("DOPOOL_API_TIMEOUT_MS"), 100, 600000,
                          CliTr::tr("DOPOOL_API_TIMEOUT_MS must be from 100 to 600000"));
    if (!timeout)
        return timeout.error();
    options.timeoutMs = timeout->value_or(options.timeoutMs);
    auto *runtime = new EngineRuntime(ctx.lifetime());
    api::DoApiClient::Dependencies deps;
    deps.clock = ctx.sessionOptions().clock;
    runtime->m_api = new api::DoApiClient(ctx.apiBase(), options, deps, runtime);
    runtime->m_context.useStore(pool.store());
    runtime->m_context.api = runtime->m_api;
    runtime->m_context.cipher = &pool.cipher();
    runtime->m_context.clock = ctx.sessionOptions().clock;
    runtime->m_context.settings = *settings;
    return runtime;
}

} // namespace dopool::cli
