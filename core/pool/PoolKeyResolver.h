#pragma once

#include "crypto/KeyProvider.h"
#include "store/AccountStore.h"

namespace dopool {

// Finds this process's key for the pool in store, and makes sure it is the pool's key:
//  1. ENCRYPTION_KEY, when set, verified against the pool's key check value (a pool without one
//     adopts it, once its existing tokens are shown to decrypt with it).
//  2. Else the OS keychain: the old single entry is migrated first; then the entry named by the
//     pool's key check value.
//  3. A pool without a check value but with tokens (the order-service wrote them): the migrated
//     old entry, if its key opens them; else the admin must import the key.
//  4. A brand-new pool: a fresh key is written to the keychain under its own fingerprint's
//     entry, then claimed in the database (one winner, first writer wins). The key is safe in
//     the keychain before anything depends on it; a process that loses the claim removes its
//     unused entry and adopts the winner's key from the keychain, or fails (KeyMismatch) when
//     the winner's key is not in this keychain (another machine created the pool). Nothing is
//     ever encrypted with a key the database has not accepted, so two keys never circulate.
// context: the callbacks' lifetime (the store and provider must outlive it).
void resolvePoolKey(AccountStore &store, KeyProvider &provider, QObject *context,
                    KeyProvider::Callback done);

// This process's key for a pool whose check value is fingerprint, never generating one:
// ENCRYPTION_KEY, else (the old entry migrated first) the keychain entry of that fingerprint.
// For reading what a process would use (key fingerprint) without opening the pool with it.
void findPoolKey(KeyProvider &provider, const QString &fingerprint, QObject *context,
                 KeyProvider::Callback done);

// Key import (CLI and desktop): the key must be the pool's (verifyPoolKey; a pool without a
// check value adopts it when its tokens open with it), then it goes into its own keychain
// entry. A wrong key changes nothing.
void importPoolKey(AccountStore &store, KeyProvider &provider, const EncryptionKey &key,
                   QObject *context, std::function<void(Result<void>)> done);

// The error for a pool whose key is not in the keychain: names the fingerprint and the fix.
Error missingPoolKey(const QString &fingerprint);

} // namespace dopool
