// What only the PostgreSQL store has: the schema the order-service's Prisma client expects,
// races the in-transaction checks cannot see, and its connections (unreachable server, lost
// connection, authentication, timeouts, reconnect backoff). The AccountStore contract itself
// runs on PostgreSQL in tests/store/tst_store*contract.cpp.
#include "PostgresServer.h"
#include "StoreFixture.h"
#include "store/PostgresStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <latch>
#include <thread>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

namespace {

StoreOptions optionsFor(const DatabaseUrl &url, const Clock *clock)
{
    StoreOptions options;
    options.url = url;
    options.clock = clock;
    options.connectTimeoutSec = 5;
    return options;
}

// Opens and closes a store once so the schema exists.
bool migrate(TestPostgres &pg)
{
    ManualClock clock;
    const OpenResult opened = openStore(optionsFor(pg.url(), &clock));
    if (!opened.store)
        qWarning("openStore: %s", qPrintable(opened.failure.error.message));
    return opened.store != nullptr;
}

// What the Prisma model DoAccount (plus our extras) looks like in information_schema.columns.
struct ColumnSpec
{
    const char *name;
    const char *dataType;
    const char *udtName;
    const char *nullable;
    const char *defaultValue; // nullptr = no default
    int maxLength;            // -1 = none
};

constexpr ColumnSpec kAccountColumns[] = {
    {"id", "uuid", "uuid", "NO", nullptr, -1},
    {"name", "character varying", "varchar", "NO", nullptr, 100},
    {"email", "character varying", "varchar", "NO", nullptr, 255},
    {"access_token", "text", "text", "NO", nullptr, -1},
    {"droplet_limit", "integer", "int4", "NO", "25", -1},
    {"active_droplets", "integer", "int4", "NO", "0", -1},
    {"is_active", "boolean", "bool", "NO", "true", -1},
    {"is_primary", "boolean", "bool", "NO", "false", -1},
    {"last_health_check", "timestamp with time zone", "timestamptz", "YES", nullptr, -1},
    {"health_status", "USER-DEFINED", "AccountHealth", "NO", "'UNKNOWN'::\"AccountHealth\"", -1},
    {"created_at", "timestamp with time zone", "timestamptz", "NO", "now()", -1},
    {"updated_at", "timestamp with time zone", "timestamptz", "NO", nullptr, -1},
    // --- ours ---
    {"do_uuid", "text", "text", "YES", nullptr, -1},
    {"do_status", "text", "text", "YES", nullptr, -1},
    {"do_status_message", "text", "text", "YES", nullptr, -1},
    {"last_sync_at", "timestamp with time zone", "timestamptz", "YES", nullptr, -1},
    {"last_error", "text", "text", "YES", nullptr, -1},
    {"consecutive_failures", "integer", "int4", "NO", "0", -1},
    {"ratelimit_limit", "integer", "int4", "YES", nullptr, -1},
    {"ratelimit_remaining", "integer", "int4", "YES", nullptr, -1},
    {"ratelimit_reset", "timestamp with time zone", "timestamptz", "YES", nullptr, -1},
    {"version", "integer", "int4", "NO", "1", -1},
    {"capacity_observed_at", "timestamp with time zone", "timestamptz", "YES", nullptr, -1},
};

QString describe(const char *dataType, const char *udtName, const char *nullable,
                 const char *defaultValue, int maxLength)
{
    return QStringList{QString::fromLatin1(dataType), QString::fromLatin1(udtName),
                       QString::fromLatin1(nullable),
                       defaultValue ? QString::fromLatin1(defaultValue) : u"<null>"_s,
                       maxLength < 0 ? u"<null>"_s : QString::number(maxLength)}
        .join(u'|');
}

const QString kColumnQuery =
    u"SELECT data_type, udt_name, is_nullable, column_default, character_maximum_length "
    "FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?"_s;

// Prepends a pg_hba.conf line for the duration of a test, then restores the file.
class HbaOverride
{
public:
    HbaOverride(TestPostgres &pg, const QString &line)
        : m_pg(pg)
        , m_path(qEnvironmentVariable("DOPOOL_TEST_PG_DATA") + u"/pg_hba.conf"_s)
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return;
        m_original = file.readAll();
        file.close();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return;
        file.write(line.toUtf8() + '\n' + m_original);
        file.close();
        m_active = m_pg.execAdmin(u"SELECT pg_reload_conf()"_s).isEmpty();
    }
    ~HbaOverride()
    {
        if (m_original.isEmpty())
            return;
        QFile file(m_path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(m_original);
        file.close();
        m_pg.execAdmin(u"SELECT pg_reload_conf()"_s);
    }
    bool isActive() const { return m_active; }

private:
    TestPostgres &m_pg;
    QString m_path;
    QByteArray m_original;
    bool m_active = false;
};

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

private slots:
    // --- PostgreSQL only: the schema the order-service's Prisma client expects ---
    void prismaColumns_data();
    void prismaColumns();
    void noUnexpectedColumns();
    void healthEnum();
    void indexes_data();
    void indexes();
    void tasksTable();
    void existingTasksTableIsExtended();
    void existingPrismaAccountsTableIsAdopted();

