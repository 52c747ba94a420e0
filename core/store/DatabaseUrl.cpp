#include "DatabaseUrl.h"

#include "PgTimeouts.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QStringList>
#include <QUrl>

namespace dopool {

namespace {

Error invalid(const QString &message)
{
    return makeError(ErrorKind::Validation, message);
}

// The same words wherever a password shows up, and never the password itself.
Error passwordRefused()
{
    return invalid(QStringLiteral(
        "the database URL must not contain a password: passwords come from PGPASSWORD, "
        "~/.pgpass or the keychain, never the command line"));
}

QString percentDecoded(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

bool isSslMode(const QString &mode)
{
    static const QStringList modes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes.contains(mode);
}

// application_name ends up inside a libpq conninfo string: keep it to characters that need
// no quoting there.
bool isSafeApplicationName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.-]{1,63}$"));
    return re.match(name).hasMatch();
}

Result<DatabaseUrl> parseSqlite(QStringView rest)
{
    if (rest.trimmed().isEmpty())
        return invalid(QStringLiteral("the database URL \"sqlite:\" needs a file path, e.g. "
                                      "sqlite:/home/me/pool.sqlite"));
    // SQLite's special name would be a pool that vanishes when the command ends.
    if (rest.trimmed().compare(QLatin1String(":memory:"), Qt::CaseInsensitive) == 0)
        return invalid(QStringLiteral(
            "\"sqlite::memory:\" is an in-memory database that is gone when the command ends; "
            "give the pool a file, e.g. sqlite:/home/me/pool.sqlite"));
    DatabaseUrl url;
    url.kind = DatabaseUrl::Kind::Sqlite;
    url.path = QDir::cleanPath(QDir::current().absoluteFilePath(rest.toString()));
    return url;
}

// "host", "host:port", "[v6]" or "[v6]:port".
Result<void> parseHostPort(QStringView text, DatabaseUrl &url)
{
    QStringView host = text;
    QStringView port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return invalid(QStringLiteral("the database URL has an unterminated IPv6 address"));
        host = text.mid(1, close - 1);
        QStringView after = text.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return invalid(QStringLiteral("the database URL has junk after the IPv6 address"));
            port = after.mid(1);
            if (port.isEmpty())
                return invalid(QStringLiteral("the database URL has an empty port"));
        }
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (port.isEmpty())
            return invalid(QStringLiteral("the database URL has an empty port"));
    }
    if (host.isEmpty())
        return invalid(QStringLiteral("the database URL has no host name"));
    url.host = percentDecoded(host);
    if (!port.isEmpty()) {
        bool ok = false;
        const int value = port.toInt(&ok);
        if (!ok || value < 1 || value > 65535 || !port.front().isDigit())
            // Not echoed: in "user:secret/db" (no '@') the "port" is really a password.
            return invalid(
                QStringLiteral("the database URL has a bad port (expected a number 1..65535)"));
        url.port = value;
    }
    return {};
}

Result<void> parseQuery(QStringView query, DatabaseUrl &url)
{
    QStringList extra;
    QSet<QString> seen;
    for (QStringView item : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = item.indexOf(u'=');
        const QString key = percentDecoded(eq < 0 ? item : item.left(eq));
        const QString value = eq < 0 ? QString() : percentDecoded(item.mid(eq + 1));
        if (key == QLatin1String("password"))
            return passwordRefused();
        if (seen.contains(key))
            return invalid(QStringLiteral("the database URL gives option \"%1\" twice").arg(key));
        seen.insert(key);
        if (key == QLatin1String("sslmode")) {
            if (!isSslMode(value))
                return invalid(
                    QStringLiteral("unknown sslmode \"%1\" in the database URL (use disable, "
                                   "allow, prefer, require, verify-ca or verify-full)")
                        .arg(value));
            url.sslMode = value;
        } else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 0 || seconds > 3600 || !value.front().isDigit())
                return invalid(
                    QStringLiteral("connect_timeout in the database URL must be a number "
                                   "of seconds (0..3600), not \"%1\"")
                        .arg(value));
            extra << QStringLiteral("connect_timeout=%1").arg(seconds);
        } else if (key == QLatin1String("application_name")) {
            if (!isSafeApplicationName(value))
                return invalid(QStringLiteral("application_name in the database URL must be 1..63 "
                                              "letters, digits, '_', '.' or '-'"));
            extra << QStringLiteral("application_name=%1").arg(value);
        } else if (PgTimeouts::isName(key)) {
            PgTimeouts check;
            if (auto valid = check.set(key, value, QStringLiteral("the database URL")); !valid)
                return valid.error();
            url.timeouts.insert(key, value.trimmed());
        } else {
            return invalid(QStringLiteral("unknown option \"%1\" in the database URL (supported: "
                                          "sslmode, connect_timeout, application_name, %2)")
                               .arg(key, PgTimeouts::names().join(QStringLiteral(", "))));
        }
    }
    url.connectOptions = extra.join(u';');
    return {};
}

