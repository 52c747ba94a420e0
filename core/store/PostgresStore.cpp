#include "PostgresStore.h"

#include "Migrations.h"
#include "SchemaCheck.h"
#include "SqlStore.h"
#include "common/Logging.h"

#include <QSqlError>
#include <QStringList>

namespace dopool {

namespace {

QString hostPort(const DatabaseUrl &url)
{
    const QString host = url.host.contains(u':') ? QStringLiteral("[%1]").arg(url.host) : url.host;
    return QStringLiteral("%1:%2").arg(host).arg(url.port);
}

// libpq conninfo options as QPSQL wants them ("k=v;k=v"). The URL's values were validated by
// DatabaseUrl::parse and need no quoting.
QString connectOptions(const StoreOptions &options, const PgTimeouts &timeouts)
{
    QString timeout = QString::number(qMax(0, options.connectTimeoutSec));
    QString application = QStringLiteral("dopool");
    for (const QString &option : options.url.connectOptions.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype eq = option.indexOf(u'=');
        const QString key = option.left(eq);
        const QString value = option.mid(eq + 1);
        if (key == QLatin1String("connect_timeout"))
            timeout = value;
        else if (key == QLatin1String("application_name"))
            application = value;
    }
    QStringList parts;
    if (!options.url.sslMode.isEmpty())
        parts << QStringLiteral("sslmode=") + options.url.sslMode;
    parts << QStringLiteral("connect_timeout=") + timeout
          << QStringLiteral("application_name=") + application << timeouts.connectOptions();
    return parts.join(u';');
}

bool isAuthFailure(const QString &text)
{
    return text.contains(QLatin1String("password authentication failed")) ||
           text.contains(QLatin1String("no password supplied")) ||
           text.contains(QLatin1String("authentication failed"));
}

// libpq never echoes the password, but a message is no place to find out the hard way.
QString scrubbed(QString text, const QString &password)
{
    if (!password.isEmpty())
        text.replace(password, QStringLiteral("***"));
    return text;
}

OpenFailure connectFailure(const StoreOptions &options, const QString &driverText)
{
    const DatabaseUrl &url = options.url;
    const QString text = scrubbed(driverText.simplified(), options.password);
    OpenFailure failure;
    failure.error.kind = ErrorKind::Store;
    if (isAuthFailure(text)) {
        failure.isAuthFailure = true;
        failure.error.message =
            QStringLiteral(
                "PostgreSQL at %1 refused the login of user '%2' (%3); set PGPASSWORD, add the "
                "password to ~/.pgpass or store it in the keychain")
                .arg(hostPort(url), url.user, text);
    } else if (text.contains(QStringLiteral("database \"%1\" does not exist").arg(url.database))) {
        failure.error.message =
            QStringLiteral(
                "the PostgreSQL database '%1' does not exist at %2; create it first (createdb)")
                .arg(url.database, hostPort(url));
    } else if (text.contains(QLatin1String("role \"")) &&
               text.contains(QLatin1String("does not exist"))) {
        failure.error.message =
            QStringLiteral("PostgreSQL at %1 has no user (role) '%2'").arg(hostPort(url), url.user);
    } else {
        failure.error.message =
            QStringLiteral("cannot reach PostgreSQL at %1: %2").arg(hostPort(url), text);
    }
    return failure;
}

// The options' timeouts with the URL's own parameters on top (validated by DatabaseUrl::parse).
PgTimeouts effectiveTimeouts(const StoreOptions &options)
{
    PgTimeouts timeouts = options.pgTimeouts;
    for (auto it = options.url.timeouts.cbegin(); it != options.url.timeouts.cend(); ++it)
        (void)timeouts.set(it.key(), it.value(), QStringLiteral("the database URL"));
    return timeouts;
}

OpenResult failed(OpenFailure failure)
{
    OpenResult result;
    result.failure = std::move(failure);
    return result;
}

OpenResult failed(const Error &error)
{
    OpenFailure failure;
    failure.error = error;
    return failed(failure);
}

} // namespace

SessionResult openPostgresSession(const StoreOptions &options)
{
    const DatabaseUrl &url = options.url;
    const PgTimeouts timeouts = effectiveTimeouts(options);
    const QString name = SqlSession::uniqueConnectionName(QStringLiteral("pg"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        if (!url.user.isEmpty())
            db.setUserName(url.user);
        // Without one, libpq looks in PGPASSWORD and ~/.pgpass itself.
        if (!options.password.isEmpty())
            db.setPassword(options.password);
        db.setConnectOptions(connectOptions(options, timeouts));
    }
    SessionResult result;
    // From here on the session owns the connection and removes it on every path out.
    auto session = std::make_unique<SqlSession>(
        name, SqlDialect::create(SqlDialect::Kind::Postgres), hostPort(url));
    if (!session->database().isValid()) {
        result.failure.error = makeError(
            ErrorKind::Store, QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not available"));
        return result;
    }
    session->setExtraSetup(timeouts.sessionStatements());
    if (!session->database().open()) {
        const QSqlError error = session->database().lastError();
        result.failure = connectFailure(
            options, error.databaseText().isEmpty() ? error.text() : error.databaseText());
        qCDebug(lcStore) << "cannot open" << url.displayString() << ":"
                         << result.failure.error.message;
        return result;
    }
    if (auto setUp = session->setUp(); !setUp) {
        result.failure.error = setUp.error();
        return result;
    }
    result.session = std::move(session);
    return result;
}

OpenResult openPostgresStore(const StoreOptions &options)
{
    SessionResult opened = openPostgresSession(options);
    if (!opened.session)
        return failed(opened.failure);
    if (auto migrated = migrateSchema(*opened.session); !migrated)
        return failed(migrated.error());
    if (auto checked = SchemaCheck::ensure(*opened.session); !checked)
        return failed(checked.error());

    OpenResult result;
    result.store = std::make_unique<SqlStore>(std::move(opened.session), options.clock,
                                              options.url.displayString());
    return result;
}

} // namespace dopool
