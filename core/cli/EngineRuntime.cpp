#include "EngineRuntime.h"

namespace dopool::cli {

host::ConfigSources configSources(const CommandContext &ctx)
{
    host::ConfigSources sources;
    sources.frontEnd = host::FrontEnd::Cli;
    sources.env = ctx.env();
    return sources;
}

Result<engine::EngineSettings> engineSettingsFromEnv(const QProcessEnvironment &env)
{
    host::ConfigSources sources;
    sources.env = env;
    const auto config = host::resolveEngine(sources);
    if (!config)
        return config.error();
    return config->settings;
}

Result<host::EngineCore *> EngineRuntime::create(const CommandContext &ctx, PoolSession &pool)
{
    const auto config = host::resolveEngine(configSources(ctx));
    if (!config)
        return config.error();
    host::EngineCore::Dependencies deps;
    deps.clock = ctx.sessionOptions().clock;
    return host::EngineCore::create(pool, ctx.apiBase(), *config, std::move(deps), ctx.lifetime());
}

} // namespace dopool::cli
