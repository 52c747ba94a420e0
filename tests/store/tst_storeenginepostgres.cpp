#include "StoreFixture.h"

#include <QScopeGuard>
#include <QTest>
#include <thread>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

namespace {

// Sessions of the store (application_name dopool) waiting for a lock right now.
int storeSessionsWaitingForALock(TestPostgres &pg)
{
    return pg
        .adminColumn(u"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'dopool' "
                     "AND wait_event_type = 'Lock'"_s)
        .value(0)
        .toInt();
}

} // namespace

// What only PostgreSQL has for the engine's tables: their column types, indexes and keys, and
// other sessions holding row locks and uncommitted rows. The engine-state contract itself runs
// on PostgreSQL in tests/store/tst_store{engine,reservation,tasks,alerts}contract.cpp.
class TestStoreEnginePostgres : public QObject
{
    Q_OBJECT

private slots:
    void columnTypes_data();
    void columnTypes();
    void indexesAndKeys();
    void reserveWaitsForRival_data();
    void reserveWaitsForRival();
    void raiseAlertLosesRace();
};

void TestStoreEnginePostgres::columnTypes_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("expected"); // udt_name|is_nullable|is_identity|column_default
    const auto row = [](const char *table, const char *column, const char *expected) {
        QTest::addRow("%s.%s", table, column)
            << QString::fromLatin1(table) << QString::fromLatin1(column)
            << QString::fromLatin1(expected);
    };
    row("account_health_history", "id", "int8|NO|YES|<null>");
    row("account_health_history", "account_id", "uuid|NO|NO|<null>");
    row("account_health_history", "at", "timestamptz|NO|NO|<null>");
    row("account_health_history", "from_status", "AccountHealth|NO|NO|<null>");
    row("account_health_history", "to_status", "AccountHealth|NO|NO|<null>");
    row("account_health_history", "reason", "text|NO|NO|<null>");
    row("account_capacity_history", "id", "int8|NO|YES|<null>");
    row("account_capacity_history", "droplet_limit", "int4|NO|NO|<null>");
    row("account_capacity_history", "active_droplets", "int4|NO|NO|<null>");
    row("droplet_reservations", "id", "uuid|NO|NO|<null>");
    row("droplet_reservations", "account_id", "uuid|NO|NO|<null>");
    row("droplet_reservations", "task_id", "uuid|YES|NO|<null>");
    row("droplet_reservations", "created_at", "timestamptz|NO|NO|<null>");
    row("droplet_reservations", "expires_at", "timestamptz|NO|NO|<null>");
    row("alerts", "id", "uuid|NO|NO|<null>");
    row("alerts", "kind", "text|NO|NO|<null>");
    row("alerts", "severity", "text|NO|NO|<null>");
    row("alerts", "account_id", "uuid|YES|NO|<null>");
    row("alerts", "message", "text|NO|NO|<null>");
    row("alerts", "details", "text|NO|NO|'{}'::text");
    row("alerts", "raised_at", "timestamptz|NO|NO|<null>");
    row("alerts", "resolved_at", "timestamptz|YES|NO|<null>");
}

void TestStoreEnginePostgres::columnTypes()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(QString, expected);
    DOPOOL_TEST_POSTGRES(pg);
    PostgresTestBackend backend(pg);
    QVERIFY(StoreFixture(backend).open());
    QCOMPARE(rows(pg,
                  u"SELECT udt_name, is_nullable, is_identity, column_default FROM "
                  "information_schema.columns WHERE table_schema = current_schema() AND "
                  "table_name = ? AND column_name = ?"_s,
                  {table, column}),
             QStringList{expected});
}

void TestStoreEnginePostgres::indexesAndKeys()
{
    DOPOOL_TEST_POSTGRES(pg);
    PostgresTestBackend backend(pg);
    QVERIFY(StoreFixture(backend).open());
    QCOMPARE(
        rows(pg, u"SELECT indexdef FROM pg_indexes WHERE indexname = 'alerts_one_open_idx'"_s),
        QStringList{u"CREATE UNIQUE INDEX alerts_one_open_idx ON public.alerts USING btree "
                    "(kind, COALESCE(account_id, '00000000-0000-0000-0000-000000000000'::uuid)) "
                    "WHERE (resolved_at IS NULL)"_s});
    for (const auto &[index, columns] :
         {std::pair{"account_health_history_account_id_at_idx", "(account_id, at)"},
          std::pair{"account_capacity_history_account_id_at_idx", "(account_id, at)"},
          std::pair{"droplet_reservations_account_id_expires_at_idx",
                    "(account_id, expires_at)"}}) {
        const QStringList definition =
            rows(pg, u"SELECT indexdef FROM pg_indexes WHERE indexname = ?"_s,
                 {QString::fromLatin1(index)});
        QCOMPARE(definition.size(), 1);
        QVERIFY2(definition.first().endsWith(QString::fromLatin1(columns)),
                 qPrintable(definition.first()));
    }
    // Every engine table's rows go with their account (ON DELETE CASCADE).
    QCOMPARE(
        rows(
            pg,
            u"SELECT conrelid::regclass::text, confrelid::regclass::text, "
            "confdeltype::text FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text "
            "IN ('account_health_history', 'account_capacity_history', "
            "'droplet_reservations', 'alerts') ORDER BY 1"_s),
        (QStringList{u"account_capacity_history|do_accounts|c"_s,
                     u"account_health_history|do_accounts|c"_s, u"alerts|do_accounts|c"_s,
                     u"droplet_reservations|do_accounts|c"_s}));
}

