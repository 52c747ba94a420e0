// dopool-cli end to end on a real PostgreSQL server shared by several processes.
#include "CliRunner.h"
#include "TestKeychain.h"
#include "TestPostgres.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using dopool::testing::TestPostgres;

namespace {
const QString kKeyA =
    QStringLiteral("0f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a6978");
const QString kKeyB =
    QStringLiteral("a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f");
const QByteArray kToken1 = "dop_v1_3333333333333333333333333333333333333333333333333333333333e5f6";
const QByteArray kToken2 = "dop_v1_4444444444444444444444444444444444444444444444444444444444a7b8";
} // namespace

class TestCliPostgres : public QObject
{
    Q_OBJECT

    static CliResult add(CliRunner &cli, const QString &db, const QString &name,
                         const QByteArray &token)
    {
        return cli.run({QStringLiteral("--db"), db, QStringLiteral("--json"),
                        QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                        name, QStringLiteral("--email"), QStringLiteral("ops@example.com"),
                        QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                       token + '\n');
    }

private Q_SLOTS:
    void accountsOnPostgres()
    {
        DOPOOL_TEST_POSTGRES(pg);
        const QString db = pg.url().displayString();
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        CliResult r = add(cli, db, QStringLiteral("Primary"), kToken1);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.out.contains(kToken1) && !r.err.contains(kToken1));
        r = cli.run({QStringLiteral("--db"), db, QStringLiteral("--json"),
                     QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
        // What the order-service reads: the Prisma columns, the token only as ciphertext.
        const QVariantList tokens =
            pg.column(QStringLiteral("SELECT access_token FROM do_accounts"));
        QCOMPARE(tokens.size(), 1);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}:[0-9a-f]{32}:[0-9a-f]+$"))
                    .match(tokens.first().toString())
                    .hasMatch());
        QCOMPARE(pg.column(QStringLiteral("SELECT health_status::text FROM do_accounts"))
                     .value(0)
                     .toString(),
                 QStringLiteral("UNKNOWN"));
    }

    void secondProcessWithOtherKeyIsRefused()
    {
        DOPOOL_TEST_POSTGRES(pg);
        const QString db = pg.url().displayString();
        // What a refused process must leave alone: the pool's key fingerprint and every row.
        const auto poolFingerprint = [&pg] {
            return pg
                .column(
                    QStringLiteral("SELECT value FROM dopool_meta WHERE key = 'key_fingerprint'"))
                .value(0)
                .toString();
        };
        const auto accountRows = [&pg] {
            return pg.column(
                QStringLiteral("SELECT id::text || access_token || updated_at::text || "
                               "version::text || is_active::text FROM do_accounts"));
        };
        CliRunner first;
        first.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        QCOMPARE(add(first, db, QStringLiteral("A"), kToken1).exitCode, 0);
        const QString fingerprint = poolFingerprint();
        QVERIFY(!fingerprint.isEmpty());
        const QVariantList before = accountRows();

        CliRunner second;
        second.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        const QList<QStringList> writes{
            {QStringLiteral("account"), QStringLiteral("update"), QStringLiteral("A"),
             QStringLiteral("--inactive")},
            {QStringLiteral("account"), QStringLiteral("delete"), QStringLiteral("A")},
            {QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("A")},
        };
        for (const QStringList &args : writes) {
            const CliResult r = second.run(QStringList{QStringLiteral("--db"), db} + args);
            QCOMPARE(r.exitCode, 6);
            QVERIFY2(r.errText().contains(fingerprint),
                     qPrintable(r.errText())); // names the pool's fingerprint
            QVERIFY(r.errText().contains(QStringLiteral("fingerprint")));
        }
        const CliResult r = add(second, db, QStringLiteral("B"), kToken2);
        QCOMPARE(r.exitCode, 6);
        QCOMPARE(accountRows(), before);
        QCOMPARE(poolFingerprint(), fingerprint);
    }

