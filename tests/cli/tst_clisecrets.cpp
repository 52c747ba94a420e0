// A secret pasted where a name belongs is never echoed: a DigitalOcean token and a 64-hex pool
// key fed to every option and position of dopool-cli that takes a name (variable names, account
// ids and names, order ids, e-mail, fingerprints, commands), with and without --json; neither
// may appear in stdout, stderr or the JSON document, and the command must fail cleanly.
#include "CliRunner.h"
#include "TestKeys.h"

#include <QTemporaryDir>
#include <QTest>

namespace {
// Made up in DigitalOcean's shape: never a real token.
const QString kToken = dopool::testkeys::doToken(u"9a8b7c6d5e4f30211203f4e5d6c7b8a9");
const QString kKey = dopool::testkeys::hexKey(u"c0ffee00");
const QString kPoolKey = dopool::testkeys::hexKey(u"12345678");
const QString kSecret = QStringLiteral("@SECRET@");
} // namespace

class TestCliSecrets : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    CliRunner m_cli;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kPoolKey);
        // Nothing may reach DigitalOcean: a closed loopback port.
        m_cli.setEnv(QStringLiteral("DOPOOL_API_BASE"), QStringLiteral("http://127.0.0.1:9"));
        m_cli.setEnv(QStringLiteral("DO_ACCESS_TOKEN"), kToken.left(20) + QStringLiteral("0000"));
        m_cli.setEnv(QStringLiteral("DOPOOL_DB"),
                     QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("pool.sqlite")));
        // One real account, so look-ups by a wrong name fail for the right reason.
        const CliResult added = m_cli.run(
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("Real"), QStringLiteral("--email"), QStringLiteral("r@example.com"),
             QStringLiteral("--no-verify"), QStringLiteral("--token-stdin")},
            "dop_v1_00000000000000000000000000000000000000000000000000000000000000aa\n");
        QVERIFY2(added.exitCode == 0, added.err.constData());
    }

    void neverEchoed_data()
    {
        QTest::addColumn<QStringList>("args");
        const auto row = [](const char *name, QStringList args) {
            QTest::newRow(name) << args;
        };
        const QString s = kSecret;
        row("unknown command", {s});
        row("unknown sub-command", {QStringLiteral("account"), s});
        row("unknown option",
            {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--") + s});
        row("stray argument", {QStringLiteral("account"), QStringLiteral("list"), s});
        row("stray argument after a command", {QStringLiteral("status"), s});
        row("account add --name", {QStringLiteral("account"), QStringLiteral("add"),
                                   QStringLiteral("--name"), s, QStringLiteral("--no-verify"),
                                   QStringLiteral("--email"), QStringLiteral("a@example.com"),
                                   QStringLiteral("--token-env"), QStringLiteral("NOPE")});
        row("account add --email",
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("A"), QStringLiteral("--email"), s, QStringLiteral("--token-env"),
             QStringLiteral("NOPE")});
        row("account add --token-env",
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("A"), QStringLiteral("--email"), QStringLiteral("a@example.com"),
             QStringLiteral("--no-verify"), QStringLiteral("--token-env"), s});
        row("account add --token-env=",
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("A"), QStringLiteral("--no-verify"), QStringLiteral("--email"),
             QStringLiteral("a@example.com"), QStringLiteral("--token-env=") + s});
        row("account add --droplet-limit",
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("A"), QStringLiteral("--droplet-limit"), s});
        row("account show ID|NAME", {QStringLiteral("account"), QStringLiteral("show"), s});
        row("account delete ID|NAME", {QStringLiteral("account"), QStringLiteral("delete"), s});
        row("account update ID|NAME", {QStringLiteral("account"), QStringLiteral("update"), s,
                                       QStringLiteral("--email"), QStringLiteral("b@example.com")});
        row("account update --name", {QStringLiteral("account"), QStringLiteral("update"),
                                      QStringLiteral("Real"), QStringLiteral("--name"), s});
        row("account update --token-env",
            {QStringLiteral("account"), QStringLiteral("update"), QStringLiteral("Real"),
             QStringLiteral("--token-env"), s});
        row("sync ID|NAME", {QStringLiteral("sync"), s});
        row("health ID|NAME", {QStringLiteral("health"), s});
        row("audit --account", {QStringLiteral("audit"), QStringLiteral("--account"), s});
        row("tasks --limit", {QStringLiteral("tasks"), QStringLiteral("--limit"), s});
        row("alerts --limit", {QStringLiteral("alerts"), QStringLiteral("--limit"), s});
        row("import-env --name",
            {QStringLiteral("import-env"), QStringLiteral("--no-verify"), QStringLiteral("--email"),
             QStringLiteral("a@example.com"), QStringLiteral("--name"), s});
        row("import-env --email", {QStringLiteral("import-env"), QStringLiteral("--no-verify"),
                                   QStringLiteral("--email"), s});
        row("key import --key-env",
            {QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("--key-env"), s});
        row("key forget FINGERPRINT", {QStringLiteral("key"), QStringLiteral("forget"), s});
        row("rotate-key --new-key-env",
            {QStringLiteral("rotate-key"), QStringLiteral("--new-key-env"), s});
        row("db password --password-env", {QStringLiteral("db"), QStringLiteral("password"),
                                           QStringLiteral("--password-env"), s});
        row("serve --sync-interval",
            {QStringLiteral("serve"), QStringLiteral("--sync-interval"), s});
        row("provision --order-id", {QStringLiteral("provision"), QStringLiteral("--order-id"), s});
        row("provision --region", {QStringLiteral("provision"), QStringLiteral("--order-id"),
                                   QStringLiteral("order-1"), QStringLiteral("--region"), s});
    }

    void neverEchoed()
    {
        QFETCH(QStringList, args);
        for (const QString &secret : {kToken, kKey}) {
            for (const bool json : {false, true}) {
                QStringList line = json ? QStringList{QStringLiteral("--json")} : QStringList();
                for (const QString &arg : args)
                    line << QString(arg).replace(kSecret, secret);
                const CliResult r = m_cli.run(line);
                const QString what =
                    QStringLiteral("%1 (%2%3)")
                        .arg(QString::fromLatin1(QTest::currentDataTag()),
                             secret == kToken ? QStringLiteral("token") : QStringLiteral("key"),
                             json ? QStringLiteral(", --json") : QString());
                QVERIFY2(!r.crashed, qPrintable(what));
                QVERIFY2(r.exitCode != 0, qPrintable(what + QStringLiteral(" succeeded")));
                for (const QString &part : {secret, secret.mid(7, 40), secret.right(24)}) {
                    QVERIFY2(!r.out.contains(part.toLatin1()),
                             qPrintable(what + QStringLiteral(": stdout: ") + r.outText()));
                    QVERIFY2(!r.err.contains(part.toLatin1()),
                             qPrintable(what + QStringLiteral(": stderr: ") + r.errText()));
                }
                QVERIFY2(!r.err.isEmpty(), qPrintable(what + QStringLiteral(": no message")));
            }
        }
        // Nothing was written: the pool still holds only the real account.
        const CliResult list = m_cli.run(
            {QStringLiteral("--json"), QStringLiteral("account"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.outText().count(QStringLiteral("\"id\"")), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliSecrets)
#include "tst_clisecrets.moc"
