// Help -> User Guide: which copy of the guide is opened (ui/help/UserGuide).
#include "help/UserGuide.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool::ui;

namespace {

bool writeFile(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write("# User guide\n") > 0;
}

} // namespace

class TestUserGuide : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolve_data();
    void resolve();
    void thisBuildFindsTheSourceTreesGuide();
};

void TestUserGuide::resolve_data()
{
    // Files created under a temporary root; the paths are relative to it.
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("applicationDir");
    QTest::addColumn<QString>("expected"); // relative file, or "online", or "" (nothing)
    QTest::addColumn<bool>("hasOnline");

    const QStringList installed = {QStringLiteral("usr/share/doc/dopool/user-guide.md")};
    const QStringList source = {QStringLiteral("src/docs/user-guide.md")};
    QTest::newRow("installed package (Linux, Windows)")
        << (installed + source) << QStringLiteral("usr/bin")
        << QStringLiteral("usr/share/doc/dopool/user-guide.md") << true;
    QTest::newRow("macOS bundle next to share/")
        << QStringList{QStringLiteral("dmg/share/doc/dopool/user-guide.md")}
        << QStringLiteral("dmg/dopool.app/Contents/MacOS")
        << QStringLiteral("dmg/share/doc/dopool/user-guide.md") << true;
    QTest::newRow("build tree: the source's docs")
        << source << QStringLiteral("build/ui") << QStringLiteral("src/docs/user-guide.md") << true;
    QTest::newRow("no copy on disk: online")
        << QStringList{} << QStringLiteral("usr/bin") << QStringLiteral("online") << true;
    QTest::newRow("no copy and no online address")
        << QStringList{} << QStringLiteral("usr/bin") << QString() << false;
    // A directory named like the guide is not the guide.
    QTest::newRow("a directory is not a guide")
        << QStringList{QStringLiteral("usr/share/doc/dopool/user-guide.md/x")}
        << QStringLiteral("usr/bin") << QStringLiteral("online") << true;
}

void TestUserGuide::resolve()
{
    QFETCH(QStringList, files);
    QFETCH(QString, applicationDir);
    QFETCH(QString, expected);
    QFETCH(bool, hasOnline);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QDir dir(root.path());
    for (const QString &file : files)
        QVERIFY(writeFile(dir.filePath(file)));
    QVERIFY(dir.mkpath(applicationDir));

    UserGuideLocations where;
    where.applicationDir = dir.filePath(applicationDir);
    where.installedDirs = {QStringLiteral("../share/doc/dopool"),
                           QStringLiteral("../../../share/doc/dopool")};
    where.sourceDocsDir = dir.filePath(QStringLiteral("src/docs"));
    if (hasOnline)
        where.online = QUrl(QStringLiteral("https://docs.example/user-guide.md"));

    const QUrl url = resolveUserGuide(where);
    if (expected.isEmpty()) {
        QVERIFY(url.isEmpty());
    } else if (expected == QLatin1String("online")) {
        QCOMPARE(url, where.online);
    } else {
        QVERIFY(url.isLocalFile());
        QCOMPARE(url.toLocalFile(), QFileInfo(dir.filePath(expected)).canonicalFilePath());
    }
}

void TestUserGuide::thisBuildFindsTheSourceTreesGuide()
{
    const UserGuideLocations where = UserGuideLocations::forThisBuild();
    QCOMPARE(where.applicationDir, QCoreApplication::applicationDirPath());
    QVERIFY(where.online.isValid());
    QCOMPARE(where.online.scheme(), QStringLiteral("https"));
    // Not installed: the test runs from the build tree, so the source's docs are found.
    const QUrl url = resolveUserGuide(where);
    QVERIFY(url.isLocalFile());
    QVERIFY(url.toLocalFile().endsWith(QStringLiteral("/docs/user-guide.md")));
}

QTEST_GUILESS_MAIN(TestUserGuide)
#include "tst_userguide.moc"
