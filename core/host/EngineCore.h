#pragma once

#include "PoolConfig.h"
#include "engine/EngineContext.h"

#include <QObject>
#include <QUrl>

namespace dopool {
class PoolSession;
}

namespace dopool::host {

// The DigitalOcean client and the engine context on an open pool: what every command and
// front end that talks to DigitalOcean builds first. The one place an EngineContext is
// assembled, so what the engine services get changes in one place.
class EngineCore : public QObject
{
    Q_OBJECT
public:
    struct Dependencies
    {
        const Clock *clock = nullptr;       // required: the engine's and the DO client's time
        api::DoApiClient::Dependencies api; // its clock defaults to the one above
    };

    // A Validation error when the DO client refuses apiBase (not https, nor http to loopback).
    static Result<EngineCore *> create(PoolSession &session, const QUrl &apiBase,
                                       const EngineConfig &config, Dependencies deps,
                                       QObject *parent);

    engine::EngineContext &context() { return m_context; }
    api::DoApiClient &api() { return *m_api; }

private:
    explicit EngineCore(QObject *parent)
        : QObject(parent)
    {}

    api::DoApiClient *m_api = nullptr;
    engine::EngineContext m_context;
};

} // namespace dopool::host
