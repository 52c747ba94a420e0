// The translations in translations/*.ts:
//   - complete: no unfinished, obsolete or vanished entry, no empty translation or plural
//     form, and every translation keeps its source's placeholders (%1, %n...) and accelerator;
//   - up to date: lupdate run on core/, ui/ and app/ now (cmake/UpdateTranslations.cmake, as
//     the update-translations target runs it) finds exactly the committed (context, source)
//     entries, without warnings;
//   - built and embedded: the :/i18n/*.qm compiled in translate engine, CLI and UI strings to
//     Indonesian, and English plurals read right.

#include "common/Translate.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace dopool;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString comment; // the disambiguation
    bool numerus = false;
    QString translationType;  // "", "unfinished", "obsolete", "vanished"
    QStringList translations; // one, or one per plural form
    QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
    QString name() const { return QStringLiteral("[%1] \"%2\"").arg(context, source); }
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("context")) {
            context.clear();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{};
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.translationType = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform"))
                        message.translations << xml.readElementText();
                    else
                        xml.skipCurrentElement();
                }
            } else {
                message.translations << xml.readElementText();
            }
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error =
            QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QStringList tsFiles()
{
    const QDir dir(QStringLiteral(DOPOOL_SOURCE_DIR "/translations"));
    QStringList paths;
    for (const QString &name : dir.entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

// %1..%99 and %n, sorted: a translation must use each its source uses.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("&[^&\\s]"));
    return text.contains(re);
}

QString problems(const QStringList &lines)
{
    return QStringLiteral("%1 problem(s):\n  %2")
        .arg(lines.size())
        .arg(lines.join(QStringLiteral("\n  ")));
}

QString translateIn(const char *context, const char *source, int n = -1)
{
    return QCoreApplication::translate(context, source, nullptr, n);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void complete_data();
    void complete();
    void upToDate();
    void embeddedIndonesian();
    void englishPlurals();
    void unknownLanguageFallsBackToEnglish();

private:
    void installFor(const QLocale &locale);
    QTranslator *m_installed = nullptr;
};

void TestTranslations::initTestCase()
{
    const QStringList paths = tsFiles();
    QVERIFY2(paths.contains(QStringLiteral(DOPOOL_SOURCE_DIR "/translations/dopool_id.ts")),
             qPrintable(paths.join(u", ")));
}

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : tsFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestTranslations::complete()
{
    QFETCH(QString, path);
    const TsFile ts = readTs(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QVERIFY(!ts.language.isEmpty());
    QVERIFY(!ts.messages.isEmpty());
    QStringList bad;
    QSet<QString> seen;
    for (const TsMessage &m : ts.messages) {
        if (seen.contains(m.key()))
            bad << QStringLiteral("%1: duplicate entry").arg(m.name());
        seen.insert(m.key());
        if (!m.translationType.isEmpty())
            bad << QStringLiteral("%1: type=\"%2\"").arg(m.name(), m.translationType);
        if (m.translations.isEmpty())
            bad << QStringLiteral("%1: no translation").arg(m.name());
        for (const QString &t : m.translations) {
            if (t.trimmed().isEmpty()) {
                bad << QStringLiteral("%1: empty translation").arg(m.name());
                continue;
            }
            // A plural form may spell the number out ("one day") but not drop %1, %2...
            QStringList want = placeholders(m.source);
            QStringList got = placeholders(t);
            if (m.numerus) {
                want.removeAll(QStringLiteral("%n"));
                got.removeAll(QStringLiteral("%n"));
            }
            if (want != got)
                bad << QStringLiteral("%1: placeholders %2 in \"%3\"")
                           .arg(m.name(), got.join(u','), t);
            if (hasAccelerator(m.source) != hasAccelerator(t))
                bad << QStringLiteral("%1: accelerator (&) lost or added in \"%2\"")
                           .arg(m.name(), t);
            if (m.source.endsWith(u'\n') != t.endsWith(u'\n'))
                bad << QStringLiteral("%1: trailing line break differs in \"%2\"").arg(m.name(), t);
        }
    }
    QVERIFY2(bad.isEmpty(), qPrintable(problems(bad)));
}

void TestTranslations::upToDate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess cmake;
    cmake.setProcessChannelMode(QProcess::MergedChannels);
    cmake.start(QStringLiteral(DOPOOL_CMAKE_COMMAND),
                {QStringLiteral("-DLUPDATE=" DOPOOL_LUPDATE),
                 QStringLiteral("-DSOURCE_DIR=" DOPOOL_SOURCE_DIR),
                 QStringLiteral("-DTS_DIR=") + dir.path(), QStringLiteral("-P"),
                 QStringLiteral(DOPOOL_SOURCE_DIR "/cmake/UpdateTranslations.cmake")});
    QVERIFY(cmake.waitForFinished(120000));
    const QString output = QString::fromUtf8(cmake.readAll());
    QVERIFY2(cmake.exitStatus() == QProcess::NormalExit && cmake.exitCode() == 0,
             qPrintable(output));

    for (const QString &committedPath : tsFiles()) {
        const QString name = QFileInfo(committedPath).fileName();
        const TsFile committed = readTs(committedPath);
        const TsFile fresh = readTs(dir.filePath(name));
        QVERIFY2(fresh.error.isEmpty(), qPrintable(name + QStringLiteral(": ") + fresh.error));
        QSet<QString> committedKeys;
        for (const TsMessage &m : committed.messages)
            committedKeys.insert(m.key());
        QSet<QString> freshKeys;
        QStringList bad;
        for (const TsMessage &m : fresh.messages) {
            freshKeys.insert(m.key());
            if (!committedKeys.contains(m.key()))
                bad << QStringLiteral("%1: in the sources, not in %2").arg(m.name(), name);
        }
        for (const TsMessage &m : committed.messages) {
            if (!freshKeys.contains(m.key()))
                bad << QStringLiteral("%1: in %2, no longer in the sources").arg(m.name(), name);
        }
        if (!bad.isEmpty())
            bad << QStringLiteral("run: cmake --build build --target update-translations, then "
                                  "translate the new entries with Qt Linguist");
        QVERIFY2(bad.isEmpty(), qPrintable(problems(bad)));
    }
}

void TestTranslations::installFor(const QLocale &locale)
{
    if (m_installed) {
        QCoreApplication::removeTranslator(m_installed);
        delete m_installed;
    }
    m_installed = installTranslations(locale, this);
}

void TestTranslations::embeddedIndonesian()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/dopool_id.qm")));
    installFor(QLocale(QLocale::Indonesian, QLocale::Indonesia));
    QVERIFY(m_installed);
    QCOMPARE(m_installed->language(), QStringLiteral("id_ID"));
    // core/ (context "dopool"), dopool-cli ("dopool::cli"), the desktop UI, main.cpp.
    QCOMPARE(CoreTr::tr("the pool is empty"), QStringLiteral("pool kosong"));
    QCOMPARE(CoreTr::tr("Unhealthy"), QStringLiteral("Tidak sehat"));
    QCOMPARE(CliTr::tr("unknown command %1 (see dopool-cli --help)").arg(QStringLiteral("'x'")),
             QStringLiteral("perintah tidak dikenal 'x' (lihat dopool-cli --help)"));
    QCOMPARE(translateIn("dopool::ui::MainWindow", "Sync All"), QStringLiteral("Sinkronkan Semua"));
    QCOMPARE(translateIn("dopool::ui::RelativeTime", "%n day(s) ago", 3),
             QStringLiteral("3 hari lalu"));
    QCOMPARE(translateIn("main", "Quit after N milliseconds (smoke tests)."),
             QStringLiteral("Keluar setelah N milidetik (uji asap)."));
}

void TestTranslations::englishPlurals()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/dopool_en.qm")));
    installFor(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(m_installed);
    QCOMPARE(translateIn("dopool::ui::RelativeTime", "%n day(s) ago", 1),
             QStringLiteral("1 day ago"));
    QCOMPARE(translateIn("dopool::ui::RelativeTime", "%n day(s) ago", 2),
             QStringLiteral("2 days ago"));
    QCOMPARE(translateIn("dopool::ui::AlertBanner", "%n account(s) unhealthy.", 1),
             QStringLiteral("1 account unhealthy."));
    // Everything else is the source text.
    QCOMPARE(CoreTr::tr("the pool is empty"), QStringLiteral("the pool is empty"));
}

void TestTranslations::unknownLanguageFallsBackToEnglish()
{
    installFor(QLocale(QLocale::French, QLocale::France));
    QVERIFY(m_installed);
    QCOMPARE(m_installed->language(), QStringLiteral("en_US"));
    QCOMPARE(translateIn("dopool::ui::RelativeTime", "%n h ago", 1), QStringLiteral("1 h ago"));
    QCOMPARE(translationLocale(QStringLiteral("id")).language(), QLocale::Indonesian);
    QCOMPARE(translationLocale(QString()), QLocale::system());
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
