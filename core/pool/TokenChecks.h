#pragma once

#include "PoolSession.h"
#include "crypto/SecretStore.h"

#include <QProcessEnvironment>
#include <functional>

namespace dopool {

// What a token must not be, checked before it is sent to DigitalOcean or stored
// (docs/security.md, "Tokens").

// Refuses a token that is a pool key: ENCRYPTION_KEY, or any key the OS keychain holds under
// the fingerprint the token would have as a key (how every pool key is stored there, see
// KeyProvider). Runs before any request: a pool key pasted as a token must never reach DO.
// A keychain that cannot be asked is no reason to refuse (the environment's key is still
// checked). done runs from the event loop.
void checkTokenIsNoPoolKey(const QString &token, const QProcessEnvironment &env,
                           SecretStore *secrets, QObject *context,
                           std::function<void(Result<void>)> done);

// In an open pool (its key resolved): refuses the pool's own key, and a token another account
// of the pool already has (one DigitalOcean account counted twice would double its capacity;
// compared by decrypting, see findAccountWithToken). exceptAccountId: the account being
// updated, which may keep its own token.
Result<void> checkTokenForPool(PoolSession &pool, const QString &token,
                               const QString &exceptAccountId = {});

} // namespace dopool
