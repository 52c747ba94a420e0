#pragma once

#include "common/Error.h"
#include "model/Account.h"

#include <QList>
#include <QString>

namespace dopool {

// The DO accounts of the pool: what an admin adds, edits and removes, and what the engine
// reads. Every mutating call either fully happens or changes nothing.
class AccountRecords
{
public:
    virtual ~AccountRecords() = default;

    virtual Result<QList<Account>> listAccounts() = 0; // ordered by created_at, name
    // By id (uuid) or exact name. NotFound error names what was looked for.
    virtual Result<Account> findAccount(const QString &idOrName) = 0;
    // Assigns id, created_at, updated_at, version=1. When isPrimary, any other primary is
    // cleared in the same transaction. Name taken -> Conflict.
    virtual Result<Account> insertAccount(const Account &account) = 0;
    // Writes every field of account (by id); bumps version and updated_at. When
    // expectedVersion >= 0 and the row's version differs -> Conflict (someone else changed it).
    // Primary handled as in insert. The version guards what admins edit, so the engine's own
    // writes (recordObservation, finishReservation) do not bump it - a sync landing while an
    // admin edits is no conflict. Instead, when the row was written since account was read
    // (its updated_at differs from account.updatedAt), the engine-owned live state (active
    // droplets, health, last sync/health check, last error, failures, rate limit) keeps the
    // stored, newer values rather than the copy's stale ones.
    virtual Result<Account> updateAccount(const Account &account, int expectedVersion = -1) = 0;
    // The account's history and reservations go with it; its provisioning tasks stay, with no
    // account.
    virtual Result<void> deleteAccount(const QString &id) = 0;
};

} // namespace dopool
