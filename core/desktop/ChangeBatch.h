#pragma once

#include "coord/Change.h"

#include <QSet>
#include <QString>

namespace dopool::desktop {

// What other processes changed in the shared pool since the desktop last looked: the change
// feed's notifications, gathered over a short window (PoolWorker's 100 ms) so that a burst -
// a sync round of 1,000 accounts, a key rotation, 200 orders queued at once - becomes one
// reload per row, or one reload of the whole list, instead of one per notification.
class ChangeBatch
{
public:
    // Beyond this many rows at once, one reload of the list is cheaper than row by row.
    static constexpr int reloadAllAbove = 200;

    struct Work
    {
        bool reloadAll = false;
        QSet<QString> changedAccounts; // reload these rows (empty when reloadAll)
        QSet<QString> deletedAccounts; // drop these rows (empty when reloadAll)
        // The provisioning tasks (the Orders view), the same way: row by row, or the whole
        // list (reloadTasks) after a reconnect or past reloadAllAbove rows.
        bool reloadTasks = false;
        QSet<QString> changedTasks;
        QSet<QString> deletedTasks;
        bool alerts = false;
        bool audit = false;

        bool tasksChanged() const
        {
            return reloadTasks || !changedTasks.isEmpty() || !deletedTasks.isEmpty();
        }
        bool isEmpty() const
        {
            return !reloadAll && changedAccounts.isEmpty() && deletedAccounts.isEmpty() &&
                   !tasksChanged() && !alerts && !audit;
        }
    };

    void add(const coord::Change &change);
    // Everything the notifications lost meanwhile (the feed reconnected): reload it all.
    void addEverything();
    bool isEmpty() const { return m_work.isEmpty(); }
    // The work gathered so far; the batch is empty afterwards.
    Work take();

private:
    Work m_work;
};

} // namespace dopool::desktop
