#include "PoolKeyResolver.h"

#include "PoolKey.h"
#include "common/Logging.h"
#include "common/Translate.h"

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

// A brand-new pool: store a fresh key under its own entry, then claim it in the database.
void generateAndClaim(AccountStore &store, KeyProvider &provider, QObject *context,
                      const KeyProvider::Callback &done)
{
    Result<EncryptionKey> generated = EncryptionKey::generate();
    if (!generated) {
        done(generated.error());
        return;
    }
    const EncryptionKey key = std::move(generated).value();
    provider.storeInKeychain(
        key, context, [&store, &provider, context, key, done](Result<void> stored) {
            if (!stored) {
                done(stored.error());
                return;
            }
            const QString ours = key.fingerprint();
            const auto claimed = store.setMetaIfAbsent(AccountStore::keyFingerprintMeta(), ours);
            if (!claimed) {
                // Whether the claim landed is unknown: keep the entry (it may be the pool's key).
                done(claimed.error());
                return;
            }
            if (*claimed == ours) {
                qCInfo(lcCrypto) << "generated a new pool key, fingerprint" << ours;
                done(Resolved{key, Source::Generated});
                return;
            }
            // Lost the race: our key protects nothing; the winner's is the pool's.
            const QString winner = *claimed;
            qCInfo(lcCrypto) << "another process claimed the new pool's key first:" << winner;
            // A keychain busy with the other racers may fail the removal: try once more, then
            // leave the (harmless, unused) entry and say which one it is.
            const auto removeOurs = [&provider, context, ours](std::function<void()> then) {
                provider.removeFromKeychain(
                    ours, context, [&provider, context, ours, then](Result<void> removed) {
                        if (removed)
                            return then();
                        provider.removeFromKeychain(
                            ours, context, [ours, then](Result<void> again) {
                                if (!again)
                                    qCWarning(lcCrypto).noquote()
                                        << "could not remove the unused keychain entry"
                                        << KeyProvider::keychainEntry(ours) << ":"
                                        << again.error().message;
                                then();
                            });
                    });
            };
            removeOurs([&store, &provider, context, winner, done] {
                provider.findInKeychain(
                    winner, context,
                    [&store, winner, done](Result<std::optional<EncryptionKey>> found) {
                        if (!found) {
                            done(found.error());
                            return;
                        }
                        if (!found->has_value()) {
                            done(lostClaim(winner));
                            return;
                        }
                        accept(store, **found, Source::Keychain, done);
                    });
            });
        });
}

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
        generateAndClaim(store, provider, context, done);
    });
}

} // namespace dopool
