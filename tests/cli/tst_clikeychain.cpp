// dopool-cli with its pool keys in the real OS keychain (gnome-keyring in the private D-Bus
// session scripts/test-env.sh starts; inspected from outside through secret-tool): one entry
// per pool key, several pools side by side, the old single-entry layout, import, rotation,
// export, concurrent first use, and a missing secret service.
#include "CliRunner.h"
#include "TestKeychain.h"
#include "TestKeys.h"
#include "TestPostgres.h"
#include "crypto/KeyProvider.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using dopool::EncryptionKey;
using dopool::KeyProvider;

namespace {
const QString kKeyB = dopool::testkeys::hexKey(u"5");
const QString kKeyC = dopool::testkeys::hexKey(u"6");
const QString kKeyL = dopool::testkeys::hexKey(u"7");
const QByteArray kToken = "dop_v1_7777777777777777777777777777777777777777777777777777777777f9e0";

// Racer p's token: one DigitalOcean account per token (a pool refuses a token twice), all
// masked as kToken is ("dop_v1_…f9e0").
QByteArray racerToken(int p)
{
    return QByteArray("dop_v1_") + QByteArray::number(p + 1).rightJustified(60, '7') + "f9e0";
}

QString fingerprint(const QString &hex)
{
    return EncryptionKey::fromHex(hex)->fingerprint();
}
QString entryFor(const QString &hex)
{
    return KeyProvider::keychainEntry(fingerprint(hex));
}
} // namespace