    // --- PostgreSQL only: races the in-transaction checks cannot see ---
    void concurrentWriterLoses_data();
    void concurrentWriterLoses();

    // --- PostgreSQL only: connections ---
    void concurrentOpen();
    void serverUnreachable();
    void databaseMissing();
    void connectionLostAndRegained();
    void authenticationFailure();
    void timeoutsBoundEveryCall();
    void reconnectBackoff_data();
    void reconnectBackoff();
    void reconnectWaitsOutTheBackoff();
};

void TestPostgresStore::prismaColumns_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("expected");
    for (const ColumnSpec &c : kAccountColumns) {
        QTest::newRow(c.name) << QString::fromLatin1(c.name)
                              << describe(c.dataType, c.udtName, c.nullable, c.defaultValue,
                                          c.maxLength);
    }
}

void TestPostgresStore::prismaColumns()
{
    QFETCH(QString, column);
    QFETCH(QString, expected);
    DOPOOL_TEST_POSTGRES(pg);
    QVERIFY(migrate(pg));
    QCOMPARE(rows(pg, kColumnQuery, {u"do_accounts"_s, column}), QStringList{expected});
}

void TestPostgresStore::noUnexpectedColumns()
{
    DOPOOL_TEST_POSTGRES(pg);
    QVERIFY(migrate(pg));
    QStringList expected;
    for (const ColumnSpec &c : kAccountColumns)
        expected << QString::fromLatin1(c.name);
    QCOMPARE(rows(pg, u"SELECT column_name FROM information_schema.columns WHERE table_schema = "
                      u"current_schema() "
                      "AND table_name = 'do_accounts' ORDER BY ordinal_position"_s),
             expected);
}

void TestPostgresStore::healthEnum()
{
    DOPOOL_TEST_POSTGRES(pg);
    QVERIFY(migrate(pg));
    QCOMPARE(rows(pg, u"SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                      "WHERE t.typname = 'AccountHealth' ORDER BY e.enumsortorder"_s),
             (QStringList{u"HEALTHY"_s, u"DEGRADED"_s, u"UNHEALTHY"_s, u"UNKNOWN"_s}));
}

void TestPostgresStore::indexes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("definition");
    QTest::newRow("primary key")
        << u"do_accounts_pkey"_s
        << u"CREATE UNIQUE INDEX do_accounts_pkey ON public.do_accounts USING btree (id)"_s;
    QTest::newRow("Prisma @@index")
        << u"do_accounts_is_active_health_status_idx"_s
        << u"CREATE INDEX do_accounts_is_active_health_status_idx ON public.do_accounts "
           "USING btree (is_active, health_status)"_s;
    QTest::newRow("unique name")
        << u"do_accounts_name_key"_s
        << u"CREATE UNIQUE INDEX do_accounts_name_key ON public.do_accounts USING btree (name)"_s;
    QTest::newRow("at most one primary")
        << u"do_accounts_single_primary_idx"_s
        << u"CREATE UNIQUE INDEX do_accounts_single_primary_idx ON public.do_accounts "
           "USING btree (is_primary) WHERE is_primary"_s;
}

