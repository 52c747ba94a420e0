// TextSafety and the input rules built on it (issue #24): what a terminal or a log may
// receive, how DO's strings are bounded, how people's input is counted and refused.
#include "common/TextSafety.h"
#include "common/Validation.h"

#include <QTest>

using namespace dopool;

namespace {

QStringList g_logged;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logged << message;
}

bool hasRawControl(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x202e || u == 0x200b)
            return true;
    }
    return false;
}

const QString kHostile = QStringLiteral("ok\x1b[31m\x07\r\nforged line \u202Eevil\u200B");

} // namespace

class TestTextSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesEveryControlAndBidiCharacter()
    {
        const QString escaped = escapeForTerminal(kHostile);
        QVERIFY2(!hasRawControl(escaped), qPrintable(escaped));
        QCOMPARE(escaped, QStringLiteral("ok\\x1b[31m\\x07\\r\\nforged line \\u202eevil\\u200b"));
        // Plain text, accents and emoji pass untouched.
        const QString plain = QStringLiteral("Café 東京 \U0001F600 a\\b");
        QCOMPARE(escapeForTerminal(plain), plain);
        // Keeping lines: only \n and \t survive.
        QCOMPARE(escapeKeepingLines(QStringLiteral("a\nb\tc\x1b")), QStringLiteral("a\nb\tc\\x1b"));
        // Idempotent: an escaped value escapes to itself.
        QCOMPARE(escapeForTerminal(escaped), escaped);
        // A lone surrogate is escaped too.
        QVERIFY(containsUnsafeCharacters(QString(QChar(0xd800))));
    }

    void countsCharactersAsPeopleDo()
    {
        QCOMPARE(characterCount(QString()), 0);
        QCOMPARE(characterCount(QStringLiteral("abc")), 3);
        // 60 emoji are 60 characters, not 120 UTF-16 units.
        QString emoji;
        for (int i = 0; i < 60; ++i)
            emoji += QStringLiteral("\U0001F600");
        QCOMPARE(emoji.size(), 120);
        QCOMPARE(characterCount(emoji), 60);
        QVERIFY(validateAccountName(emoji).ok());
        QVERIFY(validateAccountName(emoji + emoji).ok() == false);
        QVERIFY(validateAccountName(emoji + emoji)
                    .error()
                    .message.contains(QStringLiteral("120 characters")));
    }

    void masksTokenShapedParts()
    {
        const QString token = QStringLiteral("dop_v1_") + QString(64, u'a');
        QCOMPARE(maskTokenShaped(token + QStringLiteral("@x.example")),
                 QStringLiteral("[token withheld]@x.example"));
        const QString key = QStringLiteral("0123456789abcdef").repeated(4);
        QCOMPARE(maskTokenShaped(QStringLiteral("key ") + key),
                 QStringLiteral("key [token withheld]"));
        // Padding is no key: a run of one letter, or of digits only, stays.
        QCOMPARE(maskTokenShaped(QString(300, u'a')), QString(300, u'a'));
        QCOMPARE(maskTokenShaped(QString(70, u'1')), QString(70, u'1'));
        // A DO account uuid (40 hex digits) is no token.
        const QString uuid = QString(40, u'a');
        QCOMPARE(maskTokenShaped(uuid), uuid);
    }

    void boundsStringsFromDo()
    {
        SafeText safe = safeFromApi(kHostile, 1000);
        QVERIFY(!safe.cut);
        QVERIFY(!hasRawControl(safe.text));
        QVERIFY(safe.text.startsWith(QStringLiteral("ok\\x1b[31m\\x07  forged line")));

        safe = safeFromApi(QString(300, u'a') + QStringLiteral("@example.com"), 255);
        QVERIFY(safe.cut);
        QCOMPARE(safe.originalChars, 312);
        QCOMPARE(characterCount(safe.text), 255);
        QVERIFY(safe.text.endsWith(QStringLiteral("\u2026[cut]")));

        // Cut between code points, never inside a surrogate pair.
        QString emoji;
        for (int i = 0; i < 100; ++i)
            emoji += QStringLiteral("\U0001F600");
        safe = safeFromApi(emoji, 10);
        QVERIFY(safe.cut);
        QCOMPARE(characterCount(safe.text), 10);
        QVERIFY(!containsUnsafeCharacters(safe.text));
    }

    void logLinesCannotBeForged()
    {
        g_previous = qInstallMessageHandler(&capture);
        installSafeLogging();
        installSafeLogging(); // idempotent
        qWarning("%s", qPrintable(QStringLiteral("status ") + kHostile));
        qInstallMessageHandler(g_previous);
        QCOMPARE(g_logged.size(), 1);
        QVERIFY2(!hasRawControl(g_logged.first()), qPrintable(g_logged.first()));
        QVERIFY(g_logged.first().contains(QStringLiteral("\\r\\nforged line")));
    }

    void peopleInputRefusesControlCharacters_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("value");
        QTest::newRow("name with RLO") << "name" << QStringLiteral("Alpha\u202Egnp.exe");
        QTest::newRow("name with zero-width space") << "name" << QStringLiteral("Al\u200Bpha");
        QTest::newRow("email with ESC") << "email" << QStringLiteral("a\x1b[2J@x.example");
        QTest::newRow("email with BEL") << "email" << QStringLiteral("a\x07@x.example");
        QTest::newRow("email with DEL") << "email" << QStringLiteral("a\x7f@x.example");
        QTest::newRow("email with C1") << "email" << QStringLiteral("a\u0085@x.example");
        QTest::newRow("order id with CR") << "text" << QStringLiteral("order\r\n42");
        QTest::newRow("image with RLO") << "text" << QStringLiteral("ubuntu\u202E");
    }

    void peopleInputRefusesControlCharacters()
    {
        QFETCH(QString, kind);
        QFETCH(QString, value);
        const Result<QString> r = kind == QLatin1String("name") ? validateAccountName(value)
                                  : kind == QLatin1String("email")
                                      ? validateEmail(value)
                                      : validatePlainText(value, QStringLiteral("x"), 255);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Validation);
        QVERIFY2(r.error().message.contains(QStringLiteral("control characters")),
                 qPrintable(r.error().message));
        QVERIFY(!hasRawControl(r.error().message));
    }

    void namesCannotBeUuids_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("lower") << QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
        QTest::newRow("upper") << QStringLiteral("0F8FAD5B-D9CB-469F-A165-70867728950E");
        QTest::newRow("braces") << QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e}");
    }

    void namesCannotBeUuids()
    {
        QFETCH(QString, name);
        const auto r = validateAccountName(name);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("uuid")));
    }

    void tokenRules_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("rule");
        QTest::newRow("NUL") << QStringLiteral("dop_v1_abc") + QChar(0) + QStringLiteral("def")
                             << QStringLiteral("NUL");
        QTest::newRow("ESC") << QStringLiteral("dop_v1_abc\x1b[0m")
                             << QStringLiteral("control character");
        QTest::newRow("space") << QStringLiteral("dop_v1_abc def") << QStringLiteral("white space");
        QTest::newRow("tab") << QStringLiteral("dop_v1_abc\tdef") << QStringLiteral("white space");
        QTest::newRow("too long") << QStringLiteral("dop_v1_") + QString(600, u'a')
                                  << QStringLiteral("longer than 512");
        QTest::newRow("a path ($HOME)")
            << QStringLiteral("/root") << QStringLiteral("may contain only");
        QTest::newRow("too short ($USER)")
            << QStringLiteral("root") << QStringLiteral("shorter than 8");
        QTest::newRow("non-ASCII")
            << QStringLiteral("dop_v1_ab\u00e9cdef") << QStringLiteral("may contain only");
    }

    void tokenRules()
    {
        QFETCH(QString, token);
        QFETCH(QString, rule);
        const auto r = validateToken(token);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(rule), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(token));
    }

    void acceptedTokens()
    {
        QVERIFY(validateToken(QStringLiteral("dop_v1_") + QString(64, u'a')).ok());
        QVERIFY(validateToken(QString(64, u'0')).ok()); // a legacy token: 64 hex digits
        QVERIFY(validateToken(QString(512, u'a')).ok());
    }
};

QTEST_GUILESS_MAIN(TestTextSafety)
#include "tst_textsafety.moc"
