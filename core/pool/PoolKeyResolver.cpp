#include "PoolKeyResolver.h"

#include "PoolKey.h"
#include "common/Logging.h"
#include "common/Translate.h"

#include <memory>

namespace dopool {

namespace {

using Source = KeyProvider::Source;
using Resolved = KeyProvider::Resolved;

// Verifies key against the pool and hands it on.
void accept(AccountStore &store, const EncryptionKey &key, Source source,
            const KeyProvider::Callback &done)
{
    if (auto verified = verifyPoolKey(store, key); !verified) {
        done(verified.error());
        return;
    }
    done(Resolved{key, source});
}

Error lostClaim(const QString &winner)
{
    return makeError(
        ErrorKind::KeyMismatch,
        CoreTr::tr("another process created this pool's key (fingerprint %1) at the same moment, "
                   "and that key is not in this OS keychain; nothing was written. Import it "
                   "with: dopool-cli key import --key-env VAR, or set ENCRYPTION_KEY")
            .arg(winner));
}

// A brand-new pool's key on its way in, as named steps:
//   generate -> storeInKeychain -> claimInDatabase -> (won) done
//                                                  -> (lost the race) removeOurEntry -> adoptWinner
// The key is safe in the keychain before the database names it; a loser's key protects nothing
// and its entry goes. Lifetime: every callback holds this claim by shared_ptr (never a reference
// to a caller's local); the claim holds the store and the provider as pointers, which
// resolvePoolKey's contract keeps valid - they outlive context, and every step's callback is
// delivered through context, so none runs after it is gone.
class NewPoolKeyClaim : public std::enable_shared_from_this<NewPoolKeyClaim>
{
public:
    static void start(AccountStore &store, KeyProvider &provider, QObject *context,
                      const KeyProvider::Callback &done)
    {
        Result<EncryptionKey> generated = EncryptionKey::generate();
        if (!generated) {
            done(generated.error());
            return;
        }
        auto claim = std::make_shared<NewPoolKeyClaim>(store, provider, context,
                                                       std::move(generated).value(), done);
        claim->storeInKeychain();
    }

    NewPoolKeyClaim(AccountStore &store, KeyProvider &provider, QObject *context, EncryptionKey key,
                    KeyProvider::Callback done)
        : m_store(&store)
        , m_provider(&provider)
        , m_context(context)
        , m_key(std::move(key))
        , m_ours(m_key.fingerprint())
        , m_done(std::move(done))
    {}

private:
    // A keychain busy with the other racers may fail a removal: this many tries, then the
    // (harmless, unused) entry stays and a warning says which one it is.
    static constexpr int kRemoveAttempts = 2;

    void storeInKeychain()
    {
        m_provider->storeInKeychain(m_key, m_context,
                                    [self = shared_from_this()](Result<void> stored) {
                                        if (!stored)
                                            return self->m_done(stored.error());
                                        self->claimInDatabase();
                                    });
    }

    // First writer wins: the fingerprint the database holds afterwards is the pool's.
    void claimInDatabase()
    {
        const auto claimed = m_store->setMetaIfAbsent(AccountStore::keyFingerprintMeta(), m_ours);
        if (!claimed) {
            // Whether the claim landed is unknown: keep the entry (it may be the pool's key).
            m_done(claimed.error());
            return;
        }
        if (*claimed == m_ours) {
            qCInfo(lcCrypto) << "generated a new pool key, fingerprint" << m_ours;
            m_done(Resolved{m_key, Source::Generated});
            return;
        }
        m_winner = *claimed;
        qCInfo(lcCrypto) << "another process claimed the new pool's key first:" << m_winner;
        removeOurEntry(kRemoveAttempts);
    }

    void removeOurEntry(int attemptsLeft)
    {
        m_provider->removeFromKeychain(
            m_ours, m_context, [self = shared_from_this(), attemptsLeft](Result<void> removed) {
                if (!removed && attemptsLeft > 1)
                    return self->removeOurEntry(attemptsLeft - 1);
                if (!removed)
                    qCWarning(lcCrypto).noquote() << "could not remove the unused keychain entry"
                                                  << KeyProvider::keychainEntry(self->m_ours) << ":"
                                                  << removed.error().message;
                self->adoptWinner();
            });
    }

    // The winner's key, if this keychain has it (another process on this machine); else
    // KeyMismatch naming it (another machine created the pool).
    void adoptWinner()
    {
        m_provider->findInKeychain(
            m_winner, m_context,
            [self = shared_from_this()](Result<std::optional<EncryptionKey>> found) {
                if (!found)
                    return self->m_done(found.error());
                if (!found->has_value())
                    return self->m_done(lostClaim(self->m_winner));
                accept(*self->m_store, **found, Source::Keychain, self->m_done);
            });
    }

