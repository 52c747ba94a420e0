#include "StallWatchdog.h"

#include "common/Logging.h"

#include <chrono>

namespace dopool::cli {

StallWatchdog::StallWatchdog(int stallSecs, QObject *parent)
    : QObject(parent)
    , m_stallMs(qint64(std::max(1, stallSecs)) * 1000)
    , m_lastBeatMs(nowMs())
{
    m_beat.setInterval(1000);
    connect(&m_beat, &QTimer::timeout, this, &StallWatchdog::beat);
    m_beat.start();
    m_thread = std::thread([this] { watch(); });
}

StallWatchdog::~StallWatchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

qint64 StallWatchdog::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void StallWatchdog::beat()
{
    const qint64 now = nowMs();
    const qint64 last = m_lastBeatMs.exchange(now);
    if (m_stalled.exchange(false))
        qCInfo(lcCli, "database: answering again after %lld s", (now - last) / 1000);
}

void StallWatchdog::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, std::chrono::milliseconds(500));
        if (m_stopping)
            break;
        const qint64 silent = nowMs() - m_lastBeatMs.load();
        if (silent >= m_stallMs && !m_stalled.exchange(true)) {
            qCWarning(lcCli,
                      "database: no answer for %lld s (a call to the database has not returned; "
                      "is the server stopped?); still waiting",
                      silent / 1000);
        }
    }
}

} // namespace dopool::cli
