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

#include <QJsonArray>

namespace dopool::cli {

namespace {

Result<QString> encryptToken(PoolSession &pool, const QString &token)
{
    return pool.cipher().encrypt(token);
}

void insertNewAccount(CommandContext &ctx, Account account, const QString &token);

void accountAdd(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("name"))
                          .valued(QStringLiteral("email"))
                          .valued(QStringLiteral("droplet-limit"))
                          .valued(QStringLiteral("token-env"))
                          .flag(QStringLiteral("token-stdin"))
                          .flag(QStringLiteral("primary"))
                          .flag(QStringLiteral("inactive"))
                          .flag(QStringLiteral("no-verify"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    // Everything is validated before the pool is opened: a rejected command writes nothing.
    if (!opts->has(QStringLiteral("name"))) {
        ctx.fail(makeError(ErrorKind::Usage, CliTr::tr("account add needs --name NAME")));
        return;
    }
    Account account;
    const auto name = validateAccountName(opts->value(QStringLiteral("name")));
    if (!succeeded(ctx, name))
        return;
    account.name = *name;
    if (opts->has(QStringLiteral("email"))) {
        const auto email = validateEmail(opts->value(QStringLiteral("email")));
        if (!succeeded(ctx, email))
            return;
        account.email = *email;
    }
    if (opts->has(QStringLiteral("droplet-limit"))) {
        const auto limit = validateDropletLimit(opts->value(QStringLiteral("droplet-limit")));
        if (!succeeded(ctx, limit))
            return;
        account.dropletLimit = *limit;
    }
    account.isPrimary = opts->has(QStringLiteral("primary"));
    account.isActive = !opts->has(QStringLiteral("inactive"));
    const auto token = ctx.readToken(opts->has(QStringLiteral("token-stdin")),
                                     opts->value(QStringLiteral("token-env")));
    if (!succeeded(ctx, token))
        return;
    // Asked before the pool is opened: a token DO rejects writes nothing. And before DO is
    // asked: a pool key pasted as a token is never sent.
    const bool verify = !opts->has(QStringLiteral("no-verify"));
    checkTokenIsNoPoolKey(*token, ctx.env(), ctx.sessionOptions().secrets, ctx.lifetime(),
                          [&ctx, account, verify, token = *token](Result<void> noKey) {
                              if (!succeeded(ctx, noKey))
                                  return;
                              prepareNewAccount(ctx, account, token, verify,
                                                [&ctx, token](Account ready) {
                                                    insertNewAccount(ctx, ready, token);
                                                });
                          });
}

void insertNewAccount(CommandContext &ctx, Account account, const QString &token)
{
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, account, token](PoolSession &pool) mutable {
        if (const auto allowed = checkTokenForPool(pool, token); !succeeded(ctx, allowed))
            return;
        const auto ciphertext = encryptToken(pool, token);
        if (!succeeded(ctx, ciphertext))
            return;
        account.encryptedToken = *ciphertext;
        const auto inserted = pool.store().insertAccount(account);
        if (!succeeded(ctx, inserted))
            return;
        const QString masked = maskToken(token);
        ctx.succeed(accountToJson(*inserted, masked),
                    CliTr::tr("Added account '%1' (%2), token %3.")
                        .arg(inserted->name, inserted->id, masked));
    });
}

void accountList(CommandContext &ctx, const QStringList &args)
{
    withAccountList(ctx, args, [&ctx](PoolSession &, const QList<Account> &accounts) {
        QJsonArray array;
        for (const Account &a : accounts)
            array.append(accountToJson(a));
        ctx.succeed(array, accountsToTable(accounts));
    });
}

// Looks up the one positional ID|NAME, then calls then(pool, account).
void withAccount(CommandContext &ctx, const ParsedOptions &opts, const QString &command,
                 std::function<void(PoolSession &, const Account &)> then)
{
    if (opts.positionals().size() != 1) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("%1 needs the account's id or name").arg(command)));
        return;
    }
    const QString which = opts.positionals().first();
    ctx.withPool(PoolSession::KeyUse::Verify,
                 [&ctx, which, then = std::move(then)](PoolSession &pool) {
                     const auto account = pool.store().findAccount(which);
                     if (!succeeded(ctx, account))
                         return;
                     then(pool, *account);
                 });
}

void accountShow(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 1);
    if (!succeeded(ctx, opts))
        return;
    withAccount(ctx, *opts, QStringLiteral("account show"),
                [&ctx](PoolSession &pool, const Account &account) {
                    const auto token = decryptAccountToken(pool.cipher(), account);
                    if (!succeeded(ctx, token))
                        return;
                    const QString masked = maskToken(*token);
                    ctx.succeed(accountToJson(account, masked), accountToText(account, masked));
                });
}

