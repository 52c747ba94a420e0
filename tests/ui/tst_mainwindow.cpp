// The main window on real parts: the engine thread, a SQLite pool, real HTTP over loopback to
// the fake DO server, real widgets offscreen. Actions are triggered as an admin would.
#include "Screenshots.h"
#include "TestPostgres.h"
#include "WindowFixture.h"
#include "common/Translate.h"
#include "crypto/KeyFile.h"
#include "detail/AccountDetailView.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/ProvisionDialog.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuide.h"
#include "history/PoolHistoryView.h"
#include "mainwindow/AlertBanner.h"
#include "mainwindow/MainWindow.h"
#include "mainwindow/PoolActions.h"
#include "mainwindow/PoolCapacityBar.h"
#include "model/AccountTableModel.h"
#include "settings/PoolKeyBox.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>

using namespace dopool;
using namespace dopool::ui;
using namespace dopool::testing;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsThePoolWithFooter();
    void bannerWhenEveryUsableAccountIsFull();
    void deleteAsksNamingTheAccount();
    void setPrimaryAndDeactivate();
    void syncAllShowsProgressAndPerRowErrors();
    void addAccountThroughTheDialog();
    void provisionUpdatesTheRowAtOnce_data();
    void provisionUpdatesTheRowAtOnce();
    void detailDockLoadsTheAccount();
    void welcomePanelOnAnEmptyPool();
    void welcomePanelImportsTheAppsTokenOnce();
    void traylessAlertsReachTheBanner();
    void everyActionHasAShortcutAndName();
    void toolbarShowsIconsBesideText();
    void layoutSurvivesRestart();
    void keyboardShortcutsListTheWindowsActions();
    void userGuideOpensTheResolvedGuide();
    void poolHistoryShowsThePool();
    void indonesianHeadersAreNotClipped();
    void unopenablePoolSaysWhy();
    void poolKeyBannerAndExport();
    void switchingThePoolWithADialogOpen();
};

void TestMainWindow::showsThePoolWithFooter()
{
    WindowFixture w;
    QVERIFY(w.start({1, 2, 3}));
    QVERIFY(w.window->isPoolOpen());
    QTRY_COMPARE(w.window->poolCapacityText(), QStringLiteral("50/75 (67%)"));
    QVERIFY(w.window->alertBanner()->isHidden()); // 67% < 80%, two accounts with room
    QCOMPARE(w.window->tableView()->model()->rowCount(), 3);
    // The search box filters the table.
    auto *search = w.window->findChild<QLineEdit *>(QStringLiteral("searchBox"));
    QVERIFY(search);
    search->setText(QStringLiteral("do2@"));
    QCOMPARE(w.window->tableView()->model()->rowCount(), 1);
}

void TestMainWindow::bannerWhenEveryUsableAccountIsFull()
{
    WindowFixture w;
    QVERIFY(w.start({3}));
    QTRY_VERIFY(w.window->alertBanner()->isVisible());
    QVERIFY(w.window->alertBanner()->isCritical());
    QVERIFY2(w.window->alertBanner()->text().contains(QStringLiteral("full")),
             qPrintable(w.window->alertBanner()->text()));
    QCOMPARE(w.window->summary().state, desktop::PoolSummary::State::Critical);
    QCOMPARE(w.tray.colour().rgb(),
             TrayController::colourFor(desktop::PoolSummary::State::Critical).rgb());
}

void TestMainWindow::deleteAsksNamingTheAccount()
{
    WindowFixture w;
    QVERIFY(w.start({1, 2, 3}));
    w.select(QStringLiteral("Account 2"));
    w.answer = false;
    w.window->actions()->remove->trigger();
    QCOMPARE(w.questions.size(), 1);
    QVERIFY(w.questions.at(0).contains(QStringLiteral("Account 2")));
    QVERIFY(w.questions.at(0).contains(QStringLiteral("do2@webrana.example")));

    // The decisive later event: a delete said yes to after it (Account 3) goes through the
    // same client and lands. A delete of Account 2 sent on the "no" would have landed first.
    w.select(QStringLiteral("Account 3"));
    w.answer = true;
    w.window->actions()->remove->trigger();
    QTRY_COMPARE(w.rowOf(QStringLiteral("Account 3")), -1);
    QCOMPARE(w.window->accountModel()->rowCount(), 2); // said no: Account 2 not deleted
    QVERIFY(w.rowOf(QStringLiteral("Account 2")) >= 0);

    w.select(QStringLiteral("Account 2"));
    w.window->actions()->remove->trigger();
    QTRY_COMPARE(w.window->accountModel()->rowCount(), 1);
    QCOMPARE(w.rowOf(QStringLiteral("Account 2")), -1);
}

