#pragma once

#include <QObject>

class QSocketNotifier;

namespace dopool::cli {

// Turns SIGTERM/SIGINT into a Qt signal through a self-pipe, so that `dopool-cli serve` stops
// cleanly from the event loop (nothing but write() runs in the handler). One per process.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isInstalled() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace dopool::cli
