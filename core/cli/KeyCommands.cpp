#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "common/Translate.h"
#include "common/Validation.h"
#include "crypto/KeyFile.h"
#include "pool/PoolKey.h"
#include "pool/PoolKeyResolver.h"

#include <QJsonObject>
#include <QRegularExpression>

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

// A key from the environment variable named by envOption, or the file named by fileOption
// (exactly one of them); never from argv.
Result<EncryptionKey> keyFromOptions(const CommandContext &ctx, const ParsedOptions &opts,
                                     const QString &envOption, const QString &fileOption)
{
    const bool fromEnv = opts.has(envOption);
    const bool fromFile = opts.has(fileOption);
    if (fromEnv == fromFile)
        return makeError(ErrorKind::Usage, CliTr::tr("give the key with exactly one of --%1 VAR "
                                                     "or --%2 FILE")
                                               .arg(envOption, fileOption));
    if (fromFile) {
        const QString path = opts.value(fileOption);
        if (path.isEmpty())
            return makeError(ErrorKind::Usage,
                             CliTr::tr("--%1 needs the path of a key file").arg(fileOption));
        return readKeyFile(path);
    }
    const QString var = opts.value(envOption);
    if (var.isEmpty())
        return makeError(ErrorKind::Usage,
                         CliTr::tr("--%1 needs the name of an environment variable holding the key")
                             .arg(envOption));
    if (!isPlausibleVariableName(var))
        return makeError(ErrorKind::Usage,
                         CliTr::tr("--%1 takes the NAME of an environment variable, not the key "
                                   "itself (the value given is not shown)")
                             .arg(envOption));
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
    const auto opts = OptionParser()
                          .valued(QStringLiteral("key-env"))
                          .valued(QStringLiteral("key-file"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto key =
        keyFromOptions(ctx, *opts, QStringLiteral("key-env"), QStringLiteral("key-file"));
    if (!succeeded(ctx, key))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, key = *key](PoolSession &pool) {
        importPoolKey(pool.store(), pool.keyProvider(), key, ctx.lifetime(),
                      [&ctx, key](Result<void> imported) {
                          if (!succeeded(ctx, imported))
                              return;
                          ctx.succeed(
                              QJsonObject{{QStringLiteral("imported"), true},
                                          {QStringLiteral("fingerprint"), key.fingerprint()}},
                              CliTr::tr("Imported the pool key (fingerprint %1) into the OS "
                                        "keychain.")
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
        const auto stored = pool.poolKeyFingerprint();
        if (!succeeded(ctx, stored))
            return;
        findPoolKey(
            pool.keyProvider(), *stored, ctx.lifetime(),
            [&ctx, poolFp = *stored](Result<KeyProvider::Resolved> local) {
                if (!succeeded(ctx, local))
                    return;
                const QString ours = local->key.fingerprint();
                if (!poolFp.isEmpty() && poolFp != ours) {
                    ctx.fail(
                        makeError(ErrorKind::KeyMismatch,
                                  CliTr::tr("your key (fingerprint %1, from the %2) is not the "
                                            "pool's key (fingerprint %3)")
                                      .arg(ours, keySourceName(local->source), poolFp)));
                    return;
                }
                const QJsonObject doc{{QStringLiteral("fingerprint"), ours},
                                      {QStringLiteral("source"), keySourceName(local->source)},
                                      {QStringLiteral("poolFingerprint"),
                                       poolFp.isEmpty() ? QJsonValue() : QJsonValue(poolFp)},
                                      {QStringLiteral("matchesPool"), !poolFp.isEmpty()}};
                QString text = CliTr::tr("Key fingerprint: %1 (from the %2)")
                                   .arg(ours, keySourceName(local->source));
                text +=
                    u'\n' + (poolFp.isEmpty() ? CliTr::tr("The pool has no key check value yet; "
                                                          "it adopts this key on first use.")
                                              : CliTr::tr("Matches the pool's key."));
                ctx.succeed(doc, text);
            });
    });
}

void keyExport(CommandContext &ctx, const QStringList &args)
{
    const auto opts =
        OptionParser().valued(QStringLiteral("to")).flag(QStringLiteral("stdout")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const bool toStdout = opts->has(QStringLiteral("stdout"));
    const QString path = opts->value(QStringLiteral("to"));
    if (toStdout == opts->has(QStringLiteral("to")) || (!toStdout && path.isEmpty())) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("key export needs exactly one of --to FILE (written with "
                                     "mode 0600, never over an existing file) or --stdout")));
        return;
    }
    if (!toStdout && path.trimmed() == QLatin1String("-")) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("key export --to - would write a file named '-'; to print "
                                     "the key use --stdout")));
        return;
    }
    if (toStdout && ctx.json()) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("key export --stdout prints the bare key; it has no --json "
                                     "form")));
        return;
    }
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, toStdout, path](PoolSession &pool) {
        const EncryptionKey &key = pool.cipher().key();
        if (toStdout) {
            // Asked for explicitly: the one place the key is printed.
            ctx.succeed(QJsonValue(), key.toHex());
            return;
        }
        if (const auto written = writeKeyFile(path, key); !written) {
            ctx.fail(written.error());
            return;
        }
        ctx.succeed(QJsonObject{{QStringLiteral("exported"), path},
                                {QStringLiteral("fingerprint"), key.fingerprint()}},
                    CliTr::tr("Wrote the pool key (fingerprint %1) to %2 (mode 0600). Keep it "
                              "offline; it opens every token of this pool.")
                        .arg(key.fingerprint(), path));
    });
}

