#include "ChangeBatch.h"

#include <utility>

namespace dopool::desktop {

namespace {

// The row's last state wins: deleted, or (re)inserted/updated after all.
void track(const coord::Change &change, QSet<QString> &changed, QSet<QString> &deleted)
{
    if (change.op == coord::Change::Op::Delete) {
        changed.remove(change.id);
        deleted.insert(change.id);
    } else {
        deleted.remove(change.id);
        changed.insert(change.id);
    }
}

// Past reloadAllAbove rows one reload of the list is cheaper than row by row.
bool collapse(QSet<QString> &changed, QSet<QString> &deleted, bool reload)
{
    reload = reload || changed.size() + deleted.size() > ChangeBatch::reloadAllAbove;
    if (reload) {
        changed.clear();
        deleted.clear();
    }
    return reload;
}

} // namespace

void ChangeBatch::add(const coord::Change &change)
{
    if (change.table == QLatin1String("do_accounts")) {
        track(change, m_work.changedAccounts, m_work.deletedAccounts);
    } else if (change.table == QLatin1String("provisioning_tasks")) {
        track(change, m_work.changedTasks, m_work.deletedTasks);
    } else if (change.table == QLatin1String("alerts")) {
        m_work.alerts = true;
    } else if (change.table == QLatin1String("audit_log")) {
        m_work.audit = true;
    }
}

void ChangeBatch::addEverything()
{
    m_work.reloadAll = true;
    m_work.reloadTasks = true;
    m_work.alerts = true;
    m_work.audit = true;
}

ChangeBatch::Work ChangeBatch::take()
{
    Work work = std::exchange(m_work, Work{});
    work.reloadAll = collapse(work.changedAccounts, work.deletedAccounts, work.reloadAll);
    work.reloadTasks = collapse(work.changedTasks, work.deletedTasks, work.reloadTasks);
    return work;
}

} // namespace dopool::desktop
