#pragma once

#include "CommandContext.h"
#include "common/TextSafety.h"
#include "common/Translate.h"
#include "store/OrderQueue.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>
#include <functional>

namespace dopool::cli {

// Fails ctx and returns false when result holds an error.
template <typename T> bool succeeded(CommandContext &ctx, const Result<T> &result)
{
    if (!result.ok())
        ctx.fail(result.error());
    return result.ok();
}

// Succeeds with a listing: the items as a JSON array, and as text one line each (emptyText when
// there are none), each line escaped (escapeForTerminal) so no value can split it.
template <typename Item, typename ToJson, typename ToLine>
void succeedWithListing(CommandContext &ctx, const QList<Item> &items, ToJson toJson, ToLine toLine,
                        const QString &emptyText)
{
    QJsonArray array;
    QStringList lines;
    for (const Item &item : items) {
        array.append(toJson(item));
        lines << escapeForTerminal(toLine(item));
    }
    ctx.succeed(array, lines.isEmpty() ? emptyText : lines.join(u'\n'));
}

// For commands that take no arguments: reads the pool's accounts (without its key) and hands
// them to show. Defined in AccountCommands.cpp.
void withAccountList(CommandContext &ctx, const QStringList &args,
                     std::function<void(PoolSession &, const QList<Account> &)> show);

QString keySourceName(KeyProvider::Source source);

class ParsedOptions;
// --order-id, --region, --size and --image of `provision` and `enqueue`, checked as typed by a
// person (no control characters, bounded lengths); command names the command in the usage
// error for a missing order id. Defined in OrderCommands.cpp.
Result<OrderRequest> orderRequestFrom(const ParsedOptions &opts, const QString &command);

} // namespace dopool::cli
