#pragma once

#include "CommandContext.h"

#include <QCoreApplication>

namespace dopool::cli {

inline QString cliTr(const char *text)
{
    return QCoreApplication::translate("dopool-cli", text);
}

// Fails ctx and returns false when result holds an error.
template <typename T> bool succeeded(CommandContext &ctx, const Result<T> &result)
{
    if (!result.ok())
        ctx.fail(result.error());
    return result.ok();
}

QString keySourceName(KeyProvider::Source source);

} // namespace dopool::cli
