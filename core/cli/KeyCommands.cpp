#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "common/Translate.h"
#include "pool/PoolKey.h"

#include <QJsonObject>

namespace dopool::cli {

QString keySourceName(KeyProvider::Source source)
{
    switch (source) {
    case KeyProvider::Source::Environment:
        return QStringLiteral("environment");
    case KeyProvider::Source::Keychain:
        return QStringLiteral("keychain");
    case KeyProvider::Source::Generated:
        break;
    }
    return QStringLiteral("generated");
}

namespace {

// A key from the environment variable named by --key-env / --new-key-env (never argv).
Result<EncryptionKey> keyFromEnv(const CommandContext &ctx, const QString &option,
                                 const QString &var)
{
    if (var.isEmpty())
        return makeError(
            ErrorKind::Usage,
            CliTr::tr("%1 needs the name of an environment variable holding the key").arg(option));
    if (!ctx.env().contains(var))
        return makeError(ErrorKind::Usage,
                         CliTr::tr("environment variable %1 is not set").arg(var));
    auto key = EncryptionKey::fromHex(ctx.env().value(var));
    if (!key)
        return makeError(ErrorKind::Crypto,
                         CliTr::tr("the key in %1 is malformed: %2").arg(var, key.error().message));
    return key;
}

void keyImport(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().valued(QStringLiteral("key-env")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto key =
        keyFromEnv(ctx, QStringLiteral("--key-env"), opts->value(QStringLiteral("key-env")));
    if (!succeeded(ctx, key))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, key = *key](PoolSession &pool) {
        // Refuse to put a foreign key into the keychain: it must be this pool's key.
        if (const auto verified = verifyPoolKey(pool.store(), key); !verified) {
            ctx.fail(verified.error());
            return;
        }
        pool.keyProvider().storeInKeychain(key, ctx.lifetime(), [&ctx, key](Result<void> stored) {
            if (!succeeded(ctx, stored))
                return;
            ctx.succeed(QJsonObject{{QStringLiteral("imported"), true},
                                    {QStringLiteral("fingerprint"), key.fingerprint()}},
                        CliTr::tr("Imported the pool key (fingerprint %1) into the OS keychain.")
                            .arg(key.fingerprint()));
        });
    });
}

void keyFingerprint(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx](PoolSession &pool) {
        const auto stored = pool.store().metaValue(AccountStore::keyFingerprintMeta());
        if (!succeeded(ctx, stored))
            return;
        pool.keyProvider().resolve(
            false, ctx.lifetime(), [&ctx, pool = *stored](Result<KeyProvider::Resolved> local) {
                if (!succeeded(ctx, local))
                    return;
                const QString ours = local->key.fingerprint();
                if (!pool.isEmpty() && pool != ours) {
                    ctx.fail(
                        makeError(ErrorKind::KeyMismatch,
                                  CliTr::tr("your key (fingerprint %1, from the %2) is not the "
                                            "pool's key (fingerprint %3)")
                                      .arg(ours, keySourceName(local->source), pool)));
                    return;
                }
                const QJsonObject doc{{QStringLiteral("fingerprint"), ours},
                                      {QStringLiteral("source"), keySourceName(local->source)},
                                      {QStringLiteral("poolFingerprint"),
                                       pool.isEmpty() ? QJsonValue() : QJsonValue(pool)},
                                      {QStringLiteral("matchesPool"), !pool.isEmpty()}};
                QString text = CliTr::tr("Key fingerprint: %1 (from the %2)")
                                   .arg(ours, keySourceName(local->source));
                text +=
                    u'\n' + (pool.isEmpty() ? CliTr::tr("The pool has no key check value yet; it "
                                                        "adopts this key on first use.")
                                            : CliTr::tr("Matches the pool's key."));
                ctx.succeed(doc, text);
            });
    });
}

void rotateKey(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().valued(QStringLiteral("new-key-env")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto newKey = keyFromEnv(ctx, QStringLiteral("--new-key-env"),
                                   opts->value(QStringLiteral("new-key-env")));
    if (!succeeded(ctx, newKey))
        return;
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, newKey = *newKey](PoolSession &pool) {
        if (newKey == pool.cipher().key()) {
            ctx.fail(makeError(ErrorKind::Usage,
                               CliTr::tr("the new key is the key the pool already uses")));
            return;
        }
        const TokenCipher newCipher(newKey);
        const auto rotated = rotatePoolKey(pool.store(), pool.cipher(), newCipher);
        if (!succeeded(ctx, rotated))
            return;
        const int count = *rotated;
        const QString fp = newKey.fingerprint();
        const QJsonObject doc{{QStringLiteral("rotated"), count},
                              {QStringLiteral("fingerprint"), fp}};
        if (pool.keySource() == KeyProvider::Source::Environment) {
            ctx.succeed(
                doc,
                CliTr::tr(
                    "Re-encrypted %1 token(s) with the new key (fingerprint %2). ENCRYPTION_KEY "
                    "still "
                    "holds the old key: give every instance and the order-service the new key.")
                    .arg(count)
                    .arg(fp));
            return;
        }
        pool.keyProvider().storeInKeychain(
            newKey, ctx.lifetime(), [&ctx, doc, count, fp](Result<void> stored) {
                if (!stored) {
                    ctx.fail(makeError(ErrorKind::Crypto,
                                       CliTr::tr("re-encrypted %1 token(s) with the new "
                                                 "key (fingerprint %2), but storing it "
                                                 "in the OS keychain failed: %3. Run "
                                                 "'dopool-cli key import --key-env VAR' "
                                                 "with the new key")
                                           .arg(count)
                                           .arg(fp, stored.error().message)));
                    return;
                }
                ctx.succeed(doc,
                            CliTr::tr("Re-encrypted %1 token(s) with the new key (fingerprint %2) "
                                      "and stored it in the "
                                      "OS keychain.")
                                .arg(count)
                                .arg(fp));
            });
    });
}

} // namespace

QList<Command> keyCommands()
{
    return {
        {QStringLiteral("key import"), QStringLiteral("--key-env VAR"),
         CliTr::tr("put the pool's existing key (64 hex, from VAR) into the OS keychain"),
         keyImport},
        {QStringLiteral("key fingerprint"), QString(),
         CliTr::tr("show this process's key fingerprint and the pool's"), keyFingerprint},
        {QStringLiteral("rotate-key"), QStringLiteral("--new-key-env VAR"),
         CliTr::tr("re-encrypt every token with a new key, in one transaction"), rotateKey},
    };
}

} // namespace dopool::cli
