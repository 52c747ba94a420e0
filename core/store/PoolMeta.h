#pragma once

#include "common/Error.h"
#include "model/Account.h"

#include <QString>
#include <functional>

namespace dopool {

// The pool's settings (the key check value, ...) and the key's guard over every token write:
// what the pool key code (core/pool) works with.
class PoolMeta
{
public:
    virtual ~PoolMeta() = default;

    // Empty string when unset.
    virtual Result<QString> metaValue(const QString &key) = 0;
    // Sets key to value unless it is already set; returns the value now stored (atomic across
    // processes: first writer wins).
    virtual Result<QString> setMetaIfAbsent(const QString &key, const QString &value) = 0;

    // Re-encrypts every access_token in one transaction: transform(account) returns the new
    // ciphertext or an error; on any error nothing changes. The key check value is locked first
    // (FOR UPDATE: every fenced writer waits, then sees the new key) and must still be
    // oldFingerprint (else KeyMismatch: another rotation won); then sets it to newFingerprint
    // in the same transaction.
    using TokenTransform = std::function<Result<QString>(const Account &)>;
    virtual Result<int> rewriteAllTokens(const TokenTransform &transform,
                                         const QString &oldFingerprint,
                                         const QString &newFingerprint) = 0;

    // The fence of every token write. Once set, insertAccount and updateAccount confirm inside
    // their transaction that fingerprint is still the pool's key check value (the meta row read
    // FOR SHARE on PostgreSQL, so a rotation in progress is waited for; SQLite's write lock
    // serialises the same way) and refuse with KeyMismatch otherwise, writing nothing. An empty
    // fingerprint (a session opened without its key) refuses every account write. Never set (a
    // store used directly, in tests): no fence.
    virtual void setWriterKeyFingerprint(const QString &fingerprint) = 0;

    static QString keyFingerprintMeta() { return QStringLiteral("key_fingerprint"); }
};

} // namespace dopool
