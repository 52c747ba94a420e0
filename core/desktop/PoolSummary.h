#pragma once

#include "model/Account.h"

#include <QList>

namespace dopool::desktop {

// The pool as a whole, for the footer, the alert banner and the tray colour. Capacity counts
// active accounts only (an inactive account takes no droplets); "usable" is what selection may
// hand slots to (active and HEALTHY or UNKNOWN), as in the selector and `dopool-cli status`.
struct PoolSummary
{
    enum class State
    {
        Empty,   // no accounts yet
        Ok,      // room left, below the threshold, every account healthy
        Warning, // over the threshold, or an account is unhealthy / degraded
        Critical // no usable account has room
    };

    int accounts = 0;
    int activeAccounts = 0;
    int usableAccounts = 0;
    int droplets = 0; // on active accounts
    int limit = 0;    // of active accounts
    int unhealthyAccounts = 0;
    int degradedAccounts = 0;
    int fullAccounts = 0; // active and full
    bool overThreshold = false;
    bool allUsableFull = false; // true too when there is no usable account at all
    State state = State::Empty;

    double utilisation() const { return limit > 0 ? double(droplets) / limit : 0.0; }
    int percent() const;

    static PoolSummary of(const QList<Account> &accounts, double threshold);
};

} // namespace dopool::desktop