void TestPostgresStore::indexes()
{
    QFETCH(QString, name);
    QFETCH(QString, definition);
    DOPOOL_TEST_POSTGRES(pg);
    QVERIFY(migrate(pg));
    QCOMPARE(
        rows(pg,
             u"SELECT indexdef FROM pg_indexes WHERE tablename = 'do_accounts' AND indexname = ?"_s,
             {name}),
        QStringList{definition});
}

void TestPostgresStore::tasksTable()
{
    DOPOOL_TEST_POSTGRES(pg);
    QVERIFY(migrate(pg));
    QCOMPARE(rows(pg, kColumnQuery, {u"provisioning_tasks"_s, u"do_account_id"_s}),
             QStringList{describe("uuid", "uuid", "YES", nullptr, -1)});
    QCOMPARE(rows(pg, kColumnQuery, {u"provisioning_tasks"_s, u"droplet_id"_s}),
             QStringList{describe("bigint", "int8", "YES", nullptr, -1)});
    QCOMPARE(rows(pg, kColumnQuery, {u"provisioning_tasks"_s, u"attempts"_s}),
             QStringList{describe("integer", "int4", "NO", "0", -1)});
    // FK to do_accounts: ON DELETE SET NULL (n), ON UPDATE CASCADE (c).
    QCOMPARE(rows(pg, u"SELECT confrelid::regclass::text, confdeltype::text, confupdtype::text "
                      u"FROM pg_constraint "
                      "WHERE conrelid = 'provisioning_tasks'::regclass AND contype = 'f'"_s),
             QStringList{u"do_accounts|n|c"_s});
}

void TestPostgresStore::existingTasksTableIsExtended()
{
    DOPOOL_TEST_POSTGRES(pg);
    // The order-service's own table: other columns, text ids, a row already in it.
    QCOMPARE(
        pg.exec(
            u"CREATE TABLE provisioning_tasks (id text PRIMARY KEY, order_id text NOT NULL, "
            "status text NOT NULL, customer_email text, created_at timestamp(3) NOT NULL DEFAULT "
            "CURRENT_TIMESTAMP)"_s),
        QString());
    QCOMPARE(
        pg.exec(u"INSERT INTO provisioning_tasks (id, order_id, status, customer_email) VALUES "
                "('t-1', 'o-1', 'PENDING', 'c@example.com')"_s),
        QString());
    QVERIFY(migrate(pg));

    QCOMPARE(
        rows(
            pg,
            u"SELECT id, order_id, customer_email, attempts, do_account_id FROM provisioning_tasks"_s),
        QStringList{u"t-1|o-1|c@example.com|0|<null>"_s});
    QCOMPARE(rows(pg, kColumnQuery, {u"provisioning_tasks"_s, u"id"_s}),
             QStringList{describe("text", "text", "NO", nullptr, -1)});
    QCOMPARE(rows(pg, kColumnQuery, {u"provisioning_tasks"_s, u"created_at"_s}),
             QStringList{describe("timestamp without time zone", "timestamp", "NO",
                                  "CURRENT_TIMESTAMP", -1)});
    for (const auto *column : {"do_account_id", "do_region", "do_size", "do_image", "droplet_name",
                               "tag", "droplet_id", "error", "attempts", "updated_at"}) {
        QCOMPARE(
            rows(pg, kColumnQuery, {u"provisioning_tasks"_s, QString::fromLatin1(column)}).size(),
            1);
    }
    QCOMPARE(rows(pg, u"SELECT confrelid::regclass::text, confdeltype::text FROM pg_constraint "
                      "WHERE conrelid = 'provisioning_tasks'::regclass AND contype = 'f'"_s),
             QStringList{u"do_accounts|n"_s});
    // The service's INSERTs, which know nothing of our columns, still work.
    QCOMPARE(
        pg.exec(
            u"INSERT INTO provisioning_tasks (id, order_id, status) VALUES ('t-2', 'o-2', 'PENDING')"_s),
        QString());
    QVERIFY(migrate(pg)); // and a second run leaves it alone
}

