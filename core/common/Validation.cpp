#include "Validation.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace dopool {

Result<QString> validateAccountName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorKind::Validation, CoreTr::tr("the account name must not be empty"));
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
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("'%1' is not a valid email address").arg(trimmed));
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
            CoreTr::tr("the droplet limit must be a whole number from 1 to 100000 (got '%1')")
                .arg(text));
    return value;
}

} // namespace dopool
