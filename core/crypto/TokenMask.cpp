#include "TokenMask.h"

#include <QRegularExpression>

namespace dopool {

namespace {

constexpr qsizetype ShownTail = 4;
// Below prefix + this many characters the last 4 would be too large a share of the secret.
constexpr qsizetype MinHiddenWithPrefix = 8;
constexpr qsizetype MinLengthWithoutPrefix = 12;

} // namespace

QString maskToken(const QString &token)
{
    if (token.isEmpty())
        return {};
    const QString ellipsis(QChar(0x2026));
    // [0-9], not \d: \d could match non-ASCII digits, which no DO prefix has.
    static const QRegularExpression knownPrefix(QStringLiteral("^do[a-z]_v[0-9]+_"));
    const QRegularExpressionMatch match = knownPrefix.match(token);
    if (match.hasMatch()) {
        const QString prefix = match.captured(0);
        if (token.size() < prefix.size() + MinHiddenWithPrefix)
            return prefix + ellipsis;
        return prefix + ellipsis + token.right(ShownTail);
    }
    if (token.size() < MinLengthWithoutPrefix)
        return ellipsis;
    return ellipsis + token.right(ShownTail);
}

} // namespace dopool
