#include "ProvisionTypes.h"

#include "common/Translate.h"

#include <algorithm>

namespace dopool::engine {

namespace {

const QString NamePrefix = QStringLiteral("webrana-");
// Of the order id, in the droplet name (docs/behaviour.md#one-droplet-per-order).
constexpr qsizetype OrderIdChars = 8;

// DO droplet names allow letters, digits, '.' and '-': anything else would be a 422 later.
bool isDropletNameText(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               c == u'.' || c == u'-';
    });
}

} // namespace

std::optional<Error> orderIdProblem(const QString &orderId)
{
    if (orderId.isEmpty())
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("an order id is required to provision a droplet"));
    if (!isDropletNameText(orderId.left(OrderIdChars)))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("order id '%1' cannot name a droplet: its first %2 "
                                    "characters may only be letters, digits, '.' and '-'")
                             .arg(orderId, QString::number(OrderIdChars)));
    return std::nullopt;
}

QString dropletNameOf(const QString &orderId)
{
    return NamePrefix + orderId.left(OrderIdChars);
}

QString orDefault(const QString &value, const QString &fallback)
{
    const QString trimmed = value.trimmed();
    return trimmed.isEmpty() ? fallback : trimmed;
}

} // namespace dopool::engine