void TestPostgresStore::existingPrismaAccountsTableIsAdopted()
{
    DOPOOL_TEST_POSTGRES(pg);
    // As `prisma migrate` creates it, with one account the order-service added.
    QCOMPARE(
        pg.exec(
            u"CREATE TYPE \"AccountHealth\" AS ENUM ('HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN')"_s),
        QString());
    QCOMPARE(
        pg.exec(u"CREATE TABLE do_accounts (id uuid NOT NULL, name varchar(100) NOT NULL, "
                "email varchar(255) NOT NULL, access_token text NOT NULL, droplet_limit integer "
                "NOT NULL DEFAULT "
                "25, active_droplets integer NOT NULL DEFAULT 0, is_active boolean NOT NULL "
                "DEFAULT true, "
                "is_primary boolean NOT NULL DEFAULT false, last_health_check timestamptz, "
                "health_status "
                "\"AccountHealth\" NOT NULL DEFAULT 'UNKNOWN', created_at timestamptz NOT NULL "
                "DEFAULT now(), "
                "updated_at timestamptz NOT NULL, CONSTRAINT do_accounts_pkey PRIMARY KEY (id))"_s),
        QString());
    QCOMPARE(
        pg.exec(
            u"INSERT INTO do_accounts (id, name, email, access_token, updated_at) VALUES "
            "('6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d', 'legacy', 'l@example.com', 'aa:bb:cc', now())"_s),
        QString());

    ManualClock clock;
    OpenResult opened = openStore(optionsFor(pg.url(), &clock));
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    const auto legacy = opened.store->findAccount(u"legacy"_s);
    DOPOOL_VERIFY_OK(legacy);
    QCOMPARE(legacy->id, u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s);
    QCOMPARE(legacy->version, 1);
    QCOMPARE(legacy->consecutiveFailures, 0);
    QCOMPARE(legacy->rateLimitLimit, -1);
    QCOMPARE(legacy->dropletLimit, 25);
    for (const ColumnSpec &c : kAccountColumns) {
        QCOMPARE(
            rows(pg, kColumnQuery, {u"do_accounts"_s, QString::fromLatin1(c.name)}),
            QStringList{describe(c.dataType, c.udtName, c.nullable, c.defaultValue, c.maxLength)});
    }
}

void TestPostgresStore::concurrentWriterLoses_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("primary");
    QTest::addColumn<QString>("expected");
    QTest::newRow("same name") << u"taken"_s << false << u"an account named taken already exists"_s;
    QTest::newRow("second primary")
        << u"other"_s << true << u"another account was made primary at the same time; try again"_s;
}

// Another writer's uncommitted row is invisible to the store's checks; the unique index makes
// the store wait for it and then refuse. That refusal must read like the checked case.
void TestPostgresStore::concurrentWriterLoses()
{
    QFETCH(QString, name);
    QFETCH(bool, primary);
    QFETCH(QString, expected);
    DOPOOL_TEST_POSTGRES(pg);
    QVERIFY(migrate(pg));
    QCOMPARE(pg.exec(u"BEGIN"_s), QString());
    QCOMPARE(
        pg.exec(u"INSERT INTO do_accounts (id, name, email, access_token, is_primary, updated_at) "
                "VALUES (?, ?, ?, ?, ?, now())"_s,
                {QUuid::createUuid().toString(QUuid::WithoutBraces), u"taken"_s, u"t@example.com"_s,
                 u"aa:bb:cc"_s, true}),
        QString());

    ManualClock clock;
    const StoreOptions options = optionsFor(pg.url(), &clock);
    std::optional<Error> error;
    QString openError;
    std::thread writer([&] {
        OpenResult opened = openStore(options);
        if (!opened.store) {
            openError = opened.failure.error.message;
            return;
        }
        const auto inserted = opened.store->insertAccount(sampleAccount(name, primary));
        if (!inserted)
            error = inserted.error();
    });
    const auto joinWriter = qScopeGuard([&] {
        if (writer.joinable()) { // the test failed early: let the writer finish
            pg.exec(u"ROLLBACK"_s);
            writer.join();
        }
    });
    // Commit once the store's INSERT waits on our row lock.
    QTRY_COMPARE_WITH_TIMEOUT(
        pg.adminColumn(u"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'dopool' "
                       "AND wait_event_type = 'Lock'"_s)
            .value(0)
            .toInt(),
        1, 10000);
    QCOMPARE(pg.exec(u"COMMIT"_s), QString());
    writer.join();
    QVERIFY2(openError.isEmpty(), qPrintable(openError));
    QVERIFY(error.has_value());
    QCOMPARE(error->kind, ErrorKind::Conflict);
    QCOMPARE(error->message, expected);
    QCOMPARE(pg.column(u"SELECT COUNT(*) FROM do_accounts"_s).value(0).toInt(), 1);
}

