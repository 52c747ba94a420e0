#pragma once

#include "CommandContext.h"
#include "common/Translate.h"

#include <QCoreApplication>

namespace dopool::cli {

// Fails ctx and returns false when result holds an error.
template <typename T> bool succeeded(CommandContext &ctx, const Result<T> &result)
{
    if (!result.ok())
        ctx.fail(result.error());
    return result.ok();
}

QString keySourceName(KeyProvider::Source source);

} // namespace dopool::cli
