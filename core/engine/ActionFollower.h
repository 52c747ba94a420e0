#pragma once

#include "EngineContext.h"

#include <QElapsedTimer>
#include <QObject>
#include <functional>

namespace dopool::engine {

// Follows a droplet's create action (GET /v2/actions/{id}) every actionPollIntervalMs until
// DO says completed or errored, or actionPollTimeoutMs have passed. Transient failures are
// polled through; anything else ends the following. The account's token is decrypted for
// each poll and dropped after it. Deleting the follower (or its parent) stops it silently.
class ActionFollower : public QObject
{
    Q_OBJECT
public:
    enum class Ending
    {
        Completed,  // the droplet is active
        Errored,    // DO reports the create as errored
        NotFollowed // still in progress at the timeout, or unreadable: note says which
    };
    struct Outcome
    {
        Ending ending = Ending::NotFollowed;
        QString note; // NotFollowed: why, for the task's error field
    };

    ActionFollower(EngineContext context, QObject *parent);

    // done runs from the event loop, never inside follow().
    void follow(const Account &account, qint64 actionId, std::function<void(Outcome)> done);

private:
    void poll();
    void end(Outcome outcome);

    EngineContext m_context;
    Account m_account;
    qint64 m_actionId = 0;
    QElapsedTimer m_polling;
    std::function<void(Outcome)> m_done;
};

} // namespace dopool::engine
