// The restore drill (issue #25), with dopool-cli against a real PostgreSQL and the fake DO API:
// a pool with accounts, tasks, alerts, audit rows and history is backed up while a serve runs
// on it, and restored into a fresh PostgreSQL database and into a SQLite file (and a SQLite
// pool into PostgreSQL). On the restored pool every row is the same, every token decrypts to
// the same value, account add works, another instance hears an edit through the change feed
// and provisioning works. Also the partial pg_dump/pg_restore that docs/operations.md used to
// recommend: the schema check repairs it (change feed included) or refuses it, naming what
// is missing.
#include "MultiInstanceUtil.h"
#include "TestPostgres.h"
#include "coord/ChangeFeed.h"
#include "crypto/TokenCipher.h"
#include "store/StoreFactory.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace dopool;
using namespace dopool::testing;

namespace {

// Every row of every restorable table of a backup file, as sorted JSON objects (column ->
// value), timestamps cut to milliseconds when the copy went through SQLite.
QMap<QString, QStringList> rowsOf(const QString &path, bool millis)
{
    QMap<QString, QStringList> tables;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tables;
    QString table;
    QJsonArray columns;
    QJsonArray kinds;
    static const QRegularExpression micro(QStringLiteral("^(.*\\.\\d{3})\\d+Z$"));
    while (!file.atEnd()) {
        const QJsonDocument doc = QJsonDocument::fromJson(file.readLine());
        if (doc.isObject() && doc.object().contains(QStringLiteral("table"))) {
            table = doc.object().value(QStringLiteral("table")).toString();
            columns = doc.object().value(QStringLiteral("columns")).toArray();
            kinds = doc.object().value(QStringLiteral("kinds")).toArray();
            tables[table];
            continue;
        }
        if (!doc.isArray() || table == QLatin1String("pool_instances") ||
            table == QLatin1String("leader_lease"))
            continue;
        QJsonObject row;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            QJsonValue value = doc.array().at(i);
            if (millis && kinds.at(i).toString() == QLatin1String("timestamp") && value.isString())
                value = value.toString().replace(micro, QStringLiteral("\\1Z"));
            row.insert(columns.at(i).toString(), value);
        }
        tables[table] << QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact));
    }
    for (QStringList &rows : tables)
        rows.sort();
    tables.remove(QStringLiteral("pool_instances"));
    tables.remove(QStringLiteral("leader_lease"));
    return tables;
}

