#pragma once

#include <QVariant>

namespace dopool::ui {

// The proxies sort by each column's raw value (numbers and times, not their display text):
// -1, 0 or 1 as a is before, level with or after b; values that do not compare are level, so
// the proxy's tie-break decides.
inline int compareRawValues(const QVariant &a, const QVariant &b)
{
    const QPartialOrdering order = QVariant::compare(a, b);
    if (order == QPartialOrdering::Less)
        return -1;
    if (order == QPartialOrdering::Greater)
        return 1;
    return 0;
}

} // namespace dopool::ui
