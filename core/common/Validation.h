#pragma once

#include "common/Error.h"

namespace dopool {

// Input rules shared by the CLI and the GUI. Each returns a Validation error with a message
// fit to show next to the field; none echoes a token.
Result<QString> validateAccountName(const QString &name); // trimmed, 1..100 chars
Result<QString> validateEmail(const QString &email);      // trimmed, <= 255, well formed
Result<QString> validateToken(const QString &token);      // non-empty, no white space
Result<int> validateDropletLimit(const QString &text);    // 1..100000

} // namespace dopool