Result<DatabaseUrl> parsePostgres(QStringView rest)
{
    // rest = [user@]host[:port]/db[?query]
    QStringView query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    const qsizetype slash = rest.indexOf(u'/');
    const QStringView authority = slash < 0 ? rest : rest.left(slash);
    const QStringView path = slash < 0 ? QStringView() : rest.mid(slash + 1);

    DatabaseUrl url;
    url.kind = DatabaseUrl::Kind::Postgres;
    QStringView hostPort = authority;
    // The password check comes first so that no later message can echo one.
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QStringView userInfo = authority.left(at);
        if (userInfo.contains(u':'))
            return passwordRefused();
        url.user = percentDecoded(userInfo);
        if (url.user.isEmpty())
            return invalid(QStringLiteral("the database URL has an empty user name before '@'"));
        hostPort = authority.mid(at + 1);
    }
    if (const auto params = parseQuery(query, url); !params)
        return params.error();
    if (const auto hp = parseHostPort(hostPort, url); !hp)
        return hp.error();
    url.database = percentDecoded(path);
    if (url.database.isEmpty())
        return invalid(QStringLiteral("the database URL has no database name (expected "
                                      "postgresql://user@host:port/database)"));
    return url;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QStringView view(trimmed);
    if (view.startsWith(u"sqlite:", Qt::CaseInsensitive))
        return parseSqlite(view.mid(7));
    for (QStringView scheme : {QStringView(u"postgresql://"), QStringView(u"postgres://")}) {
        if (view.startsWith(scheme, Qt::CaseInsensitive))
            return parsePostgres(view.mid(scheme.size()));
    }
    // Echo only the scheme: the rest might hold something secret.
    const qsizetype colon = view.indexOf(u':');
    const QString scheme = colon > 0 ? view.left(colon).toString() : QString();
    return invalid(
        QStringLiteral(
            "unknown database URL%1: use sqlite:PATH or postgresql://user@host:port/database")
            .arg(scheme.isEmpty() ? QString() : QStringLiteral(" scheme \"%1\"").arg(scheme)));
}

DatabaseUrl DatabaseUrl::defaultLocation()
{
    QString folder;
    if (!QCoreApplication::applicationName().isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // Without an application name AppDataLocation collapses to the shared data folder.
    if (folder.isEmpty()) {
        folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                 QStringLiteral("/dopool");
    }
    DatabaseUrl url;
    url.kind = Kind::Sqlite;
    url.path = QDir::cleanPath(folder + QStringLiteral("/pool.sqlite"));
    return url;
}

namespace {
QString hostForDisplay(const QString &host)
{
    return host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
}
} // namespace

QString DatabaseUrl::displayString() const
{
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + path;
    const QString userPart = user.isEmpty() ? QString() : user + QLatin1Char('@');
    return QStringLiteral("postgresql://%1%2:%3/%4")
        .arg(userPart, hostForDisplay(host), QString::number(port), database);
}

QString DatabaseUrl::passwordKey() const
{
    const QString userPart = user.isEmpty() ? QString() : user + QLatin1Char('@');
    return QStringLiteral("pg:%1%2:%3/%4")
        .arg(userPart, hostForDisplay(host), QString::number(port), database);
}

} // namespace dopool
