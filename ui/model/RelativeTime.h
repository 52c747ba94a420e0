#pragma once

#include <QDateTime>
#include <QString>

namespace dopool::ui {

// "just now", "5 min ago", "3 h ago", "2 days ago"; "never" for a null time. Times ahead of
// now (clock skew between instances) read as "just now".
QString relativeTime(const QDateTime &when, const QDateTime &now);

} // namespace dopool::ui