void TestPostgresStore::concurrentOpen()
{
    DOPOOL_TEST_POSTGRES(pg);
    constexpr int kStores = 4;
    ManualClock clock;
    const StoreOptions options = optionsFor(pg.url(), &clock);
    std::latch start(kStores);
    QStringList errors[kStores];
    std::vector<std::thread> threads;
    for (int i = 0; i < kStores; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait(); // all at once against the empty database
            OpenResult opened = openStore(options);
            if (!opened.store)
                errors[i] << opened.failure.error.message;
            else if (const auto listed = opened.store->listAccounts(); !listed)
                errors[i] << listed.error().message;
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (const QStringList &e : errors)
        QVERIFY2(e.isEmpty(), qPrintable(e.join(u"; "_s)));
    QStringList expected; // every migration exactly once, however many processes raced
    for (const Migration &m : schemaMigrations())
        expected << u"%1|1"_s.arg(m.version);
    QCOMPARE(
        rows(
            pg,
            u"SELECT version, COUNT(*) FROM dopool_schema_migrations GROUP BY version ORDER BY version"_s),
        expected);
}

void TestPostgresStore::serverUnreachable()
{
    // Needs no server: nothing listens on port 1.
    ManualClock clock;
    DatabaseUrl url;
    url.kind = DatabaseUrl::Kind::Postgres;
    url.host = u"127.0.0.1"_s;
    url.port = 1;
    url.user = u"pool"_s;
    url.database = u"pool"_s;
    StoreOptions options = optionsFor(url, &clock);
    options.password = u"Secr3t-Pw"_s;
    const OpenResult opened = openStore(options);
    QVERIFY(!opened.store);
    QCOMPARE(opened.failure.error.kind, ErrorKind::Store);
    QVERIFY(!opened.failure.isAuthFailure);
    const QString message = opened.failure.error.message;
    QVERIFY2(message.startsWith(u"cannot reach PostgreSQL at 127.0.0.1:1: "_s),
             qPrintable(message));
    QVERIFY2(message.contains(u"Connection refused"_s), qPrintable(message));
    QVERIFY(!message.contains(u"Secr3t"_s));
    QCOMPARE(storeConnectionCount(), 0);
}

void TestPostgresStore::databaseMissing()
{
    DOPOOL_TEST_POSTGRES(pg);
    ManualClock clock;
    DatabaseUrl url = pg.url();
    url.database = pg.databaseName() + u"_missing"_s;
    const OpenResult opened = openStore(optionsFor(url, &clock));
    QVERIFY(!opened.store);
    QCOMPARE(opened.failure.error.kind, ErrorKind::Store);
    QVERIFY(!opened.failure.isAuthFailure);
    QCOMPARE(opened.failure.error.message,
             u"the PostgreSQL database '%1' does not exist at %2:%3; create it first "
             "(createdb)"_s.arg(url.database, url.host)
                 .arg(url.port));
}

void TestPostgresStore::connectionLostAndRegained()
{
    DOPOOL_TEST_POSTGRES(pg);
    ManualClock clock;
    OpenResult opened = openStore(optionsFor(pg.url(), &clock));
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    AccountStore &store = *opened.store;
    DOPOOL_VERIFY_OK(store.insertAccount(sampleAccount(u"alpha"_s)));

    // What a server restart looks like from the client: the backend goes away.
    QCOMPARE(pg.execAdmin(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = ? AND application_name = 'dopool'"_s,
                          {pg.databaseName()}),
             QString());
    // A read that finds the connection dead is repeated once on a fresh connection.
    const auto again = store.listAccounts();
    DOPOOL_VERIFY_OK(again);
    QCOMPARE(again->size(), 1);

    // So is a write whose BEGIN finds it dead: nothing of it ran yet.
    QCOMPARE(pg.execAdmin(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = ? AND application_name = 'dopool'"_s,
                          {pg.databaseName()}),
             QString());
    DOPOOL_VERIFY_OK(store.insertAccount(sampleAccount(u"beta"_s)));
    const auto both = store.listAccounts();
    DOPOOL_VERIFY_OK(both);
    QCOMPARE(both->size(), 2);
}

void TestPostgresStore::authenticationFailure()
{
    DOPOOL_TEST_POSTGRES(pg);
    if (qEnvironmentVariableIsEmpty("DOPOOL_TEST_PG_DATA") ||
        !qEnvironmentVariableIsEmpty("PGPASSWORD")) {
        if (testing::TestPostgres::isRequired())
            QFAIL("DOPOOL_REQUIRE_PG=1 needs scripts/test-env.sh's server data folder and no "
                  "PGPASSWORD");
        QSKIP("needs scripts/test-env.sh's server data folder and no PGPASSWORD");
    }
    const QString role = u"dopool_pw_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString password = u"Corr3ct-Horse"_s;
    // DDL takes no bound values; role and password are generated here, not input.
    QCOMPARE(pg.execAdmin(u"CREATE ROLE %1 LOGIN SUPERUSER PASSWORD '%2'"_s.arg(role, password)),
             QString());
    const auto dropRole = qScopeGuard([&pg, &role] {
        pg.exec(u"DROP OWNED BY %1"_s.arg(role));
        pg.execAdmin(u"DROP ROLE IF EXISTS %1"_s.arg(role));
    });
    HbaOverride hba(pg, u"host all %1 127.0.0.1/32 scram-sha-256"_s.arg(role));
    QVERIFY2(hba.isActive(), "cannot edit the test server's pg_hba.conf");

    ManualClock clock;
    DatabaseUrl url = pg.url();
    url.user = role;
    StoreOptions options = optionsFor(url, &clock);
    for (const QString &attempt : {QString(), u"Wr0ng-Secret"_s}) {
        options.password = attempt;
        const OpenResult opened = openStore(options);
        QVERIFY(!opened.store);
        QVERIFY2(opened.failure.isAuthFailure, qPrintable(opened.failure.error.message));
        QCOMPARE(opened.failure.error.kind, ErrorKind::Store);
        const QString message = opened.failure.error.message;
        QVERIFY2(message.contains(u"PGPASSWORD"_s) && message.contains(u"~/.pgpass"_s) &&
                     message.contains(u"keychain"_s),
                 qPrintable(message));
        QVERIFY2(!message.contains(u"Wr0ng"_s), qPrintable(message));
        QCOMPARE(storeConnectionCount(), 0);
    }
    options.password = password;
    OpenResult opened = openStore(options);
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    DOPOOL_VERIFY_OK(opened.store->listAccounts());
}

QTEST_GUILESS_MAIN(TestPostgresStore)
// The statement, lock and idle-in-transaction timeouts are set on the connection (the URL's
// over StoreOptions'), bound real calls, and come back after a reconnect; libpq takes the
// keepalive and tcp_user_timeout options.
void TestPostgresStore::timeoutsBoundEveryCall()
{
    DOPOOL_TEST_POSTGRES(pg);
    ManualClock clock;
    {
        OpenResult migrated = openStore(optionsFor(pg.url(), &clock));
        QVERIFY2(migrated.store, qPrintable(migrated.failure.error.message));
    }
    StoreOptions options = optionsFor(pg.url(), &clock);
    options.pgTimeouts.statementMs = 9000; // the URL's value below wins
    options.pgTimeouts.idleInTransactionMs = 1000;
    options.pgTimeouts.keepalivesIdleSecs = 7;
    options.url.timeouts.insert(u"statement_timeout"_s, u"500"_s);
    options.url.timeouts.insert(u"lock_timeout"_s, u"300"_s);
    options.url.timeouts.insert(u"tcp_user_timeout"_s, u"4000"_s);
    SessionResult opened = openPostgresSession(options);
    QVERIFY2(opened.session, qPrintable(opened.failure.error.message));
    SqlSession &session = *opened.session;
    auto setting = [&session](const char *name) {
        auto row = session.exec(u"SELECT current_setting(?)"_s, {QString::fromLatin1(name)},
                                u"reading a setting"_s);
        return row && row->next() ? row->value(0).toString() : u"(failed)"_s;
    };
    QCOMPARE(setting("statement_timeout"), u"500ms"_s);
    QCOMPARE(setting("lock_timeout"), u"300ms"_s);
    QCOMPARE(setting("idle_in_transaction_session_timeout"), u"1s"_s);

    // A statement that runs too long is cancelled by the server.
    QElapsedTimer timer;
    timer.start();
    const auto slow = session.exec(u"SELECT pg_sleep(30)"_s, {}, u"sleeping"_s);
    QVERIFY(!slow);
    QVERIFY2(slow.error().message.contains(u"statement timeout"_s),
             qPrintable(slow.error().message));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));

    // A lock another session holds is waited for lock_timeout only.
    QCOMPARE(pg.exec(u"BEGIN"_s), QString());
    QCOMPARE(pg.exec(u"LOCK TABLE dopool_meta IN ACCESS EXCLUSIVE MODE"_s), QString());
    timer.restart();
    const auto blocked =
        session.exec(u"SELECT count(*) FROM dopool_meta"_s, {}, u"reading the meta table"_s);
    const qint64 waited = timer.elapsed();
    QCOMPARE(pg.exec(u"COMMIT"_s), QString());
    QVERIFY(!blocked);
    QVERIFY2(blocked.error().message.contains(u"could not get a lock"_s),
             qPrintable(blocked.error().message));
    QVERIFY2(waited < 10000, qPrintable(QString::number(waited)));

    // The settings come back with a reconnect.
    QCOMPARE(pg.execAdmin(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = ? AND application_name = 'dopool'"_s,
                          {pg.databaseName()}),
             QString());
    QCOMPARE(setting("statement_timeout"), u"500ms"_s);
    QCOMPARE(setting("lock_timeout"), u"300ms"_s);
    QVERIFY(session.connectionEpoch() > 0);
}

