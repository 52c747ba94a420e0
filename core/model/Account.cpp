#include "Account.h"

#include <QCoreApplication>

namespace dopool {

QString healthToDb(AccountHealth health)
{
    switch (health) {
    case AccountHealth::Healthy:
        return QStringLiteral("HEALTHY");
    case AccountHealth::Degraded:
        return QStringLiteral("DEGRADED");
    case AccountHealth::Unhealthy:
        return QStringLiteral("UNHEALTHY");
    case AccountHealth::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

std::optional<AccountHealth> healthFromDb(const QString &text)
{
    if (text == QLatin1String("HEALTHY"))
        return AccountHealth::Healthy;
    if (text == QLatin1String("DEGRADED"))
        return AccountHealth::Degraded;
    if (text == QLatin1String("UNHEALTHY"))
        return AccountHealth::Unhealthy;
    if (text == QLatin1String("UNKNOWN"))
        return AccountHealth::Unknown;
    return std::nullopt;
}

QString healthLabel(AccountHealth health)
{
    switch (health) {
    case AccountHealth::Healthy:
        return QCoreApplication::translate("dopool", "Healthy");
    case AccountHealth::Degraded:
        return QCoreApplication::translate("dopool", "Degraded");
    case AccountHealth::Unhealthy:
        return QCoreApplication::translate("dopool", "Unhealthy");
    case AccountHealth::Unknown:
        break;
    }
    return QCoreApplication::translate("dopool", "Unknown");
}

QString taskStatusToDb(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return QStringLiteral("PENDING");
    case TaskStatus::InProgress:
        return QStringLiteral("IN_PROGRESS");
    case TaskStatus::Created:
        return QStringLiteral("CREATED");
    case TaskStatus::Uncertain:
        return QStringLiteral("UNCERTAIN");
    case TaskStatus::Failed:
        break;
    }
    return QStringLiteral("FAILED");
}

std::optional<TaskStatus> taskStatusFromDb(const QString &text)
{
    for (auto s : {TaskStatus::Pending, TaskStatus::InProgress, TaskStatus::Created,
                   TaskStatus::Failed, TaskStatus::Uncertain}) {
        if (taskStatusToDb(s) == text)
            return s;
    }
    return std::nullopt;
}

} // namespace dopool
