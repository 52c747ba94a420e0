#pragma once

#include "EngineContext.h"

#include <QElapsedTimer>
#include <QObject>
#include <functional>
#include <optional>

namespace dopool::engine {

// Looks for a task's droplet by its tags (findTaskDroplet, TaskDroplets.h) on one account:
// once, or again and again until a deadline - an uncertain create's window (ProvisionJob), an
// adopted task's grace (ProvisionJob) - pausing from firstPauseMs, doubling up to maxPauseMs.
// The account's token is decrypted for each look and dropped after it. A look that failed (DO
// unreachable, the token unreadable) is only the answer when the deadline has come: done then
// says the last look failed, and the caller must not guess that nothing exists.
// One lookout per search; deleting it (or its parent) cancels the search silently.
class TaskDropletLookout : public QObject
{
    Q_OBJECT
public:
    struct Pace
    {
        int firstPauseMs = 0;
        int maxPauseMs = 0;
        // Milliseconds left to keep looking; none (or <= 0 after a look): that look was the
        // last one.
        std::function<qint64()> msLeft;
    };
    static Pace once() { return {}; }

    struct Outcome
    {
        std::optional<api::Droplet> droplet;
        QString lastLookError; // the last look failed (nothing known) when set
        bool lookFailed() const { return !lastLookError.isEmpty(); }
        // "not found" or why the last look failed, for messages.
        QString lastLook() const;
    };

    TaskDropletLookout(EngineContext context, QObject *parent);

    // done runs from the event loop, never inside start().
    void start(const Account &account, const ProvisioningTask &task, Pace pace,
               std::function<void(Outcome)> done);

private:
    void lookOnce();
    void looked(const Outcome &outcome);

    EngineContext m_context;
    Account m_account;
    ProvisioningTask m_task;
    Pace m_pace;
    std::function<void(Outcome)> m_done;
    int m_nextPauseMs = 0;
};

} // namespace dopool::engine
