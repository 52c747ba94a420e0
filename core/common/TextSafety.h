#pragma once

#include <QString>

namespace dopool {

// Text from outside (DigitalOcean's replies, what people type, rows another program wrote)
// made safe to store, print on a terminal and write to a log. See docs/security.md.

// Characters that do more than show themselves: C0 controls (line breaks and tabs too), DEL,
// C1 controls, Unicode format characters (bidi overrides and isolates, zero-width characters,
// the BOM), the line and paragraph separators, and unpaired surrogates.
bool isUnsafeCharacter(char32_t c);
bool containsUnsafeCharacters(const QString &text);

// Every unsafe character as a visible escape ("\n", "\x1b", "\u202e"); the rest unchanged.
// For one value printed on a terminal or written to a log.
QString escapeForTerminal(const QString &text);
// The same, but line breaks and tabs are kept: for a whole output the program laid out itself
// (its values escaped one by one already), so an ESC or a bidi override can never reach the
// terminal whatever a formatter forgot.
QString escapeKeepingLines(const QString &text);

// Characters as a person counts them: Unicode code points (an emoji is one, not two UTF-16
// units). PostgreSQL's varchar(n) counts the same way.
qsizetype characterCount(const QString &text);

// DigitalOcean-token-shaped substrings ("dop_v1_…", "doo_v1_…", "dor_v1_…") and runs of 64 or
// more hex digits (a legacy token, a pool key) replaced by "[token withheld]".
QString maskTokenShaped(const QString &text);

// A string from DigitalOcean made fit to store and show: white-space controls become a space,
// other unsafe characters visible escapes, token-shaped substrings are masked, and a value
// over maxChars is cut to maxChars characters ending in "…[cut]".
struct SafeText
{
    QString text;
    qsizetype originalChars = 0; // characters DO sent
    bool cut = false;
};
SafeText safeFromApi(const QString &text, qsizetype maxChars);

// Installs a Qt message handler that escapes every logged message (control characters, bidi
// overrides) before the previous handler formats and writes it: a CR/LF in a value from DO
// can no longer forge a log line. Idempotent.
void installSafeLogging();
// The message as installSafeLogging() passes it on.
QString safeLogMessage(const QString &message);

} // namespace dopool