void TestMainWindow::setPrimaryAndDeactivate()
{
    WindowFixture w;
    QVERIFY(w.start({1, 2}));
    w.select(QStringLiteral("Account 2"));
    QVERIFY(w.window->actions()->setPrimary->isEnabled());
    w.window->actions()->setPrimary->trigger();
    QTRY_VERIFY(w.account(QStringLiteral("Account 2")).isPrimary);
    QTRY_VERIFY(!w.account(QStringLiteral("Account 1")).isPrimary);

    w.select(QStringLiteral("Account 1"));
    QCOMPARE(w.window->actions()->toggleActive->text(), QStringLiteral("De&activate"));
    w.window->actions()->toggleActive->trigger();
    QTRY_VERIFY(!w.account(QStringLiteral("Account 1")).isActive);
    QTRY_COMPARE(w.window->actions()->toggleActive->text(), QStringLiteral("&Activate"));
    // Only active accounts count towards the pool's capacity.
    QTRY_COMPARE(w.window->poolCapacityText(), QStringLiteral("5/25 (20%)"));
}

void TestMainWindow::syncAllShowsProgressAndPerRowErrors()
{
    WindowFixture w;
    QVERIFY(w.start({1, 2, 3}));
    fakedo::Fault fault;
    fault.kind = fakedo::FaultKind::Unauthorized;
    w.f.server.injectFault(fakedo::demoToken(3), fault);
    w.f.server.setLatencyMs(30);
    QSignalSpy finished(w.window.get(), &MainWindow::syncAllFinished);
    auto *progress = w.window->findChild<QProgressBar *>(QStringLiteral("syncProgress"));
    QVERIFY(progress);
    w.window->actions()->syncAll->trigger();
    QVERIFY(w.window->isSyncAllRunning());
    QVERIFY(progress->isVisible());
    QVERIFY(!w.window->actions()->syncAll->isEnabled()); // one Sync All at a time
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    QVERIFY(progress->isHidden());
    QVERIFY(w.window->actions()->syncAll->isEnabled());
    const Account &failed = w.account(QStringLiteral("Account 3"));
    QCOMPARE(failed.healthStatus, AccountHealth::Unhealthy);
    const QModelIndex error = w.window->accountModel()->index(w.rowOf(QStringLiteral("Account 3")),
                                                              AccountTableModel::LastErrorColumn);
    QVERIFY2(error.data().toString().contains(QStringLiteral("401")),
             qPrintable(error.data().toString()));
    QVERIFY(w.window->statusText().contains(QStringLiteral("1 failed")));
}

namespace {
// Types name and token into an Add dialog and clicks Verify; its Save button.
QPushButton *typeAndVerify(AccountDialog *dialog, const QString &name, const QString &token)
{
    dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(name);
    dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(token);
    dialog->findChild<QPushButton *>(QStringLiteral("verifyButton"))->click();
    return dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
        ->button(QDialogButtonBox::Save);
}
} // namespace

void TestMainWindow::addAccountThroughTheDialog()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    w.window->actions()->add->trigger();
    // A QPointer: the dialog deletes itself on close (Save that the pool accepted).
    QPointer<AccountDialog> dialog = w.window->findChild<AccountDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"));
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    QVERIFY(!save->isEnabled());
    typeAndVerify(dialog, QStringLiteral("Account 1"), fakedo::demoToken(2));
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000);
    // The name is taken: the pool refuses, the dialog stays open with the reason.
    save->click();
    auto *saveError = dialog->findChild<QLabel *>(QStringLiteral("saveError"));
    QTRY_VERIFY_WITH_TIMEOUT(saveError->isVisible(), 10000);
    QVERIFY(dialog->isVisible());
    QCOMPARE(w.window->accountModel()->rowCount(), 1);
    dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
        ->setText(QStringLiteral("Account 2"));
    save->click();
    QTRY_COMPARE_WITH_TIMEOUT(w.window->accountModel()->rowCount(), 2, 10000);
    QTRY_VERIFY(!dialog); // closed and gone
    QCOMPARE(w.account(QStringLiteral("Account 2")).email, QStringLiteral("do2@webrana.example"));
}

