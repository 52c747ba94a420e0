#include "KeyProvider.h"

#include "common/Logging.h"

#include <QMetaObject>
#include <utility>

namespace dopool {

namespace {

const QString &envVariable()
{
    static const QString name = QStringLiteral("ENCRYPTION_KEY");
    return name;
}

QString corruptKeychainEntryMessage()
{
    return QStringLiteral("the key stored in the OS keychain is malformed; re-import it with "
                          "dopool-cli key import --key-env VAR");
}

QString missingKeyMessage()
{
    return QStringLiteral("This pool already has an encryption key, but it is not in your OS "
                          "keychain. Import it with: dopool-cli key import --key-env VAR (VAR "
                          "holding the 64-hex key), or set ENCRYPTION_KEY.");
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

void KeyProvider::resolve(bool allowGenerate, QObject *context, Callback done)
{
    Q_ASSERT(m_secrets);

    // 1. ENCRYPTION_KEY wins, even when empty (then it is malformed); the keychain is not
    //    touched at all.
    if (m_env.contains(envVariable())) {
        Result<EncryptionKey> key = EncryptionKey::fromHex(m_env.value(envVariable()));
        if (!key) {
            qCDebug(lcCrypto) << "ENCRYPTION_KEY is set but malformed";
            deliverLater<Resolved>(
                context, std::move(done),
                makeError(ErrorKind::Crypto,
                          QStringLiteral("ENCRYPTION_KEY is malformed: ") + key.error().message));
            return;
        }
        qCDebug(lcCrypto) << "using the key from ENCRYPTION_KEY, fingerprint" << key->fingerprint();
        deliverLater<Resolved>(context, std::move(done),
                               Resolved{std::move(key).value(), Source::Environment});
        return;
    }

    // 2. The keychain entry. Only the store pointer is captured: the provider itself may be
    //    gone by the time the keychain answers.
    SecretStore *secrets = m_secrets;
    secrets->read(keychainEntry(), context,
                  [secrets, allowGenerate, context,
                   done = std::move(done)](Result<std::optional<QString>> stored) mutable {
                      if (!stored) {
                          done(stored.error());
                          return;
                      }
                      if (stored->has_value()) {
                          Result<EncryptionKey> key = EncryptionKey::fromHex(**stored);
                          if (!key) {
                              qCDebug(lcCrypto) << "the key in the OS keychain is malformed";
                              done(makeError(ErrorKind::Crypto, corruptKeychainEntryMessage()));
                              return;
                          }
                          qCDebug(lcCrypto) << "using the key from the OS keychain, fingerprint"
                                            << key->fingerprint();
                          done(Resolved{std::move(key).value(), Source::Keychain});
                          return;
                      }

                      // 3. No key anywhere.
                      if (!allowGenerate) {
                          done(makeError(ErrorKind::Crypto, missingKeyMessage()));
                          return;
                      }
                      Result<EncryptionKey> generated = EncryptionKey::generate();
                      if (!generated) {
                          done(generated.error());
                          return;
                      }
                      EncryptionKey key = std::move(generated).value();
                      const QString hex = key.toHex();
                      secrets->write(keychainEntry(), hex, context,
                                     [key, done = std::move(done)](Result<void> written) {
                                         if (!written) {
                                             done(written.error());
                                             return;
                                         }
                                         qCDebug(lcCrypto)
                                             << "generated a new pool key and stored it in the OS "
                                                "keychain, fingerprint"
                                             << key.fingerprint();
                                         done(Resolved{key, Source::Generated});
                                     });
                  });
}

void KeyProvider::storeInKeychain(const EncryptionKey &key, QObject *context,
                                  SecretStore::WriteCallback done)
{
    Q_ASSERT(m_secrets);
    if (!key.isValid()) {
        deliverLater<void>(
            context, std::move(done),
            makeError(ErrorKind::Crypto, QStringLiteral("cannot store an invalid encryption key in "
                                                        "the OS keychain")));
        return;
    }
    m_secrets->write(keychainEntry(), key.toHex(), context, std::move(done));
}

} // namespace dopool
