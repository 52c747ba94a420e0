#include "PoolConfig.h"

#include "common/ApiBaseUrl.h"
#include "common/EnvNumbers.h"
#include "common/Translate.h"

#include <algorithm>

namespace dopool::host {

namespace {

// A given --sync-interval / --health-interval: whole seconds, 1 s to a day.
Result<int> intervalOption(const std::optional<QString> &given, const QString &name, int fallback)
{
    if (!given)
        return fallback;
    bool ok = false;
    const int seconds = given->toInt(&ok);
    if (!ok || seconds < 1 || seconds > 86400)
        return makeError(ErrorKind::Usage,
                         CliTr::tr("--%1 must be a number of seconds from 1 to 86400").arg(name));
    return seconds;
}

Result<void> readPolicyAndThreshold(const ConfigSources &sources, engine::EngineSettings &settings)
{
    if (sources.saved) {
        settings.policy = sources.saved->policy;
        settings.utilisationThreshold = sources.saved->utilisationThresholdPercent / 100.0;
        return {};
    }
    const QProcessEnvironment &env = sources.env;
    if (env.contains(QStringLiteral("DOPOOL_SELECTION_POLICY"))) {
        const auto policy =
            engine::selectionPolicyFromName(env.value(QStringLiteral("DOPOOL_SELECTION_POLICY")));
        if (!policy)
            return makeError(
                ErrorKind::Validation,
                CliTr::tr("DOPOOL_SELECTION_POLICY must be plan-order or least-utilised"));
        settings.policy = *policy;
    }
    if (env.contains(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD"))) {
        bool ok = false;
        const double percent =
            env.value(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD")).toDouble(&ok);
        if (!ok || percent <= 0 || percent > 100)
            return makeError(
                ErrorKind::Validation,
                CliTr::tr("DOPOOL_UTILISATION_THRESHOLD must be a percentage from 1 to 100"));
        settings.utilisationThreshold = percent / 100.0;
    }
    return {};
}

// How a create without a clear answer is followed up (dopool-cli: provision runs there).
Result<void> readUncertainCreates(const QProcessEnvironment &env, engine::EngineSettings &settings)
{
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
    return {};
}

} // namespace

Result<DatabaseUrl> resolveDatabase(const ConfigSources &sources)
{
    QString url;
    if (sources.commandLine.database)
        url = *sources.commandLine.database;
    else
        url = sources.env.value(QStringLiteral("DOPOOL_DB"));
    if (url.isEmpty() && !sources.commandLine.database && sources.saved)
        url = sources.saved->database;
    if (url.isEmpty())
        return DatabaseUrl::defaultLocation();
    return DatabaseUrl::parse(url);
}

Result<QUrl> resolveApiBase(const ConfigSources &sources)
{
    // An empty value given on purpose must not quietly mean the production API.
    if (sources.commandLine.apiBase && sources.commandLine.apiBase->trimmed().isEmpty())
        return makeError(ErrorKind::Validation,
                         CliTr::tr("--api-base is empty; give a URL such as "
                                   "https://api.digitalocean.com, or leave the option out"));
    const QString url = sources.commandLine.apiBase
                            ? *sources.commandLine.apiBase
                            : sources.env.value(QStringLiteral("DOPOOL_API_BASE"));
    if (url.isEmpty())
        return defaultApiBaseUrl();
    return parseApiBaseUrl(url);
}

Result<EngineConfig> resolveEngine(const ConfigSources &sources)
{
    const QProcessEnvironment &env = sources.env;
    EngineConfig config;
    engine::EngineSettings &settings = config.settings;
    if (const QString region = env.value(QStringLiteral("DIGITALOCEAN_DEFAULT_REGION")).trimmed();
        !region.isEmpty())
        settings.defaultRegion = region;
    if (auto read = readPolicyAndThreshold(sources, settings); !read)
        return read.error();
    const auto degradedSecs =
        engine::degradedAlertSecsFromEnv(env, settings.degradedAlertAfterSecs);
    if (!degradedSecs)
        return degradedSecs.error();
    settings.degradedAlertAfterSecs = *degradedSecs;
    const auto bound = engine::syncConcurrencyFromEnv(env, settings.syncConcurrency);
    if (!bound)
        return bound.error();
    settings.syncConcurrency = *bound;
    if (sources.frontEnd == FrontEnd::Desktop)
        return config;
    if (auto read = readUncertainCreates(env, settings); !read)
        return read.error();
    const auto timeout =
        boundedIntFromEnv(env, QStringLiteral("DOPOOL_API_TIMEOUT_MS"), 100, 600000,
                          CliTr::tr("DOPOOL_API_TIMEOUT_MS must be from 100 to 600000"));
    if (!timeout)
        return timeout.error();
    config.apiTimeoutMs = timeout->value_or(config.apiTimeoutMs);
    return config;
}

Result<RoundsConfig> resolveRounds(const ConfigSources &sources)
{
    RoundsConfig config;
    if (sources.saved) {
        config.syncIntervalSecs = sources.saved->syncIntervalSecs;
        config.healthIntervalSecs = sources.saved->healthIntervalSecs;
    }
    const auto syncSecs = intervalOption(sources.commandLine.syncIntervalSecs,
                                         QStringLiteral("sync-interval"), config.syncIntervalSecs);
    if (!syncSecs)
        return syncSecs.error();
    config.syncIntervalSecs = *syncSecs;
    const auto healthSecs =
        intervalOption(sources.commandLine.healthIntervalSecs, QStringLiteral("health-interval"),
                       config.healthIntervalSecs);
    if (!healthSecs)
        return healthSecs.error();
    config.healthIntervalSecs = *healthSecs;
    if (sources.saved && !sources.saved->webhookUrl.isEmpty())
        config.webhookUrl = sources.saved->webhookUrl;
    else if (sources.frontEnd == FrontEnd::Desktop)
        config.webhookUrl = sources.env.value(QStringLiteral("DOPOOL_WEBHOOK_URL")).trimmed();
    else // dopool-cli refuses a value of blanks rather than running without the webhook
        config.webhookUrl = sources.env.value(QStringLiteral("DOPOOL_WEBHOOK_URL"));
    return config;
}

Result<QUrl> checkedWebhook(const QString &url, FrontEnd frontEnd)
{
    if (url.isEmpty())
        return QUrl();
    // A webhook may carry a query (an API key of the notification service), so only the
    // transport rule applies, not the API base URL's stricter shape.
    const QUrl webhook(frontEnd == FrontEnd::Cli ? url.trimmed() : url, QUrl::StrictMode);
    if (isSafeTransportUrl(webhook))
        return webhook;
    if (frontEnd == FrontEnd::Desktop)
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("The webhook URL must be https:// (or http:// to this machine)"));
    return makeError(ErrorKind::Validation,
                     CliTr::tr("DOPOOL_WEBHOOK_URL must be an https URL (plain http only to a "
                               "loopback host)"));
}

} // namespace dopool::host
