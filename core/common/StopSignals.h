#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace dopool {

// The operating system's requests to stop a console process, as a Qt signal in the event loop
// of the thread that made this object: SIGTERM and SIGINT on POSIX (through a self-pipe: the
// handler only writes a byte), Ctrl+C, Ctrl+Break and the console's close, logoff and shutdown
// events on Windows (SetConsoleCtrlHandler; the handler posts an event). The platform parts
// are StopSignals_posix.cpp and StopSignals_win.cpp, one of which CMake builds. One per
// process.
//
// A clean stop needs the event loop, and a call that does not return (a database that stopped
// answering, with the TCP connection still open) keeps the loop from ever seeing the request.
// So the first request also arms a deadline: if, afterSecs later or at any moment after, the
// event loop has not run for a few seconds (a timer of this object beats in it), the process
// prints message and exits at once with code (no destructors, which might wait on the same
// call). A stop that is merely waiting for a round in progress keeps the loop running and is
// not cut off. 0 seconds: no deadline.
class StopSignals : public QObject
{
    Q_OBJECT
public:
    struct ForcedExit
    {
        int afterSecs = 0;
        int code = 1;
        QByteArray message; // written to stderr as is
    };

    explicit StopSignals(QObject *parent = nullptr); // no forced exit
    StopSignals(QObject *parent, ForcedExit forcedExit);
    ~StopSignals() override;

    bool isInstalled() const { return m_installed; }

    // The backends' way in; always called in this object's thread.
    void deliver(int request);

    // For logs: "signal 15", "console event 0 (Ctrl+C)".
    static QString describe(int request);

Q_SIGNALS:
    // request: the signal number on POSIX, the console control event (CTRL_C_EVENT ...) on
    // Windows.
    void stopRequested(int request);

private:
    bool m_installed = false;
    QTimer m_beat; // proves the event loop runs, for the deadline
};

} // namespace dopool
