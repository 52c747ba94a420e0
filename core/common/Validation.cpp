#include "Validation.h"

#include "common/TextSafety.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUuid>

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

bool looksLikeUuid(const QString &text)
{
    return !QUuid::fromString(text.trimmed()).isNull();
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
    if (containsUnsafeCharacters(trimmed))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("the account name must not contain control characters, "
                                    "bidi overrides or invisible characters"));
    if (const qsizetype length = characterCount(trimmed); length > kMaxAccountNameLength)
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("the account name is %1 characters long; at most %2 are allowed")
                .arg(length)
                .arg(kMaxAccountNameLength));
    if (looksLikeUuid(trimmed))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("the account name must not be a uuid: it could be taken for "
                                    "another account's id"));
    return trimmed;
}

Result<QString> validateEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("the email address must not be empty"));
    if (containsUnsafeCharacters(trimmed))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("the email address must not contain control characters, "
                                    "bidi overrides or invisible characters"));
    if (const qsizetype length = characterCount(trimmed); length > kMaxEmailLength)
        return makeError(
            ErrorKind::Validation,
            CoreTr::tr("the email address is %1 characters long; at most %2 are allowed")
                .arg(length)
                .arg(kMaxEmailLength));
    // Not looksLikeSecret(): a long mixed-case address is no secret, a token inside one is.
    if (tokenPattern().match(trimmed).hasMatch() || containsKeyLikeHex(trimmed))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("the email address contains something that looks like an API "
                                    "token or a key, so it was not accepted (and is not shown)"));
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
    // Each rule is named, the value never: it is a secret, or something pasted in its place.
    auto refuse = [](const QString &rule) {
        return makeError(ErrorKind::Validation, CoreTr::tr("the API token %1").arg(rule));
    };
    if (token.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("the API token is empty"));
    if (token.contains(QChar(0)))
        return refuse(CoreTr::tr("contains a NUL character"));
    for (const QChar c : token) {
        if (c.isSpace())
            return refuse(CoreTr::tr("must not contain white space"));
    }
    if (containsUnsafeCharacters(token))
        return refuse(CoreTr::tr("contains a control character"));
    if (token.size() > kMaxTokenLength)
        return refuse(CoreTr::tr("is longer than %1 characters").arg(kMaxTokenLength));
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    if (!allowed.match(token).hasMatch())
        return refuse(CoreTr::tr("may contain only ASCII letters, digits, '_', '-' and '.'; "
                                 "this is not a DigitalOcean token"));
    if (token.size() < kMinTokenLength)
        return refuse(CoreTr::tr("is shorter than %1 characters; this is not a DigitalOcean "
                                 "token")
                          .arg(kMinTokenLength));
    return token;
}

Result<QString> validatePlainText(const QString &text, const QString &what, qsizetype maxChars)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("%1 must not be empty").arg(what));
    if (containsUnsafeCharacters(trimmed))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("%1 must not contain control characters, bidi overrides or "
                                    "invisible characters")
                             .arg(what));
    if (const qsizetype length = characterCount(trimmed); length > maxChars)
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("%1 is %2 characters long; at most %3 are allowed")
                             .arg(what)
                             .arg(length)
                             .arg(maxChars));
    return trimmed;
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
