#include "EnvNumbers.h"

namespace dopool {

Result<std::optional<int>> boundedIntFromEnv(const QProcessEnvironment &env, const QString &name,
                                             int min, int max, const QString &rangeMessage)
{
    if (!env.contains(name))
        return std::optional<int>();
    bool ok = false;
    const int value = env.value(name).trimmed().toInt(&ok);
    if (!ok || value < min || value > max)
        return makeError(ErrorKind::Validation, rangeMessage);
    return std::optional<int>(value);
}

} // namespace dopool
