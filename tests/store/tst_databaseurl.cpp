#include "VerifyOk.h"
#include "store/DatabaseUrl.h"
#include "store/PgTimeouts.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace dopool;
using namespace Qt::StringLiterals;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void sqlite_data();
    void sqlite();
    void postgres_data();
    void postgres();
    void invalid_data();
    void invalid();
    void passwordRefused_data();
    void passwordRefused();
    void displayNeverShowsSecrets();
    void timeouts_data();
    void timeouts();
    void defaultLocation();
};

void TestDatabaseUrl::sqlite_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::newRow("absolute") << u"sqlite:/var/lib/dopool/pool.sqlite"_s
                              << u"/var/lib/dopool/pool.sqlite"_s;
    QTest::newRow("relative") << u"sqlite:data/pool.sqlite"_s
                              << QDir::current().absoluteFilePath(u"data/pool.sqlite"_s);
    QTest::newRow("dot segments") << u"sqlite:/a/b/../c.sqlite"_s << u"/a/c.sqlite"_s;
    QTest::newRow("scheme case, spaces") << u"  SQLite:/tmp/x.sqlite "_s << u"/tmp/x.sqlite"_s;
}

void TestDatabaseUrl::sqlite()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    const auto url = DatabaseUrl::parse(text);
    DOPOOL_VERIFY_OK(url);
    QCOMPARE(url->kind, DatabaseUrl::Kind::Sqlite);
    QCOMPARE(url->path, path);
    QVERIFY(QDir::isAbsolutePath(url->path));
    QCOMPARE(url->displayString(), u"sqlite:"_s + path);
}

void TestDatabaseUrl::postgres_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("connectOptions");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("passwordKey");

    QTest::newRow("full") << u"postgresql://pool@db.example.com:6543/orders"_s
                          << u"db.example.com"_s << 6543 << u"pool"_s << u"orders"_s << QString()
                          << QString() << u"postgresql://pool@db.example.com:6543/orders"_s
                          << u"pg:pool@db.example.com:6543/orders"_s;
    QTest::newRow("short scheme, default port")
        << u"postgres://pool@localhost/orders"_s << u"localhost"_s << 5432 << u"pool"_s
        << u"orders"_s << QString() << QString() << u"postgresql://pool@localhost:5432/orders"_s
        << u"pg:pool@localhost:5432/orders"_s;
    QTest::newRow("no user") << u"postgresql://localhost/orders"_s << u"localhost"_s << 5432
                             << QString() << u"orders"_s << QString() << QString()
                             << u"postgresql://localhost:5432/orders"_s
                             << u"pg:localhost:5432/orders"_s;
    QTest::newRow("percent-encoded user and db")
        << u"postgresql://me%40corp@h/my%20db"_s << u"h"_s << 5432 << u"me@corp"_s << u"my db"_s
        << QString() << QString() << u"postgresql://me@corp@h:5432/my db"_s
        << u"pg:me@corp@h:5432/my db"_s;
    QTest::newRow("ipv6") << u"postgresql://u@[::1]:5433/d"_s << u"::1"_s << 5433 << u"u"_s
                          << u"d"_s << QString() << QString() << u"postgresql://u@[::1]:5433/d"_s
                          << u"pg:u@[::1]:5433/d"_s;
    QTest::newRow("all options")
        << u"postgresql://u@h:1/d?sslmode=verify-full&connect_timeout=7&application_name=svc-1"_s
        << u"h"_s << 1 << u"u"_s << u"d"_s << u"verify-full"_s
        << u"connect_timeout=7;application_name=svc-1"_s << u"postgresql://u@h:1/d"_s
        << u"pg:u@h:1/d"_s;
    for (const auto *mode : {"disable", "allow", "prefer", "require", "verify-ca"}) {
        const QString m = QString::fromLatin1(mode);
        QTest::addRow("sslmode=%s", mode)
            << u"postgresql://u@h/d?sslmode="_s + m << u"h"_s << 5432 << u"u"_s << u"d"_s << m
            << QString() << u"postgresql://u@h:5432/d"_s << u"pg:u@h:5432/d"_s;
    }
}

void TestDatabaseUrl::postgres()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, database);
    QFETCH(QString, sslMode);
    QFETCH(QString, connectOptions);
    QFETCH(QString, display);
    QFETCH(QString, passwordKey);
    const auto url = DatabaseUrl::parse(text);
    DOPOOL_VERIFY_OK(url);
    QCOMPARE(url->kind, DatabaseUrl::Kind::Postgres);
    QCOMPARE(url->host, host);
    QCOMPARE(url->port, port);
    QCOMPARE(url->user, user);
    QCOMPARE(url->database, database);
    QCOMPARE(url->sslMode, sslMode);
    QCOMPARE(url->connectOptions, connectOptions);
    QCOMPARE(url->displayString(), display);
    QCOMPARE(url->passwordKey(), passwordKey);
}