// Known defect 4 and issue 13: after a provision the row, the pool bar, the banner and the
// dialog's "Which account" block show the new count when the engine's answer arrives - checked
// in a slot on the answer's signal, so not even one more event-loop turn passes. No scheduled
// round exists to do it instead (the fixture's config has schedule = false).
void TestMainWindow::provisionUpdatesTheRowAtOnce_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestMainWindow::provisionUpdatesTheRowAtOnce()
{
    QFETCH(bool, postgres);
    std::unique_ptr<testing::TestPostgres> pg;
    if (postgres) {
        if (!testing::TestPostgres::isConfigured()) { // as DOPOOL_TEST_POSTGRES says it
            if (testing::TestPostgres::isRequired())
                QFAIL("DOPOOL_REQUIRE_PG=1 but DOPOOL_TEST_PG_URL is not set: run the test "
                      "through scripts/test-env.sh");
            QSKIP("needs PostgreSQL: run through scripts/test-env.sh (sets DOPOOL_TEST_PG_URL)");
        }
        pg = std::make_unique<testing::TestPostgres>();
        QVERIFY2(pg->isValid(), qPrintable(pg->errorString()));
    }
    WindowFixture w;
    if (pg)
        w.database = pg->url();
    QVERIFY(w.start({1, 3})); // Account 1 20/25 (primary), Account 3 25/25: 45/50, over 80%
    auto *bar = w.window->findChild<PoolCapacityBar *>();
    auto *banner = w.window->findChild<AlertBanner *>();
    QVERIFY(bar && banner);
    QTRY_VERIFY(bar->text().startsWith(QStringLiteral("45/50")));
    QVERIFY2(banner->text().contains(QStringLiteral("45/50")), qPrintable(banner->text()));

    w.window->actions()->provision->trigger();
    QPointer<ProvisionDialog> dialog = w.window->findChild<ProvisionDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *capacity = dialog->findChild<QLabel *>(QStringLiteral("previewCapacity"));
    QTRY_VERIFY_WITH_TIMEOUT(capacity->text().contains(QStringLiteral("20/25")), 10000);
    // The pickers hold the fake's catalogue.
    auto *region = dialog->findChild<QComboBox *>(QStringLiteral("regionCombo"));
    QTRY_VERIFY_WITH_TIMEOUT(region->count() == 5, 10000);
    QCOMPARE(region->currentData().toString(), QStringLiteral("sgp1"));

    int rowAtAnswer = -1;
    QString barAtAnswer;
    QString bannerAtAnswer;
    QString dialogAtAnswer;
    bool okAtAnswer = false;
    connect(w.window.get(), &MainWindow::provisionFinished, this, [&](bool ok) {
        okAtAnswer = ok;
        rowAtAnswer = w.account(QStringLiteral("Account 1")).activeDroplets;
        barAtAnswer = bar->text();
        bannerAtAnswer = banner->text();
        dialogAtAnswer = capacity->text();
    });
    dialog->findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
        ->setText(QStringLiteral("ORD-13"));
    dialog->findChild<QCheckBox *>(QStringLiteral("waitCheck"))->setChecked(false);
    QSignalSpy finished(w.window.get(), &MainWindow::provisionFinished);
    dialog->findChild<QPushButton *>(QStringLiteral("provisionButton"))->click();
    QVERIFY(finished.wait(20000));
    QVERIFY(okAtAnswer);
    QCOMPARE(rowAtAnswer, 21);
    QVERIFY2(barAtAnswer.startsWith(QStringLiteral("46/50")), qPrintable(barAtAnswer));
    QVERIFY2(bannerAtAnswer.contains(QStringLiteral("46/50")), qPrintable(bannerAtAnswer));
    QVERIFY2(dialogAtAnswer.contains(QStringLiteral("21/25")), qPrintable(dialogAtAnswer));
    // The block is then asked again (the account stays the primary, with its new count).
    QTRY_VERIFY_WITH_TIMEOUT(capacity->text().contains(QStringLiteral("21/25")), 10000);
}

void TestMainWindow::detailDockLoadsTheAccount()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    w.select(QStringLiteral("Account 1"));
    w.window->actions()->details->trigger();
    QVERIFY(w.window->detailDock()->isVisible());
    QTRY_COMPARE(w.window->detailView()->accountId(), w.account(QStringLiteral("Account 1")).id);
    QTRY_COMPARE(w.window->detailView()->dropletPageCount(), 1);
}

