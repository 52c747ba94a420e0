#include "TestKeys.h"
#include "VerifyOk.h"
#include "crypto/TokenCipher.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace dopool;

namespace {

const QString KeyHex =
    QStringLiteral("8f3a1c0e5b7d294f6a1e3c5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f");
const QString OtherKeyHex = testkeys::kSequentialKeyHex;

struct NodeRun
{
    int exitCode = -1;
    QStringList lines; // "ok:<value>" or "error:<message>", one per input
};

} // namespace

class TestNodeInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nodeDecryptsOurs();
    void weDecryptNodes();
    void wrongKeyFailsBothWays();

private:
    static QStringList plaintexts();
    NodeRun runNode(const QString &mode, const QString &keyHex, const QStringList &inputs) const;

    QString m_node;
    QString m_script;
};

QStringList TestNodeInterop::plaintexts()
{
    return {
        QStringLiteral("hello"),
        QString(),
        QStringLiteral("Grüße, 世界 🔑"),
        // Made up in DigitalOcean's shape: never a real token.
        QStringLiteral("dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        QStringLiteral("with: colons: inside"),
    };
}

void TestNodeInterop::initTestCase()
{
    m_script = QStringLiteral(DOPOOL_TEST_SOURCE_DIR "/support/node/encryption_service.js");
    QVERIFY2(QFileInfo::exists(m_script), qPrintable(m_script));
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (m_node.isEmpty()) {
        if (qEnvironmentVariable("DOPOOL_REQUIRE_NODE") == u"1")
            QFAIL("node is not on PATH and DOPOOL_REQUIRE_NODE=1");
        QSKIP("node is not on PATH: Node interoperability not checked (set DOPOOL_REQUIRE_NODE=1 "
              "to make this a failure)");
    }
}

NodeRun TestNodeInterop::runNode(const QString &mode, const QString &keyHex,
                                 const QStringList &inputs) const
{
    QProcess node;
    // The key travels in the environment, as in the order-service, never on a command line.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ENCRYPTION_KEY"), keyHex);
    node.setProcessEnvironment(env);
    node.start(m_node, {m_script, mode});
    NodeRun run;
    if (!node.waitForStarted(10000)) {
        qWarning("node did not start: %s", qPrintable(node.errorString()));
        return run;
    }
    QByteArray input;
    for (const QString &line : inputs)
        input += line.toUtf8() + '\n';
    node.write(input);
    node.closeWriteChannel();
    if (!node.waitForFinished(30000)) {
        node.kill();
        node.waitForFinished(5000);
        qWarning("node did not finish in 30 s");
        return run;
    }
    const QByteArray err = node.readAllStandardError();
    if (!err.isEmpty())
        qWarning("node stderr: %s", err.constData());
    run.exitCode = node.exitStatus() == QProcess::NormalExit ? node.exitCode() : -1;
    QString out = QString::fromUtf8(node.readAllStandardOutput());
    if (out.endsWith(u'\n'))
        out.chop(1);
    run.lines = out.split(u'\n');
    return run;
}

void TestNodeInterop::nodeDecryptsOurs()
{
    const TokenCipher cipher(EncryptionKey::fromHex(KeyHex).value());
    QStringList sealed;
    for (const QString &plain : plaintexts()) {
        const Result<QString> c = cipher.encrypt(plain);
        QVERIFY(c.ok());
        sealed << *c;
    }
    const NodeRun run = runNode(QStringLiteral("decrypt"), KeyHex, sealed);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), plaintexts().size());
    for (qsizetype i = 0; i < run.lines.size(); ++i)
        QCOMPARE(run.lines.at(i), QString(u"ok:" + plaintexts().at(i)));
}

void TestNodeInterop::weDecryptNodes()
{
    const NodeRun run = runNode(QStringLiteral("encrypt"), KeyHex, plaintexts());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), plaintexts().size());
    const TokenCipher cipher(EncryptionKey::fromHex(KeyHex).value());
    for (qsizetype i = 0; i < run.lines.size(); ++i) {
        QVERIFY2(run.lines.at(i).startsWith(u"ok:"), qPrintable(run.lines.at(i)));
        const Result<QString> opened = cipher.decrypt(run.lines.at(i).mid(3));
        DOPOOL_VERIFY_OK(opened);
        QCOMPARE(*opened, plaintexts().at(i));
    }
}

void TestNodeInterop::wrongKeyFailsBothWays()
{
    const QString plain = plaintexts().at(3);
    const Result<QString> ours = TokenCipher(EncryptionKey::fromHex(KeyHex).value()).encrypt(plain);
    QVERIFY(ours.ok());
    const NodeRun nodeOpens = runNode(QStringLiteral("decrypt"), OtherKeyHex, {*ours});
    QCOMPARE(nodeOpens.exitCode, 1);
    QCOMPARE(nodeOpens.lines.size(), 1);
    QVERIFY2(nodeOpens.lines.at(0).startsWith(u"error:"), qPrintable(nodeOpens.lines.at(0)));

    const NodeRun nodeSeals = runNode(QStringLiteral("encrypt"), KeyHex, {plain});
    QCOMPARE(nodeSeals.exitCode, 0);
    QCOMPARE(nodeSeals.lines.size(), 1);
    const TokenCipher wrong(EncryptionKey::fromHex(OtherKeyHex).value());
    const Result<QString> opened = wrong.decrypt(nodeSeals.lines.at(0).mid(3));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Crypto);
    QVERIFY(!opened.error().message.contains(plain));
}

QTEST_GUILESS_MAIN(TestNodeInterop)
#include "tst_nodeinterop.moc"
