#include "Error.h"

namespace dopool {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage:
    case ErrorKind::Validation:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict:
        return 2;
    case ErrorKind::NoAccount:
    case ErrorKind::AllFull:
        return 3;
    case ErrorKind::Api:
    case ErrorKind::Auth:
        return 4;
    case ErrorKind::Store:
        return 5;
    case ErrorKind::Crypto:
    case ErrorKind::KeyMismatch:
        return 6;
    }
    return 1;
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage:
        return QStringLiteral("usage");
    case ErrorKind::Validation:
        return QStringLiteral("validation");
    case ErrorKind::NotFound:
        return QStringLiteral("not-found");
    case ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ErrorKind::NoAccount:
        return QStringLiteral("no-usable-account");
    case ErrorKind::AllFull:
        return QStringLiteral("all-accounts-full");
    case ErrorKind::Api:
        return QStringLiteral("api");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Store:
        return QStringLiteral("store");
    case ErrorKind::Crypto:
        return QStringLiteral("crypto");
    case ErrorKind::KeyMismatch:
        return QStringLiteral("key-mismatch");
    }
    return QStringLiteral("unknown");
}

} // namespace dopool
