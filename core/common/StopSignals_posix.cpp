// POSIX stop requests: SIGTERM and SIGINT through a self-pipe, the deadline through alarm().
// Nothing but write(), alarm(), clock_gettime() and _exit() runs in the handlers.
#include "StopSignalsBackend.h"

#include <QSocketNotifier>
#include <algorithm>
#include <atomic>
#include <csignal>
#include <ctime>
#include <sys/socket.h>
#include <unistd.h>

namespace dopool::StopSignalsBackend {

namespace {
int g_pipe[2] = {-1, -1};
QSocketNotifier *g_notifier = nullptr;
// Read by the handlers: set before they are installed, never changed while they are.
unsigned g_forceExitAfterSecs = 0;
int g_forceExitCode = 1;
char g_forceExitMessage[512] = {};
size_t g_forceExitMessageSize = 0;
volatile sig_atomic_t g_deadlineArmed = 0;
// When the event loop last ran (CLOCK_MONOTONIC ms); lock-free, so the handler may read it.
std::atomic<long long> g_lastBeatMs{0};
static_assert(std::atomic<long long>::is_always_lock_free);

long long monotonicMs()
{
    timespec now = {};
    ::clock_gettime(CLOCK_MONOTONIC, &now); // async-signal-safe
    return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

void onSignal(int number)
{
    const unsigned char byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const auto written = ::write(g_pipe[0], &byte, 1);
    if (g_forceExitAfterSecs > 0 && !g_deadlineArmed) {
        g_deadlineArmed = 1;
        ::alarm(g_forceExitAfterSecs);
    }
}

void onDeadline(int)
{
    if (monotonicMs() - g_lastBeatMs.load() < kStuckMs) {
        ::alarm(1); // the loop runs: the clean stop is on its way; look again in a second
        return;
    }
    [[maybe_unused]] const auto written =
        ::write(STDERR_FILENO, g_forceExitMessage, g_forceExitMessageSize);
    ::_exit(g_forceExitCode);
}
} // namespace

bool install(StopSignals *owner, const StopSignals::ForcedExit &forcedExit)
{
    if (g_pipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
        return false;
    g_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, owner);
    QObject::connect(g_notifier, &QSocketNotifier::activated, owner, [owner] {
        unsigned char byte = 0;
        if (::read(g_pipe[1], &byte, 1) == 1)
            owner->deliver(byte);
    });
    g_forceExitAfterSecs = unsigned(std::max(0, forcedExit.afterSecs));
    g_forceExitCode = forcedExit.code;
    g_forceExitMessageSize =
        size_t(std::min<qsizetype>(forcedExit.message.size(), sizeof(g_forceExitMessage)));
    std::copy_n(forcedExit.message.constData(), g_forceExitMessageSize, g_forceExitMessage);
    g_deadlineArmed = 0;
    struct sigaction action = {};
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (g_forceExitAfterSecs > 0) {
        action.sa_handler = onDeadline;
        ::sigaction(SIGALRM, &action, nullptr);
    }
    action.sa_handler = onSignal;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    return true;
}

void uninstall()
{
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    // The SIGALRM handler stays: after a stop signal the deadline keeps running until the
    // process is gone, so a destructor stuck on the database cannot keep it alive either (with
    // the owner gone nothing beats any more).
    delete g_notifier;
    g_notifier = nullptr;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void beat()
{
    g_lastBeatMs = monotonicMs();
}

QString describe(int request)
{
    return QStringLiteral("signal %1").arg(request);
}

} // namespace dopool::StopSignalsBackend
