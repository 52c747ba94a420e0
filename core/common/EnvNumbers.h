#pragma once

#include "common/Error.h"

#include <QProcessEnvironment>
#include <optional>

namespace dopool {

// A whole number from the environment variable name: std::nullopt when it is not set; an
// error of kind Validation with rangeMessage (which says what is allowed, without the value)
// when it is set but not a number from min to max.
Result<std::optional<int>> boundedIntFromEnv(const QProcessEnvironment &env, const QString &name,
                                             int min, int max, const QString &rangeMessage);

} // namespace dopool
