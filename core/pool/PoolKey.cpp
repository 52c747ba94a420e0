#include "PoolKey.h"

#include "common/Logging.h"
#include "common/Translate.h"

#include <QCoreApplication>

namespace dopool {

namespace {
Error mismatch(const QString &ours, const QString &pool)
{
    return makeError(
        ErrorKind::KeyMismatch,
        CoreTr::tr("this process's encryption key (fingerprint %1) is not the pool's key "
                   "(fingerprint %2); "
                   "nothing was written. Use the pool's key: set ENCRYPTION_KEY to it or run "
                   "'dopool-cli key import --key-env VAR'")
            .arg(ours, pool));
}
} // namespace

Result<bool> poolIsBrandNew(AccountStore &store)
{
    const auto fingerprint = store.metaValue(AccountStore::keyFingerprintMeta());
    if (!fingerprint)
        return fingerprint.error();
    if (!fingerprint->isEmpty())
        return false;
    const auto accounts = store.listAccounts();
    if (!accounts)
        return accounts.error();
    return accounts->isEmpty();
}

Result<void> verifyPoolKey(AccountStore &store, const EncryptionKey &key)
{
    const QString ours = key.fingerprint();
    const auto stored = store.metaValue(AccountStore::keyFingerprintMeta());
    if (!stored)
        return stored.error();
    if (!stored->isEmpty())
        return *stored == ours ? Result<void>() : Result<void>(mismatch(ours, *stored));

    // No check value yet: tokens may already exist (written by the order-service, or by a
    // dopool older than the check value). Adopt our key only if it opens them.
    const auto accounts = store.listAccounts();
    if (!accounts)
        return accounts.error();
    if (!accounts->isEmpty()) {
        const TokenCipher cipher(key);
        if (!cipher.decrypt(accounts->first().encryptedToken)) {
            return makeError(
                ErrorKind::KeyMismatch,
                CoreTr::tr(
                    "the pool's tokens do not decrypt with this process's encryption key "
                    "(fingerprint %1); nothing was written. Use the key the pool was created with")
                    .arg(ours));
        }
    }
    const auto adopted = store.setMetaIfAbsent(AccountStore::keyFingerprintMeta(), ours);
    if (!adopted)
        return adopted.error();
    if (*adopted != ours)
        return mismatch(ours, *adopted); // another process won the race with another key
    qCInfo(lcCrypto) << "pool key check value set to" << ours;
    return {};
}

Result<QString> decryptAccountToken(const TokenCipher &cipher, const Account &account)
{
    auto plain = cipher.decrypt(account.encryptedToken);
    if (plain)
        return plain;
    return makeError(
        ErrorKind::Crypto,
        CoreTr::tr("the stored token of account '%1' cannot be decrypted with the pool's key: %2")
            .arg(account.name, plain.error().message));
}

Result<std::optional<Account>> findAccountWithToken(AccountRecords &accounts,
                                                    const TokenCipher &cipher, const QString &token)
{
    const auto listed = accounts.listAccounts();
    if (!listed)
        return listed.error();
    for (const Account &existing : *listed) {
        const auto plain = decryptAccountToken(cipher, existing);
        if (!plain)
            return plain.error();
        if (*plain == token)
            return std::optional<Account>(existing);
    }
    return std::optional<Account>();
}

Result<int> rotatePoolKey(PoolMeta &pool, const TokenCipher &oldCipher,
                          const TokenCipher &newCipher,
                          const std::function<Result<void>(const Account &)> &beforeEach)
{
    const auto transform = [&](const Account &account) -> Result<QString> {
        if (beforeEach) {
            if (auto injected = beforeEach(account); !injected)
                return injected.error();
        }
        const auto plain = decryptAccountToken(oldCipher, account);
        if (!plain)
            return plain.error();
        return newCipher.encrypt(*plain);
    };
    return pool.rewriteAllTokens(transform, oldCipher.key().fingerprint(),
                                 newCipher.key().fingerprint());
}

} // namespace dopool
