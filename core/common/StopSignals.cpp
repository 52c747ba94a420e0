#include "StopSignals.h"

#include "StopSignalsBackend.h"

namespace dopool {

StopSignals::StopSignals(QObject *parent)
    : StopSignals(parent, ForcedExit{})
{}

StopSignals::StopSignals(QObject *parent, ForcedExit forcedExit)
    : QObject(parent)
{
    m_installed = StopSignalsBackend::install(this, forcedExit);
    if (!m_installed)
        return;
    StopSignalsBackend::beat();
    m_beat.setInterval(StopSignalsBackend::kBeatMs);
    connect(&m_beat, &QTimer::timeout, this, [] { StopSignalsBackend::beat(); });
    m_beat.start();
}

StopSignals::~StopSignals()
{
    if (m_installed)
        StopSignalsBackend::uninstall();
}

void StopSignals::deliver(int request)
{
    Q_EMIT stopRequested(request);
}

QString StopSignals::describe(int request)
{
    return StopSignalsBackend::describe(request);
}

} // namespace dopool
