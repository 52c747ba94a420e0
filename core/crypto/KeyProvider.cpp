#include "KeyProvider.h"

#include "common/Logging.h"
#include "common/Translate.h"

#include <QMetaObject>
#include <utility>

namespace dopool {

namespace {

const QString &envVariable()
{
    static const QString name = QStringLiteral("ENCRYPTION_KEY");
    return name;
}

QString entryPrefix()
{
    return QStringLiteral("pool-key-");
}

Error damagedEntry(const QString &fingerprint)
{
    return makeError(ErrorKind::Crypto,
                     CoreTr::tr("the OS keychain entry for the pool key %1 is damaged (it does not "
                                "hold that key); re-import the key with dopool-cli key import")
                         .arg(fingerprint));
}

// Answers `done` when a keychain read brought no text to parse: the read failed, or the entry is
// absent (no key). Returns whether it answered.
bool answeredWithoutText(const Result<std::optional<QString>> &stored,
                         const KeyProvider::FindCallback &done)
{
    if (!stored) {
        done(stored.error());
        return true;
    }
    if (!stored->has_value()) {
        done(std::optional<EncryptionKey>());
        return true;
    }
    return false;
}

// Delivers a result from the event loop: callbacks are never invoked from inside the call,
// and not at all once context is gone.
template <typename T, typename Callback>
void deliverLater(QObject *context, Callback done, Result<T> result)
{
    Q_ASSERT(context);
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace

KeyProvider::KeyProvider(SecretStore *secrets, QProcessEnvironment env)
    : m_secrets(secrets)
    , m_env(std::move(env))
{}

QString KeyProvider::keychainEntry(const QString &fingerprint)
{
    return entryPrefix() + fingerprint;
}

std::optional<Result<EncryptionKey>> KeyProvider::environmentKey() const
{
    // ENCRYPTION_KEY wins, even when empty (then it is malformed); the keychain is not
    // touched at all.
    if (!m_env.contains(envVariable()))
        return std::nullopt;
    Result<EncryptionKey> key = EncryptionKey::fromHex(m_env.value(envVariable()));
    if (!key) {
        qCDebug(lcCrypto) << "ENCRYPTION_KEY is set but malformed";
        return Result<EncryptionKey>(
            makeError(ErrorKind::Crypto,
                      CoreTr::tr("ENCRYPTION_KEY is malformed: %1").arg(key.error().message)));
    }
    qCDebug(lcCrypto) << "using the key from ENCRYPTION_KEY, fingerprint" << key->fingerprint();
    return key;
}

void KeyProvider::findInKeychain(const QString &fingerprint, QObject *context, FindCallback done)
{
    Q_ASSERT(m_secrets);
    m_secrets->read(keychainEntry(fingerprint), context,
                    [fingerprint, done = std::move(done)](Result<std::optional<QString>> stored) {
                        if (answeredWithoutText(stored, done))
                            return;
                        Result<EncryptionKey> key = EncryptionKey::fromHex(**stored);
                        if (!key || key->fingerprint() != fingerprint) {
                            qCWarning(lcCrypto)
                                << "keychain entry for" << fingerprint << "does not hold that key";
                            done(damagedEntry(fingerprint));
                            return;
                        }
                        done(std::optional<EncryptionKey>(std::move(key).value()));
                    });
}

// The old entry goes once its key has a home of its own; a busy keychain may refuse a delete,
// so it is asked again before the old entry is left (harmless: the next start moves it again).
void KeyProvider::removeLegacyEntry(SecretStore *secrets, QObject *context, int tries,
                                    std::function<void()> then)
{
    secrets->remove(
        legacyKeychainEntry(), context,
        [secrets, context, tries, then = std::move(then)](Result<void> removed) mutable {
            if (removed) {
                qCInfo(lcCrypto) << "moved the pool key to its own keychain entry";
            } else if (tries > 1) {
                removeLegacyEntry(secrets, context, tries - 1, std::move(then));
                return;
            } else {
                qCWarning(lcCrypto).noquote()
                    << "the old keychain entry" << legacyKeychainEntry()
                    << "could not be removed (it is moved again next time):"
                    << removed.error().message;
            }
            then();
        });
}

void KeyProvider::migrateLegacyEntry(QObject *context, FindCallback done)
{
    Q_ASSERT(m_secrets);
    SecretStore *secrets = m_secrets; // the provider may be gone when the keychain answers
    secrets->read(
        legacyKeychainEntry(), context,
        [secrets, context, done = std::move(done)](Result<std::optional<QString>> stored) mutable {
            if (answeredWithoutText(stored, done))
                return;
            Result<EncryptionKey> parsed = EncryptionKey::fromHex(**stored);
            if (!parsed) {
                // Not ours to judge what it is: keep it, and carry on without it.
                qCWarning(lcCrypto) << "the old keychain entry" << legacyKeychainEntry()
                                    << "is malformed; left as it is";
                done(std::optional<EncryptionKey>());
                return;
            }
            const EncryptionKey key = std::move(parsed).value();
            const QString entry = keychainEntry(key.fingerprint());
            secrets->write(
                entry, key.toHex(), context,
                [secrets, context, key, entry,
                 done = std::move(done)](Result<void> written) mutable {
                    if (!written) {
                        done(written.error());
                        return;
                    }
                    // Read back before the old entry goes: the key must always have a home.
                    secrets->read(
                        entry, context,
                        [secrets, context, key,
                         done = std::move(done)](Result<std::optional<QString>> back) mutable {
                            bool same = false;
                            if (back && back->has_value()) {
                                const auto copy = EncryptionKey::fromHex(**back);
                                same = copy && *copy == key;
                            }
                            if (!same) {
                                qCWarning(lcCrypto) << "migrating the pool key" << key.fingerprint()
                                                    << "did not read back; the old entry stays";
                                done(std::optional<EncryptionKey>(key));
                                return;
                            }
                            removeLegacyEntry(secrets, context, 2, [key, done = std::move(done)] {
                                done(std::optional<EncryptionKey>(key));
                            });
                        });
                });
        });
}

void KeyProvider::storeInKeychain(const EncryptionKey &key, QObject *context,
                                  SecretStore::WriteCallback done)
{
    Q_ASSERT(m_secrets);
    if (!key.isValid()) {
        deliverLater<void>(context, std::move(done),
                           makeError(ErrorKind::Crypto,
                                     CoreTr::tr("cannot store an invalid encryption key in the OS "
                                                "keychain")));
        return;
    }
    m_secrets->write(keychainEntry(key.fingerprint()), key.toHex(), context, std::move(done));
}

void KeyProvider::removeFromKeychain(const QString &fingerprint, QObject *context,
                                     SecretStore::WriteCallback done)
{
    Q_ASSERT(m_secrets);
    m_secrets->remove(keychainEntry(fingerprint), context, std::move(done));
}

} // namespace dopool
