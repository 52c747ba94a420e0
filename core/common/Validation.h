#pragma once

#include "common/Error.h"

namespace dopool {

// Input rules shared by the CLI and the GUI. Each returns a Validation error with a message
// fit to show next to the field; none echoes a token.
// Lengths count characters as a person does (code points, see TextSafety.h); control
// characters and bidi overrides are refused everywhere (one line naming the rule).
Result<QString> validateAccountName(const QString &name); // trimmed, 1..100, not a uuid
Result<QString> validateEmail(const QString &email);      // trimmed, <= 255, well formed
// A DigitalOcean API token: kMinTokenLength..kMaxTokenLength characters, each an ASCII letter,
// digit, '_', '-' or '.'. The message names the rule that failed, never the value.
Result<QString> validateToken(const QString &token);
Result<int> validateDropletLimit(const QString &text); // 1..100000
// A short free-text value from a person (an order id, a region, size or image slug): trimmed,
// 1..maxChars characters, no control characters or bidi overrides. `what` names it.
Result<QString> validatePlainText(const QString &text, const QString &what, qsizetype maxChars);

inline constexpr qsizetype kMinTokenLength = 8;
inline constexpr qsizetype kMaxTokenLength = 512;
inline constexpr qsizetype kMaxAccountNameLength = 100;
inline constexpr qsizetype kMaxEmailLength = 255;
inline constexpr qsizetype kMaxOrderIdLength = 255;
inline constexpr qsizetype kMaxSlugLength = 64; // a region, size or image slug (or image id)

// Whether text parses as a uuid in any spelling (upper case, braces): such a name could pose
// as another account's id, so it is refused.
bool looksLikeUuid(const QString &text);

// Whether text looks like a secret rather than a name: a DigitalOcean token ("dop_v1_..."), a
// run of 32 or more hex digits (a pool key), or a long unbroken string mixing upper case, lower
// case and digits. Such values are never quoted in a message, nor accepted as a name.
bool looksLikeSecret(const QString &text);
// The NAME of an environment variable ([A-Za-z_][A-Za-z0-9_]*, at most 128) that does not look
// like a secret: what an option such as --token-env must be given, not the value itself.
bool isPlausibleVariableName(const QString &text);
// 'text' for a message, or "(the value is not shown)" when it looks like a secret.
QString quotedForMessage(const QString &text);
// Replaces everything in text that looks like a secret (tokens, 32+ hex digits) by a marker:
// the last line of defence for messages that quote what a user typed.
QString redactSecrets(QString text);

} // namespace dopool
