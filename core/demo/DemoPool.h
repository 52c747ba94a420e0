#pragma once

#include "crypto/TokenCipher.h"
#include "desktop/DemoBackend.h"
#include "store/AccountStore.h"

#include <QObject>
#include <memory>

namespace dopool::demo {

// `dopool --demo`: the built-in fake DO API on a loopback port with the three demo accounts
// (docs/behaviour.md#the-demo-pool), and the same three accounts in a fresh pool.

// What PoolWorker runs in demo mode: the two functions below.
std::shared_ptr<const desktop::DemoBackend> backend();

// The fake DO API listening on loopback, with the demo accounts (the server owned by
// parent); nullopt if no loopback port could be had.
std::optional<QUrl> startFakeApi(int latencyMs, QObject *parent);

// Adds "Account 1" (primary), "Account 2", "Account 3" with the fake API's tokens, encrypted,
// and kHistoryHours of capacity history ending at now (see history()), unless the store
// already has accounts.
Result<void> seedAccounts(AccountStore &store, const TokenCipher &cipher, const QDateTime &now);

constexpr int kHistoryHours = 72;

// The demo's made-up capacity history of account number n (1..3), one sample an hour from
// now - kHistoryHours to now, oldest first, with a story an admin recognises: Account 1
// grows steadily with a daily bump, Account 2 idles around 5, Account 3 filled up during the
// last day. The last sample is the account's seeded count (finalCount of limit), so the
// chart ends where the table starts. accountId is left empty.
QList<CapacitySample> history(int n, int finalCount, int limit, const QDateTime &now);

} // namespace dopool::demo