void TestMainWindow::welcomePanelOnAnEmptyPool()
{
    WindowFixture w;
    QVERIFY(w.start({}));
    QWidget *welcome = w.window->findChild<QWidget *>(QStringLiteral("welcomePanel"));
    QTRY_VERIFY(welcome && welcome->isVisible());
    auto *import = welcome->findChild<QPushButton *>(QStringLiteral("importEnvButton"));
    QVERIFY(import);
    QVERIFY(!import->isEnabled()); // DO_ACCESS_TOKEN is not set for the window
}

// The import takes DO_ACCESS_TOKEN from the app's environment (as DesktopApp read it at start),
// not from whatever the process holds now, and adds it once: a second click (or a second
// desktop on the same pool) finds it already there and adds nothing.
void TestMainWindow::welcomePanelImportsTheAppsTokenOnce()
{
    WindowFixture w;
    w.envToken = fakedo::demoToken(1);
    // A different token in the process environment: were it read, DO would refuse it.
    const QByteArray previous = qgetenv("DO_ACCESS_TOKEN");
    qputenv("DO_ACCESS_TOKEN", "dop_v1_" + QByteArray(64, 'f'));
    const auto restore = qScopeGuard([&previous] {
        if (previous.isNull())
            qunsetenv("DO_ACCESS_TOKEN");
        else
            qputenv("DO_ACCESS_TOKEN", previous);
    });
    QVERIFY(w.start({}));
    QWidget *welcome = w.window->findChild<QWidget *>(QStringLiteral("welcomePanel"));
    QTRY_VERIFY(welcome && welcome->isVisible());
    auto *import = welcome->findChild<QPushButton *>(QStringLiteral("importEnvButton"));
    QVERIFY(import);
    QTRY_VERIFY(import->isEnabled());
    // A double click: two imports in flight at once.
    import->click();
    import->click();
    QTRY_COMPARE_WITH_TIMEOUT(w.window->accountModel()->rowCount(), 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(w.window->statusText().contains(QStringLiteral("already in the pool")),
                             15000);
    const Account &primary = w.window->accountModel()->accounts().first();
    QCOMPARE(primary.name, QStringLiteral("Primary"));
    QVERIFY(primary.isPrimary);
    QCOMPARE(primary.email, QStringLiteral("do1@webrana.example"));
    // Still one, whatever else arrives.
    Answer<desktop::SyncSummary> synced;
    w.client->call(&desktop::PoolWorker::sync, engine::SyncService::Mode::Sync, QStringList())
        .then(&w.f.context, synced.callback());
    QVERIFY(synced.wait());
    QCOMPARE(w.window->accountModel()->rowCount(), 1);
}

void TestMainWindow::traylessAlertsReachTheBanner()
{
    WindowFixture w;
    QVERIFY(w.start({1, 2}));
    QVERIFY(!w.tray.hasTray());
    // Account 2 fills up at DO; the next sync raises ACCOUNT_FULL.
    w.f.server.setDropletCount(fakedo::demoToken(2), 25);
    QSignalSpy finished(w.window.get(), &MainWindow::syncAllFinished);
    w.window->syncAll();
    QVERIFY(finished.wait(15000));
    QTRY_VERIFY(w.window->alertBanner()->isVisible());
    QTRY_VERIFY2(w.window->alertBanner()->text().contains(QStringLiteral("Account 2")),
                 qPrintable(w.window->alertBanner()->text()));
}

void TestMainWindow::everyActionHasAShortcutAndName()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    const auto actions = w.window->actions()->findChildren<QAction *>();
    QVERIFY(actions.size() >= 12);
    for (const QAction *action : actions) {
        QVERIFY2(!action->statusTip().isEmpty(), qPrintable(action->text()));
        if (action == w.window->actions()->about)
            continue; // no desktop app binds About to a key
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
        QVERIFY2(!action->statusTip().isEmpty(), qPrintable(action->text()));
    }
    for (const QWidget *widget : w.window->findChildren<QWidget *>()) {
        if (!widget->isVisible() || !widget->focusPolicy())
            continue;
        if (qobject_cast<const QAbstractButton *>(widget) ||
            qobject_cast<const QLineEdit *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty() ||
                         !widget->property("text").toString().isEmpty(),
                     widget->metaObject()->className());
    }
}

