#include "FakeDoTypes.h"

namespace dopool::fakedo {

QString endpointName(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Any:
        return QStringLiteral("any");
    case Endpoint::Account:
        return QStringLiteral("account");
    case Endpoint::DropletsList:
        return QStringLiteral("droplets-list");
    case Endpoint::DropletCreate:
        return QStringLiteral("droplet-create");
    case Endpoint::DropletGet:
        return QStringLiteral("droplet-get");
    case Endpoint::DropletDelete:
        return QStringLiteral("droplet-delete");
    case Endpoint::Action:
        return QStringLiteral("action");
    case Endpoint::Regions:
        return QStringLiteral("regions");
    case Endpoint::Sizes:
        return QStringLiteral("sizes");
    case Endpoint::Images:
        return QStringLiteral("images");
    case Endpoint::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Unauthorized:
        return QStringLiteral("401");
    case FaultKind::Forbidden:
        return QStringLiteral("403");
    case FaultKind::TooManyRequests:
        return QStringLiteral("429");
    case FaultKind::ServerError:
        return QStringLiteral("500");
    case FaultKind::Hang:
        return QStringLiteral("hang");
    case FaultKind::GarbageBody:
        return QStringLiteral("garbage");
    case FaultKind::ConnectionReset:
        return QStringLiteral("reset");
    case FaultKind::CreateThenHang:
        return QStringLiteral("create-then-hang");
    case FaultKind::CreateThenReset:
        return QStringLiteral("create-then-reset");
    case FaultKind::LateCreate504:
        return QStringLiteral("late-create-504");
    case FaultKind::LateCreateHang:
        return QStringLiteral("late-create-hang");
    }
    return QStringLiteral("?");
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Answered:
        return QStringLiteral("answered");
    case Outcome::Hung:
        return QStringLiteral("hung");
    case Outcome::Reset:
        return QStringLiteral("reset");
    case Outcome::ClientGone:
        return QStringLiteral("client-gone");
    }
    return QStringLiteral("?");
}

} // namespace dopool::fakedo
