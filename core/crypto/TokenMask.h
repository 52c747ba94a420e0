#pragma once

#include <QString>

namespace dopool {

// "dop_v1_0123...a1b2" -> "dop_v1_…a1b2". Keeps a known DO prefix (dop_v1_, doo_v1_,
// dor_v1_, ...) and the last 4 characters; short or unknown tokens show less.
QString maskToken(const QString &token);

} // namespace dopool
