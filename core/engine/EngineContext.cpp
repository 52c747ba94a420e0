#include "EngineContext.h"

#include "EngineLogging.h"
#include "common/EnvNumbers.h"
#include "common/Translate.h"

Q_LOGGING_CATEGORY(lcEngine, "dopool.engine", QtInfoMsg)

namespace dopool::engine {

QString selectionPolicyName(SelectionPolicy policy)
{
    switch (policy) {
    case SelectionPolicy::PlanOrder:
        return QStringLiteral("plan-order");
    case SelectionPolicy::LeastUtilised:
        return QStringLiteral("least-utilised");
    }
    return QStringLiteral("plan-order");
}

std::optional<SelectionPolicy> selectionPolicyFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("plan-order"))
        return SelectionPolicy::PlanOrder;
    // Admins type either spelling; the canonical name stays the British one.
    if (key == QLatin1String("least-utilised") || key == QLatin1String("least-utilized"))
        return SelectionPolicy::LeastUtilised;
    return std::nullopt;
}

Result<int> degradedAlertSecsFromEnv(const QProcessEnvironment &env, int fallback)
{
    const QString name = QStringLiteral("DOPOOL_DEGRADED_ALERT_MINUTES");
    const auto minutes =
        boundedIntFromEnv(env, name, 1, 10080,
                          CoreTr::tr("%1 must be a number of minutes from 1 to 10080").arg(name));
    if (!minutes)
        return minutes.error();
    return minutes->has_value() ? **minutes * 60 : fallback;
}

Result<int> syncConcurrencyFromEnv(const QProcessEnvironment &env, int fallback)
{
    const QString name = QStringLiteral("DOPOOL_SYNC_CONCURRENCY");
    const auto bound = boundedIntFromEnv(
        env, name, 1, 1000, CoreTr::tr("%1 must be a number from 1 to 1000").arg(name));
    if (!bound)
        return bound.error();
    return bound->value_or(fallback);
}

} // namespace dopool::engine
