// dopool-cli commands that read the pool's state from the store only: status, tasks, alerts.
#include "AccountFormat.h"
#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "common/Translate.h"
#include "coord/Leadership.h"
#include "store/PostgresStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>

namespace dopool::cli {

QJsonObject provisioningTaskToJson(const ProvisioningTask &task); // EngineCommands.cpp

namespace {

QJsonObject alertToJson(const Alert &a)
{
    return QJsonObject{
        {QStringLiteral("id"), a.id},
        {QStringLiteral("kind"), alertKindToDb(a.kind)},
        {QStringLiteral("severity"), alertSeverityToDb(a.severity)},
        {QStringLiteral("accountId"),
         a.accountId.isEmpty() ? QJsonValue() : QJsonValue(a.accountId)},
        {QStringLiteral("message"), a.message},
        {QStringLiteral("details"), a.details},
        {QStringLiteral("raisedAt"), timeToJson(a.raisedAt)},
        {QStringLiteral("resolvedAt"), timeToJson(a.resolvedAt)},
    };
}

QString alertLine(const Alert &a)
{
    QString line = QStringLiteral("[%1] %2  %3")
                       .arg(alertSeverityToDb(a.severity), a.raisedAt.toUTC().toString(Qt::ISODate),
                            a.message);
    if (!a.isOpen())
        line += CliTr::tr("  (resolved %1)").arg(a.resolvedAt.toUTC().toString(Qt::ISODate));
    return line;
}

QString taskLine(const ProvisioningTask &t)
{
    QString line = QStringLiteral("%1  %2  order %3  %4")
                       .arg(t.createdAt.toUTC().toString(Qt::ISODate),
                            t.statusText().leftJustified(11), t.orderId, t.dropletName);
    if (t.dropletId > 0)
        line += QStringLiteral(" (droplet %1)").arg(t.dropletId);
    if (t.extra)
        line += u' ' + CliTr::tr("[extra]");
    if (!t.error.isEmpty())
        line += QStringLiteral(" — ") + t.error;
    return line;
}

Result<int> parseLimit(const ParsedOptions &opts)
{
    if (!opts.has(QStringLiteral("limit")))
        return 50;
    bool ok = false;
    const int limit = opts.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return makeError(ErrorKind::Usage, CliTr::tr("--limit must be a number from 1 to 10000"));
    return limit;
}

void tasksCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().valued(QStringLiteral("limit")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto limit = parseLimit(*opts);
    if (!succeeded(ctx, limit))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, limit = *limit](PoolSession &pool) {
        const auto tasks = pool.store().listTasks(limit);
        if (!succeeded(ctx, tasks))
            return;
        succeedWithListing(ctx, *tasks, provisioningTaskToJson, taskLine,
                           CliTr::tr("No provisioning tasks yet."));
    });
}

void alertsCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts =
        OptionParser().flag(QStringLiteral("all")).valued(QStringLiteral("limit")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto limit = parseLimit(*opts);
    if (!succeeded(ctx, limit))
        return;
    const bool all = opts->has(QStringLiteral("all"));
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, all, limit = *limit](PoolSession &pool) {
        const auto alerts = pool.store().listAlerts(all, limit);
        if (!succeeded(ctx, alerts))
            return;
        succeedWithListing(ctx, *alerts, alertToJson, alertLine, CliTr::tr("No open alerts."));
    });
}

