// dopool-cli commands that talk to DigitalOcean through the engine: sync, health, select,
// provision.
#include "AccountFormat.h"
#include "CommandSupport.h"
#include "Commands.h"
#include "EngineRuntime.h"
#include "OptionParser.h"
#include "TaskFormat.h"
#include "common/Translate.h"
#include "common/Validation.h"
#include "engine/AccountSelector.h"
#include "engine/AlertEvaluator.h"
#include "engine/Provisioner.h"
#include "engine/SyncService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dopool::cli {

namespace {

QJsonObject outcomeToJson(const engine::SyncOutcome &outcome)
{
    QJsonObject o = accountToJson(outcome.account);
    o.insert(QStringLiteral("healthBefore"), healthToDb(outcome.healthBefore));
    o.insert(QStringLiteral("ok"), outcome.ok());
    if (outcome.apiError) {
        o.insert(QStringLiteral("error"), outcome.apiError->message);
        o.insert(QStringLiteral("errorKind"), errorKindName(outcome.apiError->toError().kind));
    } else if (outcome.storeError) {
        o.insert(QStringLiteral("error"), outcome.storeError->message);
        o.insert(QStringLiteral("errorKind"), errorKindName(outcome.storeError->kind));
    }
    return o;
}

QString outcomeText(const engine::SyncOutcome &outcome)
{
    QString line = QStringLiteral("%1: %2, %3")
                       .arg(outcome.account.name, capacityText(outcome.account),
                            healthLabel(outcome.account.healthStatus));
    if (outcome.apiError)
        line += QStringLiteral(" — ") + outcome.apiError->message;
    else if (outcome.storeError)
        line += QStringLiteral(" — ") + outcome.storeError->message;
    return line;
}

// The worst failure among outcomes decides the exit code: store (5) over crypto (6) over DO (4).
std::optional<Error> worstFailure(const QList<engine::SyncOutcome> &outcomes)
{
    std::optional<Error> worst;
    int failures = 0;
    for (const auto &o : outcomes) {
        std::optional<Error> e;
        if (o.storeError)
            e = *o.storeError;
        else if (o.apiError)
            e = o.apiError->toError();
        if (!e)
            continue;
        ++failures;
        if (!worst || e->exitCode() == 5 || (e->exitCode() == 6 && worst->exitCode() == 4))
            worst = e;
    }
    if (worst && outcomes.size() > 1) {
        worst->message = CliTr::tr("%1 of %2 accounts failed; first reason: %3")
                             .arg(failures)
                             .arg(outcomes.size())
                             .arg(worst->message);
    }
    return worst;
}

// sync / health: one account (ID|NAME) or --all.
void runSync(CommandContext &ctx, const QStringList &args, engine::SyncService::Mode mode,
             const QString &command)
{
    const auto opts = OptionParser().flag(QStringLiteral("all")).parse(args, 1);
    if (!succeeded(ctx, opts))
        return;
    const bool all = opts->has(QStringLiteral("all"));
    if (all == (opts->positionals().size() == 1)) {
        ctx.fail(makeError(ErrorKind::Usage,
                           CliTr::tr("%1 needs an account's id or name, or --all").arg(command)));
        return;
    }
    const QString which = all ? QString() : opts->positionals().first();
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, all, which, mode](PoolSession &pool) {
        auto runtime = EngineRuntime::create(ctx, pool);
        if (!succeeded(ctx, runtime))
            return;
        QList<Account> accounts;
        if (all) { // only --all means every account; an empty name never does

            const auto listed = pool.store().listAccounts();
            if (!succeeded(ctx, listed))
                return;
            accounts = *listed;
        } else {
            const auto found = pool.store().findAccount(which);
            if (!succeeded(ctx, found))
                return;
            accounts << *found;
        }
        auto *engineRuntime = *runtime;
        auto *service = new engine::SyncService(engineRuntime->context(), engineRuntime);
        service->run(mode, accounts, [&ctx, engineRuntime](QList<engine::SyncOutcome> outcomes) {
            // Alerts follow every round, as the scheduler's do.
            engine::AlertEvaluator alerts(engineRuntime->context());
            (void)alerts.evaluate();
            QJsonArray results;
            QStringList lines;
            for (const auto &o : outcomes) {
                results.append(outcomeToJson(o));
                lines << escapeForTerminal(outcomeText(o));
            }
            if (const auto failure = worstFailure(outcomes)) {
                if (!ctx.json())
                    ctx.io().out->write((lines.join(u'\n') + u'\n').toUtf8());
                ctx.fail(*failure);
                return;
            }
            ctx.succeed(QJsonObject{{QStringLiteral("results"), results}},
                        lines.isEmpty() ? CliTr::tr("No accounts in the pool.")
                                        : lines.join(u'\n'));
        });
    });
}