void TestStoreEnginePostgres::reserveWaitsForRival_data()
{
    QTest::addColumn<bool>("rivalCommits");
    QTest::newRow("rival takes the last slot") << true;
    QTest::newRow("rival gives up") << false;
}

// Another process is in the middle of reserving the account's last slot (row lock held,
// reservation not committed): the store waits for it and then counts what it committed.
void TestStoreEnginePostgres::reserveWaitsForRival()
{
    QFETCH(bool, rivalCommits);
    DOPOOL_TEST_POSTGRES(pg);
    PostgresTestBackend backend(pg);
    StoreFixture c(backend);
    auto store = c.open();
    QVERIFY(store);
    const Account a = c.mustInsert(*store, capacityAccount(u"alpha"_s, 2, 1)); // 1 free
    QVERIFY(!QTest::currentTestFailed());

    QCOMPARE(pg.exec(u"BEGIN"_s), QString());
    QCOMPARE(pg.column(u"SELECT id FROM do_accounts WHERE id = ? FOR UPDATE"_s, {a.id}).size(), 1);
    QCOMPARE(pg.exec(u"INSERT INTO droplet_reservations (id, account_id, created_at, expires_at) "
                     "VALUES (?, ?, now(), now() + interval '1 day')"_s,
                     {QUuid::createUuid().toString(QUuid::WithoutBraces), a.id}),
             QString());

    const StoreOptions options = c.options();
    const QDateTime expires = c.clock.now().addSecs(60);
    std::optional<Result<std::optional<Reservation>>> outcome;
    QString openError;
    std::thread reserver([&] {
        OpenResult opened = openStore(options);
        if (!opened.store) {
            openError = opened.failure.error.message;
            return;
        }
        outcome = opened.store->reserveSlot(a.id, QString(), expires);
    });
    const auto joinReserver = qScopeGuard([&] {
        if (reserver.joinable()) { // the test failed early: let the reserver finish
            pg.exec(u"ROLLBACK"_s);
            reserver.join();
        }
    });
    QTRY_COMPARE_WITH_TIMEOUT(storeSessionsWaitingForALock(pg), 1, 10000);
    QCOMPARE(pg.exec(rivalCommits ? u"COMMIT"_s : u"ROLLBACK"_s), QString());
    reserver.join();
    QVERIFY2(openError.isEmpty(), qPrintable(openError));
    QVERIFY(outcome.has_value());
    DOPOOL_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->has_value(), !rivalCommits);
    QCOMPARE(c.reservationRows(a.id), 1);
}

// Another process raised the same alert and has not committed yet: our check cannot see it,
// our INSERT waits on the unique index and then loses; raiseAlert hands back theirs.
void TestStoreEnginePostgres::raiseAlertLosesRace()
{
    DOPOOL_TEST_POSTGRES(pg);
    PostgresTestBackend backend(pg);
    StoreFixture c(backend);
    QVERIFY(c.open());
    const QString theirs = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(pg.exec(u"BEGIN"_s), QString());
    QCOMPARE(pg.exec(u"INSERT INTO alerts (id, kind, severity, message, raised_at) VALUES "
                     "(?, 'ALL_ACCOUNTS_FULL', 'CRITICAL', 'theirs', now())"_s,
                     {theirs}),
             QString());

    const StoreOptions options = c.options();
    std::optional<Result<std::pair<Alert, bool>>> outcome;
    QString openError;
    std::thread raiser([&] {
        OpenResult opened = openStore(options);
        if (!opened.store) {
            openError = opened.failure.error.message;
            return;
        }
        outcome =
            opened.store->raiseAlert(sampleAlert(AlertKind::AllAccountsFull, QString(), u"ours"_s));
    });
    const auto joinRaiser = qScopeGuard([&] {
        if (raiser.joinable()) {
            pg.exec(u"ROLLBACK"_s);
            raiser.join();
        }
    });
    QTRY_COMPARE_WITH_TIMEOUT(storeSessionsWaitingForALock(pg), 1, 10000);
    QCOMPARE(pg.exec(u"COMMIT"_s), QString());
    raiser.join();
    QVERIFY2(openError.isEmpty(), qPrintable(openError));
    QVERIFY(outcome.has_value());
    DOPOOL_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->first.id, theirs);
    QCOMPARE((*outcome)->first.message, u"theirs"_s);
    QCOMPARE((*outcome)->first.severity, AlertSeverity::Critical);
    QVERIFY(!(*outcome)->second);
    QCOMPARE(pg.column(u"SELECT COUNT(*) FROM alerts"_s).value(0).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestStoreEnginePostgres)
#include "tst_storeenginepostgres.moc"