class TestCliKeychain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    CliRunner m_cli; // no ENCRYPTION_KEY: the keychain is the key's home

    QString db(const QString &name) const
    {
        return QStringLiteral("sqlite:") + m_dir.filePath(name);
    }

    static void checkNoSecret(const CliResult &r)
    {
        for (const QByteArray &secret :
             {kToken, kKeyB.toLatin1(), kKeyC.toLatin1(), kKeyL.toLatin1()}) {
            if (r.out.contains(secret) || r.err.contains(secret))
                qFatal("a secret leaked into dopool-cli's output");
        }
    }

    CliResult run(const QString &database, const QStringList &args, const QByteArray &in = {},
                  const CliRunner *runner = nullptr) const
    {
        CliResult r = (runner ? *runner : m_cli)
                          .run(QStringList{QStringLiteral("--db"), database} + args, in);
        if (r.crashed)
            qFatal("dopool-cli crashed");
        checkNoSecret(r);
        return r;
    }
    CliResult add(const QString &database, const QString &name,
                  const CliRunner *runner = nullptr) const
    {
        return run(database,
                   {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                    name, QStringLiteral("--email"), QStringLiteral("k@example.com"),
                    QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                   kToken + '\n', runner);
    }
    // The account's token decrypts (show prints it masked).
    bool opens(const QString &database, const QString &name) const
    {
        const CliResult r =
            run(database, {QStringLiteral("account"), QStringLiteral("show"), name});
        if (r.exitCode != 0)
            qWarning("account show %s: %s", qPrintable(name), r.err.constData());
        return r.exitCode == 0 && r.outText().contains(QStringLiteral("dop_v1_…f9e0"));
    }
    QString poolFingerprint(const QString &database) const
    {
        const CliResult r = run(database, {QStringLiteral("--json"), QStringLiteral("key"),
                                           QStringLiteral("fingerprint")});
        return QJsonDocument::fromJson(r.out)
            .object()
            .value(QStringLiteral("poolFingerprint"))
            .toString();
    }
    CliRunner withKey(const QString &hex) const
    {
        CliRunner runner = m_cli;
        runner.setEnv(QStringLiteral("ENCRYPTION_KEY"), hex);
        return runner;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        DOPOOL_REQUIRE_TEST_KEYCHAIN();
    }

    void init() { TestKeychain::clear(); }

    // Issue #24: a key the keychain holds is never sent to DigitalOcean as a token, nor stored
    // as one, in its own pool or another.
    void keychainKeyIsNoToken()
    {
        const QString pool = db(QStringLiteral("k1.sqlite"));
        QCOMPARE(add(pool, QStringLiteral("A")).exitCode, 0); // the key is generated
        const CliResult exported =
            m_cli.run({QStringLiteral("--db"), pool, QStringLiteral("key"),
                       QStringLiteral("export"), QStringLiteral("--stdout")});
        QCOMPARE(exported.exitCode, 0);
        const QByteArray key = exported.out.trimmed();
        QCOMPARE(key.size(), 64);
        // Verifying would ask this port, where nobody listens: exit 4 if anything were sent.
        const QStringList verified{
            QStringLiteral("--api-base"),   QStringLiteral("http://127.0.0.1:9"),
            QStringLiteral("account"),      QStringLiteral("add"),
            QStringLiteral("--name"),       QStringLiteral("K"),
            QStringLiteral("--token-stdin")};
        CliResult r = m_cli.run(QStringList{QStringLiteral("--db"), pool} + verified, key + '\n');
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("held in the OS keychain")),
                 r.err.constData());
        QVERIFY(!r.out.contains(key) && !r.err.contains(key));
        // Another pool (its own key from the environment) refuses it as well.
        const CliRunner other = withKey(kKeyB);
        r = other.run(QStringList{QStringLiteral("--db"), db(QStringLiteral("k2.sqlite"))} +
                          verified,
                      key + '\n');
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("held in the OS keychain")),
                 r.err.constData());
    }
    void cleanupTestCase()
    {
        if (TestKeychain::insideTestEnvironment())
            TestKeychain::clear();
    }

    void newPoolGeneratesKeyIntoItsOwnEntry()
    {
        const QString pool = db(QStringLiteral("new.sqlite"));
        CliResult r = add(pool, QStringLiteral("A"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto entries = TestKeychain::entries();
        QCOMPARE(entries.size(), 1);
        const QString hex = entries.first();
        QCOMPARE(entries.firstKey(), entryFor(hex));
        r = run(pool,
                {QStringLiteral("--json"), QStringLiteral("key"), QStringLiteral("fingerprint")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(QStringLiteral("source")).toString(), QStringLiteral("keychain"));
        QCOMPARE(doc.value(QStringLiteral("fingerprint")).toString(), fingerprint(hex));
        QCOMPARE(doc.value(QStringLiteral("poolFingerprint")).toString(), fingerprint(hex));
        QVERIFY(!r.out.contains(hex.toLatin1()));
        QVERIFY(opens(pool, QStringLiteral("A")));
    }

    void existingPoolNeedsImportNotGeneration()
    {
        // A pool created elsewhere with key B; this machine's keychain has no key.
        const QString pool = db(QStringLiteral("existing.sqlite"));
        const CliRunner b = withKey(kKeyB);
        QCOMPARE(add(pool, QStringLiteral("B"), &b).exitCode, 0);
        CliResult r =
            run(pool, {QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("B")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.errText().contains(QStringLiteral("key import")), qPrintable(r.errText()));
        QVERIFY2(r.errText().contains(fingerprint(kKeyB)), qPrintable(r.errText()));
        QVERIFY(TestKeychain::entries().isEmpty()); // nothing generated for an existing pool

        // A key that is not the pool's is refused and leaves the keychain alone.
        m_cli.setEnv(QStringLiteral("POOL_KEY"), kKeyC);
        r = run(pool, {QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("--key-env"),
                       QStringLiteral("POOL_KEY")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY(TestKeychain::entries().isEmpty());

        // The pool's key is accepted; from now on no ENCRYPTION_KEY is needed.
        m_cli.setEnv(QStringLiteral("POOL_KEY"), kKeyB);
        r = run(pool, {QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("--key-env"),
                       QStringLiteral("POOL_KEY")});
        m_cli.unsetEnv(QStringLiteral("POOL_KEY"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(TestKeychain::entries().value(entryFor(kKeyB)), kKeyB);
        QVERIFY(opens(pool, QStringLiteral("B")));
        QCOMPARE(poolFingerprint(pool), fingerprint(kKeyB));
    }

    // Several pools on one keychain: no step on pool B costs pool A its key.
    void twoPoolsShareOneKeychain()
    {
        const QString a = db(QStringLiteral("pool-a.sqlite"));
        const QString b = db(QStringLiteral("pool-b.sqlite"));
        QCOMPARE(add(a, QStringLiteral("A")).exitCode, 0); // generated key K1
        QVERIFY(opens(a, QStringLiteral("A")));
        const QString keyA = TestKeychain::entries().first();

        // B with its own key, from the environment.
        const CliRunner b1 = withKey(kKeyB);
        QCOMPARE(add(b, QStringLiteral("B"), &b1).exitCode, 0);
        QVERIFY(opens(a, QStringLiteral("A")));

        // B's key into the keychain.
        m_cli.setEnv(QStringLiteral("POOL_KEY"), kKeyB);
        CliResult r = run(b, {QStringLiteral("key"), QStringLiteral("import"),
                              QStringLiteral("--key-env"), QStringLiteral("POOL_KEY")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(opens(a, QStringLiteral("A")));
        QVERIFY(opens(b, QStringLiteral("B")));

        // B rotates to C (its key from the keychain now).
        m_cli.setEnv(QStringLiteral("NEW_KEY"), kKeyC);
        r = run(b, {QStringLiteral("rotate-key"), QStringLiteral("--new-key-env"),
                    QStringLiteral("NEW_KEY")});
        m_cli.unsetEnv(QStringLiteral("NEW_KEY"));
        m_cli.unsetEnv(QStringLiteral("POOL_KEY"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(opens(a, QStringLiteral("A")));
        QVERIFY(opens(b, QStringLiteral("B")));
        QCOMPARE(poolFingerprint(b), fingerprint(kKeyC));
        QCOMPARE(poolFingerprint(a), fingerprint(keyA));

        // Every key is still there, each under its own name (the old one for old backups).
        const auto entries = TestKeychain::entries();
        QCOMPARE(entries.value(entryFor(keyA)), keyA);
        QCOMPARE(entries.value(entryFor(kKeyB)), kKeyB);
        QCOMPARE(entries.value(entryFor(kKeyC)), kKeyC);

        // key forget removes an old key, never the pool's current one.
        r = run(b, {QStringLiteral("key"), QStringLiteral("forget"), fingerprint(kKeyC)});
        QCOMPARE(r.exitCode, 2);
        r = run(b, {QStringLiteral("key"), QStringLiteral("forget"), fingerprint(kKeyB)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!TestKeychain::entries().contains(entryFor(kKeyB)));
        QVERIFY(opens(a, QStringLiteral("A")));
        QVERIFY(opens(b, QStringLiteral("B")));
    }

    void oldSingleEntryLayoutIsMigrated()
    {
        // What dopool before one-entry-per-pool left: the pool's key in "encryption-key".
        const QString pool = db(QStringLiteral("legacy.sqlite"));
        const CliRunner l = withKey(kKeyL);
        QCOMPARE(add(pool, QStringLiteral("L"), &l).exitCode, 0);
        TestKeychain::write(KeyProvider::legacyKeychainEntry(), kKeyL);

        QVERIFY(opens(pool, QStringLiteral("L")));
        const auto entries = TestKeychain::entries();
        QVERIFY2(entries.size() == 1, qPrintable(entries.keys().join(u' ')));
        QCOMPARE(entries.value(entryFor(kKeyL)), kKeyL);

        // A new pool next to it gets a key of its own, not the migrated one.
        const QString fresh = db(QStringLiteral("after-legacy.sqlite"));
        QCOMPARE(add(fresh, QStringLiteral("F")).exitCode, 0);
        QVERIFY(poolFingerprint(fresh) != fingerprint(kKeyL));
        QVERIFY(opens(pool, QStringLiteral("L")));
        QVERIFY(opens(fresh, QStringLiteral("F")));
    }

    void exportWritesANewPrivateFile()
    {
        const QString pool = db(QStringLiteral("export.sqlite"));
        QCOMPARE(add(pool, QStringLiteral("E")).exitCode, 0);
        const QString file = m_dir.filePath(QStringLiteral("pool.key"));
        CliResult r = run(
            pool, {QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("--to"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QFile::permissions(file), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ReadUser | QFileDevice::WriteUser);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(f.readAll());
        const QString hex = TestKeychain::entries().first();
        QVERIFY(content.contains(hex));
        QVERIFY(content.contains(fingerprint(hex)));
        // Never over an existing file.
        r = run(pool,
                {QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("--to"), file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QStringLiteral("already exists")));
        // Not to stdout unless asked for; asked for, only the key.
        r = run(pool, {QStringLiteral("key"), QStringLiteral("export")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        r = m_cli.run({QStringLiteral("--db"), pool, QStringLiteral("key"),
                       QStringLiteral("export"), QStringLiteral("--stdout")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText().trimmed(), hex);

        // The file is what key import takes, on another machine (an empty keychain).
        TestKeychain::clear();
        QCOMPARE(run(pool, {QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("E")})
                     .exitCode,
                 6);
        r = run(pool, {QStringLiteral("key"), QStringLiteral("import"),
                       QStringLiteral("--key-file"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(opens(pool, QStringLiteral("E")));
    }

    // Processes opening a brand-new pool at once: one key wins, the keychain holds exactly it,
    // and every token any of them wrote opens with it.
    void concurrentFirstUse_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    void concurrentFirstUse()
    {
        QFETCH(bool, postgres);
        constexpr int Rounds = 6;
        constexpr int Processes = 4;
        for (int round = 0; round < Rounds; ++round) {
            std::optional<dopool::testing::TestPostgres> pg;
            QString pool = db(QStringLiteral("race-%1.sqlite").arg(round));
            if (postgres) {
                if (!dopool::testing::TestPostgres::isConfigured()) {
                    QVERIFY2(!dopool::testing::TestPostgres::isRequired(),
                             "DOPOOL_REQUIRE_PG=1 but no PostgreSQL: run through "
                             "scripts/test-env.sh");
                    QSKIP("needs PostgreSQL: run through scripts/test-env.sh");
                }
                pg.emplace();
                QVERIFY2(pg->isValid(), qPrintable(pg->errorString()));
                pool = pg->url().displayString();
            }
            const QStringList before = TestKeychain::poolKeyEntries();
            std::vector<std::unique_ptr<QProcess>> running;
            // The racers' keychain warnings (a removal that failed) go to their stderr.
            CliRunner racer = m_cli;
            racer.setEnv(QStringLiteral("QT_LOGGING_RULES"),
                         QStringLiteral("*.debug=false;dopool.*.info=false;"
                                        "dopool.crypto.info=true"));
            for (int p = 0; p < Processes; ++p) {
                running.emplace_back(racer.start(
                    {QStringLiteral("--db"), pool, QStringLiteral("account"), QStringLiteral("add"),
                     QStringLiteral("--name"), QStringLiteral("P%1").arg(p),
                     QStringLiteral("--email"), QStringLiteral("p@example.com"),
                     QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                    racerToken(p) + '\n'));
            }
            QByteArray logs;
            for (auto &process : running) {
                QVERIFY(process->waitForFinished(60000));
                const CliResult r = CliRunner::collect(*process);
                QVERIFY2(r.exitCode == 0, r.err.constData());
                logs += r.err;
            }
            QStringList added = TestKeychain::poolKeyEntries();
            for (const QString &old : before)
                added.removeAll(old);
            // Exactly one new entry, the pool's key under its own name (below): every loser
            // removed the key it did not get to use. This test's keychain service is its own
            // (tests/CMakeLists.txt), so no other test's entries come or go meanwhile.
            QVERIFY2(added.size() == 1,
                     qPrintable(added.join(u' ') + u'\n' + QString::fromUtf8(logs)));
            const QString poolFp = poolFingerprint(pool);
            const QString poolEntry = KeyProvider::keychainEntry(poolFp);
            QVERIFY2(added.contains(poolEntry), qPrintable(added.join(u' ')));
            QCOMPARE(fingerprint(TestKeychain::entries().value(poolEntry)), poolFp);
            for (int p = 0; p < Processes; ++p)
                QVERIFY(opens(pool, QStringLiteral("P%1").arg(p)));
        }
    }

    void missingSecretService()
    {
        CliRunner noBus = m_cli;
        noBus.setEnv(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                     QStringLiteral("unix:path=/nonexistent/dopool-test-bus"));
        noBus.unsetEnv(QStringLiteral("DISPLAY"));
        const QString pool = db(QStringLiteral("nobus.sqlite"));
        const CliResult r = add(pool, QStringLiteral("A"), &noBus);
        QCOMPARE(r.exitCode, 6);
        QVERIFY(!r.crashed);
        QVERIFY2(r.errText().contains(QStringLiteral("ENCRYPTION_KEY")), qPrintable(r.errText()));
        QVERIFY2(r.errText().contains(QStringLiteral("keychain")), qPrintable(r.errText()));
        QCOMPARE(r.errText().count(u'\n'), 1);
        // Nothing was written: the pool is still empty and claims no key.
        const CliRunner b = withKey(kKeyB);
        const CliResult list = b.run({QStringLiteral("--db"), pool, QStringLiteral("--json"),
                                      QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliKeychain)
#include "tst_clikeychain.moc"
