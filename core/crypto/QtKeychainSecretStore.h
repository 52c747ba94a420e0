#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QProcessEnvironment>

namespace dopool {

// SecretStore on the OS keychain through QtKeychain's asynchronous jobs
// (libsecret/KWallet on Linux, Keychain on macOS, Credential Manager on Windows).
// Never falls back to QtKeychain's insecure plain-text store.
class QtKeychainSecretStore final : public SecretStore
{
public:
    explicit QtKeychainSecretStore(QString service = defaultService());

    static QString defaultService() { return QStringLiteral("dopool"); }
    // The service the pool's entries live under: "dopool", or DOPOOL_KEYCHAIN_SERVICE when set
    // (a separate keychain profile; scripts/test-env.sh uses "dopool-test" so that no test
    // entry can ever meet an admin's real ones). A malformed value is an error, not a fallback:
    // silently using "dopool" would mix the profiles.
    static Result<QString> serviceFromEnvironment(const QProcessEnvironment &env);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    const QString &service() const { return m_service; }

    // A QtKeychain failure (keychainError: a QKeychain::Error value, errorString: the job's
    // errorString(), which never holds a secret) as an Error of kind Crypto whose message
    // says what to do:
    //  - no secret service / no session bus: "The OS keychain is not available ..."
    //  - locked keyring, no default keyring, access denied: "The OS keychain is locked ..."
    //  - anything else: "The OS keychain failed ..."
    // each naming ENCRYPTION_KEY, with errorString appended in parentheses.
    static Error errorFor(int keychainError, const QString &errorString);

private:
    QString m_service;
};

// In-memory SecretStore for unit tests; can be told to fail like a missing secret service.
// Writes and removes take effect at once; every callback is delivered later from the event
// loop (queued on context), like the real keychain's.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    // Every operation fails like QtKeychainSecretStore without a secret service.
    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    // Only writes fail (reads work), like a locked keyring.
    void setWritesFail(bool fail) { m_writesFail = fail; }

    QHash<QString, QString> entries;
    // Called with the entry's name when a write has just taken effect (a test seam: another
    // process acting at exactly that moment).
    std::function<void(const QString &)> afterWrite;

    // Calls so far, successful or not.
    int reads = 0;
    int writes = 0;
    int removes = 0;
    int accessCount() const { return reads + writes + removes; }

private:
    bool m_unavailable = false;
    bool m_writesFail = false;
};

} // namespace dopool
