#include "crypto/TokenMask.h"

#include <QTest>

using namespace dopool;

class TestTokenMask : public QObject
{
    Q_OBJECT

private slots:
    void mask_data();
    void mask();
};

void TestTokenMask::mask_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected");
    const QString hex64 =
        QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    const QString e(QChar(0x2026));

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("dop_v1_ full") << QString(QStringLiteral("dop_v1_") + hex64)
                                  << QString(QStringLiteral("dop_v1_") + e + u"cdef");
    QTest::newRow("doo_v1_ full") << QStringLiteral("doo_v1_aaaaaaaa1234")
                                  << QString(QStringLiteral("doo_v1_") + e + u"1234");
    QTest::newRow("dor_v1_ full") << QStringLiteral("dor_v1_bbbbbbbb9876")
                                  << QString(QStringLiteral("dor_v1_") + e + u"9876");
    QTest::newRow("multi-digit version") << QStringLiteral("dop_v12_0000000011112222")
                                         << QString(QStringLiteral("dop_v12_") + e + u"2222");
    // Exactly prefix + 8: the shortest token that shows its tail.
    QTest::newRow("prefix + 8") << QStringLiteral("dop_v1_abcd1234")
                                << QString(QStringLiteral("dop_v1_") + e + u"1234");
    QTest::newRow("prefix + 7") << QStringLiteral("dop_v1_abc1234")
                                << QString(QStringLiteral("dop_v1_") + e);
    QTest::newRow("prefix only") << QStringLiteral("dop_v1_")
                                 << QString(QStringLiteral("dop_v1_") + e);
    QTest::newRow("upper-case prefix is unknown")
        << QStringLiteral("DOP_V1_abcdefgh1234") << QString(e + u"1234");
    QTest::newRow("no version digits")
        << QStringLiteral("dop_v_abcdefgh1234") << QString(e + u"1234");
    QTest::newRow("not at start") << QStringLiteral("xdop_v1_abcdefgh1234") << QString(e + u"1234");
    QTest::newRow("unknown, 12 chars") << QStringLiteral("abcdefgh5678") << QString(e + u"5678");
    QTest::newRow("unknown, 11 chars") << QStringLiteral("abcdefg5678") << e;
    QTest::newRow("unknown, 1 char") << QStringLiteral("x") << e;
    QTest::newRow("unknown, long hex") << hex64 << QString(e + u"cdef");
}

void TestTokenMask::mask()
{
    QFETCH(QString, token);
    QFETCH(QString, expected);
    QCOMPARE(maskToken(token), expected);
}

QTEST_GUILESS_MAIN(TestTokenMask)
#include "tst_tokenmask.moc"
