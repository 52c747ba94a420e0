#include "EngineContext.h"

#include "EngineLogging.h"
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
    if (!env.contains(name))
        return fallback;
    bool ok = false;
    const int minutes = env.value(name).trimmed().toInt(&ok);
    if (!ok || minutes < 1 || minutes > 10080)
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("%1 must be a number of minutes from 1 to 10080").arg(name));
    return minutes * 60;
}

} // namespace dopool::engine