void TestMainWindow::unopenablePoolSaysWhy()
{
    DesktopFixture f;
    auto cfg = f.config();
    cfg.env.insert(QStringLiteral("ENCRYPTION_KEY"), QStringLiteral("not-a-key"));
    desktop::PoolClient client(cfg, &f.secrets);
    SystemClock clock;
    TrayController tray(TrayController::Availability::Unavailable);
    MainWindow window(clock, AppSettings{}, &tray);
    QSignalSpy failed(&window, &MainWindow::poolOpenFailed);
    window.attachClient(&client);
    QVERIFY(failed.wait(10000));
    QVERIFY(!window.isPoolOpen());
    QVERIFY(!window.actions()->add->isEnabled());
    auto *label = window.findChild<QLabel *>(QStringLiteral("openingLabel"));
    QVERIFY(label->text().contains(QStringLiteral("ENCRYPTION_KEY")));
}

// The out-of-date key reaches the banner (red, first); Pool -> Pool Key... exports the key the
// engine holds into a new owner-only file.
void TestMainWindow::poolKeyBannerAndExport()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    auto *events = const_cast<desktop::PoolEvents *>(w.client->events());
    Q_EMIT events->keyProblemChanged(QStringLiteral("rotated to 9999-9999-9999-9999"));
    QTRY_VERIFY(w.window->alertBanner()->isVisible());
    QVERIFY(w.window->alertBanner()->isCritical());
    QVERIFY(w.window->alertBanner()->text().startsWith(
        QStringLiteral("This desktop's pool key is out of date")));
    QVERIFY(w.window->alertBanner()->text().contains(QStringLiteral("9999-9999-9999-9999")));
    Q_EMIT events->keyProblemChanged(QString());
    QTRY_VERIFY(!w.window->alertBanner()->text().contains(QStringLiteral("out of date")));

    const QString file = QDir(w.f.dir.path()).filePath(QStringLiteral("exported.key"));
    w.window->setKeyFileChooser([file](QWidget *, bool save) { return save ? file : QString(); });
    QVERIFY(w.window->actions()->poolKey->isEnabled());
    w.window->actions()->poolKey->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.window->findChild<QDialog *>(QStringLiteral("poolKeyDialog"))));
    const QString fingerprint =
        w.window->findChild<QLabel *>(QStringLiteral("keyFingerprint"))->text();
    QCOMPARE(fingerprint.size(), 19);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportKeyButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(QFile::exists(file));
    QTRY_VERIFY(dialog->findChild<PoolKeyBox *>()->statusText().contains(fingerprint));
    // The wrapped status line (it names the file) is shown whole, not cut at the bottom.
    const QLabel *status = dialog->findChild<QLabel *>(QStringLiteral("keyStatus"));
    QTRY_VERIFY2(status->height() >= status->heightForWidth(status->width()),
                 qPrintable(QStringLiteral("%1 < %2")
                                .arg(status->height())
                                .arg(status->heightForWidth(status->width()))));
    QCOMPARE(QFile::permissions(file), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ReadUser | QFileDevice::WriteUser);
    QCOMPARE(readKeyFile(file)->fingerprint(), fingerprint);
    QVERIFY(testing::save(dialog, QStringLiteral("pool-key-dialog"))); // the real dialog
    dialog->reject();
}

