#include "FakeDoTypes.h"

namespace dopool::fakedo {

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
    case FaultKind::HostileEscapes:
        return QStringLiteral("hostile-escapes");
    case FaultKind::HostileOverlong:
        return QStringLiteral("hostile-overlong");
    case FaultKind::HostileTokenEcho:
        return QStringLiteral("hostile-token-echo");
    case FaultKind::HostileHugeBody:
        return QStringLiteral("hostile-huge-body");
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
