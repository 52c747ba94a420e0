#include "ChangeBatch.h"

#include <utility>

namespace dopool::desktop {

void ChangeBatch::add(const coord::Change &change)
{
    if (change.table == QLatin1String("do_accounts")) {
        // The row's last state wins: deleted, or (re)inserted/updated after all.
        if (change.op == coord::Change::Op::Delete) {
            m_work.changedAccounts.remove(change.id);
            m_work.deletedAccounts.insert(change.id);
        } else {
            m_work.deletedAccounts.remove(change.id);
            m_work.changedAccounts.insert(change.id);
        }
    } else if (change.table == QLatin1String("alerts")) {
        m_work.alerts = true;
    } else if (change.table == QLatin1String("audit_log")) {
        m_work.audit = true;
    }
}

void ChangeBatch::addEverything()
{
    m_work.reloadAll = true;
    m_work.alerts = true;
    m_work.audit = true;
}

ChangeBatch::Work ChangeBatch::take()
{
    Work work = std::exchange(m_work, Work{});
    if (work.changedAccounts.size() + work.deletedAccounts.size() > reloadAllAbove)
        work.reloadAll = true;
    if (work.reloadAll) {
        work.changedAccounts.clear();
        work.deletedAccounts.clear();
    }
    return work;
}

} // namespace dopool::desktop
