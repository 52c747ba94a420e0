#pragma once

#include "common/Clock.h"
#include "crypto/TokenCipher.h"
#include "store/AccountStore.h"

#include <QObject>

namespace dopool::fakedo {
class FakeDoServer;
}

namespace dopool::desktop {

// `dopool --demo`: the built-in fake DO API on a loopback port with the plan's three
// accounts (20/25, 5/25, 25/25), and the same three accounts in a fresh pool.
namespace demo {

// Listening, with the plan's accounts; nullptr if no loopback port could be had.
fakedo::FakeDoServer *startFakeApi(int latencyMs, QObject *parent);

// Adds "Account 1" (primary), "Account 2", "Account 3" with the fake API's tokens, encrypted,
// unless the store already has accounts.
Result<void> seedAccounts(AccountStore &store, const TokenCipher &cipher);

} // namespace demo
} // namespace dopool::desktop
