// dopool-cli commands on the order queue (provisioning_tasks as the order-service fills it,
// docs/order-service.md): enqueue, orders, orders retry, orders cancel. None of them talks to
// DigitalOcean: `serve` provisions what is queued.
#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "TaskFormat.h"
#include "common/Translate.h"
#include "common/Validation.h"
#include "store/OrderQueue.h"

#include <QJsonObject>

namespace dopool::cli {

namespace {

// What `orders --status` accepts: the stored status texts, in any case.
const QStringList &orderStatusNames()
{
    static const QStringList names{
        QStringLiteral("PENDING"),   QStringLiteral("WAITING"), QStringLiteral("IN_PROGRESS"),
        QStringLiteral("UNCERTAIN"), QStringLiteral("CREATED"), QStringLiteral("FAILED"),
        QStringLiteral("CANCELLED"),
    };
    return names;
}

Result<QStringList> parseStatuses(const ParsedOptions &opts)
{
    QStringList statuses;
    if (!opts.has(QStringLiteral("status")))
        return statuses;
    const QStringList given = opts.value(QStringLiteral("status")).split(u',');
    for (const QString &raw : given) {
        const QString status = raw.trimmed().toUpper();
        if (!orderStatusNames().contains(status)) {
            return makeError(ErrorKind::Usage,
                             CliTr::tr("--status must be one or more of %1 (comma-separated)")
                                 .arg(orderStatusNames().join(QStringLiteral(", "))));
        }
        statuses << status;
    }
    return statuses;
}

Result<int> parseOrderLimit(const ParsedOptions &opts)
{
    if (!opts.has(QStringLiteral("limit")))
        return 100;
    bool ok = false;
    const int limit = opts.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return makeError(ErrorKind::Usage, CliTr::tr("--limit must be a number from 1 to 10000"));
    return limit;
}

// One order per line: when queued, its status, the order, what it asks for (empty: the pool's
// default), and where it went or why not.
QString orderLine(const ProvisioningTask &t)
{
    const auto orDefault = [](const QString &v) {
        return v.isEmpty() ? CliTr::tr("default") : v;
    };
    QString line =
        QStringLiteral("%1  %2  order %3  %4/%5/%6")
            .arg(t.createdAt.toUTC().toString(Qt::ISODate), t.statusText().leftJustified(11),
                 t.orderId, orDefault(t.region), orDefault(t.size), orDefault(t.image));
    if (t.dropletId > 0)
        line += CliTr::tr("  droplet %1 (id %2)").arg(t.dropletName, QString::number(t.dropletId));
    if (t.isClaimed() && t.status != TaskStatus::Created && t.status != TaskStatus::Failed)
        line += CliTr::tr("  claimed by %1").arg(t.claimedBy);
    if (!t.error.isEmpty())
        line += QStringLiteral(" — ") + t.error;
    return line;
}

// The single ORDER argument of retry/cancel; an empty one is a usage error, never "all".
Result<QString> orderArgument(const ParsedOptions &opts, const QString &command)
{
    const QString order =
        opts.positionals().isEmpty() ? QString() : opts.positionals().first().trimmed();
    if (order.isEmpty())
        return makeError(ErrorKind::Usage, CliTr::tr("%1 needs ORDER (an order id)").arg(command));
    return order;
}

void enqueueCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("order-id"))
                          .valued(QStringLiteral("region"))
                          .valued(QStringLiteral("size"))
                          .valued(QStringLiteral("image"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto request = orderRequestFrom(*opts, QStringLiteral("enqueue"));
    if (!succeeded(ctx, request))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, request = *request](PoolSession &pool) {
        const auto task = pool.store().enqueueOrder(request);
        if (!succeeded(ctx, task))
            return;
        ctx.succeed(taskToJson(*task),
                    CliTr::tr("Queued order %1 as task %2 (PENDING); a running `dopool-cli serve` "
                              "provisions it.")
                        .arg(task->orderId, task->id));
    });
}

void ordersCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("status"))
                          .valued(QStringLiteral("limit"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto statuses = parseStatuses(*opts);
    if (!succeeded(ctx, statuses))
        return;
    const auto limit = parseOrderLimit(*opts);
    if (!succeeded(ctx, limit))
        return;
    OrderFilter filter;
    filter.statuses = *statuses;
    filter.limit = *limit;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, filter](PoolSession &pool) {
        const auto orders = pool.store().listOrders(filter);
        if (!succeeded(ctx, orders))
            return;
        succeedWithListing(
            ctx, *orders, taskToJson, orderLine,
            filter.statuses.isEmpty()
                ? CliTr::tr("No orders yet.")
                : CliTr::tr("No orders in %1.").arg(filter.statuses.join(QStringLiteral(", "))));
    });
}

// retry and cancel: one store call on ORDER, answered with the row it wrote.
void actOnOrder(CommandContext &ctx, const QStringList &args, const QString &command,
                std::function<Result<ProvisioningTask>(OrderQueue &, const QString &)> act,
                std::function<QString(const ProvisioningTask &)> text)
{
    const auto opts = OptionParser().parse(args, 1);
    if (!succeeded(ctx, opts))
        return;
    const auto order = orderArgument(*opts, command);
    if (!succeeded(ctx, order))
        return;
    ctx.withPool(PoolSession::KeyUse::None, [&ctx, order = *order, act = std::move(act),
                                             text = std::move(text)](PoolSession &pool) {
        const auto task = act(pool.store(), order);
        if (!succeeded(ctx, task))
            return;
        ctx.succeed(taskToJson(*task), text(*task));
    });
}

void retryCommand(CommandContext &ctx, const QStringList &args)
{
    actOnOrder(
        ctx, args, QStringLiteral("orders retry"),
        [](OrderQueue &queue, const QString &order) { return queue.retryOrder(order); },
        [](const ProvisioningTask &t) {
            return CliTr::tr("Order %1 queued again as task %2 (PENDING).").arg(t.orderId, t.id);
        });
}

void cancelCommand(CommandContext &ctx, const QStringList &args)
{
    actOnOrder(
        ctx, args, QStringLiteral("orders cancel"),
        [](OrderQueue &queue, const QString &order) { return queue.cancelOrder(order); },
        [](const ProvisioningTask &t) {
            return CliTr::tr("Order %1 cancelled (task %2); it gets no droplet.")
                .arg(t.orderId, t.id);
        });
}

} // namespace

Result<OrderRequest> orderRequestFrom(const ParsedOptions &opts, const QString &command)
{
    OrderRequest request;
    if (opts.value(QStringLiteral("order-id")).trimmed().isEmpty())
        return makeError(ErrorKind::Usage, CliTr::tr("%1 needs --order-id ID").arg(command));
    // What a person typed goes into DO's request and the task row, and is printed later.
    const auto orderId = validatePlainText(opts.value(QStringLiteral("order-id")),
                                           CliTr::tr("the order id"), kMaxOrderIdLength);
    if (!orderId)
        return orderId.error();
    request.orderId = *orderId;
    const std::pair<const char *, QString *> slugs[] = {
        {"region", &request.region}, {"size", &request.size}, {"image", &request.image}};
    for (const auto &[option, target] : slugs) {
        const QString name = QLatin1String(option);
        if (!opts.has(name))
            continue;
        const auto slug =
            validatePlainText(opts.value(name), QStringLiteral("--%1").arg(name), kMaxSlugLength);
        if (!slug)
            return slug.error();
        *target = *slug;
    }
    return request;
}

QList<Command> orderCommands()
{
    return {
        {QStringLiteral("enqueue"),
         QStringLiteral("--order-id ID [--region R] [--size S] [--image I]"),
         CliTr::tr("queue an order the way the order-service does (serve provisions it)"),
         enqueueCommand},
        {QStringLiteral("orders"), QStringLiteral("[--status S[,S...]] [--limit N]"),
         CliTr::tr("list the order queue, newest first"), ordersCommand},
        {QStringLiteral("orders retry"), QStringLiteral("ORDER"),
         CliTr::tr("queue a failed or cancelled order again"), retryCommand},
        {QStringLiteral("orders cancel"), QStringLiteral("ORDER"),
         CliTr::tr("cancel a queued order nobody has claimed yet"), cancelCommand},
    };
}

} // namespace dopool::cli