    void poolWithoutCheckValueAdoptsOnlyTheRightKey()
    {
        // Rows the order-service wrote before any dopool ran: no key check value yet.
        DOPOOL_TEST_POSTGRES(pg);
        const QString db = pg.url().displayString();
        CliRunner a;
        a.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        QCOMPARE(add(a, db, QStringLiteral("A"), kToken1).exitCode, 0);
        QCOMPARE(pg.exec(QStringLiteral("DELETE FROM dopool_meta")), QString());

        CliRunner b;
        b.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        CliResult r = b.run({QStringLiteral("--db"), db, QStringLiteral("account"),
                             QStringLiteral("show"), QStringLiteral("A")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY(pg.column(QStringLiteral("SELECT value FROM dopool_meta")).isEmpty());
        r = a.run({QStringLiteral("--db"), db, QStringLiteral("account"), QStringLiteral("show"),
                   QStringLiteral("A")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(pg.column(QStringLiteral(
                               "SELECT count(*) FROM dopool_meta WHERE key = 'key_fingerprint'"))
                     .value(0)
                     .toInt(),
                 1);
    }

    void unreachableServer()
    {
        QTcpServer probe; // find a free port, then close it: nothing listens there
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        const CliResult r = cli.run(
            {QStringLiteral("--db"),
             QStringLiteral("postgresql://postgres@127.0.0.1:%1/pool?connect_timeout=2").arg(port),
             QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(QStringLiteral("127.0.0.1:%1").arg(port)),
                 qPrintable(r.errText()));
        QCOMPARE(r.errText().count(u'\n'), 1);
    }

    void passwordSources()
    {
        DOPOOL_TEST_POSTGRES(pg);
        // test-env.sh makes role dopool_pw authenticate with a password over TCP.
        const QString password = QStringLiteral("pw-") + QUuid::createUuid().toString(QUuid::Id128);
        QCOMPARE(pg.execAdmin(QStringLiteral("DO $$ BEGIN CREATE ROLE dopool_pw LOGIN; "
                                             "EXCEPTION WHEN duplicate_object THEN NULL; END $$")),
                 QString());
        QCOMPARE(pg.execAdmin(QStringLiteral("ALTER ROLE dopool_pw PASSWORD '%1'").arg(password)),
                 QString());
        QCOMPARE(pg.execAdmin(
                     QStringLiteral("ALTER DATABASE %1 OWNER TO dopool_pw").arg(pg.databaseName())),
                 QString());
        dopool::DatabaseUrl url = pg.url();
        url.user = QStringLiteral("dopool_pw");
        const QString db = url.displayString();
        QTemporaryDir home;
        QVERIFY(home.isValid());
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        cli.setEnv(QStringLiteral("HOME"), home.path()); // no ~/.pgpass yet
        const QStringList list{QStringLiteral("--db"), db, QStringLiteral("account"),
                               QStringLiteral("list")};
        auto noLeak = [&password](const CliResult &r) {
            return !r.outText().contains(password) && !r.errText().contains(password);
        };

        CliResult r = cli.run(list);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(QStringLiteral("PGPASSWORD")), qPrintable(r.errText()));
        QVERIFY(noLeak(r));

        cli.setEnv(QStringLiteral("PGPASSWORD"), password);
        r = cli.run(list);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(noLeak(r));
        cli.unsetEnv(QStringLiteral("PGPASSWORD"));

        QFile pgpass(home.filePath(QStringLiteral(".pgpass")));
        QVERIFY(pgpass.open(QIODevice::WriteOnly));
        pgpass.write(
            QStringLiteral("127.0.0.1:%1:*:dopool_pw:%2\n").arg(url.port).arg(password).toUtf8());
        pgpass.close();
        QVERIFY(pgpass.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        r = cli.run(list);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(pgpass.remove());

        // The keychain (the test environment's own): a wrong password is checked first and
        // never stored.
        DOPOOL_REQUIRE_TEST_KEYCHAIN();
        const QStringList store{QStringLiteral("--db"), db, QStringLiteral("db"),
                                QStringLiteral("password"), QStringLiteral("--password-stdin")};
        r = cli.run(store, "wrong-password\n");
        QCOMPARE(r.exitCode, 5);
        QVERIFY(!r.errText().contains(QStringLiteral("wrong-password")));
        r = cli.run(list);
        QCOMPARE(r.exitCode, 5);
        r = cli.run(store, password.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(noLeak(r));
        r = cli.run(list);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(noLeak(r));
    }

    void sslModeHonoured()
    {
        DOPOOL_TEST_POSTGRES(pg);
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        // The throwaway server has no TLS: require must fail rather than fall back to plain text.
        const CliResult r = cli.run({QStringLiteral("--db"),
                                     pg.url().displayString() + QStringLiteral("?sslmode=require"),
                                     QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(QStringLiteral("SSL"), Qt::CaseInsensitive),
                 qPrintable(r.errText()));
        const CliResult plain = cli.run(
            {QStringLiteral("--db"), pg.url().displayString() + QStringLiteral("?sslmode=disable"),
             QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(plain.exitCode, 0);
    }

    void missingDatabase()
    {
        DOPOOL_TEST_POSTGRES(pg);
        dopool::DatabaseUrl url = pg.url();
        url.database = QStringLiteral("no_such_database_here");
        CliRunner cli;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        const CliResult r = cli.run({QStringLiteral("--db"), url.displayString(),
                                     QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(QStringLiteral("no_such_database_here")),
                 qPrintable(r.errText()));
    }
};

QTEST_GUILESS_MAIN(TestCliPostgres)
#include "tst_clipostgres.moc"