// DesktopApp replaces the client when the settings change. A dialog opened on the old pool
// never talks to the new one: its Save is answered "The pool is not open", nothing typed is
// lost, and neither pool gets the account.
void TestMainWindow::switchingThePoolWithADialogOpen()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    w.window->actions()->add->trigger();
    QPointer<AccountDialog> dialog = w.window->findChild<AccountDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QPushButton *save = typeAndVerify(dialog, QStringLiteral("Account 2"), fakedo::demoToken(2));
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10000);
    w.window->actions()->poolKey->trigger();
    QPointer<QDialog> keyDialog;
    QTRY_VERIFY((keyDialog = w.window->findChild<QDialog *>(QStringLiteral("poolKeyDialog"))));

    // Settings -> another database, as DesktopApp::reopen does it: attach, then destroy.
    desktop::DesktopConfig other = w.config();
    other.database.path = QDir(w.f.dir.path()).filePath(QStringLiteral("other.sqlite"));
    auto next = std::make_unique<desktop::PoolClient>(other, &w.f.secrets);
    QSignalSpy opened(w.window.get(), &MainWindow::poolOpened);
    w.window->attachClient(next.get());
    w.client = std::move(next);
    QVERIFY(opened.wait(10000));
    QCOMPARE(w.window->accountModel()->rowCount(), 0);

    save->click();
    auto *saveError = dialog->findChild<QLabel *>(QStringLiteral("saveError"));
    QTRY_VERIFY_WITH_TIMEOUT(saveError->isVisible(), 10000);
    QCOMPARE(saveError->text(), QStringLiteral("The pool is not open"));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(),
             QStringLiteral("Account 2"));
    // The new pool was not written: a later request to it answers with no account.
    Answer<QList<AuditEntry>> audit;
    w.client->call(&desktop::PoolWorker::listAudit, QString(), 50)
        .then(&w.f.context, audit.callback());
    QVERIFY(audit.wait());
    QVERIFY(*audit);
    QCOMPARE(w.window->accountModel()->rowCount(), 0);

    // The Pool Key dialog of the old pool answers the same way.
    const QString file = QDir(w.f.dir.path()).filePath(QStringLiteral("after-switch.key"));
    keyDialog->findChild<PoolKeyBox *>()->setFileChooser(
        [file](QWidget *, bool saving) { return saving ? file : QString(); });
    QTest::mouseClick(keyDialog->findChild<QPushButton *>(QStringLiteral("exportKeyButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(keyDialog->findChild<PoolKeyBox *>()->statusText().contains(
        QStringLiteral("The pool is not open")));
    QVERIFY(!QFile::exists(file));
    dialog->reject();
    keyDialog->reject();
}

void TestMainWindow::toolbarShowsIconsBesideText()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    auto *toolBar = w.window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    QCOMPARE(toolBar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
    int buttons = 0;
    for (QAction *action : toolBar->actions()) {
        if (action->isSeparator())
            continue;
        ++buttons;
        // Offscreen there is no icon theme: these are the bundled drawings.
        QVERIFY2(!action->icon().isNull(), qPrintable(action->text()));
        QVERIFY2(!action->icon().pixmap(22, 22).isNull(), qPrintable(action->text()));
        auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action));
        QVERIFY(button);
        QVERIFY(!button->text().isEmpty());
    }
    QVERIFY(buttons >= 8);
}

// Geometry, the docks, the table's column widths and sort order: closed in one run, there
// again in the next. The settings live in a temporary file, never the real ones.
void TestMainWindow::layoutSurvivesRestart()
{
    QTemporaryDir settingsDir;
    QVERIFY(settingsDir.isValid());
    const QString file = QDir(settingsDir.path()).filePath(QStringLiteral("dopool.ini"));
    WindowFixture w;
    QVERIFY(w.start({1, 2, 3}));
    {
        QSettings settings(file, QSettings::IniFormat);
        w.window->restoreLayout(&settings); // nothing stored yet: the defaults stay
        QVERIFY(w.window->historyDock()->isHidden());
        w.window->resize(960, 580);
        QHeaderView *header = w.window->tableView()->horizontalHeader();
        header->resizeSection(AccountTableModel::EmailColumn, 263);
        w.window->tableView()->sortByColumn(AccountTableModel::NameColumn, Qt::DescendingOrder);
        w.window->actions()->history->trigger();
        QTRY_VERIFY(w.window->historyDock()->isVisible());
        QVERIFY(w.window->close());
    }
    QVERIFY(QFileInfo(file).size() > 0);
    w.window.reset();

    QSettings settings(file, QSettings::IniFormat);
    MainWindow again(w.clock, AppSettings{}, &w.tray);
    again.restoreLayout(&settings);
    QSignalSpy opened(&again, &MainWindow::poolOpened);
    again.attachClient(w.client.get());
    again.show();
    QVERIFY(opened.wait(10000));
    QTRY_COMPARE(again.accountModel()->rowCount(), 3);
    QCOMPARE(again.size(), QSize(960, 580));
    QHeaderView *header = again.tableView()->horizontalHeader();
    QCOMPARE(header->sectionSize(AccountTableModel::EmailColumn), 263);
    QCOMPARE(header->sortIndicatorSection(), int(AccountTableModel::NameColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    const QAbstractItemModel *rows = again.tableView()->model();
    QCOMPARE(rows->index(0, AccountTableModel::NameColumn).data().toString(),
             QStringLiteral("Account 3"));
    QVERIFY(rows->index(2, AccountTableModel::NameColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Account 1"))); // with the primary's star
    QVERIFY(again.historyDock()->isVisible());
    QVERIFY(again.actions()->history->isChecked());
    QVERIFY(again.detailDock()->isHidden());
}

void TestMainWindow::keyboardShortcutsListTheWindowsActions()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    // A shortcut changed at run time shows as it is: the list is read from the actions.
    w.window->actions()->audit->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_U));
    w.window->actions()->shortcuts->trigger();
    ShortcutsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.window->findChild<ShortcutsDialog *>()) && dialog->isVisible());
    QStringList listed;
    for (const QStringList &row : dialog->rows())
        listed << row.at(1);
    int withShortcut = 0;
    for (const QAction *action : w.window->actions()->all()) {
        if (action->shortcut().isEmpty())
            continue;
        ++withShortcut;
        QVERIFY2(listed.contains(action->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(action->text()));
    }
    QCOMPARE(dialog->rows().size(), withShortcut);
    QVERIFY(listed.contains(
        QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_U).toString(QKeySequence::NativeText)));
    dialog->reject();
}

