#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "common/Translate.h"

#include <QJsonObject>

namespace dopool::cli {

namespace {

// Keeps the PostgreSQL password in the OS keychain, for admins who use neither PGPASSWORD
// nor ~/.pgpass. It is tried first, so a wrong password is never stored.
void dbPassword(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .flag(QStringLiteral("password-stdin"))
                          .valued(QStringLiteral("password-env"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const DatabaseUrl url = ctx.sessionOptions().url;
    if (url.kind != DatabaseUrl::Kind::Postgres) {
        ctx.fail(makeError(
            ErrorKind::Usage,
            CliTr::tr("db password needs a PostgreSQL --db URL (SQLite has no password)")));
        return;
    }
    const auto password =
        ctx.readSecret(opts->has(QStringLiteral("password-stdin")),
                       opts->value(QStringLiteral("password-env")), QStringLiteral("password"));
    if (!succeeded(ctx, password))
        return;
    StoreOptions options;
    options.url = url;
    options.password = *password;
    options.clock = ctx.sessionOptions().clock;
    OpenResult opened = openStore(options);
    if (!opened.store) {
        ctx.fail(opened.failure.error);
        return;
    }
    opened.store.reset();
    ctx.sessionOptions().secrets->write(
        url.passwordKey(), *password, ctx.lifetime(), [&ctx, url](Result<void> stored) {
            if (!succeeded(ctx, stored))
                return;
            ctx.succeed(QJsonObject{{QStringLiteral("stored"), true},
                                    {QStringLiteral("entry"), url.passwordKey()}},
                        CliTr::tr("Stored the password for %1 in the OS keychain.")
                            .arg(url.displayString()));
        });
}

} // namespace

QList<Command> dbCommands()
{
    return {{QStringLiteral("db password"),
             QStringLiteral("(--password-stdin | --password-env VAR)"),
             CliTr::tr("check a PostgreSQL password and keep it in the OS keychain"), dbPassword}};
}

} // namespace dopool::cli
