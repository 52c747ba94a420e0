#include "PoolSummary.h"

#include <cmath>

namespace dopool::desktop {

int PoolSummary::percent() const
{
    return limit > 0 ? int(std::lround(100.0 * droplets / limit)) : 0;
}

PoolSummary PoolSummary::of(const QList<Account> &accounts, double threshold)
{
    PoolSummary s;
    s.accounts = int(accounts.size());
    bool usableWithRoom = false;
    for (const Account &account : accounts) {
        if (account.healthStatus == AccountHealth::Unhealthy)
            ++s.unhealthyAccounts;
        if (account.healthStatus == AccountHealth::Degraded)
            ++s.degradedAccounts;
        if (!account.isActive)
            continue;
        ++s.activeAccounts;
        s.droplets += account.activeDroplets;
        s.limit += account.dropletLimit;
        if (account.isFull())
            ++s.fullAccounts;
        if (isSelectableHealth(account.healthStatus)) {
            ++s.usableAccounts;
            usableWithRoom = usableWithRoom || !account.isFull();
        }
    }
    s.overThreshold = s.limit > 0 && s.utilisation() > threshold;
    s.allUsableFull = s.accounts > 0 && !usableWithRoom;
    if (s.accounts == 0)
        s.state = State::Empty;
    else if (s.allUsableFull)
        s.state = State::Critical;
    else if (s.overThreshold || s.unhealthyAccounts > 0 || s.degradedAccounts > 0)
        s.state = State::Warning;
    else
        s.state = State::Ok;
    return s;
}

} // namespace dopool::desktop
