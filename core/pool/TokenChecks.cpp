#include "TokenChecks.h"

#include "PoolKey.h"
#include "common/Translate.h"
#include "crypto/KeyProvider.h"

#include <QTimer>

namespace dopool {

namespace {

Error poolKeyRefused(const QString &where)
{
    return makeError(ErrorKind::Validation,
                     CoreTr::tr("the API token given is a pool encryption key (%1), not a "
                                "DigitalOcean token; it was not sent anywhere nor stored")
                         .arg(where));
}

} // namespace

void checkTokenIsNoPoolKey(const QString &token, const QProcessEnvironment &env,
                           SecretStore *secrets, QObject *context,
                           std::function<void(Result<void>)> done)
{
    const Result<EncryptionKey> asKey = EncryptionKey::fromHex(token);
    Result<void> verdict;
    bool askKeychain = false;
    if (asKey) {
        const auto envKey = KeyProvider(secrets, env).environmentKey();
        if (envKey && *envKey && **envKey == *asKey)
            verdict = poolKeyRefused(QStringLiteral("ENCRYPTION_KEY"));
        else
            askKeychain = secrets != nullptr;
    }
    if (!askKeychain) {
        QTimer::singleShot(0, context, [done = std::move(done), verdict] { done(verdict); });
        return;
    }
    const QString fingerprint = asKey->fingerprint();
    KeyProvider(secrets, env)
        .findInKeychain(
            fingerprint, context,
            [fingerprint, done = std::move(done)](Result<std::optional<EncryptionKey>> found) {
                if (found && found->has_value()) {
                    done(poolKeyRefused(
                        CoreTr::tr("held in the OS keychain, fingerprint %1").arg(fingerprint)));
                    return;
                }
                done({});
            });
}

Result<void> checkTokenForPool(PoolSession &pool, const QString &token,
                               const QString &exceptAccountId)
{
    if (const Result<EncryptionKey> asKey = EncryptionKey::fromHex(token); asKey) {
        if (*asKey == pool.cipher().key())
            return poolKeyRefused(CoreTr::tr("this pool's key"));
        const auto stored = pool.poolKeyFingerprint();
        if (stored && *stored == asKey->fingerprint())
            return poolKeyRefused(CoreTr::tr("this pool's key"));
    }
    const auto existing = findAccountWithToken(pool.store(), pool.cipher(), token);
    if (!existing)
        return existing.error();
    if (existing->has_value() && (*existing)->id != exceptAccountId)
        return makeError(ErrorKind::Conflict,
                         CoreTr::tr("account '%1' already has this token; one DigitalOcean "
                                    "account must not be in the pool twice (its droplets would "
                                    "count twice)")
                             .arg((*existing)->name));
    return {};
}

} // namespace dopool
