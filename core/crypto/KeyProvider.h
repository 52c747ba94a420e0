#pragma once

#include "EncryptionKey.h"
#include "SecretStore.h"

#include <QObject>
#include <QProcessEnvironment>

namespace dopool {

// Finds the pool key: ENCRYPTION_KEY (64 hex) first, else the OS keychain entry
// "encryption-key" of service "dopool". Asynchronous: the keychain is.
class KeyProvider
{
public:
    enum class Source { Environment, Keychain, Generated };

    struct Resolved
    {
        EncryptionKey key;
        Source source = Source::Environment;
    };
    using Callback = std::function<void(Result<Resolved>)>;

    KeyProvider(SecretStore *secrets, QProcessEnvironment env);

    // allowGenerate: create and store a fresh keychain key when none exists (only for a
    // brand-new pool: the caller knows whether the store already has a key check value).
    // Errors name the fix: malformed ENCRYPTION_KEY; keychain unavailable ("set
    // ENCRYPTION_KEY or start a secret service"); no key in the keychain for an existing pool
    // ("dopool-cli key import --key-env VAR").
    void resolve(bool allowGenerate, QObject *context, Callback done);

    // Stores key in the keychain (key import, rotate-key).
    void storeInKeychain(const EncryptionKey &key, QObject *context, SecretStore::WriteCallback done);

    static QString keychainEntry() { return QStringLiteral("encryption-key"); }

private:
    SecretStore *m_secrets;
    QProcessEnvironment m_env;
};

} // namespace dopool