void keyForget(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 1);
    if (!succeeded(ctx, opts))
        return;
    static const QRegularExpression shape(
        QStringLiteral("^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$"));
    if (opts->positionals().size() != 1 || !shape.match(opts->positionals().first()).hasMatch()) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("key forget needs the fingerprint of the key to remove "
                                     "(like ab12-cd34-ef56-7890)")));
        return;
    }
    const QString fingerprint = opts->positionals().first();
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, fingerprint](PoolSession &pool) {
        const auto current = pool.poolKeyFingerprint();
        if (!succeeded(ctx, current))
            return;
        if (*current == fingerprint) {
            ctx.fail(makeError(ErrorKind::Usage,
                               CliTr::tr("%1 is this pool's current key; it stays in the keychain")
                                   .arg(fingerprint)));
            return;
        }
        pool.keyProvider().removeFromKeychain(
            fingerprint, ctx.lifetime(), [&ctx, fingerprint](Result<void> removed) {
                if (!succeeded(ctx, removed))
                    return;
                ctx.succeed(QJsonObject{{QStringLiteral("forgotten"), fingerprint}},
                            CliTr::tr("Removed the key %1 from the OS keychain.").arg(fingerprint));
            });
    });
}

void rotateKey(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("new-key-env"))
                          .valued(QStringLiteral("new-key-file"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto newKey =
        keyFromOptions(ctx, *opts, QStringLiteral("new-key-env"), QStringLiteral("new-key-file"));
    if (!succeeded(ctx, newKey))
        return;
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, newKey = *newKey](PoolSession &pool) {
        if (newKey == pool.cipher().key()) {
            ctx.fail(makeError(ErrorKind::Usage,
                               CliTr::tr("the new key is the key the pool already uses")));
            return;
        }
        // The new key gets its home before any token depends on it. Its entry is its own: no
        // other pool's key is touched, and the old key stays for whoever still needs it.
        const bool fromEnvironment = pool.keySource() == KeyProvider::Source::Environment;
        pool.keyProvider().storeInKeychain(
            newKey, ctx.lifetime(), [&ctx, &pool, newKey, fromEnvironment](Result<void> stored) {
                if (!stored && !fromEnvironment) {
                    ctx.fail(makeError(ErrorKind::Crypto,
                                       CliTr::tr("the new key could not be stored in the OS "
                                                 "keychain, so nothing was re-encrypted: %1")
                                           .arg(stored.error().message)));
                    return;
                }
                const QString oldFp = pool.cipher().key().fingerprint();
                const TokenCipher newCipher(newKey);
                const auto rotated = rotatePoolKey(pool.store(), pool.cipher(), newCipher);
                if (!succeeded(ctx, rotated))
                    return;
                const int count = *rotated;
                const QString fp = newKey.fingerprint();
                const QJsonObject doc{{QStringLiteral("rotated"), count},
                                      {QStringLiteral("fingerprint"), fp},
                                      {QStringLiteral("previousFingerprint"), oldFp},
                                      {QStringLiteral("storedInKeychain"), stored.ok()}};
                QString text =
                    CliTr::tr("Re-encrypted %n token(s) with the new key (fingerprint %1).",
                              nullptr, count)
                        .arg(fp);
                text += u'\n';
                text += stored
                            ? CliTr::tr("The new key is in the OS keychain; the old key (%1) "
                                        "stays there for backups made before now: remove it with "
                                        "'dopool-cli key forget %1' when you no longer need it.")
                                  .arg(oldFp)
                            : CliTr::tr("The OS keychain could not store the new key: keep the "
                                        "variable or file you gave it in.");
                if (fromEnvironment)
                    text += u'\n' + CliTr::tr("ENCRYPTION_KEY still holds the old key: give every "
                                              "instance and the order-service the new key.");
                ctx.succeed(doc, text);
            });
    });
}

} // namespace

QList<Command> keyCommands()
{
    return {
        {QStringLiteral("key import"), QStringLiteral("(--key-env VAR | --key-file FILE)"),
         CliTr::tr("put the pool's existing key into the OS keychain"), keyImport},
        {QStringLiteral("key export"), QStringLiteral("(--to FILE | --stdout)"),
         CliTr::tr("write the pool's key to a new file (0600) for a recovery copy or the "
                   "order-service"),
         keyExport},
        {QStringLiteral("key fingerprint"), QString(),
         CliTr::tr("show this process's key fingerprint and the pool's"), keyFingerprint},
        {QStringLiteral("key forget"), QStringLiteral("FINGERPRINT"),
         CliTr::tr("remove an old key (not the pool's current one) from the OS keychain"),
         keyForget},
        {QStringLiteral("rotate-key"), QStringLiteral("(--new-key-env VAR | --new-key-file FILE)"),
         CliTr::tr("re-encrypt every token with a new key, in one transaction"), rotateKey},
    };
}

} // namespace dopool::cli
