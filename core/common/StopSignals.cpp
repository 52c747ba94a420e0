#include "StopSignals.h"

#include "StopSignalsBackend.h"

namespace dopool {

StopSignals::StopSignals(QObject *parent)
    : StopSignals(parent, ForcedExit{})
{}

StopSignals::StopSignals(QObject *parent, ForcedExit forcedExit)
    : QObject(parent)
{
    m_installed = stopsignals::install(this, forcedExit);
    if (!m_installed)
        return;
    stopsignals::beat();
    m_beat.setInterval(stopsignals::kBeatMs);
    connect(&m_beat, &QTimer::timeout, this, [] { stopsignals::beat(); });
    m_beat.start();
}

StopSignals::~StopSignals()
{
    if (m_installed)
        stopsignals::uninstall();
}

void StopSignals::deliver(int request)
{
    Q_EMIT stopRequested(request);
}

QString StopSignals::describe(int request)
{
    return stopsignals::describe(request);
}

} // namespace dopool