void TestMainWindow::userGuideOpensTheResolvedGuide()
{
    WindowFixture w;
    QVERIFY(w.start({1}));
    QList<QUrl> opened;
    w.window->setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    w.window->actions()->userGuide->trigger();
    QCOMPARE(opened.size(), 1);
    // A build that is not installed: the guide of the source tree it was built from.
    QCOMPARE(opened.first(), resolveUserGuide(UserGuideLocations::forThisBuild()));
    QVERIFY(opened.first().isLocalFile());
    QVERIFY(opened.first().toLocalFile().endsWith(QStringLiteral("docs/user-guide.md")));
    QVERIFY(QFileInfo::exists(opened.first().toLocalFile()));

    // A desktop that cannot open it says so instead of doing nothing.
    w.window->setUrlOpener([](const QUrl &) { return false; });
    w.window->actions()->userGuide->trigger();
    QVERIFY2(w.window->statusText().contains(QStringLiteral("user-guide.md")),
             qPrintable(w.window->statusText()));
}

void TestMainWindow::poolHistoryShowsThePool()
{
    WindowFixture w;
    QVERIFY(w.start({1, 2, 3}));
    // The fixture's sync recorded one sample per account; a second sync makes a line.
    w.window->actions()->syncAll->trigger();
    QSignalSpy synced(w.window.get(), &MainWindow::syncAllFinished);
    QVERIFY(synced.wait(15000));
    w.window->actions()->history->trigger();
    QTRY_VERIFY(w.window->historyView()->isShowingChart());
    QVERIFY2(w.window->historyView()->summaryText().contains(QStringLiteral("50 of 75")),
             qPrintable(w.window->historyView()->summaryText()));
    w.window->actions()->history->trigger();
    QTRY_VERIFY(w.window->historyDock()->isHidden());
}

// Known defect 3: the "Last sync" and "Last health check" headers were cut in Indonesian,
// the columns being as wide as the English text needs.
void TestMainWindow::indonesianHeadersAreNotClipped()
{
    QObject owner;
    QVERIFY(installTranslations(QLocale(QStringLiteral("id")), &owner));
    const SystemClock clock;
    TrayController tray{TrayController::Availability::Unavailable};
    MainWindow window(clock, AppSettings{}, &tray);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QHeaderView *header = window.tableView()->horizontalHeader();
    const QAbstractItemModel *model = window.tableView()->model();
    const QString lastSync =
        model->headerData(AccountTableModel::LastSyncColumn, Qt::Horizontal).toString();
    QVERIFY2(lastSync != QStringLiteral("Last sync"), "the Indonesian translation is not loaded");
    // What the old fixed widths (110 and 130 px) cut off.
    QVERIFY(header->sectionSizeHint(AccountTableModel::LastSyncColumn) > 110);
    for (int column = 0; column < header->count() - 1; ++column) {
        const QString text = model->headerData(column, Qt::Horizontal).toString();
        QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column),
                 qPrintable(QStringLiteral("\"%1\": %2 px, needs %3")
                                .arg(text)
                                .arg(header->sectionSize(column))
                                .arg(header->sectionSizeHint(column))));
        QVERIFY(header->sectionSize(column) > header->fontMetrics().horizontalAdvance(text));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
