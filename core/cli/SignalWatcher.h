#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace dopool::cli {

// Turns SIGTERM/SIGINT into a Qt signal through a self-pipe, so that `dopool-cli serve` stops
// cleanly from the event loop (nothing but write() and alarm() run in the handler). One per
// process.
//
// A clean stop needs the event loop, and a call that does not return (a database that stopped
// answering, with the TCP connection still open) keeps the loop from ever seeing the signal.
// So the first signal also arms a deadline: if the process is still alive forceExitAfterSecs
// later, it prints forceExitMessage and exits at once with forceExitCode (_exit: no
// destructors, which might wait on the same call). 0 seconds: no deadline.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    struct ForcedExit
    {
        int afterSecs = 0;
        int code = 1;
        QByteArray message; // written to stderr as is
    };

    explicit SignalWatcher(QObject *parent = nullptr); // no forced exit
    SignalWatcher(QObject *parent, ForcedExit forcedExit);
    ~SignalWatcher() override;

    bool isInstalled() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace dopool::cli
