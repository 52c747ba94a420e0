#pragma once

// The databases store tests run on (StoreBackend): a SQLite file in a temporary folder and a
// throwaway PostgreSQL database (TestPostgres), each with raw access behind the store's back.
// Header-only (the support library does not link the store).

#include "TestPostgres.h"
#include "store/DatabaseUrl.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <memory>

namespace dopool::testing {

// A fresh, empty database of one backend plus raw access to it behind the store's back.
class StoreBackend
{
public:
    virtual ~StoreBackend() = default;
    virtual DatabaseUrl url() const = 0;
    // Runs one statement; returns the error text, empty on success.
    virtual QString exec(const QString &sql, const QVariantList &values = {}) = 0;
    // First column of every row.
    virtual QVariantList column(const QString &sql, const QVariantList &values = {}) = 0;
};

// A raw QSQLITE connection to a file, behind the store's back (and with its foreign keys on,
// as the store's connections have them).
class RawSqliteConnection
{
public:
    explicit RawSqliteConnection(const QString &path)
        : m_name(QStringLiteral("dopool-test-rawsqlite-%1").arg(s_counter.fetchAndAddRelaxed(1)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=3000"));
        if (!db.open())
            qWarning("cannot open %s: %s", qPrintable(path), qPrintable(db.lastError().text()));
        exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    }
    ~RawSqliteConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawSqliteConnection(const RawSqliteConnection &) = delete;
    RawSqliteConnection &operator=(const RawSqliteConnection &) = delete;

    QString exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return run(query, sql, values);
    }
    QVariantList column(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        QVariantList result;
        if (const QString error = run(query, sql, values); !error.isEmpty()) {
            qWarning("query failed: %s: %s", qPrintable(sql), qPrintable(error));
            return result;
        }
        while (query.next())
            result << query.value(0);
        return result;
    }

private:
    static QString run(QSqlQuery &query, const QString &sql, const QVariantList &values)
    {
        bool ok = query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = ok && query.exec();
        return ok ? QString() : query.lastError().text();
    }

    static inline QAtomicInteger<int> s_counter;
    QString m_name;
};

class SqliteTestBackend final : public StoreBackend
{
public:
    SqliteTestBackend()
        : m_path(m_dir.filePath(QStringLiteral("pool.sqlite")))
    {}
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_path; }

    DatabaseUrl url() const override
    {
        DatabaseUrl url;
        url.kind = DatabaseUrl::Kind::Sqlite;
        url.path = m_path;
        return url;
    }
    QString exec(const QString &sql, const QVariantList &values = {}) override
    {
        return raw().exec(sql, values);
    }
    QVariantList column(const QString &sql, const QVariantList &values = {}) override
    {
        return raw().column(sql, values);
    }

private:
    RawSqliteConnection &raw()
    {
        if (!m_raw)
            m_raw = std::make_unique<RawSqliteConnection>(m_path);
        return *m_raw;
    }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<RawSqliteConnection> m_raw;
};

class PostgresTestBackend final : public StoreBackend
{
public:
    explicit PostgresTestBackend(TestPostgres &pg)
        : m_pg(pg)
    {}
    DatabaseUrl url() const override { return m_pg.url(); }
    QString exec(const QString &sql, const QVariantList &values = {}) override
    {
        return m_pg.exec(sql, values);
    }
    QVariantList column(const QString &sql, const QVariantList &values = {}) override
    {
        return m_pg.column(sql, values);
    }

private:
    TestPostgres &m_pg;
};

// The rows of a query on the throwaway PostgreSQL database, each as its columns joined by '|'
// (NULL as "<null>"): what information_schema and pg_catalog say, compared as text.
inline QStringList rows(TestPostgres &pg, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(pg.connection());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    QStringList result;
    if (!query.exec()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return result;
    }
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < query.record().count(); ++i)
            fields << (query.value(i).isNull() ? QStringLiteral("<null>")
                                               : query.value(i).toString());
        result << fields.join(u'|');
    }
    return result;
}

} // namespace dopool::testing
