#include "DesktopConfigBuilder.h"

#include "host/PoolConfig.h"

namespace dopool::ui {

Result<desktop::DesktopConfig> buildDesktopConfig(const LaunchOptions &launch,
                                                  const AppSettings &settings,
                                                  const QProcessEnvironment &env)
{
    host::ConfigSources sources;
    sources.frontEnd = host::FrontEnd::Desktop;
    sources.env = env;
    if (!launch.db.isEmpty())
        sources.commandLine.database = launch.db;
    if (!launch.apiBase.isEmpty())
        sources.commandLine.apiBase = launch.apiBase;
    host::ConfigSources::Saved saved;
    saved.database = settings.databaseUrl;
    saved.policy = settings.selectionPolicy;
    saved.utilisationThresholdPercent = settings.utilisationThresholdPercent;
    saved.syncIntervalSecs = settings.syncIntervalSecs;
    saved.healthIntervalSecs = settings.healthIntervalSecs;
    saved.webhookUrl = settings.webhookUrl;
    sources.saved = saved;

    desktop::DesktopConfig config;
    config.env = env;
    config.demo = launch.demo;
    if (!launch.demo) { // the demo's pool is a throwaway one
        const auto database = host::resolveDatabase(sources);
        if (!database)
            return database.error();
        config.database = *database;
    }
    const auto apiBase = host::resolveApiBase(sources);
    if (!apiBase)
        return apiBase.error();
    config.apiBase = *apiBase;
    const auto engine = host::resolveEngine(sources);
    if (!engine)
        return engine.error();
    config.engine = engine->settings;
    config.apiTimeoutMs = engine->apiTimeoutMs;
    const auto rounds = host::resolveRounds(sources);
    if (!rounds)
        return rounds.error();
    config.syncIntervalSecs = rounds->syncIntervalSecs;
    config.healthIntervalSecs = rounds->healthIntervalSecs;
    config.webhookUrl = rounds->webhookUrl;
    config.provisionOrders = settings.provisionOrders;
    return config;
}

} // namespace dopool::ui
