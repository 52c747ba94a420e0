#include "Account.h"

#include "EnumNames.h"

#include <QCoreApplication>

namespace dopool {

namespace {
const EnumName<AccountHealth> healthNames[] = {
    {AccountHealth::Healthy, "HEALTHY"},
    {AccountHealth::Degraded, "DEGRADED"},
    {AccountHealth::Unhealthy, "UNHEALTHY"},
    {AccountHealth::Unknown, "UNKNOWN"},
};

const EnumName<TaskStatus> taskStatusNames[] = {
    {TaskStatus::Pending, "PENDING"}, {TaskStatus::InProgress, "IN_PROGRESS"},
    {TaskStatus::Created, "CREATED"}, {TaskStatus::Uncertain, "UNCERTAIN"},
    {TaskStatus::Waiting, "WAITING"}, {TaskStatus::Cancelled, "CANCELLED"},
    {TaskStatus::Failed, "FAILED"}, // last: the name of a value missing here (Unknown)
};
} // namespace

QString healthToDb(AccountHealth health)
{
    return enumToName(healthNames, health);
}

std::optional<AccountHealth> healthFromDb(const QString &text)
{
    return enumFromName(healthNames, text);
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
    return enumToName(taskStatusNames, status);
}

std::optional<TaskStatus> taskStatusFromDb(const QString &text)
{
    return enumFromName(taskStatusNames, text);
}

} // namespace dopool
