#include "DesktopConfigBuilder.h"

#include "common/ApiBaseUrl.h"

namespace dopool::ui {

Result<desktop::DesktopConfig> buildDesktopConfig(const LaunchOptions &launch,
                                                  const AppSettings &settings,
                                                  const QProcessEnvironment &env)
{
    desktop::DesktopConfig config;
    config.env = env;
    config.demo = launch.demo;

    QString db = launch.db;
    if (db.isEmpty())
        db = env.value(QStringLiteral("DOPOOL_DB"));
    if (db.isEmpty())
        db = settings.databaseUrl;
    if (!db.isEmpty() && !launch.demo) {
        const auto parsed = DatabaseUrl::parse(db);
        if (!parsed)
            return parsed.error();
        config.database = *parsed;
    }

    QString apiBase = launch.apiBase;
    if (apiBase.isEmpty())
        apiBase = env.value(QStringLiteral("DOPOOL_API_BASE"));
    if (apiBase.isEmpty()) {
        config.apiBase = defaultApiBaseUrl();
    } else {
        const auto parsed = parseApiBaseUrl(apiBase);
        if (!parsed)
            return parsed.error();
        config.apiBase = *parsed;
    }

    config.engine.policy = settings.selectionPolicy;
    config.engine.utilisationThreshold = settings.utilisationThresholdPercent / 100.0;
    if (const QString region = env.value(QStringLiteral("DIGITALOCEAN_DEFAULT_REGION")).trimmed();
        !region.isEmpty())
        config.engine.defaultRegion = region;
    const auto degradedSecs =
        engine::degradedAlertSecsFromEnv(env, config.engine.degradedAlertAfterSecs);
    if (!degradedSecs)
        return degradedSecs.error();
    config.engine.degradedAlertAfterSecs = *degradedSecs;
    const auto syncBound = engine::syncConcurrencyFromEnv(env, config.engine.syncConcurrency);
    if (!syncBound)
        return syncBound.error();
    config.engine.syncConcurrency = *syncBound;
    config.syncIntervalSecs = settings.syncIntervalSecs;
    config.healthIntervalSecs = settings.healthIntervalSecs;
    config.webhookUrl = settings.webhookUrl.isEmpty()
                            ? env.value(QStringLiteral("DOPOOL_WEBHOOK_URL")).trimmed()
                            : settings.webhookUrl;
    return config;
}

} // namespace dopool::ui
