#include "SqlDialect.h"

#include <QSqlError>

namespace dopool {

namespace {

class SqliteDialect final : public SqlDialect
{
public:
    Kind kind() const override { return Kind::Sqlite; }
    QString backendName() const override { return QStringLiteral("sqlite"); }
    QString beginWrite() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    // The IMMEDIATE transaction already holds the database's write lock.
    QString lockRowsSuffix() const override { return QString(); }
    // BEGIN IMMEDIATE already holds the one write lock there is.
    QString shareRowsSuffix() const override { return QString(); }
    // Stored as that text already (see Migrations.cpp).
    QString timestampAsText(const QString &column) const override { return column; }
    QVariant boolValue(bool value) const override { return QVariant(value ? 1 : 0); }
    QString sameAs(const QString &column) const override
    {
        return column + QStringLiteral(" IS ?");
    }
    QString skipLockedSuffix() const override { return QString(); }
    QString insertMetaIfAbsent() const override
    {
        return QStringLiteral("INSERT OR IGNORE INTO dopool_meta (key, value) VALUES (?, ?)");
    }
    QString upsertMeta() const override
    {
        return QStringLiteral("INSERT INTO dopool_meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }
    QString tableExistsQuery() const override
    {
        return QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    }
    // BEGIN IMMEDIATE is the lock.
    QString migrationLock() const override { return QString(); }
    QStringList sessionSetup() const override
    {
        return {QStringLiteral("PRAGMA foreign_keys = ON")};
    }

    SqlFailure classify(const QSqlError &error) const override
    {
        // The driver reports the extended result code; the primary code is its low byte.
        bool ok = false;
        const int code = error.nativeErrorCode().toInt(&ok);
        const int primary = ok ? (code & 0xff) : -1;
        if (primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */
            || error.databaseText().contains(QLatin1String("database is locked"))) {
            return SqlFailure::Locked;
        }
        if (code == 2067 /* SQLITE_CONSTRAINT_UNIQUE */ || code == 1555 /* ..._PRIMARYKEY */
            || error.databaseText().contains(QLatin1String("UNIQUE constraint failed"))) {
            return SqlFailure::UniqueViolation;
        }
        return SqlFailure::Other;
    }
};

class PostgresDialect final : public SqlDialect
{
public:
    Kind kind() const override { return Kind::Postgres; }
    QString backendName() const override { return QStringLiteral("postgresql"); }
    QString beginWrite() const override { return QStringLiteral("BEGIN"); }
    QString lockRowsSuffix() const override { return QStringLiteral(" FOR UPDATE"); }
    QString shareRowsSuffix() const override { return QStringLiteral(" FOR SHARE"); }
    QString timestampAsText(const QString &column) const override
    {
        return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
            .arg(column);
    }
    QVariant boolValue(bool value) const override { return QVariant(value); }
    QString sameAs(const QString &column) const override
    {
        return column + QStringLiteral(" IS NOT DISTINCT FROM ?");
    }
    QString skipLockedSuffix() const override { return QStringLiteral(" FOR UPDATE SKIP LOCKED"); }
    QString insertMetaIfAbsent() const override
    {
        return QStringLiteral(
            "INSERT INTO dopool_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING");
    }
    QString upsertMeta() const override
    {
        return QStringLiteral("INSERT INTO dopool_meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
    }
    QString tableExistsQuery() const override
    {
        return QStringLiteral("SELECT 1 FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_name = ?");
    }
    // Released by COMMIT/ROLLBACK, so a crashed migrator cannot leave it behind.
    QString migrationLock() const override
    {
        return QStringLiteral("SELECT pg_advisory_xact_lock(?)");
    }
    QStringList sessionSetup() const override
    {
        // Timestamps we read are formatted in UTC anyway; this keeps any server-side now()
        // text and log output unambiguous too.
        // client_min_messages: the IF NOT EXISTS steps of a migration would each print a NOTICE
        // on stderr through libpq's default notice processor.
        return {QStringLiteral("SET TIME ZONE 'UTC'"),
                QStringLiteral("SET client_min_messages = warning")};
    }

    SqlFailure classify(const QSqlError &error) const override
    {
        const QString state = error.nativeErrorCode();
        if (state == QLatin1String("23505"))
            return SqlFailure::UniqueViolation;
        if (state == QLatin1String("55P03")) // lock_not_available
            return SqlFailure::Locked;
        // Class 08 = connection exception; 57P0x = the server is shutting down / restarting.
        if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P0")))
            return SqlFailure::ConnectionLost;
        if (state.isEmpty()) {
            // libpq gives no SQLSTATE when the socket itself is gone.
            const QString text = error.databaseText();
            for (const auto *needle :
                 {"server closed the connection", "no connection to the server",
                  "terminating connection", "could not send data", "could not receive data",
                  "connection to server", "SSL connection has been closed"}) {
                if (text.contains(QLatin1String(needle)))
                    return SqlFailure::ConnectionLost;
            }
        }
        return SqlFailure::Other;
    }
};

} // namespace

std::unique_ptr<SqlDialect> SqlDialect::create(Kind kind)
{
    if (kind == Kind::Postgres)
        return std::make_unique<PostgresDialect>();
    return std::make_unique<SqliteDialect>();
}

} // namespace dopool