void TestDatabaseUrl::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // part of the message
    QTest::newRow("empty") << QString() << u"unknown database URL"_s;
    QTest::newRow("sqlite without path") << u"sqlite:"_s << u"needs a file path"_s;
    QTest::newRow("unknown scheme")
        << u"mysql://u@h/d"_s << u"unknown database URL scheme \"mysql\""_s;
    QTest::newRow("bare path") << u"/tmp/pool.sqlite"_s << u"use sqlite:PATH"_s;
    QTest::newRow("missing database") << u"postgresql://u@h:5432"_s << u"no database name"_s;
    QTest::newRow("empty database") << u"postgresql://u@h:5432/"_s << u"no database name"_s;
    QTest::newRow("missing host") << u"postgresql://u@/d"_s << u"no host name"_s;
    QTest::newRow("empty user") << u"postgresql://@h/d"_s << u"empty user name"_s;
    QTest::newRow("port not a number") << u"postgresql://u@h:abc/d"_s << u"bad port"_s;
    QTest::newRow("port zero") << u"postgresql://u@h:0/d"_s << u"bad port"_s;
    QTest::newRow("port too big") << u"postgresql://u@h:65536/d"_s << u"bad port"_s;
    QTest::newRow("port signed") << u"postgresql://u@h:+5432/d"_s << u"bad port"_s;
    QTest::newRow("empty port") << u"postgresql://u@h:/d"_s << u"empty port"_s;
    QTest::newRow("unterminated ipv6") << u"postgresql://u@[::1/d"_s << u"IPv6"_s;
    QTest::newRow("unknown sslmode")
        << u"postgresql://u@h/d?sslmode=always"_s << u"unknown sslmode \"always\""_s;
    QTest::newRow("bad connect_timeout")
        << u"postgresql://u@h/d?connect_timeout=soon"_s << u"connect_timeout"_s;
    QTest::newRow("negative connect_timeout")
        << u"postgresql://u@h/d?connect_timeout=-1"_s << u"connect_timeout"_s;
    QTest::newRow("bad application_name")
        << u"postgresql://u@h/d?application_name=a%20b"_s << u"application_name"_s;
    QTest::newRow("unknown option") << u"postgresql://u@h/d?target_session_attrs=any"_s
                                    << u"unknown option \"target_session_attrs\""_s;
    QTest::newRow("option twice") << u"postgresql://u@h/d?sslmode=require&sslmode=disable"_s
                                  << u"twice"_s;
    QTest::newRow("statement_timeout not a number")
        << u"postgresql://u@h/d?statement_timeout=5s"_s
        << u"statement_timeout in the database URL must be a whole number of milliseconds"_s;
    QTest::newRow("lock_timeout negative")
        << u"postgresql://u@h/d?lock_timeout=-1"_s << u"lock_timeout"_s;
    QTest::newRow("keepalives not 0/1") << u"postgresql://u@h/d?keepalives=yes"_s
                                        << u"keepalives in the database URL must be 0 or 1"_s;
    QTest::newRow("keepalives_count zero")
        << u"postgresql://u@h/d?keepalives_count=0"_s << u"from 1 to 100"_s;
    QTest::newRow("tcp_user_timeout too big")
        << u"postgresql://u@h/d?tcp_user_timeout=99999999999"_s << u"tcp_user_timeout"_s;
}

// Defaults, DOPOOL_PG_* over them, the URL's parameters over both; every name, both ways.
void TestDatabaseUrl::timeouts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("env"); // NAME=value
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<QStringList>("connectOptions");
    QTest::addColumn<QString>("error"); // part of the message, empty when valid
    const QStringList defaultStatements{u"SET statement_timeout = 30000"_s,
                                        u"SET lock_timeout = 10000"_s,
                                        u"SET idle_in_transaction_session_timeout = 60000"_s};
    const QStringList defaultOptions{u"keepalives=1"_s, u"keepalives_idle=10"_s,
                                     u"keepalives_interval=5"_s, u"keepalives_count=3"_s,
                                     u"tcp_user_timeout=30000"_s};
    QTest::newRow("defaults") << u"postgresql://u@h/d"_s << QStringList() << defaultStatements
                              << defaultOptions << QString();
    QTest::newRow("environment")
        << u"postgresql://u@h/d"_s
        << QStringList{u"DOPOOL_PG_STATEMENT_TIMEOUT=5000"_s,
                       u"DOPOOL_PG_LOCK_TIMEOUT=0"_s,
                       u"DOPOOL_PG_IDLE_IN_TRANSACTION_SESSION_TIMEOUT=7000"_s,
                       u"DOPOOL_PG_KEEPALIVES_IDLE=20"_s,
                       u"DOPOOL_PG_KEEPALIVES_INTERVAL=2"_s,
                       u"DOPOOL_PG_KEEPALIVES_COUNT=9"_s,
                       u"DOPOOL_PG_TCP_USER_TIMEOUT=1000"_s}
        << QStringList{u"SET statement_timeout = 5000"_s, u"SET lock_timeout = 0"_s,
                       u"SET idle_in_transaction_session_timeout = 7000"_s}
        << QStringList{u"keepalives=1"_s, u"keepalives_idle=20"_s, u"keepalives_interval=2"_s,
                       u"keepalives_count=9"_s, u"tcp_user_timeout=1000"_s}
        << QString();
    QTest::newRow("the URL wins")
        << u"postgresql://u@h/d?statement_timeout=1500&keepalives=0&sslmode=require"_s
        << QStringList{u"DOPOOL_PG_STATEMENT_TIMEOUT=5000"_s, u"DOPOOL_PG_KEEPALIVES=1"_s}
        << QStringList{u"SET statement_timeout = 1500"_s, u"SET lock_timeout = 10000"_s,
                       u"SET idle_in_transaction_session_timeout = 60000"_s}
        << QStringList{u"keepalives=0"_s, u"tcp_user_timeout=30000"_s} << QString();
    QTest::newRow("bad environment value")
        << u"postgresql://u@h/d"_s << QStringList{u"DOPOOL_PG_LOCK_TIMEOUT=ten"_s} << QStringList()
        << QStringList() << u"lock_timeout in DOPOOL_PG_LOCK_TIMEOUT must be a whole number"_s;
}

