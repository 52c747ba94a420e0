#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

class QSocketNotifier;

namespace dopool::cli {

// Turns SIGTERM/SIGINT into a Qt signal through a self-pipe, so that `dopool-cli serve` stops
// cleanly from the event loop (nothing but write() and alarm() run in the handler). One per
// process.
//
// A clean stop needs the event loop, and a call that does not return (a database that stopped
// answering, with the TCP connection still open) keeps the loop from ever seeing the signal.
// So the first signal also arms a deadline: if, afterSecs later or at any moment after, the
// event loop has not run for a few seconds (a timer of this object beats in it), the process
// prints message and exits at once with code (_exit: no destructors, which might wait on the
// same call). A stop that is merely waiting for a round in progress keeps the loop running and
// is not cut off. 0 seconds: no deadline.
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
    QTimer m_beat; // proves the event loop runs, for the deadline
};

} // namespace dopool::cli