void syncCommand(CommandContext &ctx, const QStringList &args)
{
    runSync(ctx, args, engine::SyncService::Mode::Sync, QStringLiteral("sync"));
}

void healthCommand(CommandContext &ctx, const QStringList &args)
{
    runSync(ctx, args, engine::SyncService::Mode::HealthCheck, QStringLiteral("health"));
}

void selectCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx](PoolSession &pool) {
        auto runtime = EngineRuntime::create(ctx, pool);
        if (!succeeded(ctx, runtime))
            return;
        auto *engineRuntime = *runtime;
        auto *selector = new engine::AccountSelector(engineRuntime->context(), engineRuntime);
        selector->select(
            engine::AccountSelector::Mode::Preview, QString(), {},
            [&ctx](Result<engine::Selection> selection) {
                if (!succeeded(ctx, selection))
                    return;
                QJsonObject doc{
                    {QStringLiteral("account"), accountToJson(selection->account)},
                    {QStringLiteral("reason"), selection->reason},
                    {QStringLiteral("skipped"), QJsonArray::fromStringList(selection->skipped)},
                    {QStringLiteral("roundTrips"), selection->roundTrips}};
                QString text = CliTr::tr("Next droplet goes to '%1' (%2): %3")
                                   .arg(selection->account.name, capacityText(selection->account),
                                        selection->reason);
                for (const QString &skip : selection->skipped)
                    text += QStringLiteral("\n  skipped: ") + skip;
                ctx.succeed(doc, text);
            });
    });
}

// What the admin reads after provision: which task, which droplet, and in what state it was
// left - or that the order had its droplet already.
QString provisionText(const engine::ProvisionOutcome &outcome, const QString &accountName)
{
    const ProvisioningTask &t = outcome.task;
    if (outcome.existing) {
        if (t.status == TaskStatus::Created) {
            return CliTr::tr("Order %1 already has task %2 (CREATED): droplet %3 (id %4) on "
                             "account '%5'. No droplet was created; use --another for a second "
                             "one.")
                .arg(t.orderId, t.id, t.dropletName, QString::number(t.dropletId), accountName);
        }
        return CliTr::tr("Order %1 already has task %2 (%3), still being provisioned. No droplet "
                         "was created; run 'tasks' to follow it, or use --another for a second "
                         "one.")
            .arg(t.orderId, t.id, t.statusText());
    }
    QString text = CliTr::tr("Task %1: droplet %2 (id %3) created on account '%4'.")
                       .arg(t.id, t.dropletName, QString::number(t.dropletId), accountName);
    if (outcome.dropletStatus == QLatin1String("active"))
        text += u' ' + CliTr::tr("It is active.");
    else
        text += u' ' + CliTr::tr("It is '%1': DigitalOcean is still setting it up (--wait waits "
                                 "until it is active).")
                           .arg(outcome.dropletStatus.isEmpty() ? QStringLiteral("new")
                                                                : outcome.dropletStatus);
    if (!t.error.isEmpty())
        text += u'\n' + CliTr::tr("Note: %1").arg(t.error);
    return text;
}

void provisionCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("order-id"))
                          .valued(QStringLiteral("region"))
                          .valued(QStringLiteral("size"))
                          .valued(QStringLiteral("image"))
                          .flag(QStringLiteral("another"))
                          .flag(QStringLiteral("wait"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    engine::ProvisionRequest request;
    request.another = opts->has(QStringLiteral("another"));
    request.wait = opts->has(QStringLiteral("wait"));
    const auto order = orderRequestFrom(*opts, QStringLiteral("provision"));
    if (!succeeded(ctx, order))
        return;
    request.orderId = order->orderId;
    request.region = order->region;
    request.size = order->size;
    request.image = order->image;
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, request](PoolSession &pool) {
        auto runtime = EngineRuntime::create(ctx, pool);
        if (!succeeded(ctx, runtime))
            return;
        auto *engineRuntime = *runtime;
        auto *provisioner = new engine::Provisioner(engineRuntime->context(), engineRuntime);
        provisioner->provision(request, [&ctx, &pool,
                                         engineRuntime](Result<engine::ProvisionOutcome> outcome) {
            engine::AlertEvaluator alerts(engineRuntime->context());
            (void)alerts.evaluate();
            if (!succeeded(ctx, outcome))
                return;
            const ProvisioningTask &task = outcome->task;
            const auto account = task.doAccountId.isEmpty()
                                     ? Result<Account>(makeError(ErrorKind::NotFound, {}))
                                     : pool.store().findAccount(task.doAccountId);
            QJsonObject doc = taskToJson(task);
            doc.insert(QStringLiteral("existing"), outcome->existing);
            doc.insert(QStringLiteral("dropletStatus"), outcome->dropletStatus.isEmpty()
                                                            ? QJsonValue()
                                                            : QJsonValue(outcome->dropletStatus));
            ctx.succeed(doc, provisionText(*outcome, account ? account->name : task.doAccountId));
        });
    });
}

} // namespace

QJsonObject taskToJson(const ProvisioningTask &t)
{
    return QJsonObject{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("orderId"), t.orderId},
        {QStringLiteral("status"), t.statusText()},
        {QStringLiteral("doAccountId"),
         t.doAccountId.isEmpty() ? QJsonValue() : QJsonValue(t.doAccountId)},
        {QStringLiteral("doRegion"), t.region},
        {QStringLiteral("doSize"), t.size},
        {QStringLiteral("doImage"), t.image},
        {QStringLiteral("dropletName"), t.dropletName},
        {QStringLiteral("tag"), t.tag},
        {QStringLiteral("extra"), t.extra},
        {QStringLiteral("dropletId"),
         t.dropletId > 0 ? QJsonValue(double(t.dropletId)) : QJsonValue()},
        {QStringLiteral("error"), t.error.isEmpty() ? QJsonValue() : QJsonValue(t.error)},
        {QStringLiteral("attempts"), t.attempts},
        {QStringLiteral("createdAt"), timeToJson(t.createdAt)},
        {QStringLiteral("updatedAt"), timeToJson(t.updatedAt)},
        {QStringLiteral("claimedBy"),
         t.claimedBy.isEmpty() ? QJsonValue() : QJsonValue(t.claimedBy)},
        {QStringLiteral("claimExpiresAt"), timeToJson(t.claimExpiresAt)},
        {QStringLiteral("nextAttemptAt"), timeToJson(t.nextAttemptAt)},
    };
}

QList<Command> engineCommands()
{
    return {
        {QStringLiteral("sync"), QStringLiteral("(ID|NAME | --all)"),
         CliTr::tr("refresh capacity and health from DigitalOcean"), syncCommand},
        {QStringLiteral("health"), QStringLiteral("(ID|NAME | --all)"),
         CliTr::tr("check accounts' health"), healthCommand},
        {QStringLiteral("select"), QString(),
         CliTr::tr("report which account the next droplet would go to (reserves nothing)"),
         selectCommand},
        {QStringLiteral("provision"),
         QStringLiteral("--order-id ID [--region R] [--size S] [--image I] [--wait] [--another]"),
         CliTr::tr("create the order's droplet on the best account, failing over as needed "
                   "(an order that has one gets it back)"),
         provisionCommand},
    };
}

} // namespace dopool::cli