void TestDatabaseUrl::timeouts()
{
    QFETCH(QString, url);
    QFETCH(QStringList, env);
    QFETCH(QStringList, statements);
    QFETCH(QStringList, connectOptions);
    QFETCH(QString, error);
    const auto parsed = DatabaseUrl::parse(url);
    DOPOOL_VERIFY_OK(parsed);
    QProcessEnvironment environment;
    for (const QString &pair : env)
        environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    const auto timeouts = PgTimeouts::resolve(environment, parsed->timeouts);
    if (!error.isEmpty()) {
        QVERIFY(!timeouts.ok());
        QCOMPARE(timeouts.error().kind, ErrorKind::Validation);
        QVERIFY2(timeouts.error().message.contains(error), qPrintable(timeouts.error().message));
        return;
    }
    DOPOOL_VERIFY_OK(timeouts);
    QCOMPARE(timeouts->sessionStatements(), statements);
    QCOMPARE(timeouts->connectOptions(), connectOptions);
}

void TestDatabaseUrl::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QCOMPARE(url.error().kind, ErrorKind::Validation);
    QVERIFY2(url.error().message.contains(expected), qPrintable(url.error().message));
}

void TestDatabaseUrl::passwordRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("user:password") << u"postgresql://pool:S3cretPw@h:5432/d"_s;
    QTest::newRow("short scheme") << u"postgres://pool:S3cretPw@h/d"_s;
    QTest::newRow("empty user") << u"postgresql://:S3cretPw@h/d"_s;
    QTest::newRow("@ in password") << u"postgresql://pool:S3cret@Pw@h/d"_s;
    QTest::newRow("password and bad port") << u"postgresql://pool:S3cretPw@h:bad/d"_s;
    QTest::newRow("password and bad option") << u"postgresql://pool:S3cretPw@h/d?nope=1"_s;
    QTest::newRow("password option") << u"postgresql://pool@h/d?password=S3cretPw"_s;
    QTest::newRow("encoded password") << u"postgresql://pool:S3cret%50w@h/d"_s;
}

void TestDatabaseUrl::passwordRefused()
{
    QFETCH(QString, text);
    const auto url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QCOMPARE(url.error().kind, ErrorKind::Validation);
    const QString message = url.error().message;
    QVERIFY2(message.contains(u"PGPASSWORD"_s) && message.contains(u"~/.pgpass"_s) &&
                 message.contains(u"keychain"_s),
             qPrintable(message));
    QVERIFY2(!message.contains(u"S3cret"_s), qPrintable(message));
    QVERIFY(!message.contains(u"Pw"_s));
}

void TestDatabaseUrl::displayNeverShowsSecrets()
{
    // "user:secret/db" without '@': a mistyped password must not come back as a "port".
    const auto url = DatabaseUrl::parse(u"postgresql://pool:S3cretPw/d"_s);
    QVERIFY(!url.ok());
    QVERIFY2(!url.error().message.contains(u"S3cret"_s), qPrintable(url.error().message));

    const auto ok =
        DatabaseUrl::parse(u"postgresql://pool@h/d?sslmode=require&application_name=x"_s);
    QVERIFY(ok.ok());
    QCOMPARE(ok->displayString(), u"postgresql://pool@h:5432/d"_s);
}

void TestDatabaseUrl::defaultLocation()
{
    const DatabaseUrl url = DatabaseUrl::defaultLocation();
    QCOMPARE(url.kind, DatabaseUrl::Kind::Sqlite);
    QVERIFY(url.path.endsWith(u"/pool.sqlite"_s));
    QVERIFY(QDir::isAbsolutePath(url.path));
    QCOMPARE(url.path,
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/pool.sqlite"_s);

    // (The no-application-name fallback cannot be reached here: with a QCoreApplication the
    // name falls back to the executable's.)
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
