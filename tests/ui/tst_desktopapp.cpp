// The desktop app as main() runs it (DesktopApp): it starts on the demo pool (its settings in a
// throwaway file, never the admin's), reopens the pool with new settings after Settings is
// saved (and only then), refuses a bad command line or keychain profile with a clear error,
// and without a tray closing the window quits.
#include "VerifyOk.h"
#include "app/DesktopApp.h"
#include "demo/DemoPool.h"
#include "desktop/PoolClient.h"
#include "mainwindow/MainWindow.h"
#include "model/AccountTableModel.h"

#include <QApplication>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace dopool;
using namespace dopool::ui;

namespace {

// What the app would see from a shell with nothing of ours set - but this test's own keychain
// service (ctest sets dopool-test-<test name>): whatever store the app builds is never the
// real "dopool" one, even on the test's throwaway bus.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DOPOOL_DB", "DOPOOL_API_BASE", "ENCRYPTION_KEY", "DO_ACCESS_TOKEN"})
        env.remove(QString::fromLatin1(name));
    const QString service = QStringLiteral("DOPOOL_KEYCHAIN_SERVICE");
    if (!env.value(service).startsWith(QLatin1String("dopool-test-")))
        env.insert(service, QStringLiteral("dopool-test-tst_desktopapp"));
    return env;
}

LaunchOptions demoLaunch()
{
    LaunchOptions launch;
    launch.demo = dopool::demo::backend();
    return launch;
}

bool waitForOpen(MainWindow &window)
{
    return QTest::qWaitFor([&window] { return window.isPoolOpen(); }, 30000);
}

} // namespace

class TestDesktopApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Any QSettings() this process makes lands in a test folder, never the admin's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void startsOnTheDemoPool()
    {
        DesktopApp app(demoLaunch(), cleanEnvironment());
        const auto started = app.start();
        DOPOOL_VERIFY_OK(started);
        QVERIFY(app.window());
        QVERIFY(app.window()->isVisible());
        QVERIFY(app.client());
        QVERIFY(waitForOpen(*app.window()));
        QTRY_VERIFY_WITH_TIMEOUT(app.window()->accountModel()->rowCount() == 3, 30000);
        // The demo's settings are a throwaway file of its own.
        QVERIFY(app.settings().fileName().endsWith(QLatin1String("demo.ini")));
    }

    void reopensOnlyWhenSettingsChangeThePool()
    {
        DesktopApp app(demoLaunch(), cleanEnvironment());
        QVERIFY(app.start().ok());
        QVERIFY(waitForOpen(*app.window()));
        desktop::PoolClient *first = app.client();
        QSignalSpy opened(app.window(), &MainWindow::poolOpened);

        // The language alone does not touch the pool.
        AppSettings same = AppSettings::load(app.settings());
        same.language = QStringLiteral("en");
        Q_EMIT app.window()->settingsSaved(same);
        QCOMPARE(app.client(), first);
        QCOMPARE(AppSettings::load(app.settings()).language, QStringLiteral("en")); // but saved

        // A new sync interval rebuilds the engine: a new client, and the pool opens again.
        AppSettings changed = same;
        changed.syncIntervalSecs = 600;
        Q_EMIT app.window()->settingsSaved(changed);
        QVERIFY(app.client() != first);
        QVERIFY(opened.wait(30000) || opened.size() > 0);
        QCOMPARE(app.client()->config().syncIntervalSecs, 600);
        QCOMPARE(AppSettings::load(app.settings()).syncIntervalSecs, 600);
    }

    void badLaunchIsAClearError_data()
    {
        QTest::addColumn<QString>("db");
        QTest::addColumn<QString>("keychainService");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("malformed --db")
            << QStringLiteral("mysql://nope") << QString() << QStringLiteral("mysql");
        QTest::newRow("bad keychain profile") << QString() << QStringLiteral("two words")
                                              << QStringLiteral("DOPOOL_KEYCHAIN_SERVICE");
    }

    void badLaunchIsAClearError()
    {
        QFETCH(QString, db);
        QFETCH(QString, keychainService);
        QFETCH(QString, mentions);
        LaunchOptions launch = demoLaunch();
        if (!db.isEmpty())
            launch.demo.reset(); // a --db is only honoured outside the demo
        launch.db = db;
        QProcessEnvironment env = cleanEnvironment();
        if (!keychainService.isEmpty())
            env.insert(QStringLiteral("DOPOOL_KEYCHAIN_SERVICE"), keychainService);
        DesktopApp app(launch, env);
        const auto started = app.start();
        QVERIFY(!started);
        QVERIFY2(started.error().message.contains(mentions), qPrintable(started.error().message));
        QVERIFY(!app.window() || !app.window()->isVisible());
    }

    // Without a tray (offscreen has none) closing the window is quitting.
    void closingWithoutATrayQuits()
    {
        DesktopApp app(demoLaunch(), cleanEnvironment());
        QVERIFY(app.start().ok());
        QVERIFY(waitForOpen(*app.window()));
        QVERIFY(QApplication::quitOnLastWindowClosed());
        QSignalSpy quit(app.window(), &MainWindow::quitRequested);
        QVERIFY(app.window()->close());
        QCOMPARE(quit.size(), 1);
        QVERIFY(!app.window()->isVisible());
    }
};

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
