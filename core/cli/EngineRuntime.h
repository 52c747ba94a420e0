#pragma once

#include "CommandContext.h"
#include "host/EngineCore.h"
#include "host/PoolConfig.h"

namespace dopool::cli {

// What a command's settings come from: the environment and dopool-cli's own options.
host::ConfigSources configSources(const CommandContext &ctx);

// The DO client and engine settings for commands that talk to DigitalOcean, built from
// --api-base / DOPOOL_API_BASE and the environment (DIGITALOCEAN_DEFAULT_REGION,
// DOPOOL_SELECTION_POLICY, DOPOOL_UTILISATION_THRESHOLD, DOPOOL_SYNC_CONCURRENCY,
// DOPOOL_API_TIMEOUT_MS ...: host::resolveEngine). Lives as long as the command (a child of
// ctx.lifetime()).
struct EngineRuntime
{
    static Result<host::EngineCore *> create(const CommandContext &ctx, PoolSession &pool);
};

// dopool-cli's engine settings from the environment alone.
Result<engine::EngineSettings> engineSettingsFromEnv(const QProcessEnvironment &env);

} // namespace dopool::cli
