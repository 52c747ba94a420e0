// resources/: the icons compiled into dopool_resources (as the desktop app links them), and the
// freedesktop files the packages install (checked with the validators when they are present).
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

namespace {

const QString appId = QStringLiteral("io.github.dopool.DoAccountPool");

QString resourceFile(const QString &name)
{
    return QStringLiteral(DOPOOL_RESOURCES_DIR "/") + name;
}

QString readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestResources : public QObject
{
    Q_OBJECT

    void validate(const QString &tool, const QStringList &args)
    {
        const QString path = QStandardPaths::findExecutable(tool);
        // A validator is a build dependency like cmake: its absence is a failure, not a skip.
        QVERIFY2(!path.isEmpty(),
                 qPrintable(tool + QStringLiteral(" not installed (scripts/install-deps.sh)")));
        QProcess process;
        process.start(path, args);
        QVERIFY(process.waitForFinished(60000));
        const QByteArray output = process.readAll();
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 output.constData());
        QVERIFY2(!output.contains("warning") && !output.contains("error"), output.constData());
    }

private Q_SLOTS:
    void pngIconsAreCompiledIn_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {16, 24, 32, 48, 64, 128, 256, 512})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }

    void pngIconsAreCompiledIn()
    {
        QFETCH(int, size);
        const QImage image(QStringLiteral(":/icons/dopool-%1.png").arg(size));
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel());
        // Transparent corners (the rounded square), an opaque middle.
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
    }

    // The toolbar's bundled icons (ui/mainwindow/ActionIcons.cpp), each rendered from its
    // committed SVG source.
    void actionIconsAreCompiledIn_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("size");
        for (const char *name : {"add", "edit", "delete", "sync", "sync-all", "health", "provision",
                                 "settings", "history", "orders"}) {
            for (int size : {16, 24, 32, 48})
                QTest::addRow("%s-%d", name, size) << QString::fromLatin1(name) << size;
        }
    }

    void actionIconsAreCompiledIn()
    {
        QFETCH(QString, name);
        QFETCH(int, size);
        const QImage image(QStringLiteral(":/icons/actions/%1-%2.png").arg(name).arg(size));
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel());
        int opaque = 0;
        for (int y = 0; y < size; ++y) {
            for (int x = 0; x < size; ++x)
                opaque += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
        }
        // A drawing, not an empty or a filled square.
        QVERIFY2(opaque > size * size / 10 && opaque < size * size * 9 / 10,
                 qPrintable(QString::number(opaque)));
        QVERIFY(QFile::exists(resourceFile(QStringLiteral("icons/actions/%1.svg").arg(name))));
    }

    void svgIconIsCompiledIn()
    {
        QFile svg(QStringLiteral(":/icons/dopool.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray data = svg.readAll();
        QVERIFY(data.contains("<svg"));
        QVERIFY(data.contains("viewBox=\"0 0 256 256\""));
    }

    void desktopFileNamesTheApp()
    {
        const QString text = readAll(resourceFile(appId + QStringLiteral(".desktop")));
        QVERIFY(!text.isEmpty());
        for (const char *line : {"Type=Application", "Exec=dopool", "Icon=dopool",
                                 "Name=", "Name[id]=", "Comment=", "Comment[id]="}) {
            const QRegularExpression re(QStringLiteral("^") +
                                            QRegularExpression::escape(QString::fromLatin1(line)),
                                        QRegularExpression::MultilineOption);
            QVERIFY2(re.match(text).hasMatch(), line);
        }
    }

    void metainfoMatchesDesktopFileAndVersion()
    {
        const QString text = readAll(resourceFile(appId + QStringLiteral(".metainfo.xml")));
        QVERIFY(text.contains(QStringLiteral("<id>%1</id>").arg(appId)));
        QVERIFY(text.contains(
            QStringLiteral("<launchable type=\"desktop-id\">%1.desktop</launchable>").arg(appId)));
        // The newest release is this version: bump both together.
        const QRegularExpression release(QStringLiteral("<release version=\"([^\"]+)\""));
        const auto m = release.match(text);
        QVERIFY(m.hasMatch());
        QCOMPARE(m.captured(1), QStringLiteral(DOPOOL_VERSION));
    }

    void desktopFileValidates()
    {
        validate(QStringLiteral("desktop-file-validate"),
                 {resourceFile(appId + QStringLiteral(".desktop"))});
    }

    void metainfoValidates()
    {
        validate(QStringLiteral("appstreamcli"),
                 {QStringLiteral("validate"), QStringLiteral("--no-net"),
                  resourceFile(appId + QStringLiteral(".metainfo.xml"))});
    }
};

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
