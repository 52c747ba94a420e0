#include "Validation.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace dopool {

namespace {

const QRegularExpression &tokenPattern()
{
    // DigitalOcean's personal, OAuth and refresh tokens: dop_v1_, doo_v1_, dor_v1_ + hex.
    static const QRegularExpression pattern(QStringLiteral("do[a-z]_v1_[0-9A-Za-z]+"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

const QRegularExpression &hexRunPattern()
{
    static const QRegularExpression pattern(QStringLiteral("[0-9A-Fa-f]{32,}"));
    return pattern;
}

bool looksLikeRandomString(const QString &text)
{
    if (text.size() < 40)
        return false;
    bool lower = false, upper = false, digit = false;
    for (const QChar c : text) {
        if (c.isSpace())
            return false;
        lower |= c.isLower();
        upper |= c.isUpper();
        digit |= c.isDigit();
    }
    return lower && upper && digit;
}

} // namespace

// A run of 32+ hex digits mixing digits and letters: a key. ("aaaa…" or "1111…" as a name is
// odd, but no key.)
bool containsKeyLikeHex(const QString &text)
{
    auto runs = hexRunPattern().globalMatch(text);
    while (runs.hasNext()) {
        const QString run = runs.next().captured(0);
        bool digit = false, letter = false;
        for (const QChar c : run) {
            digit |= c.isDigit();
            letter |= c.isLetter();
        }
        if (digit && letter)
            return true;
    }
    return false;
}

bool looksLikeSecret(const QString &text)
{
    return tokenPattern().match(text).hasMatch() || containsKeyLikeHex(text) ||
           looksLikeRandomString(text.trimmed());
}

bool isPlausibleVariableName(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    return pattern.match(text).hasMatch() && !looksLikeSecret(text);
}

QString quotedForMessage(const QString &text)
{
    if (looksLikeSecret(text))
        return CoreTr::tr("(the value is not shown: it looks like a secret)");
    return u'\'' + text + u'\'';
}

QString redactSecrets(QString text)
{
    const QString marker = CoreTr::tr("[secret withheld]");
    text.replace(tokenPattern(), marker);
    text.replace(hexRunPattern(), marker);
    return text;
}

Result<QString> validateAccountName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("the account name must not be empty"));
    if (looksLikeSecret(trimmed))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("the account name looks like an API token or a key, so it "
                                    "was not accepted (and is not shown); give the token with "
                                    "--token-stdin or in the token field"));
    if (trimmed.size() > 100)
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("the account name is %1 characters long; at most 100 are allowed")
                .arg(trimmed.size()));
    for (const QChar c : trimmed) {
        if (c.category() == QChar::Other_Control)
            return makeError(ErrorKind::Validation,
                             CoreTr::tr("the account name must not contain control characters"));
    }
    return trimmed;
}

Result<QString> validateEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("the email address must not be empty"));
    if (trimmed.size() > 255)
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("the email address is %1 characters long; at most 255 are allowed")
                .arg(trimmed.size()));
    // Deliberately simple: one @, no white space, a dot in a non-empty domain.
    static const QRegularExpression pattern(QStringLiteral(R"(^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$)"));
    if (!pattern.match(trimmed).hasMatch())
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("%1 is not a valid email address").arg(quotedForMessage(trimmed)));
    return trimmed;
}

Result<QString> validateToken(const QString &token)
{
    if (token.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("the API token is empty"));
    for (const QChar c : token) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return makeError(ErrorKind::Validation,
                             CoreTr::tr("the API token must not contain white space"));
    }
    return token;
}

Result<int> validateDropletLimit(const QString &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 1 || value > 100000)
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("the droplet limit must be a whole number from 1 to 100000 (got %1)")
                .arg(quotedForMessage(text)));
    return value;
}

} // namespace dopool
