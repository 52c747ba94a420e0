// dopool-cli with the pool key in the real OS keychain (gnome-keyring in the private D-Bus
// session scripts/test-env.sh starts): generation for a new pool, import for an existing
// one, mismatches, and a missing secret service.
#include "CliRunner.h"
#include "crypto/KeyProvider.h"
#include "crypto/QtKeychainSecretStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kKeyB =
    QStringLiteral("5555555555555555555555555555555555555555555555555555555555555555");
const QString kKeyC =
    QStringLiteral("6666666666666666666666666666666666666666666666666666666666666666");
const QByteArray kToken = "dop_v1_7777777777777777777777777777777777777777777777777777777777f9e0";
} // namespace

class TestCliKeychain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    CliRunner m_cli; // no ENCRYPTION_KEY: the keychain is the key's home
    dopool::QtKeychainSecretStore m_keychain;

    QString db(const QString &name) const
    {
        return QStringLiteral("sqlite:") + m_dir.filePath(name);
    }

    CliResult run(const QString &database, const QStringList &args, const QByteArray &in = {}) const
    {
        CliResult r = m_cli.run(QStringList{QStringLiteral("--db"), database} + args, in);
        if (r.out.contains(kToken) || r.err.contains(kToken) || r.out.contains(kKeyB.toLatin1()) ||
            r.err.contains(kKeyB.toLatin1()))
            qFatal("a secret leaked into dopool-cli's output");
        return r;
    }
    CliResult add(const QString &database, const QString &name) const
    {
        return run(database,
                   {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                    name, QStringLiteral("--email"), QStringLiteral("k@example.com"),
                    QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                   kToken + '\n');
    }
    std::optional<QString> keychainValue()
    {
        bool done = false;
        std::optional<QString> value;
        m_keychain.read(dopool::KeyProvider::keychainEntry(), this,
                        [&](dopool::Result<std::optional<QString>> r) {
                            if (r.ok())
                                value = *r;
                            done = true;
                        });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            qFatal("keychain read timed out");
        return value;
    }
    void clearKeychain()
    {
        bool done = false;
        m_keychain.remove(dopool::KeyProvider::keychainEntry(), this,
                          [&](dopool::Result<void>) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            qFatal("keychain remove timed out");
    }
    QString fingerprintOf(const QString &database)
    {
        const CliResult r = run(database, {QStringLiteral("--json"), QStringLiteral("key"),
                                           QStringLiteral("fingerprint")});
        return QJsonDocument::fromJson(r.out)
            .object()
            .value(QStringLiteral("fingerprint"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Is there a secret service at all? Without one this whole test is moot (or, in CI, a
        // failure).
        bool done = false;
        bool available = false;
        m_keychain.read(QStringLiteral("dopool-probe"), this,
                        [&](dopool::Result<std::optional<QString>> r) {
                            available = r.ok();
                            done = true;
                        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
        if (!available) {
            if (qEnvironmentVariableIntValue("DOPOOL_REQUIRE_KEYRING") == 1)
                QFAIL("DOPOOL_REQUIRE_KEYRING=1 but no secret service answers: run through "
                      "scripts/test-env.sh");
            QSKIP("needs a secret service (run through scripts/test-env.sh)");
        }
    }

    void init() { clearKeychain(); }
    void cleanupTestCase() { clearKeychain(); }

    void newPoolGeneratesKeyIntoKeychain()
    {
        QVERIFY(!keychainValue().has_value());
        const QString pool = db(QStringLiteral("new.sqlite"));
        CliResult r = add(pool, QStringLiteral("A"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto stored = keychainValue();
        QVERIFY(stored.has_value());
        QCOMPARE(stored->size(), 64);
        r = run(pool,
                {QStringLiteral("--json"), QStringLiteral("key"), QStringLiteral("fingerprint")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(QStringLiteral("source")).toString(), QStringLiteral("keychain"));
        QCOMPARE(doc.value(QStringLiteral("fingerprint")).toString(),
                 dopool::EncryptionKey::fromHex(*stored)->fingerprint());
        QVERIFY(!r.out.contains(stored->toLatin1()));
        // The same key opens the token again.
        r = run(pool, {QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("A")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QStringLiteral("dop_v1_…f9e0")));
    }

    void existingPoolNeedsImportNotGeneration()
    {
        // A pool created elsewhere with key B; this machine's keychain has no key.
        const QString pool = db(QStringLiteral("existing.sqlite"));
        CliRunner withEnv = m_cli;
        withEnv.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        QCOMPARE(withEnv
                     .run({QStringLiteral("--db"), pool, QStringLiteral("account"),
                           QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("B"),
                           QStringLiteral("--email"), QStringLiteral("b@example.com"),
                           QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                          kToken + '\n')
                     .exitCode,
                 0);
        CliResult r =
            run(pool, {QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("B")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.errText().contains(QStringLiteral("key import")), qPrintable(r.errText()));
        QVERIFY(!keychainValue().has_value()); // no key was generated for an existing pool

        // Importing a key that is not the pool's is refused and leaves the keychain alone.
        m_cli.setEnv(QStringLiteral("POOL_KEY"), kKeyC);
        r = run(pool, {QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("--key-env"),
                       QStringLiteral("POOL_KEY")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY(!keychainValue().has_value());

        // The pool's key is accepted; from now on no ENCRYPTION_KEY is needed.
        m_cli.setEnv(QStringLiteral("POOL_KEY"), kKeyB);
        r = run(pool, {QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("--key-env"),
                       QStringLiteral("POOL_KEY")});
        m_cli.unsetEnv(QStringLiteral("POOL_KEY"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(keychainValue().value_or(QString()), kKeyB);
        r = run(pool, {QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("B")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(fingerprintOf(pool), dopool::EncryptionKey::fromHex(kKeyB)->fingerprint());
    }

    void keychainKeyOfAnotherPoolIsRefused()
    {
        const QString first = db(QStringLiteral("first.sqlite"));
        QCOMPARE(add(first, QStringLiteral("A")).exitCode, 0); // keychain now holds a fresh key
        const QString other = db(QStringLiteral("other.sqlite"));
        CliRunner withEnv = m_cli;
        withEnv.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        QCOMPARE(withEnv
                     .run({QStringLiteral("--db"), other, QStringLiteral("account"),
                           QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("B"),
                           QStringLiteral("--email"), QStringLiteral("b@example.com"),
                           QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                          kToken + '\n')
                     .exitCode,
                 0);
        const CliResult r =
            run(other, {QStringLiteral("account"), QStringLiteral("delete"), QStringLiteral("B")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY(r.errText().contains(dopool::EncryptionKey::fromHex(kKeyB)->fingerprint()));
    }

    void missingSecretService()
    {
        CliRunner noBus = m_cli;
        noBus.setEnv(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                     QStringLiteral("unix:path=/nonexistent/dopool-test-bus"));
        noBus.unsetEnv(QStringLiteral("DISPLAY"));
        const QString pool = db(QStringLiteral("nobus.sqlite"));
        const CliResult r =
            noBus.run({QStringLiteral("--db"), pool, QStringLiteral("account"),
                       QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("A"),
                       QStringLiteral("--email"), QStringLiteral("a@example.com"),
                       QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")},
                      kToken + '\n');
        QCOMPARE(r.exitCode, 6);
        QVERIFY(!r.crashed);
        QVERIFY2(r.errText().contains(QStringLiteral("ENCRYPTION_KEY")), qPrintable(r.errText()));
        QVERIFY2(r.errText().contains(QStringLiteral("keychain")), qPrintable(r.errText()));
        QCOMPARE(r.errText().count(u'\n'), 1);
        // Nothing was written: the pool is still empty.
        CliRunner withKey = m_cli;
        withKey.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        const CliResult list = withKey.run({QStringLiteral("--db"), pool, QStringLiteral("--json"),
                                            QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliKeychain)
#include "tst_clikeychain.moc"
