#include "EngineContext.h"

#include "EngineLogging.h"

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

} // namespace dopool::engine
