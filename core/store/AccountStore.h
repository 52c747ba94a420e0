#pragma once

#include "common/Error.h"
#include "model/Account.h"

#include <QList>
#include <QString>

#include <functional>

namespace dopool {

// Persistent pool state. Synchronous (QtSql); every mutating call is one transaction and
// either fully happens or changes nothing. Implementations: SqliteStore, PostgresStore.
class AccountStore
{
public:
    virtual ~AccountStore() = default;

    virtual QString backendName() const = 0; // "sqlite" | "postgresql"
    virtual QString location() const = 0;    // display string, no secrets

    // --- accounts ---
    virtual Result<QList<Account>> listAccounts() = 0; // ordered by created_at, name
    // By id (uuid) or exact name. NotFound error names what was looked for.
    virtual Result<Account> findAccount(const QString &idOrName) = 0;
    // Assigns id, created_at, updated_at, version=1. When isPrimary, any other primary is
    // cleared in the same transaction. Name taken -> Conflict.
    virtual Result<Account> insertAccount(const Account &account) = 0;
    // Writes every field of account (by id); bumps version and updated_at. When
    // expectedVersion >= 0 and the row's version differs -> Conflict (someone else changed it).
    // Primary handled as in insert.
    virtual Result<Account> updateAccount(const Account &account, int expectedVersion = -1) = 0;
    virtual Result<void> deleteAccount(const QString &id) = 0;

    // --- pool metadata (key check value, ...) ---
    // Empty string when unset.
    virtual Result<QString> metaValue(const QString &key) = 0;
    // Sets key to value unless it is already set; returns the value now stored (atomic across
    // processes: first writer wins).
    virtual Result<QString> setMetaIfAbsent(const QString &key, const QString &value) = 0;

    // Re-encrypts every access_token in one transaction: transform(account) returns the new
    // ciphertext or an error; on any error nothing changes. Then sets meta key_fingerprint to
    // newFingerprint in the same transaction.
    using TokenTransform = std::function<Result<QString>(const Account &)>;
    virtual Result<int> rewriteAllTokens(const TokenTransform &transform, const QString &newFingerprint) = 0;

    static QString keyFingerprintMeta() { return QStringLiteral("key_fingerprint"); }
};

} // namespace dopool
