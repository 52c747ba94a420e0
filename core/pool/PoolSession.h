#pragma once

#include "common/Clock.h"
#include "crypto/KeyProvider.h"
#include "crypto/TokenCipher.h"
#include "store/StoreFactory.h"

#include <QObject>
#include <QProcessEnvironment>
#include <memory>
#include <optional>

namespace dopool {

// One open pool: the store (with its PostgreSQL password fetched from the keychain when
// libpq found none) and, when asked for, the pool key verified against the key check value.
// Opening is asynchronous because the keychain is.
class PoolSession : public QObject
{
    Q_OBJECT
public:
    enum class KeyUse
    {
        None,   // store only (account list, status)
        Verify, // resolve the key and refuse a key that is not the pool's
    };

    struct Options
    {
        DatabaseUrl url;
        QProcessEnvironment env;
        const Clock *clock = nullptr;
        SecretStore *secrets = nullptr;
    };

    explicit PoolSession(Options options, QObject *parent = nullptr);
    ~PoolSession() override;

    using Done = std::function<void(Result<void>)>;
    void open(KeyUse keyUse, Done done);

    AccountStore &store() { return *m_store; }
    const TokenCipher &cipher() const { return *m_cipher; }
    KeyProvider::Source keySource() const { return m_keySource; }
    KeyProvider &keyProvider() { return m_keyProvider; }
    const Options &options() const { return m_options; }
    // Who this process is in the audit log and to other instances (OS user from USER/LOGNAME/
    // USERNAME of options.env, host name, pid, a fresh instance id per session).
    const Actor &actor() const { return m_actor; }
    // What the store was opened with (the PostgreSQL password included, when one was needed):
    // for opening more connections to the same database (coord::SharedPool).
    const StoreOptions &storeOptions() const { return m_storeOptions; }

    static Actor actorFromEnvironment(const QProcessEnvironment &env);

    // The pool's key check value as the database has it now.
    Result<QString> poolKeyFingerprint();
    // After a rotation by another process: is this session's key still the pool's? If not and
    // the key came from the keychain, the new key is looked up there and adopted; otherwise
    // done gets a KeyMismatch error saying this instance is out of date (its store refuses
    // every token write meanwhile, whatever the caller does).
    void refreshKey(Done done);

private:
    void adoptKey(const EncryptionKey &key, KeyProvider::Source source);
    void openStoreWithPassword(const QString &password, KeyUse keyUse, const Done &done,
                               bool passwordFromKeychain);
    void resolveKey(const Done &done);

    Options m_options;
    KeyProvider m_keyProvider;
    Actor m_actor;
    StoreOptions m_storeOptions;
    std::unique_ptr<AccountStore> m_store;
    std::optional<TokenCipher> m_cipher;
    KeyProvider::Source m_keySource = KeyProvider::Source::Environment;
};

} // namespace dopool
