#include "StoreFixture.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

// What only SQLite has for the engine's tables: their SQLite spelling, ISO text timestamps and
// the database-wide write lock. The engine-state contract itself runs on SQLite in
// tests/store/tst_store{engine,reservation,tasks,alerts}contract.cpp.
class TestStoreEngineSqlite : public QObject
{
    Q_OBJECT

private slots:
    void schemaDetails();
    void timestampsAreIsoText();
    void reserveWhileLocked();
};

void TestStoreEngineSqlite::schemaDetails()
{
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    StoreFixture c(backend);
    QVERIFY(c.open());
    const auto indexSql = [&backend](const QString &name) {
        return backend
            .column(u"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"_s, {name})
            .value(0)
            .toString();
    };
    QCOMPARE(indexSql(u"alerts_one_open_idx"_s),
             u"CREATE UNIQUE INDEX alerts_one_open_idx ON alerts (kind, IFNULL(account_id, '')) "
             "WHERE resolved_at IS NULL"_s);
    QVERIFY(
        indexSql(u"account_health_history_account_id_at_idx"_s).contains(u"(account_id, at)"_s));
    QVERIFY(
        indexSql(u"account_capacity_history_account_id_at_idx"_s).contains(u"(account_id, at)"_s));
    QVERIFY(indexSql(u"droplet_reservations_account_id_expires_at_idx"_s)
                .contains(u"(account_id, expires_at)"_s));

    // The CHECK constraint stands in for PostgreSQL's enum type.
    QVERIFY(backend
                .exec(u"INSERT INTO do_accounts (id, name, email, access_token, updated_at) "
                      "VALUES ('6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d', 'x', 'x', 't', "
                      "'2026-01-01T00:00:00.000Z')"_s)
                .isEmpty());
    const QString bogus = backend.exec(
        u"INSERT INTO account_health_history (account_id, at, from_status, to_status, reason) "
        "VALUES ('6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d', '2026-01-01T00:00:00.000Z', 'HEALTHY', "
        "'BOGUS', '')"_s);
    QVERIFY2(bogus.contains(u"CHECK constraint failed"_s), qPrintable(bogus));
    // And the foreign keys hold.
    const QString dangling = backend.exec(
        u"INSERT INTO droplet_reservations (id, account_id, created_at, expires_at) VALUES "
        "('r', '00000000-0000-0000-0000-00000000dead', '2026-01-01T00:00:00.000Z', "
        "'2026-01-01T00:00:00.000Z')"_s);
    QVERIFY2(dangling.contains(u"FOREIGN KEY"_s), qPrintable(dangling));
}

void TestStoreEngineSqlite::timestampsAreIsoText()
{
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    StoreFixture c(backend);
    c.clock.set(utc(2026, 1, 2, 3, 4, 5, 678));
    auto store = c.open();
    QVERIFY(store);
    const Account a = c.mustInsert(*store, capacityAccount(u"alpha"_s, 5, 0));
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(c.mustReserve(*store, a.id, 1000));
    AccountObservation o;
    o.at = utc(2026, 1, 2, 3, 4, 6, 7);
    o.health = AccountHealth::Healthy;
    o.dropletLimit = 5;
    o.activeDroplets = 1;
    DOPOOL_VERIFY_OK(store->recordObservation(a.id, o));
    QCOMPARE(backend.column(u"SELECT created_at || ' ' || expires_at FROM droplet_reservations"_s),
             QVariantList{u"2026-01-02T03:04:05.678Z 2026-01-02T03:04:06.678Z"_s});
    QCOMPARE(backend.column(u"SELECT at FROM account_health_history"_s),
             QVariantList{u"2026-01-02T03:04:06.007Z"_s});
    QCOMPARE(backend.column(u"SELECT at FROM account_capacity_history"_s),
             QVariantList{u"2026-01-02T03:04:06.007Z"_s});
}

// Another process holds the write lock: the reservation waits for the busy timeout, then fails
// cleanly and leaves nothing behind.
void TestStoreEngineSqlite::reserveWhileLocked()
{
    SqliteTestBackend backend;
    QVERIFY(backend.isValid());
    StoreFixture c(backend);
    auto store = c.open();
    QVERIFY(store);
    const Account a = c.mustInsert(*store, capacityAccount(u"alpha"_s, 5, 0));
    QVERIFY(!QTest::currentTestFailed());
    StoreOptions options = c.options();
    options.busyTimeoutMs = 200;
    OpenResult opened = openStore(options);
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));

    QVERIFY(backend.exec(u"BEGIN EXCLUSIVE"_s).isEmpty());
    QElapsedTimer timer;
    timer.start();
    const auto reserved = opened.store->reserveSlot(a.id, QString(), c.clock.now().addSecs(60));
    QVERIFY(!reserved);
    QCOMPARE(reserved.error().kind, ErrorKind::Store);
    QCOMPARE(
        reserved.error().message,
        u"the SQLite database %1 is locked by another process; try again"_s.arg(backend.path()));
    QVERIFY(timer.elapsed() >= 150);
    QVERIFY(backend.exec(u"ROLLBACK"_s).isEmpty());

    QCOMPARE(c.reservationRows(a.id), 0);
    QVERIFY(c.mustReserve(*opened.store, a.id));
    QCOMPARE(c.reservationRows(a.id), 1);
}

QTEST_GUILESS_MAIN(TestStoreEngineSqlite)
#include "tst_storeenginesqlite.moc"
