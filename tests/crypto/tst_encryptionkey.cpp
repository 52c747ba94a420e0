#include "VerifyOk.h"
#include "crypto/EncryptionKey.h"

#include <QRegularExpression>
#include <QTest>

using namespace dopool;

namespace {

const QString SequentialKeyHex =
    QStringLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

} // namespace

class TestEncryptionKey : public QObject
{
    Q_OBJECT

private slots:
    void fromHexAccepts_data();
    void fromHexAccepts();
    void fromHexRejects_data();
    void fromHexRejects();
    void fromBytesRejectsWrongSize();
    void fingerprintKnownVector();
    void fingerprintFormatAndStability();
    void generateGivesDistinctValidKeys();
};

void TestEncryptionKey::fromHexAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("lower-case") << SequentialKeyHex;
    QTest::newRow("upper-case") << SequentialKeyHex.toUpper();
    QTest::newRow("surrounding white space")
        << QString(QStringLiteral("  \t") + SequentialKeyHex + QStringLiteral("\r\n"));
}

void TestEncryptionKey::fromHexAccepts()
{
    QFETCH(QString, input);
    const Result<EncryptionKey> key = EncryptionKey::fromHex(input);
    DOPOOL_VERIFY_OK(key);
    QVERIFY(key->isValid());
    QCOMPARE(key->bytes().size(), 32);
    QCOMPARE(key->bytes().at(31), char(0x1f));
    QCOMPARE(key->toHex(), SequentialKeyHex);
}

void TestEncryptionKey::fromHexRejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedMessagePart");
    const QString lengthMessage = QStringLiteral("must be 64 hexadecimal characters (32 bytes)");
    const QString hexMessage = QStringLiteral("only hexadecimal characters");
    QTest::newRow("empty") << QString() << QStringLiteral("got 0 characters");
    QTest::newRow("63 chars") << SequentialKeyHex.left(63) << QStringLiteral("got 63 characters");
    QTest::newRow("65 chars") << QString(SequentialKeyHex + u'a')
                              << QStringLiteral("got 65 characters");
    QTest::newRow("inner space") << QString(SequentialKeyHex.left(31) + u' ' +
                                            SequentialKeyHex.mid(32))
                                 << hexMessage;
    QTest::newRow("non-hex letter") << QString(u'g' + SequentialKeyHex.mid(1)) << hexMessage;
    QTest::newRow("0x prefix") << QString(QStringLiteral("0x") + SequentialKeyHex.mid(2))
                               << hexMessage;
    QTest::newRow("non-ASCII") << QString(QChar(0x00e9) + SequentialKeyHex.mid(1)) << hexMessage;
    QTest::newRow("length wins") << QStringLiteral("zz") << lengthMessage;
}

void TestEncryptionKey::fromHexRejects()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedMessagePart);
    const Result<EncryptionKey> key = EncryptionKey::fromHex(input);
    QVERIFY(!key.ok());
    QCOMPARE(key.error().kind, ErrorKind::Crypto);
    QVERIFY2(key.error().message.contains(expectedMessagePart), qPrintable(key.error().message));
    // The value must never be echoed, not even a recognisable slice of it.
    if (input.size() >= 8)
        QVERIFY(!key.error().message.contains(input.trimmed().mid(2, 6), Qt::CaseInsensitive));
}

void TestEncryptionKey::fromBytesRejectsWrongSize()
{
    QTest::ignoreMessage(QtWarningMsg, "rejected an encryption key of 31 bytes");
    QVERIFY(!EncryptionKey::fromBytes(QByteArray(31, 'x')).isValid());
    QTest::ignoreMessage(QtWarningMsg, "rejected an encryption key of 33 bytes");
    QVERIFY(!EncryptionKey::fromBytes(QByteArray(33, 'x')).isValid());
    QVERIFY(EncryptionKey::fromBytes(QByteArray(32, 'x')).isValid());
    QVERIFY(!EncryptionKey().isValid());
    QCOMPARE(EncryptionKey().fingerprint(), QString());
}

void TestEncryptionKey::fingerprintKnownVector()
{
    // Pinned from Node: sha256("dopool key check v1" || key).slice(0, 8). Changing it would
    // make every existing pool's key check value disagree with its key.
    const Result<EncryptionKey> key = EncryptionKey::fromHex(SequentialKeyHex);
    QVERIFY(key.ok());
    QCOMPARE(key->fingerprint(), QStringLiteral("de83-4055-6fec-a19c"));
}

void TestEncryptionKey::fingerprintFormatAndStability()
{
    const Result<EncryptionKey> a = EncryptionKey::generate();
    const Result<EncryptionKey> b = EncryptionKey::generate();
    QVERIFY(a.ok() && b.ok());
    static const QRegularExpression format(QStringLiteral("^[0-9a-f]{4}(-[0-9a-f]{4}){3}$"));
    QVERIFY2(format.match(a->fingerprint()).hasMatch(), qPrintable(a->fingerprint()));
    QCOMPARE(a->fingerprint(), a->fingerprint());
    QCOMPARE(EncryptionKey::fromBytes(a->bytes()).fingerprint(), a->fingerprint());
    QVERIFY(a->fingerprint() != b->fingerprint());
    const QString compact = a->fingerprint().remove(u'-');
    QVERIFY(!a->toHex().contains(compact));
}

void TestEncryptionKey::generateGivesDistinctValidKeys()
{
    const Result<EncryptionKey> a = EncryptionKey::generate();
    const Result<EncryptionKey> b = EncryptionKey::generate();
    QVERIFY(a.ok() && b.ok());
    QVERIFY(a->isValid());
    QVERIFY(b->isValid());
    QVERIFY(a.value() != b.value());
    QVERIFY(a->bytes() != QByteArray(32, '\0'));
    // The hex form is what the keychain stores: it must read back as the same key.
    const Result<EncryptionKey> reread = EncryptionKey::fromHex(a->toHex());
    QVERIFY(reread.ok());
    QCOMPARE(reread.value(), a.value());
    QCOMPARE(a->toHex(), a->toHex().toLower());
}

QTEST_GUILESS_MAIN(TestEncryptionKey)
#include "tst_encryptionkey.moc"
