#pragma once

#include "PoolSession.h"

#include <QObject>
#include <QTimer>

namespace dopool {

// Keeps a long-running instance (serve, the desktop's engine) in step with the pool's key.
// check() runs when the pool's key check value changes (the change feed) and every
// intervalMs (SQLite, or a missed notification): after a rotation by another process the new
// key is taken from the keychain when it is there (PoolSession::refreshKey); otherwise the
// instance is out of date - its store already refuses every token write - and the owner is
// told once, to stop its rounds and raise the alarm. Lives on the session's thread.
class PoolKeyWatch : public QObject
{
    Q_OBJECT
public:
    PoolKeyWatch(PoolSession &session, int intervalMs, QObject *parent = nullptr);

    void start();
    void check();
    bool isOutOfDate() const { return m_outOfDate; }

Q_SIGNALS:
    void outOfDate(const QString &message);
    void upToDate(); // again, after outOfDate
    void rekeyed();  // the new key was adopted from the keychain

private:
    PoolSession &m_session;
    QTimer m_timer;
    bool m_outOfDate = false;
    bool m_checking = false;
};

} // namespace dopool
