#pragma once

#include "EncryptionKey.h"
#include "SecretStore.h"

#include <QObject>
#include <QProcessEnvironment>
#include <functional>
#include <optional>

namespace dopool {

// Where this process's pool keys come from: ENCRYPTION_KEY (64 hex) first, else the OS
// keychain (service "dopool"), which holds one entry per key, named by the key's fingerprint
// ("pool-key-ab12-cd34-ef56-7890"). An entry's name says which key it must hold, so any number
// of pools share one keychain and no write for one pool can replace another pool's key.
// Asynchronous: the keychain is. Which key a pool needs (and generating one for a new pool) is
// decided by resolvePoolKey() in core/pool, which knows the store.
class KeyProvider
{
public:
    enum class Source
    {
        Environment,
        Keychain,
        Generated
    };

    struct Resolved
    {
        EncryptionKey key;
        Source source = Source::Environment;
    };
    using Callback = std::function<void(Result<Resolved>)>;
    // std::nullopt: the keychain answered, but has no such key.
    using FindCallback = std::function<void(Result<std::optional<EncryptionKey>>)>;

    KeyProvider(SecretStore *secrets, QProcessEnvironment env);

    // ENCRYPTION_KEY: std::nullopt when it is not set; an error (kind Crypto, without the
    // value) when it is set but malformed, even when empty.
    std::optional<Result<EncryptionKey>> environmentKey() const;

    // The keychain's key with this fingerprint. An entry whose content is malformed or does not
    // have the fingerprint its name promises is an error naming the fix (key import).
    void findInKeychain(const QString &fingerprint, QObject *context, FindCallback done);

    // The layout before one entry per pool: a single entry "encryption-key". When it exists it
    // is copied to the entry for its fingerprint, read back, and only then removed, so the key
    // is never without a home; done gets that key (std::nullopt when there was none). A
    // malformed legacy entry is left alone (logged), never deleted.
    void migrateLegacyEntry(QObject *context, FindCallback done);

    // Stores key under its own fingerprint's entry (idempotent: the name fixes the content).
    void storeInKeychain(const EncryptionKey &key, QObject *context,
                         SecretStore::WriteCallback done);
    // Removes the entry of that fingerprint (an absent entry is not an error).
    void removeFromKeychain(const QString &fingerprint, QObject *context,
                            SecretStore::WriteCallback done);

    static QString keychainEntry(const QString &fingerprint);
    static QString legacyKeychainEntry() { return QStringLiteral("encryption-key"); }

private:
    static void removeLegacyEntry(SecretStore *secrets, QObject *context, int tries,
                                  std::function<void()> then);

    SecretStore *m_secrets;
    QProcessEnvironment m_env;
};

} // namespace dopool
