// dopool-cli end to end on SQLite: account commands, validation, exit codes, JSON shape,
// and that no token ever appears in any output.
#include "CliRunner.h"
#include "TestKeys.h"
#include "common/Clock.h"
#include "crypto/TokenCipher.h"
#include "pool/PoolKey.h"
#include "store/StoreFactory.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
// Fake tokens in DO's format; never real ones.
const QByteArray kToken1 = "dop_v1_1111111111111111111111111111111111111111111111111111111111a1b2";
const QByteArray kToken2 = "dop_v1_2222222222222222222222222222222222222222222222222222222222c3d4";
const QString kKeyA = dopool::testkeys::hexKey(u"00112233445566778899aabbccddeeff");
const QString kKeyB = dopool::testkeys::hexKey(u"ffeeddccbbaa99887766554433221100");
} // namespace

class TestCliAccounts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CliRunner m_cli;
    QString m_db;
    int m_case = 0;
    QList<QByteArray> m_secrets{kToken1, kToken2, kKeyA.toLatin1(), kKeyB.toLatin1()};

    CliResult run(const QStringList &args, const QByteArray &in = {})
    {
        CliResult r = m_cli.run(QStringList{QStringLiteral("--db"), m_db} + args, in);
        // No token or key may ever reach stdout or stderr.
        for (const QByteArray &secret : m_secrets) {
            if (r.out.contains(secret) || r.err.contains(secret))
                qFatal("a secret leaked into the output of dopool-cli %s",
                       qPrintable(args.join(u' ')));
        }
        return r;
    }
    QJsonArray listJson()
    {
        const CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("account"), QStringLiteral("list")});
        if (r.exitCode != 0)
            qFatal("account list failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out).array();
    }
    // The token stored for the account called name, decrypted with key (read from the pool
    // file itself, not through dopool-cli); an error text when it cannot be read or opened.
    QString storedToken(const QString &name, const QString &key) const
    {
        dopool::SystemClock clock;
        dopool::StoreOptions options;
        options.url = *dopool::DatabaseUrl::parse(m_db);
        options.clock = &clock;
        const auto opened = dopool::openStore(options);
        if (!opened.store)
            return QStringLiteral("(cannot open the pool: %1)").arg(opened.failure.error.message);
        const auto accounts = opened.store->listAccounts();
        if (!accounts)
            return QStringLiteral("(cannot list: %1)").arg(accounts.error().message);
        for (const dopool::Account &a : *accounts) {
            if (a.name != name)
                continue;
            const auto token = dopool::decryptAccountToken(
                dopool::TokenCipher(*dopool::EncryptionKey::fromHex(key)), a);
            return token ? *token
                         : QStringLiteral("(does not decrypt: %1)").arg(token.error().message);
        }
        return QStringLiteral("(no account %1)").arg(name);
    }
    CliResult add(const QString &name, const QByteArray &token, const QStringList &extra = {})
    {
        return run(QStringList{QStringLiteral("--json"), QStringLiteral("account"),
                               QStringLiteral("add"), QStringLiteral("--name"), name,
                               QStringLiteral("--email"),
                               name.toLower().remove(u' ') + QStringLiteral("@example.com"),
                               QStringLiteral("--token-stdin"), QStringLiteral("--no-verify")} +
                       extra,
                   token + '\n');
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = QStringLiteral("sqlite:") +
               m_dir.filePath(QStringLiteral("pool-%1.sqlite").arg(++m_case));
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
    }

    void version()
    {
        const CliResult r = m_cli.run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().startsWith(QStringLiteral("dopool-cli ")));
    }

    // Known defect 1: an empty pool is 0% used, as the desktop says, not 100%.
    void emptyPoolIsZeroPercent()
    {
        CliResult r = run({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(QStringLiteral("0/0 (0%)")), r.out.constData());
        QVERIFY(!r.outText().contains(QStringLiteral("100%")));
        r = run({QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.outText().contains(QStringLiteral("100%")));
    }

    void addListShowUpdateDelete()
    {
        CliResult r = add(QStringLiteral("Primary"), kToken1, {QStringLiteral("--primary")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject added = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(added.value(QStringLiteral("name")).toString(), QStringLiteral("Primary"));
        QCOMPARE(added.value(QStringLiteral("isPrimary")).toBool(), true);
        QCOMPARE(added.value(QStringLiteral("tokenMasked")).toString(),
                 QStringLiteral("dop_v1_…a1b2"));

        QCOMPARE(add(QStringLiteral("Account 2"), kToken2).exitCode, 0);
        const QJsonArray list = listJson();
        QCOMPARE(list.size(), 2);
        const QJsonObject first = list.at(0).toObject();
        for (const char *field :
             {"id", "name", "email", "dropletLimit", "activeDroplets", "isActive", "isPrimary",
              "healthStatus", "lastHealthCheck", "createdAt", "updatedAt"}) {
            QVERIFY2(first.contains(QLatin1String(field)), field);
        }
        QVERIFY(!first.contains(QStringLiteral("accessToken")));
        QCOMPARE(first.value(QStringLiteral("healthStatus")).toString(), QStringLiteral("UNKNOWN"));
        QCOMPARE(first.value(QStringLiteral("dropletLimit")).toInt(), 25);
        QVERIFY(first.value(QStringLiteral("lastHealthCheck")).isNull());

        r = run({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Account 2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QStringLiteral("dop_v1_…c3d4")));

        r = run({QStringLiteral("--json"), QStringLiteral("account"), QStringLiteral("update"),
                 QStringLiteral("Account 2"), QStringLiteral("--primary"),
                 QStringLiteral("--droplet-limit"), QStringLiteral("50")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray after = listJson();
        int primaries = 0;
        for (const QJsonValue &v : after)
            primaries += v.toObject().value(QStringLiteral("isPrimary")).toBool() ? 1 : 0;
        QCOMPARE(primaries, 1); // the old primary lost its flag in the same transaction
        QCOMPARE(after.at(1).toObject().value(QStringLiteral("dropletLimit")).toInt(), 50);

        r = run({QStringLiteral("account"), QStringLiteral("delete"), QStringLiteral("Primary")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(listJson().size(), 1);
        r = run({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Primary")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QStringLiteral("Primary")));
    }

    void tokenFromEnvironment()
    {
        m_cli.setEnv(QStringLiteral("MY_DO_TOKEN"), QString::fromLatin1(kToken2));
        const CliResult r =
            run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                 QStringLiteral("FromEnv"), QStringLiteral("--email"),
                 QStringLiteral("e@example.com"), QStringLiteral("--token-env"),
                 QStringLiteral("MY_DO_TOKEN"), QStringLiteral("--no-verify")});
        m_cli.unsetEnv(QStringLiteral("MY_DO_TOKEN"));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(listJson().size(), 1);
        // The token stored is the one the variable held, encrypted with the pool's key.
        QCOMPARE(storedToken(QStringLiteral("FromEnv"), kKeyA), QString::fromLatin1(kToken2));
    }

    void rejectedInputWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("stdinData");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList base{QStringLiteral("account"), QStringLiteral("add"),
                               QStringLiteral("--no-verify"), QStringLiteral("--token-stdin")};
        const QStringList email{QStringLiteral("--email"), QStringLiteral("ok@example.com")};
        QTest::newRow("empty name")
            << (base + email + QStringList{QStringLiteral("--name"), QStringLiteral("  ")})
            << (kToken2 + '\n') << 2 << QStringLiteral("name must not be empty");
        QTest::newRow("name too long")
            << (base + email + QStringList{QStringLiteral("--name"), QString(101, u'x')})
            << (kToken2 + '\n') << 2 << QStringLiteral("at most 100");
        QTest::newRow("duplicate name")
            << (base + email + QStringList{QStringLiteral("--name"), QStringLiteral("Existing")})
            << (kToken2 + '\n') << 2 << QStringLiteral("already exists");
        QTest::newRow("bad email")
            << (base + QStringList{QStringLiteral("--name"), QStringLiteral("N"),
                                   QStringLiteral("--email"), QStringLiteral("not-an-email")})
            << (kToken2 + '\n') << 2 << QStringLiteral("not a valid email");
        QTest::newRow("email too long")
            << (base + QStringList{QStringLiteral("--name"), QStringLiteral("N"),
                                   QStringLiteral("--email"),
                                   QString(250, u'a') + QStringLiteral("@example.com")})
            << (kToken2 + '\n') << 2 << QStringLiteral("at most 255");
        QTest::newRow("token with space")
            << (base + email + QStringList{QStringLiteral("--name"), QStringLiteral("N")})
            << QByteArray("dop_v1_abc def\n") << 2 << QStringLiteral("white space");
        QTest::newRow("no token on stdin")
            << (base + email + QStringList{QStringLiteral("--name"), QStringLiteral("N")})
            << QByteArray() << 2 << QStringLiteral("no token");
        QTest::newRow("token on argv")
            << QStringList{QStringLiteral("account"), QStringLiteral("add"),
                           QStringLiteral("--name"),  QStringLiteral("N"),
                           QStringLiteral("--token"), QStringLiteral("dop_v1_x")}
            << QByteArray() << 2 << QStringLiteral("never accepted on the command line");
        QTest::newRow("unknown option") << (base + QStringList{QStringLiteral("--frobnicate")})
                                        << QByteArray() << 2 << QStringLiteral("unknown option");
        QTest::newRow("no email without verify")
            << (base + QStringList{QStringLiteral("--name"), QStringLiteral("N")})
            << (kToken2 + '\n') << 2 << QStringLiteral("--email");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QByteArray() << 2 << QStringLiteral("unknown command");
        QTest::newRow("bad droplet limit")
            << (base + email +
                QStringList{QStringLiteral("--name"), QStringLiteral("N"),
                            QStringLiteral("--droplet-limit"), QStringLiteral("0")})
            << (kToken2 + '\n') << 2 << QStringLiteral("droplet limit");
        QTest::newRow("update nothing")
            << QStringList{QStringLiteral("account"), QStringLiteral("update"),
                           QStringLiteral("Existing")}
            << QByteArray() << 2 << QStringLiteral("nothing to change");
        QTest::newRow("update unknown account")
            << QStringList{QStringLiteral("account"), QStringLiteral("update"),
                           QStringLiteral("Nope"), QStringLiteral("--inactive")}
            << QByteArray() << 2 << QStringLiteral("Nope");
        QTest::newRow("bad api base")
            << QStringList{QStringLiteral("--api-base"), QStringLiteral("http://example.com"),
                           QStringLiteral("account"), QStringLiteral("list")}
            << QByteArray() << 2 << QStringLiteral("https");
    }

    void rejectedInputWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, stdinData);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QCOMPARE(add(QStringLiteral("Existing"), kToken1).exitCode, 0);
        const QByteArray before = QJsonDocument(listJson()).toJson();

        const CliResult r = run(args, stdinData);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.errText().contains(message), qPrintable(r.errText()));
        QCOMPARE(r.errText().count(u'\n'), 1); // one clear line
        QCOMPARE(QJsonDocument(listJson()).toJson(), before);
    }

    void jsonErrorDocument()
    {
        const CliResult r = run({QStringLiteral("--json"), QStringLiteral("account"),
                                 QStringLiteral("show"), QStringLiteral("nobody")});
        QCOMPARE(r.exitCode, 2);
        const QJsonObject error =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("not-found"));
        QCOMPARE(error.value(QStringLiteral("exitCode")).toInt(), 2);
    }

    void malformedKeyRefusedByEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("key");
        const QString shortKey = QStringLiteral("abcd");
        const QString nonHex = QString(64, u'z');
        QTest::newRow("list/short")
            << QStringList{QStringLiteral("account"), QStringLiteral("list")} << shortKey;
        QTest::newRow("list/non-hex")
            << QStringList{QStringLiteral("account"), QStringLiteral("list")} << nonHex;
        QTest::newRow("show") << QStringList{QStringLiteral("account"), QStringLiteral("show"),
                                             QStringLiteral("x")}
                              << shortKey;
        QTest::newRow("delete") << QStringList{QStringLiteral("account"), QStringLiteral("delete"),
                                               QStringLiteral("x")}
                                << shortKey;
        QTest::newRow("import-env")
            << QStringList{QStringLiteral("import-env"), QStringLiteral("--no-verify")} << shortKey;
        QTest::newRow("key fingerprint")
            << QStringList{QStringLiteral("key"), QStringLiteral("fingerprint")} << QString();
    }

    void malformedKeyRefusedByEveryCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, key);
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), key);
        const CliResult r = run(args);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.errText().contains(QStringLiteral("ENCRYPTION_KEY is malformed")),
                 qPrintable(r.errText()));
        QVERIFY(!QFileInfo::exists(m_db.mid(7))); // refused before the store was even opened
    }

    void wrongKeyRefusedAndWritesNothing()
    {
        QCOMPARE(add(QStringLiteral("A"), kToken1).exitCode, 0);
        const QByteArray before = QJsonDocument(listJson()).toJson();
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        for (const QStringList &args :
             {QStringList{QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("A")},
              QStringList{QStringLiteral("account"), QStringLiteral("delete"), QStringLiteral("A")},
              QStringList{QStringLiteral("account"), QStringLiteral("update"), QStringLiteral("A"),
                          QStringLiteral("--inactive")}}) {
            const CliResult r = run(args);
            QCOMPARE(r.exitCode, 6);
            QVERIFY2(r.errText().contains(QStringLiteral("not the pool's key")),
                     qPrintable(r.errText()));
        }
        CliResult r = add(QStringLiteral("B"), kToken2);
        QCOMPARE(r.exitCode, 6);
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyA);
        QCOMPARE(QJsonDocument(listJson()).toJson(), before);
    }

    void importEnvOnce()
    {
        m_cli.setEnv(QStringLiteral("DO_ACCESS_TOKEN"), QString::fromLatin1(kToken1));
        const QStringList args{QStringLiteral("--json"), QStringLiteral("import-env"),
                               QStringLiteral("--no-verify"), QStringLiteral("--email"),
                               QStringLiteral("ops@example.com")};
        CliResult r = run(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("imported")).toBool(),
                 true);
        const QByteArray afterFirst = QJsonDocument(listJson()).toJson();
        r = run(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("imported")).toBool(),
                 false);
        QCOMPARE(QJsonDocument(listJson()).toJson(), afterFirst);
        const QJsonObject account = listJson().at(0).toObject();
        QCOMPARE(account.value(QStringLiteral("isPrimary")).toBool(), true);
        QCOMPARE(account.value(QStringLiteral("name")).toString(), QStringLiteral("Primary"));
        m_cli.unsetEnv(QStringLiteral("DO_ACCESS_TOKEN"));
        r = run({QStringLiteral("import-env"), QStringLiteral("--no-verify")});
        QCOMPARE(r.exitCode, 2);
    }

    void rotateKey()
    {
        QCOMPARE(add(QStringLiteral("A"), kToken1).exitCode, 0);
        QCOMPARE(add(QStringLiteral("B"), kToken2).exitCode, 0);
        m_cli.setEnv(QStringLiteral("NEW_KEY"), kKeyB);
        CliResult r = run({QStringLiteral("--json"), QStringLiteral("rotate-key"),
                           QStringLiteral("--new-key-env"), QStringLiteral("NEW_KEY")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("rotated")).toInt(),
                 2);
        // The old key is now refused; the new one opens every token.
        r = run({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("A")});
        QCOMPARE(r.exitCode, 6);
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        r = run({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("B")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QStringLiteral("dop_v1_…c3d4")));
        // Rotating to the key in use is refused; a malformed new key too.
        r = run({QStringLiteral("rotate-key"), QStringLiteral("--new-key-env"),
                 QStringLiteral("NEW_KEY")});
        QCOMPARE(r.exitCode, 2);
        m_cli.setEnv(QStringLiteral("NEW_KEY"), QStringLiteral("1234"));
        r = run({QStringLiteral("rotate-key"), QStringLiteral("--new-key-env"),
                 QStringLiteral("NEW_KEY")});
        QCOMPARE(r.exitCode, 6);
        m_cli.unsetEnv(QStringLiteral("NEW_KEY"));
    }

    void keyFingerprint()
    {
        QCOMPARE(add(QStringLiteral("A"), kToken1).exitCode, 0);
        CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("key"), QStringLiteral("fingerprint")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(QStringLiteral("source")).toString(), QStringLiteral("environment"));
        QCOMPARE(doc.value(QStringLiteral("fingerprint")).toString(),
                 doc.value(QStringLiteral("poolFingerprint")).toString());
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{4}(-[0-9a-f]{4}){3}$"))
                    .match(doc.value(QStringLiteral("fingerprint")).toString())
                    .hasMatch());
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKeyB);
        r = run({QStringLiteral("key"), QStringLiteral("fingerprint")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY(r.errText().contains(doc.value(QStringLiteral("fingerprint")).toString()));
    }

    void storeErrors()
    {
        CliResult r = m_cli.run({QStringLiteral("--db"), QStringLiteral("mysql://x"),
                                 QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 2);
        r = m_cli.run({QStringLiteral("--db"),
                       QStringLiteral("postgresql://u:secretpw@127.0.0.1/db"),
                       QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.errText().contains(QStringLiteral("secretpw")));
        // A directory where the database file should be.
        r = m_cli.run({QStringLiteral("--db"), QStringLiteral("sqlite:") + m_dir.path(),
                       QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 5);
        QCOMPARE(r.errText().count(u'\n'), 1);
    }

    void databaseFileIsPrivate()
    {
        QCOMPARE(add(QStringLiteral("A"), kToken1).exitCode, 0);
        const QFileInfo info(m_db.mid(7));
        QCOMPARE(int(info.permissions() &
                     (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cliaccounts.moc"