    AccountStore *m_store;
    KeyProvider *m_provider;
    QObject *m_context;
    const EncryptionKey m_key;
    const QString m_ours; // m_key's fingerprint
    QString m_winner;     // the fingerprint that won the claim, when not ours
    const KeyProvider::Callback m_done;
};

// The keychain's key of that fingerprint, or missingPoolKey when there is none.
void findKeychainKey(KeyProvider &provider, const QString &fingerprint, QObject *context,
                     const KeyProvider::Callback &done)
{
    provider.findInKeychain(fingerprint, context,
                            [fingerprint, done](Result<std::optional<EncryptionKey>> found) {
                                if (!found)
                                    done(found.error());
                                else if (!found->has_value())
                                    done(missingPoolKey(fingerprint));
                                else
                                    done(Resolved{**found, Source::Keychain});
                            });
}

} // namespace

void findPoolKey(KeyProvider &provider, const QString &fingerprint, QObject *context,
                 KeyProvider::Callback done)
{
    if (const auto fromEnv = provider.environmentKey()) {
        Result<Resolved> resolved =
            *fromEnv ? Result<Resolved>(Resolved{fromEnv->value(), Source::Environment})
                     : Result<Resolved>(fromEnv->error());
        QMetaObject::invokeMethod(
            context, [done, resolved] { done(resolved); }, Qt::QueuedConnection);
        return;
    }
    if (fingerprint.isEmpty()) {
        const Error none = makeError(
            ErrorKind::Crypto, CoreTr::tr("the pool has no key yet (it gets one with its first "
                                          "account), and ENCRYPTION_KEY is not set"));
        QMetaObject::invokeMethod(
            context, [done, none] { done(none); }, Qt::QueuedConnection);
        return;
    }
    provider.migrateLegacyEntry(context, [&provider, fingerprint, context,
                                          done](Result<std::optional<EncryptionKey>> migrated) {
        if (!migrated)
            done(migrated.error());
        else
            findKeychainKey(provider, fingerprint, context, done);
    });
}

void importPoolKey(AccountStore &store, KeyProvider &provider, const EncryptionKey &key,
                   QObject *context, std::function<void(Result<void>)> done)
{
    // Only this pool's key goes in; its entry is its own, so no other pool's key is touched.
    if (auto verified = verifyPoolKey(store, key); !verified) {
        QMetaObject::invokeMethod(
            context, [done, error = verified.error()] { done(error); }, Qt::QueuedConnection);
        return;
    }
    provider.storeInKeychain(key, context, std::move(done));
}

Error missingPoolKey(const QString &fingerprint)
{
    return makeError(
        ErrorKind::Crypto,
        CoreTr::tr("This pool already has an encryption key (fingerprint %1), but it is not in "
                   "your OS keychain. Import it with: dopool-cli key import --key-env VAR (VAR "
                   "holding the 64-hex key) or --key-file FILE, or set ENCRYPTION_KEY.")
            .arg(fingerprint));
}

void resolvePoolKey(AccountStore &store, KeyProvider &provider, QObject *context,
                    KeyProvider::Callback done)
{
    if (const auto fromEnv = provider.environmentKey()) {
        if (!*fromEnv) {
            const Error error = fromEnv->error();
            QMetaObject::invokeMethod(
                context, [done, error] { done(error); }, Qt::QueuedConnection);
            return;
        }
        const EncryptionKey key = fromEnv->value();
        QMetaObject::invokeMethod(
            context, [&store, key, done] { accept(store, key, Source::Environment, done); },
            Qt::QueuedConnection);
        return;
    }

    provider.migrateLegacyEntry(context, [&store, &provider, context,
                                          done](Result<std::optional<EncryptionKey>> legacy) {
        if (!legacy) {
            done(legacy.error());
            return;
        }
        const auto fingerprint = store.metaValue(AccountStore::keyFingerprintMeta());
        if (!fingerprint) {
            done(fingerprint.error());
            return;
        }
        if (!fingerprint->isEmpty()) {
            findKeychainKey(provider, *fingerprint, context,
                            [&store, done](Result<KeyProvider::Resolved> found) {
                                if (!found)
                                    done(found.error());
                                else
                                    accept(store, found->key, found->source, done);
                            });
            return;
        }
        const auto accounts = store.listAccounts();
        if (!accounts) {
            done(accounts.error());
            return;
        }
        if (!accounts->isEmpty()) {
            // Tokens without a check value (the order-service's, or an old dopool's): only the
            // key that opens them will do, and only the old entry can be tried.
            if (legacy->has_value()) {
                accept(store, **legacy, Source::Keychain, done);
                return;
            }
            done(makeError(ErrorKind::Crypto,
                           CoreTr::tr("This pool already has tokens, but no key check value, and "
                                      "no key in your OS keychain opens them. Import the pool's "
                                      "key with: dopool-cli key import --key-env VAR, or set "
                                      "ENCRYPTION_KEY.")));
            return;
        }
        NewPoolKeyClaim::start(store, provider, context, done);
    });
}

} // namespace dopool
