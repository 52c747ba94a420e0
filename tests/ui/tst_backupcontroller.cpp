// Pool -> Back Up... and the welcome panel's Restore..., offscreen on real parts (the engine
// thread, SQLite pools, the fake DO server), with the file dialog scripted: the backup is a new
// 0600 file (never over one, saying so), and an empty pool's window restores it, showing the
// accounts. Both screens are rendered to PNG.
#include "Screenshots.h"
#include "WindowFixture.h"
#include "backup/BackupController.h"
#include "mainwindow/WelcomePanel.h"

#include <QAction>
#include <QFile>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool;
using namespace dopool::testing;

class TestBackupController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backUpFromTheMenuThenRestoreIntoAnEmptyPool()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("pool.jsonl"));

        WindowFixture full;
        QVERIFY(full.start({1, 2}));
        auto *controller = full.window->findChild<ui::BackupController *>();
        QVERIFY(controller);
        QList<bool> asked;
        controller->setFileChooser([&asked, file](QWidget *, bool save) {
            asked << save;
            return file;
        });
        // In the Pool menu, next to Settings.
        QMenu *pool = full.window->menuBar()->actions().constFirst()->menu();
        QVERIFY(pool->actions().contains(controller->backUpAction()));
        pool->popup(full.window->mapToGlobal(QPoint(0, 0)));
        QTRY_VERIFY(pool->isVisible());
        QVERIFY(save(pool, QStringLiteral("backup-pool-menu")));
        pool->hide();
        controller->backUpAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            full.window->statusBar()->currentMessage().startsWith(QStringLiteral("Backed up")),
            10000);
        QCOMPARE(asked, QList<bool>{true});
        QVERIFY(QFile::exists(file));
        QCOMPARE(int(QFile::permissions(file) & 0x7077),
                 int(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QFile content(file);
        QVERIFY(content.open(QIODevice::ReadOnly));
        const QByteArray written = content.readAll();
        QVERIFY(written.startsWith("{\"createdAt\""));
        QVERIFY(!written.contains(fakedo::demoToken(1).toUtf8()));

        // Never over a file: refused, the file untouched.
        controller->backUpAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            full.window->statusBar()->currentMessage().contains(QStringLiteral("already exists")),
            10000);
        QVERIFY(content.seek(0));
        QCOMPARE(content.readAll(), written);
        QVERIFY(save(full.window.get(), QStringLiteral("backup-menu")));

        WindowFixture empty;
        QVERIFY(empty.start({}));
        auto *welcome = empty.window->findChild<ui::WelcomePanel *>();
        QVERIFY(welcome);
        QTRY_VERIFY(welcome->isVisible());
        QVERIFY(save(empty.window.get(), QStringLiteral("welcome-restore")));
        auto *restore = welcome->findChild<QPushButton *>(QStringLiteral("restoreButton"));
        QVERIFY(restore);
        auto *emptyController = empty.window->findChild<ui::BackupController *>();
        emptyController->setFileChooser(
            [file](QWidget *, bool save) { return save ? QString() : file; });
        QSignalSpy restored(emptyController, &ui::BackupController::restored);
        restore->click();
        QVERIFY(restored.wait(15000));
        QTRY_COMPARE_WITH_TIMEOUT(empty.window->accountModel()->rowCount(), 2, 10000);
        QVERIFY2(empty.window->statusBar()->currentMessage().startsWith(QStringLiteral("Restored")),
                 qPrintable(empty.window->statusBar()->currentMessage()));
        QTRY_VERIFY(!welcome->isVisible());
        QVERIFY(save(empty.window.get(), QStringLiteral("welcome-restored")));
    }
};

QTEST_MAIN(TestBackupController)
#include "tst_backupcontroller.moc"