void statusCommand(CommandContext &ctx, const QStringList &args)
{
    withAccountList(ctx, args, [&ctx](PoolSession &pool, const QList<Account> &accounts) {
        const auto alerts = pool.store().listAlerts(false, 1000);
        if (!succeeded(ctx, alerts))
            return;
        int active = 0, usable = 0, full = 0, unhealthy = 0, used = 0, limit = 0, free = 0;
        QDateTime lastSync;
        for (const Account &a : accounts) {
            if (a.healthStatus == AccountHealth::Unhealthy)
                ++unhealthy;
            if (!a.isActive)
                continue;
            ++active;
            used += a.activeDroplets;
            limit += a.dropletLimit;
            if (a.isFull())
                ++full;
            if (isSelectableHealth(a.healthStatus)) {
                ++usable;
                free += a.availableSlots();
            }
            if (a.lastSyncAt.isValid() && (!lastSync.isValid() || a.lastSyncAt > lastSync))
                lastSync = a.lastSyncAt;
        }
        Account total;
        total.activeDroplets = used;
        total.dropletLimit = limit;
        // A shared (PostgreSQL) pool: who leads the rounds, how many instances are about.
        std::optional<coord::Presence> presence;
        if (pool.storeOptions().url.kind == DatabaseUrl::Kind::Postgres) {
            SessionResult session = openPostgresSession(pool.storeOptions());
            if (session.session) {
                if (auto read = coord::readPresence(*session.session); read)
                    presence = *read;
            }
        }
        QJsonObject doc{
            {QStringLiteral("backend"), pool.store().backendName()},
            {QStringLiteral("location"), pool.store().location()},
            {QStringLiteral("accounts"), int(accounts.size())},
            {QStringLiteral("activeAccounts"), active},
            {QStringLiteral("usableAccounts"), usable},
            {QStringLiteral("fullAccounts"), full},
            {QStringLiteral("unhealthyAccounts"), unhealthy},
            {QStringLiteral("activeDroplets"), used},
            {QStringLiteral("dropletLimit"), limit},
            {QStringLiteral("freeSlots"), free},
            {QStringLiteral("utilisation"),
             limit > 0 ? std::round(1000.0 * used / limit) / 1000.0 : 0.0},
            {QStringLiteral("openAlerts"), int(alerts->size())},
            {QStringLiteral("lastSyncAt"), timeToJson(lastSync)},
        };
        doc.insert(QStringLiteral("shared"), presence.has_value());
        if (presence) {
            doc.insert(QStringLiteral("leader"), presence->leaderDescription.isEmpty()
                                                     ? QJsonValue()
                                                     : QJsonValue(presence->leaderDescription));
            doc.insert(QStringLiteral("instancesOnline"), presence->instancesOnline);
        }
        QString text;
        text += CliTr::tr("Pool:            %1 (%2)\n")
                    .arg(pool.store().location(), pool.store().backendName());
        if (presence) {
            text += CliTr::tr("Shared:          %1 instance(s) online, rounds led by %2\n")
                        .arg(presence->instancesOnline)
                        .arg(presence->leaderDescription.isEmpty() ? CliTr::tr("nobody right now")
                                                                   : presence->leaderDescription);
        }
        text += CliTr::tr("Accounts:        %1 (%2 active, %3 usable, %4 full, %5 unhealthy)\n")
                    .arg(accounts.size())
                    .arg(active)
                    .arg(usable)
                    .arg(full)
                    .arg(unhealthy);
        text += CliTr::tr("Total capacity:  %1, %2 free slots on usable accounts\n")
                    .arg(capacityText(total))
                    .arg(free);
        text += CliTr::tr("Last sync:       %1\n")
                    .arg(lastSync.isValid() ? lastSync.toUTC().toString(Qt::ISODate)
                                            : CliTr::tr("never"));
        text += CliTr::tr("Open alerts:     %1").arg(alerts->size());
        for (const Alert &a : *alerts)
            text += QStringLiteral("\n  ") + alertLine(a);
        ctx.succeed(doc, text);
    });
}

} // namespace

QList<Command> statusCommands()
{
    return {
        {QStringLiteral("status"), QString(),
         CliTr::tr("summarise the pool: capacity, health, alerts"), statusCommand},
        {QStringLiteral("tasks"), QStringLiteral("[--limit N]"),
         CliTr::tr("list provisioning tasks, newest first"), tasksCommand},
        {QStringLiteral("alerts"), QStringLiteral("[--all] [--limit N]"),
         CliTr::tr("list open alerts (--all: with history)"), alertsCommand},
    };
}

} // namespace dopool::cli
