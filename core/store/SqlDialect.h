#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <memory>

class QSqlError;

namespace dopool {

// What a failed statement means to us, whatever the driver's words for it.
enum class SqlFailure
{
    Other,
    UniqueViolation, // a unique index said no
    Locked,          // another process holds the lock we need (SQLite "database is locked")
    ConnectionLost,  // the server went away; the next call should reconnect
};

// The few places where SQLite and PostgreSQL need different SQL. Everything else in the store
// is written once, in the common subset both understand.
class SqlDialect
{
public:
    enum class Kind
    {
        Sqlite,
        Postgres
    };

    virtual ~SqlDialect() = default;

    virtual Kind kind() const = 0;
    virtual QString backendName() const = 0; // "sqlite" | "postgresql"

    // Starts a read-write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE) so
    // a transaction never has to upgrade a read lock, which can fail without waiting.
    virtual QString beginWrite() const = 0;
    // Appended to a SELECT whose rows the same transaction will rewrite.
    virtual QString lockRowsSuffix() const = 0;
    // Appended to a SELECT whose rows must not change until COMMIT, though this transaction
    // only reads them (several may hold it at once; a FOR UPDATE waits for all of them).
    virtual QString shareRowsSuffix() const = 0;
    // SELECT-list expression reading a timestamp column as "2026-01-02T03:04:05.678Z" text, so
    // both backends hand us the same thing and no driver time-zone handling is involved.
    virtual QString timestampAsText(const QString &column) const = 0;
    virtual QVariant boolValue(bool value) const = 0;
    // "<column> equals the one bound value, NULL equal to NULL".
    virtual QString sameAs(const QString &column) const = 0;
    // Appended to a SELECT ... LIMIT picking rows to claim: rows another transaction has
    // locked are passed over (PostgreSQL); SQLite has one writer at a time anyway.
    virtual QString skipLockedSuffix() const = 0;

    // dopool_meta writes: two bound values (key, value).
    virtual QString insertMetaIfAbsent() const = 0;
    virtual QString upsertMeta() const = 0;
    // One bound value (table name); returns a row when the table exists.
    virtual QString tableExistsQuery() const = 0;
    // Runs first inside the migration transaction to keep concurrent migrators apart; one bound
    // value (the lock key) when not empty.
    virtual QString migrationLock() const = 0;

    // Run after every (re)connect.
    virtual QStringList sessionSetup() const = 0;

    virtual SqlFailure classify(const QSqlError &error) const = 0;

    static std::unique_ptr<SqlDialect> create(Kind kind);
};

// Key of the PostgreSQL advisory lock that serializes dopool migrators ("dopool" in ASCII).
inline constexpr qint64 kMigrationLockKey = 0x646f706f6f6c;

} // namespace dopool
