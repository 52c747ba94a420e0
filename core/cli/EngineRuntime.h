#pragma once

#include "CommandContext.h"
#include "engine/EngineContext.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace dopool::cli {

// The DO API client and engine settings for commands that talk to DigitalOcean, built from
// --api-base / DOPOOL_API_BASE and the environment (DIGITALOCEAN_DEFAULT_REGION,
// DOPOOL_SELECTION_POLICY, DOPOOL_UTILISATION_THRESHOLD, DOPOOL_SYNC_CONCURRENCY,
// DOPOOL_API_TIMEOUT_MS).
// Lives as long as the command (a child of ctx.lifetime()).
class EngineRuntime : public QObject
{
    Q_OBJECT
public:
    static Result<EngineRuntime *> create(const CommandContext &ctx, PoolSession &pool);

    engine::EngineContext &context() { return m_context; }
    api::DoApiClient &api() { return *m_api; }

private:
    explicit EngineRuntime(QObject *parent)
        : QObject(parent)
    {}
    api::DoApiClient *m_api = nullptr;
    engine::EngineContext m_context;
};

Result<engine::EngineSettings> engineSettingsFromEnv(const QProcessEnvironment &env);

} // namespace dopool::cli
