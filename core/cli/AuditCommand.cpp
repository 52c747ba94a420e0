// dopool-cli audit: who changed what in the pool, and when (never a token).
#include "AccountFormat.h"
#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "common/Translate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace dopool::cli {

namespace {

QJsonObject auditToJson(const AuditEntry &e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("at"), timeToJson(e.at)},
        {QStringLiteral("osUser"), e.osUser},
        {QStringLiteral("host"), e.host},
        {QStringLiteral("instanceId"), e.instanceId},
        {QStringLiteral("action"), e.action},
        {QStringLiteral("accountId"),
         e.accountId.isEmpty() ? QJsonValue() : QJsonValue(e.accountId)},
        {QStringLiteral("accountName"), e.accountName},
        {QStringLiteral("details"), e.details},
    };
}

QString auditLine(const AuditEntry &e)
{
    QString line =
        QStringLiteral("%1  %2@%3  %4")
            .arg(e.at.toUTC().toString(Qt::ISODate), e.osUser, e.host, e.action.leftJustified(15));
    if (!e.accountName.isEmpty())
        line.append(QStringLiteral("  '%1'").arg(e.accountName));
    if (!e.details.isEmpty())
        line.append(QStringLiteral("  %1").arg(e.details));
    return line;
}

void auditCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("limit"))
                          .valued(QStringLiteral("account"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    int limit = 50;
    if (opts->has(QStringLiteral("limit"))) {
        bool ok = false;
        limit = opts->value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 10000) {
            ctx.fail(
                makeError(ErrorKind::Usage, CliTr::tr("--limit must be a number from 1 to 10000")));
            return;
        }
    }
    const QString which = opts->value(QStringLiteral("account"));
    if (opts->has(QStringLiteral("account")) && which.trimmed().isEmpty()) {
        ctx.fail(makeError(ErrorKind::Usage, CliTr::tr("--account needs an account id or name")));
        return;
    }
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, limit, which](PoolSession &pool) {
        AuditFilter filter;
        if (!which.isEmpty()) {
            const auto account = pool.store().findAccount(which);
            if (account) {
                filter.accountId = account->id;
            } else if (const QUuid id = QUuid::fromString(which.trimmed()); !id.isNull()) {
                // A deleted account is found by its id only: its history outlives it.
                filter.accountId = id.toString(QUuid::WithoutBraces).toLower();
            } else {
                ctx.fail(account.error());
                return;
            }
        }
        const auto entries = pool.store().listAudit(filter, limit);
        if (!succeeded(ctx, entries))
            return;
        succeedWithListing(ctx, *entries, auditToJson, auditLine,
                           CliTr::tr("No changes recorded yet."));
    });
}

} // namespace

QList<Command> auditCommands()
{
    return {{QStringLiteral("audit"), QStringLiteral("[--limit N] [--account ID|NAME]"),
             CliTr::tr("who changed what in the pool, newest first (never a token)"),
             auditCommand}};
}

} // namespace dopool::cli
