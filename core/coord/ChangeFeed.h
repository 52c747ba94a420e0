#pragma once

#include "Change.h"
#include "Reachability.h"
#include "store/SqlSession.h"

#include <QObject>
#include <QSqlDriver>
#include <QTimer>
#include <memory>

namespace dopool::coord {

// The shared pool's change feed: LISTEN dopool_changes (and dopool_orders) on a connection of its
// own and one changed() per notification, typically within milliseconds of the writer's COMMIT. A
// ping every pingMs notices a lost connection; the feed then reconnects (with the session's
// backoff), LISTENs again and emits resyncNeeded() once, because notifications sent while it
// was away are lost: reload everything then.
// Lives on the thread that created it (QPSQL delivers notifications through that thread's
// event loop); every call is cheap except a reconnect attempt.
class ChangeFeed : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pingMs = 1000;
    };

    ChangeFeed(std::unique_ptr<SqlSession> session, Options options, QObject *parent = nullptr);
    ~ChangeFeed() override;

    void start();
    void stop();

    bool databaseUp() const { return m_reachability.isUp(); }
    QString lastError() const { return m_reachability.lastError(); }

    // One ping (and reconnect, when due) right now; the timer calls it. For tests.
    void ping();

Q_SIGNALS:
    void changed(const dopool::coord::Change &change);
    // A dopool_orders notification (the order queue): a task inserted, its status changed, or
    // deleted; status is the row's status then.
    void orderNotified(const QString &taskId, const QString &status);
    void resyncNeeded();
    void connectionChanged(bool up, const QString &error);

private:
    bool subscribe();
    void setUp(bool up, const QString &error);
    void onNotification(const QString &name, QSqlDriver::NotificationSource source,
                        const QVariant &payload);

    std::unique_ptr<SqlSession> m_session;
    Options m_options;
    QTimer m_timer;
    Reachability m_reachability;
    bool m_listening = false;
    quint64 m_listeningEpoch = 0;
};

} // namespace dopool::coord
