// What only the SQLite store has: file modes, an adopted empty file, the schema's SQLite
// spelling, ISO text timestamps, the database-wide write lock, unusable paths. The AccountStore
// contract itself runs on SQLite in tests/store/tst_store*contract.cpp.
#include "StoreFixture.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Unix permission bits of a file (ReadUser/WriteUser... are the same as the owner's for us).
QFileDevice::Permissions modeOf(const QString &path)
{
    constexpr auto kAll = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                          QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                          QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return QFile::permissions(path) & kAll;
}

} // namespace

class TestSqliteStore : public QObject
{
    Q_OBJECT

private slots:
    void fileModes();
    void existingFileIsKept();
    void schemaDetails();
    void timestampsAreIsoText();
    void lockedDatabase_data();
    void lockedDatabase();
    void unusablePath_data();
    void unusablePath();
};

void TestSqliteStore::fileModes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(u"deeper/nested"_s);
    const QString path = folder + u"/pool.sqlite"_s;
    ManualClock clock;
    StoreOptions options;
    options.url.kind = DatabaseUrl::Kind::Sqlite;
    options.url.path = path;
    options.clock = &clock;
    OpenResult opened = openStore(options);
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    DOPOOL_VERIFY_OK(opened.store->insertAccount(sampleAccount(u"alpha"_s)));

    QCOMPARE(modeOf(path), kOwnerOnly);
    // While the store is open the WAL files exist; they hold the same secrets.
    QVERIFY(QFileInfo::exists(path + u"-wal"_s));
    QCOMPARE(modeOf(path + u"-wal"_s), kOwnerOnly);
    if (QFileInfo::exists(path + u"-shm"_s))
        QCOMPARE(modeOf(path + u"-shm"_s), kOwnerOnly);
    const auto ownerAll = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QCOMPARE(modeOf(folder), ownerAll);
    QCOMPARE(modeOf(dir.filePath(u"deeper"_s)), ownerAll);
    QCOMPARE(RawSqliteConnection(path).column(u"PRAGMA journal_mode"_s).value(0).toString(),
             u"wal"_s);
}

void TestSqliteStore::existingFileIsKept()
{
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    // An empty file made by someone else (e.g. touch) is adopted, not replaced.
    {
        QFile file(backend.path());
        QVERIFY(file.open(QIODevice::WriteOnly, kOwnerOnly));
    }
    StoreFixture c(backend);
    auto store = c.open();
    QVERIFY(store);
    DOPOOL_VERIFY_OK(store->insertAccount(sampleAccount(u"alpha"_s)));
    store = c.open();
    QVERIFY(store);
    QCOMPARE(store->listAccounts()->size(), 1);
}

void TestSqliteStore::schemaDetails()
{
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    StoreFixture c(backend);
    auto store = c.open();
    QVERIFY(store);
    const auto indexSql = [&backend](const QString &name) {
        return backend
            .column(u"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"_s, {name})
            .value(0)
            .toString();
    };
    QVERIFY(indexSql(u"do_accounts_name_key"_s).contains(u"UNIQUE INDEX"_s));
    QVERIFY(indexSql(u"do_accounts_single_primary_idx"_s).contains(u"WHERE is_primary = 1"_s));
    QVERIFY(indexSql(u"do_accounts_is_active_health_status_idx"_s)
                .contains(u"(is_active, health_status)"_s));
    QVERIFY(!indexSql(u"provisioning_tasks_do_account_id_idx"_s).isEmpty());

    // The CHECK constraint stands in for PostgreSQL's enum type.
    const QString bogus = backend.exec(
        u"INSERT INTO do_accounts (id, name, email, access_token, health_status, updated_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
        {u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, u"x"_s, u"x"_s, u"t"_s, u"BOGUS"_s,
         u"2026-01-01T00:00:00.000Z"_s});
    QVERIFY(bogus.contains(u"CHECK constraint failed"_s));

    // What an INSERT with only the Prisma model's required columns gets by default.
    const QString minimal = backend.exec(
        u"INSERT INTO do_accounts (id, name, email, access_token, updated_at) VALUES (?, ?, ?, ?, ?)"_s,
        {u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, u"min"_s, u"m@x"_s, u"t"_s,
         u"2026-01-01T00:00:00.000Z"_s});
    QVERIFY2(minimal.isEmpty(), qPrintable(minimal));
    const auto found = store->findAccount(u"min"_s);
    DOPOOL_VERIFY_OK(found);
    QCOMPARE(found->dropletLimit, 25);
    QCOMPARE(found->activeDroplets, 0);
    QVERIFY(found->isActive);
    QVERIFY(!found->isPrimary);
    QCOMPARE(found->healthStatus, AccountHealth::Unknown);
    QCOMPARE(found->version, 1);
    QVERIFY(found->createdAt.isValid());

    // The schema declares the FK (deleteAccount in the contract shows the store's connection
    // enforces it): a task may not point at no account.
    QVERIFY(backend.exec(u"PRAGMA foreign_keys = ON"_s).isEmpty());
    const QString dangling = backend.exec(
        u"INSERT INTO provisioning_tasks (id, order_id, status, do_account_id, updated_at) VALUES (?, ?, ?, ?, ?)"_s,
        {u"t1"_s, u"o1"_s, u"PENDING"_s, u"00000000-0000-0000-0000-00000000dead"_s,
         u"2026-01-01T00:00:00.000Z"_s});
    QVERIFY(dangling.contains(u"FOREIGN KEY"_s));
}

