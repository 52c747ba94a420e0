#pragma once

#include "crypto/TokenCipher.h"
#include "store/AccountStore.h"

namespace dopool {

// "One pool, one key": every process must use the key whose check value the store holds.

// Whether this store may get a freshly generated key: it has neither a key check value nor
// any account (tokens written by another process with another key).
Result<bool> poolIsBrandNew(AccountStore &store);

// Verifies key against the pool's key check value. A store without one adopts key's
// fingerprint (first writer wins across processes) once its existing tokens, if any, are
// shown to decrypt with it. Mismatch: KeyMismatch error naming both fingerprints.
Result<void> verifyPoolKey(AccountStore &store, const EncryptionKey &key);

// Decrypts an account's token; a failure is reported as a damaged ciphertext for that
// account (the key itself was verified against the pool when the session opened).
Result<QString> decryptAccountToken(const TokenCipher &cipher, const Account &account);

// The account whose stored token is token, if any: one DigitalOcean account must not be in the
// pool twice (its capacity would count double). Decrypts every stored token (fast: AES-GCM).
Result<std::optional<Account>>
findAccountWithToken(AccountRecords &accounts, const TokenCipher &cipher, const QString &token);

// Re-encrypts every token from oldCipher to newCipher and records newCipher's fingerprint,
// in one transaction. beforeEach (test seam) may fail a row to prove nothing changes.
Result<int> rotatePoolKey(PoolMeta &pool, const TokenCipher &oldCipher,
                          const TokenCipher &newCipher,
                          const std::function<Result<void>(const Account &)> &beforeEach = {});

} // namespace dopool
