#include "TestKeys.h"
#include "VerifyOk.h"
#include "crypto/TokenCipher.h"

#include <QRegularExpression>
#include <QTest>

using namespace dopool;

namespace {

const QString KeyHex = testkeys::kSequentialKeyHex;
const QString OtherKeyHex =
    QStringLiteral("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
const QByteArray FixedIv = QByteArray::fromHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");
// A made-up token in DigitalOcean's shape: never put a real one in a test.
const QString FakeToken =
    QStringLiteral("dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
const QString AuthFailure = QStringLiteral("the token could not be decrypted: wrong encryption "
                                           "key or the stored ciphertext was altered");
const QString MalformedPrefix = QStringLiteral("the stored token ciphertext is malformed");

TokenCipher cipherFor(const QString &hex)
{
    return TokenCipher(EncryptionKey::fromHex(hex).value());
}

QString flipLowBit(QString ciphertext, qsizetype hexPos)
{
    const int nibble = QStringView(ciphertext).mid(hexPos, 1).toInt(nullptr, 16) ^ 1;
    ciphertext[hexPos] = QString::number(nibble, 16).at(0);
    return ciphertext;
}

// A secret may not leak through an error message, in either hex case.
void verifyNoSecretIn(const QString &message, const QString &plaintext)
{
    QVERIFY2(!message.contains(KeyHex, Qt::CaseInsensitive), qPrintable(message));
    if (!plaintext.isEmpty())
        QVERIFY2(!message.contains(plaintext), qPrintable(message));
}

} // namespace

class TestTokenCipher : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void knownAnswer_data();
    void knownAnswer();
    void randomIvsDiffer();
    void rejectsWrongIvSizeOnEncrypt();
    void tamperedFailsAuthentication_data();
    void tamperedFailsAuthentication();
    void wrongKeyFailsAuthentication();
    void malformedIsDistinct_data();
    void malformedIsDistinct();
    void invalidUtf8Plaintext_data();
    void invalidUtf8Plaintext();
    void invalidKeyRefuses();
};

void TestTokenCipher::roundTrip_data()
{
    QTest::addColumn<QString>("plaintext");
    QTest::newRow("ascii") << QStringLiteral("hello, pool");
    QTest::newRow("empty") << QString();
    QTest::newRow("unicode") << QStringLiteral("Grüße, 世界 🔑");
    QTest::newRow("leading BOM") << QString(QChar(0xfeff) + QStringLiteral("bom"));
    QTest::newRow("fake token") << FakeToken;
    QString longText;
    for (int i = 0; longText.size() < 4096; ++i)
        longText += QString::number(i, 36);
    QTest::newRow("long 4 KB") << longText.left(4096);
}

void TestTokenCipher::roundTrip()
{
    QFETCH(QString, plaintext);
    const TokenCipher cipher = cipherFor(KeyHex);
    const Result<QString> sealed = cipher.encrypt(plaintext);
    QVERIFY(sealed.ok());
    static const QRegularExpression format(QStringLiteral("^[0-9a-f]{32}:[0-9a-f]{32}:[0-9a-f]*$"));
    QVERIFY2(format.match(*sealed).hasMatch(), qPrintable(*sealed));
    QCOMPARE(sealed->section(u':', 2).size(), plaintext.toUtf8().size() * 2);
    const Result<QString> opened = cipher.decrypt(*sealed);
    DOPOOL_VERIFY_OK(opened);
    QCOMPARE(*opened, plaintext);
}

void TestTokenCipher::knownAnswer_data()
{
    // Computed once with Node's crypto.createCipheriv('aes-256-gcm', key, iv) using KeyHex
    // and FixedIv: proves byte-for-byte compatibility with the order-service.
    QTest::addColumn<QString>("plaintext");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fake token")
        << FakeToken
        << QStringLiteral("f0e1d2c3b4a5968778695a4b3c2d1e0f:a38636c25c81ae9a4e15e3578cb4ebc9:"
                          "673265dddd8b06e08fe65aee2e4224c0fb1e3a715f701fb248074c830da2ecf7da8c"
                          "ebb3db69517912fcf19eb45ac7b7f613f2c22c6a8eb7bd703999a64b83b93608f406"
                          "fd98f5");
    QTest::newRow("unicode") << QStringLiteral("Grüße, 世界 🔑")
                             << QStringLiteral("f0e1d2c3b4a5968778695a4b3c2d1e0f:"
                                               "c8a8c53d70f9c6ada82a1d27c51f0acc:"
                                               "442fd63e68253cfc9e30d14cfce19fd832e0cc83");
    QTest::newRow("empty") << QString()
                           << QStringLiteral("f0e1d2c3b4a5968778695a4b3c2d1e0f:"
                                             "7de5fbd40a8d10abababd576c9b667cd:");
}

void TestTokenCipher::knownAnswer()
{
    QFETCH(QString, plaintext);
    QFETCH(QString, expected);
    const TokenCipher cipher = cipherFor(KeyHex);
    const Result<QString> sealed = cipher.encryptWithIv(plaintext, FixedIv);
    QVERIFY(sealed.ok());
    QCOMPARE(*sealed, expected);

    const Result<QString> opened = cipher.decrypt(expected);
    QVERIFY(opened.ok());
    QCOMPARE(*opened, plaintext);
    const Result<QString> fromUpper = cipher.decrypt(expected.toUpper());
    QVERIFY(fromUpper.ok());
    QCOMPARE(*fromUpper, plaintext);
}

void TestTokenCipher::randomIvsDiffer()
{
    const TokenCipher cipher = cipherFor(KeyHex);
    const Result<QString> a = cipher.encrypt(FakeToken);
    const Result<QString> b = cipher.encrypt(FakeToken);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a != *b);
    QVERIFY(a->section(u':', 0, 0) != b->section(u':', 0, 0));
}