void TestSqliteStore::timestampsAreIsoText()
{
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    StoreFixture c(backend);
    c.clock.set(utc(2026, 1, 2, 3, 4, 5, 678));
    auto store = c.open();
    QVERIFY(store);
    DOPOOL_VERIFY_OK(store->insertAccount(sampleAccount(u"alpha"_s)));
    QCOMPARE(backend.column(u"SELECT created_at FROM do_accounts"_s).value(0).toString(),
             u"2026-01-02T03:04:05.678Z"_s);
    QCOMPARE(backend.column(u"SELECT last_health_check FROM do_accounts"_s).value(0).toString(),
             u"2025-12-31T23:59:58.123Z"_s);
    QCOMPARE(backend.column(u"SELECT is_active FROM do_accounts"_s).value(0).toInt(), 1);
    const QString applied =
        backend.column(u"SELECT applied_at FROM dopool_schema_migrations"_s).value(0).toString();
    QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s)
                 .match(applied)
                 .hasMatch(),
             qPrintable(applied));
}

void TestSqliteStore::lockedDatabase_data()
{
    QTest::addColumn<bool>("migrated");
    QTest::newRow("locked while opening a new pool") << false;
    QTest::newRow("locked while writing") << true;
}

void TestSqliteStore::lockedDatabase()
{
    QFETCH(bool, migrated);
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    StoreFixture c(backend);
    if (migrated)
        QVERIFY(c.open());

    // Another process holds the write lock and keeps it.
    QVERIFY(backend.exec(u"BEGIN EXCLUSIVE"_s).isEmpty());
    StoreOptions options = c.options();
    options.busyTimeoutMs = 200;
    const QString lockedMessage =
        u"the SQLite database %1 is locked by another process; try again"_s.arg(backend.path());

    QElapsedTimer timer;
    timer.start();
    OpenResult opened = openStore(options);
    if (!migrated) {
        QVERIFY(!opened.store);
        QCOMPARE(opened.failure.error.kind, ErrorKind::Store);
        QCOMPARE(opened.failure.error.message, lockedMessage);
    } else {
        // An up-to-date pool opens without the write lock; the first write then waits and fails.
        QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
        const auto inserted = opened.store->insertAccount(sampleAccount(u"alpha"_s));
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().kind, ErrorKind::Store);
        QCOMPARE(inserted.error().message, lockedMessage);
    }
    QVERIFY(timer.elapsed() >= 150); // it did wait for the busy timeout first

    QVERIFY(backend.exec(u"ROLLBACK"_s).isEmpty());
    if (migrated) {
        const auto accounts = opened.store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QVERIFY(accounts->isEmpty()); // nothing half-written
        DOPOOL_VERIFY_OK(opened.store->insertAccount(sampleAccount(u"alpha"_s)));
    } else {
        QVERIFY(c.open()); // and works once the lock is gone
    }
}

void TestSqliteStore::unusablePath_data()
{
    QTest::addColumn<QString>("relative"); // inside a temporary folder; "/..." = absolute
    QTest::addColumn<QString>("expected"); // part of the message
    QTest::newRow("path is a folder") << u"folder"_s << u"is a folder, not a file"_s;
    QTest::newRow("parent is a file") << u"file/pool.sqlite"_s << u"file: it is not a folder"_s;
    QTest::newRow("unwritable location")
        << u"/proc/dopool-test/pool.sqlite"_s << u"cannot create the folder"_s;
}

void TestSqliteStore::unusablePath()
{
    QFETCH(QString, relative);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(u"folder"_s));
    {
        QFile file(dir.filePath(u"file"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    ManualClock clock;
    StoreOptions options;
    options.url.kind = DatabaseUrl::Kind::Sqlite;
    options.url.path = relative.startsWith(u'/') ? relative : dir.filePath(relative);
    options.clock = &clock;
    const OpenResult opened = openStore(options);
    QVERIFY(!opened.store);
    QCOMPARE(opened.failure.error.kind, ErrorKind::Store);
    QVERIFY2(opened.failure.error.message.contains(expected),
             qPrintable(opened.failure.error.message));
    QCOMPARE(storeConnectionCount(), 0);
}

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "tst_sqlitestore.moc"
