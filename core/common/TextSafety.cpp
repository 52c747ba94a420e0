#include "TextSafety.h"

#include <QChar>
#include <QMutex>
#include <QRegularExpression>
#include <QStringView>
#include <algorithm>

namespace dopool {

namespace {

QString cutMarker()
{
    return QStringLiteral("\u2026[cut]");
}

bool isLineOrTab(char32_t c)
{
    return c == u'\n' || c == u'\t';
}

void appendEscape(QString &out, char32_t c)
{
    switch (c) {
    case u'\n':
        out += QLatin1String("\\n");
        return;
    case u'\r':
        out += QLatin1String("\\r");
        return;
    case u'\t':
        out += QLatin1String("\\t");
        return;
    default:
        break;
    }
    if (c < 0x100)
        out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    else
        out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

// Calls each(code point, is a lone surrogate) for every code point of text.
template <typename Each> void forEachCodePoint(QStringView text, Each each)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            each(QChar::surrogateToUcs4(c, text.at(i + 1)), text.mid(i, 2));
            ++i;
        } else {
            each(char32_t(c.unicode()), text.mid(i, 1));
        }
    }
}

QString escaped(const QString &text, bool keepLines)
{
    QString out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t c, QStringView units) {
        if (isUnsafeCharacter(c) && !(keepLines && isLineOrTab(c)))
            appendEscape(out, c);
        else
            out += units;
    });
    return out;
}

const QRegularExpression &tokenShapedPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("do[a-z]_v1_[0-9A-Za-z]+|[0-9A-Fa-f]{64,}"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

QtMessageHandler g_previousHandler = nullptr;
bool g_installed = false;

void safeHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_previousHandler)
        g_previousHandler(type, context, safeLogMessage(message));
}

} // namespace

bool isUnsafeCharacter(char32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return true;
    if (c == 0x2028 || c == 0x2029)
        return true;
    if (c >= 0xd800 && c <= 0xdfff) // a surrogate on its own
        return true;
    // Format characters: bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
    // U+202A..E, U+2066..9), zero-width (U+200B..D, U+2060), the BOM (U+FEFF), soft hyphen...
    return QChar::category(c) == QChar::Other_Format;
}

bool containsUnsafeCharacters(const QString &text)
{
    bool found = false;
    forEachCodePoint(text, [&](char32_t c, QStringView) { found |= isUnsafeCharacter(c); });
    return found;
}

QString escapeForTerminal(const QString &text)
{
    return escaped(text, false);
}

QString escapeKeepingLines(const QString &text)
{
    return escaped(text, true);
}

qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    forEachCodePoint(text, [&](char32_t, QStringView) { ++count; });
    return count;
}

QString maskTokenShaped(const QString &text)
{
    // A hex run is a key or a legacy token only when it mixes digits and letters, as random
    // hex does: "aaaa…" padding or a long number is neither.
    auto isSecretRun = [](QStringView run) {
        if (run.contains(u'_'))
            return true; // do?_v1_...: a hex run has no '_'
        bool digit = false, letter = false;
        for (const QChar c : run) {
            digit |= c.isDigit();
            letter |= c.isLetter();
        }
        return digit && letter;
    };
    QString out;
    qsizetype last = 0;
    auto matches = tokenShapedPattern().globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        if (!isSecretRun(match.capturedView(0)))
            continue;
        out += QStringView(text).mid(last, match.capturedStart(0) - last);
        out += QLatin1String("[token withheld]");
        last = match.capturedEnd(0);
    }
    if (last == 0)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

SafeText safeFromApi(const QString &text, qsizetype maxChars)
{
    SafeText result;
    result.originalChars = characterCount(text);
    QString clean;
    clean.reserve(std::min<qsizetype>(text.size(), maxChars * 2 + 16));
    forEachCodePoint(text, [&](char32_t c, QStringView units) {
        if (c == u'\n' || c == u'\r' || c == u'\t' || c == 0x2028 || c == 0x2029)
            clean += u' ';
        else if (isUnsafeCharacter(c))
            appendEscape(clean, c);
        else
            clean += units;
    });
    clean = maskTokenShaped(clean);
    if (characterCount(clean) <= maxChars) {
        result.text = clean;
        return result;
    }
    // Cut at a code point boundary, leaving room for the marker.
    const qsizetype keep = std::max<qsizetype>(0, maxChars - characterCount(cutMarker()));
    qsizetype units = 0;
    qsizetype kept = 0;
    while (kept < keep && units < clean.size()) {
        units += clean.at(units).isHighSurrogate() && units + 1 < clean.size() ? 2 : 1;
        ++kept;
    }
    result.text = clean.left(units) + cutMarker();
    result.cut = true;
    return result;
}

QString safeLogMessage(const QString &message)
{
    if (!containsUnsafeCharacters(message))
        return message;
    return escapeForTerminal(message);
}

void installSafeLogging()
{
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    if (g_installed)
        return;
    g_installed = true;
    g_previousHandler = qInstallMessageHandler(&safeHandler);
}

} // namespace dopool
