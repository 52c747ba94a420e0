// dopool-cli speaks the system's language: the locale variables (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG) choose the translation compiled into it, DOPOOL_LANG overrides them.
// --json documents keep their English field names in every language.
#include "CliRunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

// A runner with only the given locale variables (and DOPOOL_LANG) set: "NAME=value".
CliRunner runnerWith(const QStringList &vars)
{
    CliRunner cli;
    for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "DOPOOL_LANG"})
        cli.unsetEnv(QString::fromLatin1(name));
    for (const QString &var : vars)
        cli.setEnv(var.section(u'=', 0, 0), var.section(u'=', 1));
    return cli;
}

const QString English =
    QStringLiteral("dopool-cli: unknown command 'frobnicate' (see dopool-cli --help)\n");
const QString Indonesian =
    QStringLiteral("dopool-cli: perintah tidak dikenal 'frobnicate' (lihat dopool-cli --help)\n");

} // namespace

class TestCliLanguage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void language_data();
    void language();
    void helpInIndonesian();
    void jsonKeepsItsFieldNames();
};

void TestCliLanguage::language_data()
{
    QTest::addColumn<QStringList>("vars");
    QTest::addColumn<QString>("expected");
    QTest::newRow("C") << QStringList{QStringLiteral("LANG=C")} << English;
    QTest::newRow("nothing set") << QStringList{} << English;
    QTest::newRow("LANG=id_ID.UTF-8")
        << QStringList{QStringLiteral("LANG=id_ID.UTF-8")} << Indonesian;
    QTest::newRow("LC_ALL=id_ID.UTF-8")
        << QStringList{QStringLiteral("LANG=C"), QStringLiteral("LC_ALL=id_ID.UTF-8")}
        << Indonesian;
    QTest::newRow("LANG=en_US.UTF-8") << QStringList{QStringLiteral("LANG=en_US.UTF-8")} << English;
    QTest::newRow("LANG=fr_FR.UTF-8: no French, English")
        << QStringList{QStringLiteral("LANG=fr_FR.UTF-8")} << English;
    QTest::newRow("DOPOOL_LANG=id over LANG=C")
        << QStringList{QStringLiteral("LANG=C"), QStringLiteral("DOPOOL_LANG=id")} << Indonesian;
    QTest::newRow("DOPOOL_LANG=en over LANG=id")
        << QStringList{QStringLiteral("LANG=id_ID.UTF-8"), QStringLiteral("DOPOOL_LANG=en")}
        << English;
}

void TestCliLanguage::language()
{
    QFETCH(QStringList, vars);
    QFETCH(QString, expected);
    const CliResult r = runnerWith(vars).run({QStringLiteral("frobnicate")});
    QVERIFY(!r.crashed);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.errText(), expected);
}

void TestCliLanguage::helpInIndonesian()
{
    const CliResult r =
        runnerWith({QStringLiteral("LANG=id_ID.UTF-8")}).run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    const QString help = r.outText();
    QVERIFY2(help.startsWith(QStringLiteral("Penggunaan: dopool-cli")), qPrintable(help));
    QVERIFY2(help.contains(QStringLiteral("tambahkan akun ke pool")), qPrintable(help));
    QVERIFY2(help.contains(QStringLiteral("Kode keluar:")), qPrintable(help));
    // Command names and options stay as they are typed.
    QVERIFY(help.contains(QStringLiteral("account add")));
    QVERIFY(help.contains(QStringLiteral("--token-stdin")));
}

void TestCliLanguage::jsonKeepsItsFieldNames()
{
    const CliResult r = runnerWith({QStringLiteral("LANG=id_ID.UTF-8")})
                            .run({QStringLiteral("--json"), QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    const QJsonObject error = QJsonDocument::fromJson(r.out).object().value(u"error").toObject();
    QCOMPARE(error.value(u"kind").toString(), QStringLiteral("usage"));
    QCOMPARE(error.value(u"exitCode").toInt(), 2);
    QCOMPARE(error.value(u"message").toString(),
             QStringLiteral("perintah tidak dikenal 'frobnicate' (lihat dopool-cli --help)"));
}

QTEST_GUILESS_MAIN(TestCliLanguage)
#include "tst_clilanguage.moc"
