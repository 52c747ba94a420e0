#pragma once

#include "api/ApiError.h"
#include "common/Error.h"

#include <QCoreApplication>

namespace dopool::desktop {

inline Error poolNotOpen()
{
    return makeError(ErrorKind::Store, QCoreApplication::translate("dopool::desktop::PoolWorker",
                                                                   "The pool is not open"));
}

// DO's refusal of a token (401/403) is an Auth error; anything else is the API's.
inline Error apiFailure(const api::ApiError &error)
{
    const bool auth = error.kind == api::ApiErrorKind::Unauthorized ||
                      error.kind == api::ApiErrorKind::Forbidden;
    return makeError(auth ? ErrorKind::Auth : ErrorKind::Api, error.message);
}

} // namespace dopool::desktop
