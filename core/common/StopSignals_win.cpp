// Windows stop requests: a console control handler (SetConsoleCtrlHandler). Windows runs the
// handler in a thread of its own, so it may post to the owner's event loop directly; the
// deadline is a watchdog thread started by the first request.
#include "StopSignalsBackend.h"

#include <QMetaObject>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <windows.h>

namespace dopool::StopSignalsBackend {

namespace {
std::mutex g_mutex;             // guards g_owner against uninstall() while a handler posts to it
StopSignals *g_owner = nullptr; // set and cleared under g_mutex
bool g_installed = false;
StopSignals::ForcedExit g_forcedExit;
std::atomic<bool> g_deadlineArmed{false};
std::atomic<long long> g_lastBeatMs{0};

long long monotonicMs()
{
    return static_cast<long long>(GetTickCount64());
}

// Runs detached until the process is gone: exits it when the event loop has been stuck for
// kStuckMs once afterSecs have passed since the first stop request.
void watchDeadline(int afterSecs, int code, QByteArray message)
{
    std::this_thread::sleep_for(std::chrono::seconds(afterSecs));
    while (monotonicMs() - g_lastBeatMs.load() < kStuckMs)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    DWORD written = 0;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), message.constData(), DWORD(message.size()), &written,
              nullptr);
    std::_Exit(code); // no destructors: one of them may wait on the same stuck call
}

BOOL WINAPI onConsoleControl(DWORD event)
{
    switch (event) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        break;
    default:
        return FALSE;
    }
    {
        const std::lock_guard lock(g_mutex);
        StopSignals *owner = g_owner;
        if (!owner)
            return FALSE; // the default handler ends the process
        const int request = int(event);
        QMetaObject::invokeMethod(
            owner, [owner, request] { owner->deliver(request); }, Qt::QueuedConnection);
        if (g_forcedExit.afterSecs > 0 && !g_deadlineArmed.exchange(true))
            std::thread(watchDeadline, g_forcedExit.afterSecs, g_forcedExit.code,
                        g_forcedExit.message)
                .detach();
    }
    // Ctrl+C and Ctrl+Break: handled, the process goes on to stop cleanly. Close, logoff and
    // shutdown end the process as soon as the handler returns, so give the clean stop the
    // time Windows allows (about 5 s for close) before returning.
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT)
        Sleep(4500);
    return TRUE;
}
} // namespace

bool install(StopSignals *owner, const StopSignals::ForcedExit &forcedExit)
{
    const std::lock_guard lock(g_mutex);
    if (g_installed)
        return false;
    g_owner = owner;
    g_forcedExit = forcedExit;
    g_deadlineArmed = false;
    if (!SetConsoleCtrlHandler(onConsoleControl, TRUE)) {
        g_owner = nullptr;
        return false;
    }
    g_installed = true;
    return true;
}

void uninstall()
{
    SetConsoleCtrlHandler(onConsoleControl, FALSE);
    const std::lock_guard lock(g_mutex);
    g_owner = nullptr;
    g_installed = false;
}

void beat()
{
    g_lastBeatMs = monotonicMs();
}

QString describe(int request)
{
    switch (DWORD(request)) {
    case CTRL_C_EVENT:
        return QStringLiteral("console event %1 (Ctrl+C)").arg(request);
    case CTRL_BREAK_EVENT:
        return QStringLiteral("console event %1 (Ctrl+Break)").arg(request);
    case CTRL_CLOSE_EVENT:
        return QStringLiteral("console event %1 (window closed)").arg(request);
    case CTRL_LOGOFF_EVENT:
        return QStringLiteral("console event %1 (logoff)").arg(request);
    case CTRL_SHUTDOWN_EVENT:
        return QStringLiteral("console event %1 (shutdown)").arg(request);
    default:
        break;
    }
    return QStringLiteral("console event %1").arg(request);
}

} // namespace dopool::StopSignalsBackend
