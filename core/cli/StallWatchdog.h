#pragma once

#include <QObject>
#include <QTimer>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace dopool::cli {

// Notices when the thread that created it stops running its event loop - in `serve`, a
// database call that does not return because the server stopped answering while the TCP
// connection stays open (no timeout of ours can fire then: statement_timeout is the server's,
// and the kernel keeps acknowledging for a stopped process). A timer in the watched thread
// beats every second; a thread of its own logs once when no beat came for stallSecs, and again
// when the beats resume, so the log says what is going on and for how long.
class StallWatchdog : public QObject
{
    Q_OBJECT
public:
    explicit StallWatchdog(int stallSecs, QObject *parent = nullptr);
    ~StallWatchdog() override; // joins the thread

private:
    void beat();
    void watch();
    static qint64 nowMs();

    const qint64 m_stallMs;
    QTimer m_beat;
    std::atomic<qint64> m_lastBeatMs;
    std::atomic<bool> m_stalled{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace dopool::cli