void TestTokenCipher::rejectsWrongIvSizeOnEncrypt()
{
    const TokenCipher cipher = cipherFor(KeyHex);
    const Result<QString> sealed = cipher.encryptWithIv(FakeToken, FixedIv.left(12));
    QVERIFY(!sealed.ok());
    QCOMPARE(sealed.error().kind, ErrorKind::Crypto);
    verifyNoSecretIn(sealed.error().message, FakeToken);
}

void TestTokenCipher::tamperedFailsAuthentication_data()
{
    QTest::addColumn<QString>("ciphertext");
    const QString good = cipherFor(KeyHex).encryptWithIv(FakeToken, FixedIv).value();
    QVERIFY(cipherFor(KeyHex).decrypt(good).ok());
    QTest::newRow("iv bit") << flipLowBit(good, 0);
    QTest::newRow("tag bit") << flipLowBit(good, 33 + 31);
    QTest::newRow("ciphertext bit") << flipLowBit(good, 66 + 10);
    QTest::newRow("ciphertext truncated") << good.chopped(2);
    QTest::newRow("ciphertext extended") << QString(good + QStringLiteral("00"));
    QTest::newRow("ciphertext removed") << QString(good.section(u':', 0, 1) + u':');
}

void TestTokenCipher::tamperedFailsAuthentication()
{
    QFETCH(QString, ciphertext);
    const Result<QString> opened = cipherFor(KeyHex).decrypt(ciphertext);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Crypto);
    QCOMPARE(opened.error().message, AuthFailure);
    verifyNoSecretIn(opened.error().message, FakeToken);
}

void TestTokenCipher::wrongKeyFailsAuthentication()
{
    const Result<QString> sealed = cipherFor(KeyHex).encrypt(FakeToken);
    QVERIFY(sealed.ok());
    const Result<QString> opened = cipherFor(OtherKeyHex).decrypt(*sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Crypto);
    QCOMPARE(opened.error().message, AuthFailure);
    verifyNoSecretIn(opened.error().message, FakeToken);
    QVERIFY(!opened.error().message.contains(OtherKeyHex, Qt::CaseInsensitive));
}

void TestTokenCipher::malformedIsDistinct_data()
{
    QTest::addColumn<QString>("ciphertext");
    const QString good = cipherFor(KeyHex).encryptWithIv(FakeToken, FixedIv).value();
    const QString iv = good.section(u':', 0, 0);
    const QString tag = good.section(u':', 1, 1);
    const QString body = good.section(u':', 2, 2);
    QTest::newRow("empty string") << QString();
    QTest::newRow("2 fields") << QString(iv + u':' + tag);
    QTest::newRow("4 fields") << QString(good + QStringLiteral(":00"));
    QTest::newRow("non-hex iv") << QString(u'g' + good.mid(1));
    QTest::newRow("non-hex body") << QString(iv + u':' + tag + u':' + u'z' + body.mid(1));
    QTest::newRow("odd-length body") << good.chopped(1);
    QTest::newRow("space in tag") << QString(iv + u':' + u' ' + tag.mid(1) + u':' + body);
    QTest::newRow("12-byte iv") << QString(iv.left(24) + u':' + tag + u':' + body);
    QTest::newRow("short tag") << QString(iv + u':' + tag.left(30) + u':' + body);
    QTest::newRow("empty iv") << QString(u':' + tag + u':' + body);
}

void TestTokenCipher::malformedIsDistinct()
{
    QFETCH(QString, ciphertext);
    const Result<QString> opened = cipherFor(KeyHex).decrypt(ciphertext);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Crypto);
    QVERIFY2(opened.error().message.startsWith(MalformedPrefix),
             qPrintable(opened.error().message));
    QVERIFY(opened.error().message != AuthFailure);
    verifyNoSecretIn(opened.error().message, FakeToken);
    if (!ciphertext.isEmpty())
        QVERIFY(!opened.error().message.contains(ciphertext));
}

void TestTokenCipher::invalidUtf8Plaintext_data()
{
    // Node-sealed byte strings (KeyHex, FixedIv) that are not UTF-8: Node would decode them
    // to U+FFFD; we refuse rather than hand back a silently altered token.
    QTest::addColumn<QString>("ciphertext");
    QTest::newRow("ff fe 41") << QStringLiteral(
        "f0e1d2c3b4a5968778695a4b3c2d1e0f:34dd410423c2584143bc5e32e28e9e19:fca354");
    QTest::newRow("truncated sequence") << QStringLiteral(
        "f0e1d2c3b4a5968778695a4b3c2d1e0f:f663207a5adb218728e76da7f1fa7a87:42bf97");
}

void TestTokenCipher::invalidUtf8Plaintext()
{
    QFETCH(QString, ciphertext);
    const Result<QString> opened = cipherFor(KeyHex).decrypt(ciphertext);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Crypto);
    QVERIFY(opened.error().message.contains(QStringLiteral("UTF-8")));
    QVERIFY(opened.error().message != AuthFailure);
    QVERIFY(!opened.error().message.startsWith(MalformedPrefix));
}

void TestTokenCipher::invalidKeyRefuses()
{
    const TokenCipher cipher{EncryptionKey()};
    const Result<QString> sealed = cipher.encrypt(FakeToken);
    QVERIFY(!sealed.ok());
    QCOMPARE(sealed.error().kind, ErrorKind::Crypto);
    const Result<QString> opened = cipher.decrypt(
        QStringLiteral("f0e1d2c3b4a5968778695a4b3c2d1e0f:7de5fbd40a8d10abababd576c9b667cd:"));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Crypto);
}

QTEST_GUILESS_MAIN(TestTokenCipher)
#include "tst_tokencipher.moc"
