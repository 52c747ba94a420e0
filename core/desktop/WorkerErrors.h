#pragma once

#include "common/Error.h"

#include <QCoreApplication>

namespace dopool::desktop {

inline Error poolNotOpen()
{
    return makeError(ErrorKind::Store, QCoreApplication::translate("dopool::desktop::PoolWorker",
                                                                   "The pool is not open"));
}

} // namespace dopool::desktop