void accountUpdate(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("name"))
                          .valued(QStringLiteral("email"))
                          .valued(QStringLiteral("droplet-limit"))
                          .valued(QStringLiteral("token-env"))
                          .flag(QStringLiteral("token-stdin"))
                          .flag(QStringLiteral("primary"))
                          .flag(QStringLiteral("no-primary"))
                          .flag(QStringLiteral("active"))
                          .flag(QStringLiteral("inactive"))
                          .parse(args, 1);
    if (!succeeded(ctx, opts))
        return;
    const ParsedOptions &o = *opts;
    if (o.has(QStringLiteral("primary")) && o.has(QStringLiteral("no-primary"))) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("--primary and --no-primary contradict each other")));
        return;
    }
    if (o.has(QStringLiteral("active")) && o.has(QStringLiteral("inactive"))) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("--active and --inactive contradict each other")));
        return;
    }
    std::optional<QString> name, email, token;
    std::optional<int> limit;
    if (o.has(QStringLiteral("name"))) {
        const auto v = validateAccountName(o.value(QStringLiteral("name")));
        if (!succeeded(ctx, v))
            return;
        name = *v;
    }
    if (o.has(QStringLiteral("email"))) {
        const auto v = validateEmail(o.value(QStringLiteral("email")));
        if (!succeeded(ctx, v))
            return;
        email = *v;
    }
    if (o.has(QStringLiteral("droplet-limit"))) {
        const auto v = validateDropletLimit(o.value(QStringLiteral("droplet-limit")));
        if (!succeeded(ctx, v))
            return;
        limit = *v;
    }
    if (o.has(QStringLiteral("token-stdin")) || o.has(QStringLiteral("token-env"))) {
        const auto v = ctx.readToken(o.has(QStringLiteral("token-stdin")),
                                     o.value(QStringLiteral("token-env")));
        if (!succeeded(ctx, v))
            return;
        token = *v;
    }
    std::optional<bool> primary, active;
    if (o.has(QStringLiteral("primary")) || o.has(QStringLiteral("no-primary")))
        primary = o.has(QStringLiteral("primary"));
    if (o.has(QStringLiteral("active")) || o.has(QStringLiteral("inactive")))
        active = o.has(QStringLiteral("active"));
    if (!name && !email && !token && !limit && !primary && !active) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("account update: nothing to change (see dopool-cli --help)")));
        return;
    }
    auto update = [&ctx, o, name, email, token, limit, primary, active] {
        withAccount(ctx, o, QStringLiteral("account update"),
                    [&ctx, name, email, token, limit, primary, active](PoolSession &pool,
                                                                       const Account &current) {
                        Account updated = current;
                        if (name)
                            updated.name = *name;
                        if (email)
                            updated.email = *email;
                        if (limit)
                            updated.dropletLimit = *limit;
                        if (primary)
                            updated.isPrimary = *primary;
                        if (active)
                            updated.isActive = *active;
                        if (token) {
                            if (const auto allowed = checkTokenForPool(pool, *token, current.id);
                                !succeeded(ctx, allowed))
                                return;
                            const auto ciphertext = encryptToken(pool, *token);
                            if (!succeeded(ctx, ciphertext))
                                return;
                            updated.encryptedToken = *ciphertext;
                        }
                        const auto saved = pool.store().updateAccount(updated, current.version);
                        if (!succeeded(ctx, saved))
                            return;
                        const auto plain = decryptAccountToken(pool.cipher(), *saved);
                        if (!succeeded(ctx, plain))
                            return;
                        const QString masked = maskToken(*plain);
                        ctx.succeed(
                            accountToJson(*saved, masked),
                            CliTr::tr("Updated account '%1' (%2).").arg(saved->name, saved->id));
                    });
    };
    if (!token) {
        update();
        return;
    }
    // A pool key pasted as the new token is refused before anything else happens.
    checkTokenIsNoPoolKey(*token, ctx.env(), ctx.sessionOptions().secrets, ctx.lifetime(),
                          [&ctx, update](Result<void> noKey) {
                              if (succeeded(ctx, noKey))
                                  update();
                          });
}

void accountDelete(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 1);
    if (!succeeded(ctx, opts))
        return;
    withAccount(ctx, *opts, QStringLiteral("account delete"),
                [&ctx](PoolSession &pool, const Account &account) {
                    const auto deleted = pool.store().deleteAccount(account.id);
                    if (!succeeded(ctx, deleted))
                        return;
                    ctx.succeed(
                        QJsonObject{{QStringLiteral("deleted"), account.id},
                                    {QStringLiteral("name"), account.name}},
                        CliTr::tr("Deleted account '%1' (%2).").arg(account.name, account.id));
                });
}

} // namespace

QList<Command> accountCommands()
{
    return {
        {QStringLiteral("account add"),
         QStringLiteral("--name N [--email E] [--primary] [--inactive] [--droplet-limit N] "
                        "(--token-stdin | --token-env VAR) [--no-verify]"),
         CliTr::tr("add an account to the pool"), accountAdd},
        {QStringLiteral("account list"), QString(), CliTr::tr("list the pool's accounts"),
         accountList},
        {QStringLiteral("account show"), QStringLiteral("ID|NAME"),
         CliTr::tr("show one account (token masked)"), accountShow},
        {QStringLiteral("account update"),
         QStringLiteral(
             "ID|NAME [--name N] [--email E] [--primary|--no-primary] [--active|--inactive] "
             "[--droplet-limit N] [--token-stdin | --token-env VAR]"),
         CliTr::tr("change an account"), accountUpdate},
        {QStringLiteral("account delete"), QStringLiteral("ID|NAME"),
         CliTr::tr("remove an account from the pool"), accountDelete},
    };
}

void withAccountList(CommandContext &ctx, const QStringList &args,
                     std::function<void(PoolSession &, const QList<Account> &)> show)
{
    const auto opts = OptionParser().parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, show](PoolSession &pool) {
        const auto accounts = pool.store().listAccounts();
        if (succeeded(ctx, accounts))
            show(pool, *accounts);
    });
}

} // namespace dopool::cli
