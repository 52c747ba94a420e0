#include "EngineCore.h"

#include "pool/PoolSession.h"

namespace dopool::host {

Result<EngineCore *> EngineCore::create(PoolSession &session, const QUrl &apiBase,
                                        const EngineConfig &config, Dependencies deps,
                                        QObject *parent)
{
    Q_ASSERT(deps.clock);
    if (!deps.api.clock)
        deps.api.clock = deps.clock;
    api::DoApiClient::Options apiOptions;
    apiOptions.timeoutMs = config.apiTimeoutMs;
    auto core = std::unique_ptr<EngineCore>(new EngineCore(parent));
    core->m_api = new api::DoApiClient(apiBase, apiOptions, std::move(deps.api), core.get());
    if (core->m_api->refusal())
        return makeError(ErrorKind::Validation, core->m_api->refusal()->message);
    core->m_context.useStore(session.store());
    core->m_context.api = core->m_api;
    core->m_context.cipher = &session.cipher();
    core->m_context.clock = deps.clock;
    core->m_context.settings = config.settings;
    core->m_context.instanceId = session.actor().instanceId;
    return core.release();
}

} // namespace dopool::host
