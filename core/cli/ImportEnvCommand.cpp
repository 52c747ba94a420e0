#include "AccountFormat.h"
#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "TokenVerification.h"
#include "common/Translate.h"
#include "common/Validation.h"
#include "crypto/TokenMask.h"
#include "pool/PoolKey.h"
#include "pool/TokenChecks.h"

#include <QJsonObject>

namespace dopool::cli {

namespace {

// Migration phase B: the single DO_ACCESS_TOKEN the order-service used becomes the pool's
// primary account. Idempotent: a token already in the pool is left alone.
void importToken(CommandContext &ctx, Account account, const QString &token);

void importEnv(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("name"))
                          .valued(QStringLiteral("email"))
                          .flag(QStringLiteral("no-verify"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const QString var = QStringLiteral("DO_ACCESS_TOKEN");
    if (!ctx.env().contains(var)) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("DO_ACCESS_TOKEN is not set: nothing to import")));
        return;
    }
    const auto token = ctx.readToken(false, var);
    if (!succeeded(ctx, token))
        return;
    Account account;
    const auto name =
        validateAccountName(opts->has(QStringLiteral("name")) ? opts->value(QStringLiteral("name"))
                                                              : QStringLiteral("Primary"));
    if (!succeeded(ctx, name))
        return;
    account.name = *name;
    account.isPrimary = true;
    if (opts->has(QStringLiteral("email"))) {
        const auto email = validateEmail(opts->value(QStringLiteral("email")));
        if (!succeeded(ctx, email))
            return;
        account.email = *email;
    }
    const bool verify = !opts->has(QStringLiteral("no-verify"));
    checkTokenIsNoPoolKey(*token, ctx.env(), ctx.sessionOptions().secrets, ctx.lifetime(),
                          [&ctx, account, verify, token = *token](Result<void> noKey) {
                              if (!succeeded(ctx, noKey))
                                  return;
                              prepareNewAccount(
                                  ctx, account, token, verify,
                                  [&ctx, token](Account ready) { importToken(ctx, ready, token); });
                          });
}

void importToken(CommandContext &ctx, Account account, const QString &token)
{
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, account, token](PoolSession &pool) mutable {
        if (const Result<EncryptionKey> asKey = EncryptionKey::fromHex(token);
            asKey && *asKey == pool.cipher().key()) {
            ctx.fail(checkTokenForPool(pool, token).error());
            return;
        }
        const auto existing = findAccountWithToken(pool.store(), pool.cipher(), token);
        if (!succeeded(ctx, existing))
            return;
        if (existing->has_value()) {
            const Account &present = **existing;
            ctx.succeed(
                QJsonObject{{QStringLiteral("imported"), false},
                            {QStringLiteral("account"), accountToJson(present, maskToken(token))}},
                CliTr::tr("DO_ACCESS_TOKEN is already in the pool as account '%1' (%2); "
                          "nothing changed.")
                    .arg(present.name, present.id));
            return;
        }
        const auto ciphertext = pool.cipher().encrypt(token);
        if (!succeeded(ctx, ciphertext))
            return;
        account.encryptedToken = *ciphertext;
        const auto inserted = pool.store().insertAccount(account);
        if (!succeeded(ctx, inserted))
            return;
        ctx.succeed(
            QJsonObject{{QStringLiteral("imported"), true},
                        {QStringLiteral("account"), accountToJson(*inserted, maskToken(token))}},
            CliTr::tr("Imported DO_ACCESS_TOKEN as the primary account '%1' (%2). Once the "
                      "order-service uses "
                      "the pool, DO_ACCESS_TOKEN can be removed (migration phase E).")
                .arg(inserted->name, inserted->id));
    });
}

} // namespace

QList<Command> importEnvCommands()
{
    return {{QStringLiteral("import-env"), QStringLiteral("[--name N] [--email E] [--no-verify]"),
             CliTr::tr("make DO_ACCESS_TOKEN the pool's primary account (once)"), importEnv}};
}

} // namespace dopool::cli
