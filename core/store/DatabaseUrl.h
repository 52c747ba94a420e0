#pragma once

#include "common/Error.h"

#include <QMap>
#include <QString>

namespace dopool {

// Where the pool lives: "sqlite:PATH" or "postgresql://user@host:port/db?sslmode=...".
struct DatabaseUrl
{
    enum class Kind
    {
        Sqlite,
        Postgres
    };
    Kind kind = Kind::Sqlite;

    // SQLite
    QString path; // absolute file path

    // PostgreSQL
    QString host;
    int port = 5432;
    QString user;
    QString database;
    QString sslMode;        // empty = libpq default ("prefer")
    QString connectOptions; // extra libpq options from the query string, validated
    // Timeouts and keepalives given in the query string (PgTimeouts names), validated; they
    // win over DOPOOL_PG_* and the defaults.
    QMap<QString, QString> timeouts;

    // Parses --db / DOPOOL_DB. A password in the URL is refused (Validation): passwords come
    // from PGPASSWORD, ~/.pgpass or the keychain, never argv.
    static Result<DatabaseUrl> parse(const QString &text);
    // Default: SQLite file "pool.sqlite" in the user's app-data folder.
    static DatabaseUrl defaultLocation();

    // "postgresql://user@host:port/db" without secrets, for messages and logs.
    QString displayString() const;
    // Stable keychain entry name for this server's password: "pg:user@host:port/db".
    QString passwordKey() const;
};

} // namespace dopool