QJsonObject jsonOf(const CliResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestCliRestoreDrill : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;

    QString sqliteDb(const QString &name) const
    {
        return QStringLiteral("sqlite:") + m_dir.filePath(name);
    }

    static CliResult run(PoolCli &setup, const QString &db, const QStringList &args,
                         const QByteArray &in = {})
    {
        const QStringList common{QStringLiteral("--db"), db, QStringLiteral("--api-base"),
                                 setup.fakeDo.baseUrl().toString()};
        CliResult r = setup.cli.runWithEventLoop(common + args, in);
        for (int n = 1; n <= 4; ++n) {
            if (r.out.contains(token(n)) || r.err.contains(token(n)))
                qFatal("a token leaked into dopool-cli's output");
        }
        return r;
    }

    // Accounts (one of them full, so an alert is open), a sync (history), a provisioned order
    // (task, reservation, droplet), an order left to serve, edits (audit rows).
    void populate(PoolCli &setup, const QString &db)
    {
        const QStringList common{QStringLiteral("--db"), db, QStringLiteral("--api-base"),
                                 setup.fakeDo.baseUrl().toString()};
        QVERIFY(!addPoolAccount(setup.cli, common, setup.fakeDo, 1, QStringLiteral("Account 1"),
                                QStringLiteral("one@webrana.example"))
                     .isEmpty());
        QVERIFY(!addPoolAccount(setup.cli, common, setup.fakeDo, 2, QStringLiteral("Account 2"),
                                QStringLiteral("two@webrana.example"), 1)
                     .isEmpty());
        dopool::fakedo::FakeAccount full;
        full.email = QStringLiteral("three@webrana.example");
        full.dropletLimit = 2;
        full.droplets = 2;
        setup.fakeDo.addAccount(QString::fromLatin1(token(3)), full);
        CliResult r =
            run(setup, db,
                {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                 QStringLiteral("Account 3"), QStringLiteral("--token-stdin")},
                token(3) + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run(setup, db, {QStringLiteral("sync"), QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run(setup, db,
                {QStringLiteral("provision"), QStringLiteral("--order-id"),
                 QStringLiteral("7f3c2a10-0000-4000-8000-000000000001")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run(setup, db,
                {QStringLiteral("enqueue"), QStringLiteral("--order-id"),
                 QStringLiteral("7f3c2a10-0000-4000-8000-000000000002")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run(setup, db,
                {QStringLiteral("account"), QStringLiteral("update"), QStringLiteral("Account 2"),
                 QStringLiteral("--droplet-limit"), QStringLiteral("30")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // What the restored pool must do: same rows, same tokens, account add, the change feed
    // (PostgreSQL), provisioning.
    void verifyRestored(PoolCli &setup, const QString &db, bool postgres, const QString &backup,
                        bool millis)
    {
        const QString again = m_dir.filePath(QStringLiteral("again-%1.jsonl").arg(++m_files));
        CliResult r = run(setup, db, {QStringLiteral("backup"), QStringLiteral("--to"), again});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto before = rowsOf(backup, millis);
        const auto after = rowsOf(again, millis);
        QCOMPARE(after.keys(), before.keys());
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(after.value(it.key()), it.value());
        QVERIFY(before.value(QStringLiteral("do_accounts")).size() == 3);
        QVERIFY(!before.value(QStringLiteral("provisioning_tasks")).isEmpty());
        QVERIFY(!before.value(QStringLiteral("alerts")).isEmpty());
        QVERIFY(!before.value(QStringLiteral("audit_log")).isEmpty());
        QVERIFY(!before.value(QStringLiteral("account_capacity_history")).isEmpty());
        QVERIFY(!before.value(QStringLiteral("account_health_history")).isEmpty());

        // Tokens decrypt to what was added.
        {
            StoreOptions options;
            options.url = *DatabaseUrl::parse(db);
            options.clock = &m_clock;
            OpenResult opened = openStore(options);
            QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
            const TokenCipher cipher(*EncryptionKey::fromHex(kKey));
            auto accounts = opened.store->listAccounts();
            QVERIFY(accounts);
            QCOMPARE(accounts->size(), 3);
            for (const Account &a : *accounts) {
                const int n = a.name.right(1).toInt();
                auto clear = cipher.decrypt(a.encryptedToken);
                QVERIFY(clear);
                QCOMPARE(clear->toLatin1(), token(n));
            }
        }

        QVERIFY(!addPoolAccount(setup.cli,
                                {QStringLiteral("--db"), db, QStringLiteral("--api-base"),
                                 setup.fakeDo.baseUrl().toString()},
                                setup.fakeDo, 4, QStringLiteral("Account 4"),
                                QStringLiteral("four@webrana.example"))
                     .isEmpty());

        if (postgres) {
            auto feed = startFeed(*DatabaseUrl::parse(db));
            QVERIFY(feed);
            QSignalSpy changes(feed.get(), &coord::ChangeFeed::changed);
            r = run(setup, db,
                    {QStringLiteral("--json"), QStringLiteral("account"), QStringLiteral("update"),
                     QStringLiteral("Account 1"), QStringLiteral("--droplet-limit"),
                     QStringLiteral("31")});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QString id = jsonOf(r).value(QStringLiteral("id")).toString();
            QVERIFY(!id.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(
                std::any_of(changes.cbegin(), changes.cend(),
                            [&id](const QList<QVariant> &args) {
                                const auto c = args.at(0).value<coord::Change>();
                                return c.table == QLatin1String("do_accounts") && c.id == id;
                            }),
                10000);
        }

        r = run(setup, db,
                {QStringLiteral("--json"), QStringLiteral("provision"),
                 QStringLiteral("--order-id"),
                 QStringLiteral("7f3c2a10-0000-4000-8000-0000000000%1").arg(10 + m_files)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonOf(r).value(QStringLiteral("status")).toString(), QStringLiteral("CREATED"));
    }

    // Another instance's ear on the pool: the change feed, listening.
    std::unique_ptr<coord::ChangeFeed> startFeed(const DatabaseUrl &url)
    {
        StoreOptions options;
        options.url = url;
        options.clock = &m_clock;
        SessionResult session = openSession(options);
        if (!session.session)
            return nullptr;
        auto feed = std::make_unique<coord::ChangeFeed>(std::move(session.session),
                                                        coord::ChangeFeed::Options{60000});
        feed->start();
        return feed;
    }

    int m_files = 0;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void backupWhileServingRestoresEverywhere_data()
    {
        QTest::addColumn<bool>("fromPostgres");
        QTest::addColumn<bool>("toPostgres");
        QTest::newRow("postgresql to postgresql") << true << true;
        QTest::newRow("postgresql to sqlite") << true << false;
        QTest::newRow("sqlite to postgresql") << false << true;
    }
    void backupWhileServingRestoresEverywhere()
    {
        QFETCH(bool, fromPostgres);
        QFETCH(bool, toPostgres);
        DOPOOL_TEST_POSTGRES(sourcePg);
        DOPOOL_TEST_POSTGRES(targetPg);
        const QString source = fromPostgres
                                   ? sourcePg.url().displayString()
                                   : sqliteDb(QStringLiteral("source-%1.sqlite").arg(++m_files));
        const QString target = toPostgres
                                   ? targetPg.url().displayString()
                                   : sqliteDb(QStringLiteral("target-%1.sqlite").arg(++m_files));
        PoolCli setup;
        QVERIFY(setup.start(source));
        std::vector<Serve> serves;
        serves.push_back(startServe(setup.cli, setup.common, 3600));
        const auto stopServes = qScopeGuard([&serves] { (void)stopAll(serves, 30000); });
        populate(setup, source);
        if (QTest::currentTestFailed())
            return;
        // The serve takes the queued order meanwhile; the backup does not wait for it.
        QTRY_VERIFY_WITH_TIMEOUT(serves.front().running(), 5000);
        const QString file = m_dir.filePath(QStringLiteral("pool-%1.jsonl").arg(++m_files));
        CliResult r =
            run(setup, source,
                {QStringLiteral("--json"), QStringLiteral("backup"), QStringLiteral("--to"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonOf(r)
                     .value(QStringLiteral("tables"))
                     .toObject()
                     .value(QStringLiteral("do_accounts")),
                 QJsonValue(3));
        QVERIFY(!jsonOf(r).value(QStringLiteral("keyFingerprint")).toString().isEmpty());
        QCOMPARE(int(QFile::permissions(file) & 0x7077),
                 int(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(stopAll(serves, 30000));

        r = run(setup, target, {QStringLiteral("restore"), QStringLiteral("--from"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A second restore into the now full pool is refused.
        const CliResult again =
            run(setup, target, {QStringLiteral("restore"), QStringLiteral("--from"), file});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("not empty"), again.err.constData());

        verifyRestored(setup, target, toPostgres, file, fromPostgres != toPostgres);
    }

    void restoreReplaceRefusedWhileAnInstanceIsOnline()
    {
        DOPOOL_TEST_POSTGRES(pg);
        PoolCli setup;
        const QString db = pg.url().displayString();
        QVERIFY(setup.start(db));
        QVERIFY(!addPoolAccount(setup.cli, setup.common, setup.fakeDo, 1,
                                QStringLiteral("Account 1"), QStringLiteral("one@webrana.example"))
                     .isEmpty());
        const QString file = m_dir.filePath(QStringLiteral("online.jsonl"));
        QCOMPARE(run(setup, db, {QStringLiteral("backup"), QStringLiteral("--to"), file}).exitCode,
                 0);
        std::vector<Serve> serves;
        serves.push_back(startServe(setup.cli, setup.common, 3600));
        QTRY_VERIFY_WITH_TIMEOUT(
            pg.column(QStringLiteral("SELECT count(*) FROM pool_instances")).value(0).toInt() > 0,
            15000);
        const CliResult r = run(setup, db,
                                {QStringLiteral("restore"), QStringLiteral("--from"), file,
                                 QStringLiteral("--replace")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("online"), r.err.constData());
        QVERIFY(stopAll(serves, 30000));
        // Stopped (its row is gone with it): now --replace goes through.
        QTRY_VERIFY_WITH_TIMEOUT(run(setup, db,
                                     {QStringLiteral("restore"), QStringLiteral("--from"), file,
                                      QStringLiteral("--replace")})
                                         .exitCode == 0,
                                 20000);
    }

    // docs/operations.md's old procedure, followed exactly: pg_dump --table ... and pg_restore
    // into a fresh database with "AccountHealth" created first.
    void partialPgDumpIsRepairedOrRefused_data()
    {
        QTest::addColumn<bool>("dropAlerts");
        QTest::newRow("as restored: repaired") << false;
        QTest::newRow("alerts lost too: refused") << true;
    }
    void partialPgDumpIsRepairedOrRefused()
    {
        QFETCH(bool, dropAlerts);
        DOPOOL_TEST_POSTGRES(source);
        DOPOOL_TEST_POSTGRES(target);
        const QString bin = qEnvironmentVariable("DOPOOL_TEST_PG_BIN");
        QVERIFY2(!bin.isEmpty(), "DOPOOL_TEST_PG_BIN is set by scripts/test-env.sh");
        PoolCli setup;
        QVERIFY(setup.start(source.url().displayString()));
        for (int n = 1; n <= 2; ++n) {
            QVERIFY(!addPoolAccount(setup.cli, setup.common, setup.fakeDo, n,
                                    QStringLiteral("Account %1").arg(n),
                                    QStringLiteral("a%1@webrana.example").arg(n))
                         .isEmpty());
        }
        const DatabaseUrl src = source.url();
        const QStringList connection{QStringLiteral("-h"), src.host,
                                     QStringLiteral("-p"), QString::number(src.port),
                                     QStringLiteral("-U"), src.user};
        const QString dump = m_dir.filePath(QStringLiteral("partial-%1.dump").arg(++m_files));
        QProcess pgDump;
        pgDump.start(bin + QStringLiteral("/pg_dump"),
                     connection + QStringList{QStringLiteral("--format=custom"),
                                              QStringLiteral("--table=do_accounts"),
                                              QStringLiteral("--table=provisioning_tasks"),
                                              QStringLiteral("--table=dopool_*"),
                                              QStringLiteral("--table=account_health_history"),
                                              QStringLiteral("--table=account_capacity_history"),
                                              QStringLiteral("--table=droplet_reservations"),
                                              QStringLiteral("--table=alerts"),
                                              QStringLiteral("-f"), dump, src.database});
        QVERIFY(pgDump.waitForFinished(60000));
        QVERIFY2(pgDump.exitStatus() == QProcess::NormalExit && pgDump.exitCode() == 0,
                 pgDump.readAllStandardError().constData());
        QCOMPARE(target.exec(QStringLiteral("CREATE TYPE \"AccountHealth\" AS ENUM ('HEALTHY', "
                                            "'DEGRADED', 'UNHEALTHY', 'UNKNOWN')")),
                 QString());
        QProcess pgRestore;
        pgRestore.start(bin + QStringLiteral("/pg_restore"),
                        connection +
                            QStringList{QStringLiteral("-d"), target.databaseName(), dump});
        QVERIFY(pgRestore.waitForFinished(60000));
        QCOMPARE(pgRestore.exitStatus(), QProcess::NormalExit);
        // What the issue saw: every trigger fails, the function was never dumped.
        const QByteArray restoreErrors = pgRestore.readAllStandardError();
        QVERIFY2(restoreErrors.contains("dopool_notify_change() does not exist"),
                 restoreErrors.constData());
        if (dropAlerts)
            QCOMPARE(target.exec(QStringLiteral("DROP TABLE alerts")), QString());

        const QString db = target.url().displayString();
        CliResult r = run(
            setup, db, {QStringLiteral("--json"), QStringLiteral("db"), QStringLiteral("check")});
        if (dropAlerts) {
            QCOMPARE(r.exitCode, 5);
            QVERIFY2(r.err.contains("lacks table alerts"), r.err.constData());
            // Every other command refuses the pool the same way, before writing anything.
            r = run(setup, db, {QStringLiteral("account"), QStringLiteral("list")});
            QCOMPARE(r.exitCode, 5);
            QVERIFY2(r.err.contains("lacks table alerts"), r.err.constData());
            QCOMPARE(target.column(QStringLiteral("SELECT to_regclass('audit_log') IS NULL"))
                         .value(0)
                         .toBool(),
                     true);
            return;
        }
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray repaired = jsonOf(r).value(QStringLiteral("repaired")).toArray();
        for (const char *what : {"table audit_log", "table pool_instances", "table leader_lease",
                                 "table scheduler_rounds", "function dopool_notify_change()",
                                 "trigger do_accounts_dopool_notify on do_accounts"}) {
            QVERIFY2(repaired.contains(QJsonValue(QString::fromLatin1(what))), what);
        }
        QVERIFY2(r.err.contains("repaired the schema"), r.err.constData());
        // Repaired once: the next check has nothing to do.
        r = run(setup, db,
                {QStringLiteral("--json"), QStringLiteral("db"), QStringLiteral("check")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(jsonOf(r).value(QStringLiteral("repaired")).toArray().isEmpty());

        // Writable, and the change feed is alive.
        auto feed = startFeed(target.url());
        QVERIFY(feed);
        QSignalSpy changes(feed.get(), &coord::ChangeFeed::changed);
        QVERIFY(!addPoolAccount(setup.cli,
                                {QStringLiteral("--db"), db, QStringLiteral("--api-base"),
                                 setup.fakeDo.baseUrl().toString()},
                                setup.fakeDo, 3, QStringLiteral("Account 3"),
                                QStringLiteral("a3@webrana.example"))
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(changes.cbegin(), changes.cend(),
                                             [](const QList<QVariant> &args) {
                                                 return args.at(0).value<coord::Change>().table ==
                                                        QLatin1String("do_accounts");
                                             }),
                                 10000);
    }
};

QTEST_GUILESS_MAIN(TestCliRestoreDrill)
#include "tst_clirestoredrill.moc"