void TestPostgresStore::reconnectBackoff_data()
{
    QTest::addColumn<QList<int>>("attempts"); // the pause after each failed attempt, in order
    QTest::newRow("doubling up to the 4 s cap, then staying there")
        << QList<int>{250, 500, 1000, 2000, 4000, 4000, 4000};
}

void TestPostgresStore::reconnectBackoff()
{
    QFETCH(QList<int>, attempts);
    int backoff = 0; // connected: no pause yet
    for (int expected : attempts) {
        backoff = SqlSession::nextReconnectBackoffMs(backoff);
        QCOMPARE(backoff, expected);
    }
    // Whatever it was before (a future tweak of the first pause), it never passes the cap.
    for (int previous : {3000, 4000, 5000, 1 << 30})
        QCOMPARE(SqlSession::nextReconnectBackoffMs(previous), 4000);
}

// A server that went away: the next call fails and schedules a reconnect; calls during the
// pause fail at once, saying when the next attempt is; once the server is back, an attempt
// after the pause reconnects (a new connection epoch).
void TestPostgresStore::reconnectWaitsOutTheBackoff()
{
    DOPOOL_TEST_PG_SERVER(server);
    ManualClock clock;
    SessionResult opened = openPostgresSession(optionsFor(server.url(), &clock));
    QVERIFY2(opened.session, qPrintable(opened.failure.error.message));
    SqlSession &session = *opened.session;
    QVERIFY(session.exec(u"SELECT 1"_s, {}, u"checking"_s).ok());
    const quint64 epoch = session.connectionEpoch();

    QVERIFY2(server.stop(), qPrintable(server.errorString()));
    QVERIFY(!session.exec(u"SELECT 1"_s, {}, u"checking"_s));
    QVERIFY(!session.isConnected());
    // The first attempt fails (the server is down) and starts the 250 ms pause ...
    const auto attempt = session.reconnectIfLost();
    QVERIFY(!attempt);
    // ... during which a call is refused at once, never hammering the server.
    const auto refused = session.reconnectIfLost();
    if (!refused) { // on a very slow machine the pause may be over already
        QVERIFY2(refused.error().message.contains(u"unreachable"_s),
                 qPrintable(refused.error().message));
    }

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(session.reconnectIfLost().ok(), 15000);
    QVERIFY(session.isConnected());
    QVERIFY(session.connectionEpoch() > epoch);
    QVERIFY(session.exec(u"SELECT 1"_s, {}, u"checking"_s).ok());
}

#include "tst_postgresstore.moc"
