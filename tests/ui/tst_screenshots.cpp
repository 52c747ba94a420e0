// Renders the real app on the demo pool - main window, add dialog, detail dock, provision
// dialog - to PNG files in <build>/tests/screenshots/, to be looked at (and used in the docs).
// Each picture is checked to be a real rendering: the right size and not blank.
#include "../desktop/DesktopTestSupport.h"
#include "Screenshots.h"
#include "demo/DemoPool.h"
#include "detail/AccountDetailView.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/AuditDialog.h"
#include "dialogs/ProvisionDialog.h"
#include "mainwindow/MainWindow.h"
#include "mainwindow/PoolActions.h"
#include "model/AccountTableModel.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>

using namespace dopool;
using namespace dopool::ui;
using namespace dopool::testing;

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mainWindow();
    void addDialog();
    void detailDock();
    void provisionDialog();
    void auditDialog();
    void cleanupTestCase();

private:
    DesktopFixture m_fixture;
    SystemClock m_clock;
    std::unique_ptr<TrayController> m_tray;
    std::unique_ptr<desktop::PoolClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

void TestScreenshots::initTestCase()
{
    auto config = m_fixture.config();
    config.demo = demo::backend();
    config.env.remove(QStringLiteral("ENCRYPTION_KEY"));
    m_client = std::make_unique<desktop::PoolClient>(config, &m_fixture.secrets);
    m_tray = std::make_unique<TrayController>(TrayController::Availability::Unavailable);
    m_window = std::make_unique<MainWindow>(m_clock, AppSettings{}, m_tray.get());
    m_window->resize(1280, 640);
    QSignalSpy opened(m_window.get(), &MainWindow::poolOpened);
    m_window->attachClient(m_client.get());
    m_window->show();
    QVERIFY(opened.wait(10000));
    QTRY_COMPARE(m_window->accountModel()->rowCount(), 3);
    // Three syncs: enough history for the utilisation chart.
    for (int round = 0; round < 3; ++round) {
        QSignalSpy synced(m_window.get(), &MainWindow::syncAllFinished);
        m_window->syncAll();
        QVERIFY(synced.wait(10000));
    }
}

void TestScreenshots::mainWindow()
{
    m_window->selectAccount(m_window->accountModel()->accounts().at(1).id);
    QTRY_COMPARE(m_window->poolCapacityText(), QStringLiteral("50/75 (67%)"));
    QVERIFY(save(m_window.get(), QStringLiteral("main-window")));
}

void TestScreenshots::addDialog()
{
    m_window->actions()->add->trigger();
    auto *dialog = m_window->findChild<AccountDialog *>();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
        ->setText(QStringLiteral("Account 4"));
    dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(fakedo::demoToken(2));
    dialog->findChild<QPushButton *>(QStringLiteral("verifyButton"))->click();
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"));
    QTRY_VERIFY_WITH_TIMEOUT(buttons->button(QDialogButtonBox::Save)->isEnabled(), 10000);
    QVERIFY(save(dialog, QStringLiteral("add-account-dialog")));
    dialog->reject();
}

void TestScreenshots::detailDock()
{
    m_window->selectAccount(m_window->accountModel()->accounts().at(0).id);
    m_window->actions()->details->trigger();
    QTRY_COMPARE(m_window->detailView()->accountId(),
                 m_window->accountModel()->accounts().at(0).id);
    auto *email =
        m_window->detailView()->findChild<QLabel *>(QStringLiteral("floatingIpLimitValue"));
    QTRY_VERIFY(email && email->text() != QStringLiteral("—"));
    m_window->detailDock()->setFloating(true);
    m_window->detailDock()->resize(560, 720);
    QVERIFY(save(m_window->detailView(), QStringLiteral("account-detail")));
    auto *tabs = m_window->detailView()->findChild<QTabWidget *>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(2); // utilisation over time
    QVERIFY(save(m_window->detailView(), QStringLiteral("account-detail-utilisation")));
    tabs->setCurrentIndex(0);
    m_window->detailDock()->setFloating(false);
}

void TestScreenshots::provisionDialog()
{
    m_window->actions()->provision->trigger();
    auto *dialog = m_window->findChild<ProvisionDialog *>();
    QVERIFY(dialog);
    auto *chosen = dialog->findChild<QLabel *>(QStringLiteral("previewAccount"));
    QVERIFY(chosen);
    QTRY_VERIFY_WITH_TIMEOUT(chosen->text().contains(QStringLiteral("Account 1")), 10000);
    // The pickers filled from the demo's DigitalOcean catalogue.
    auto *region = dialog->findChild<QComboBox *>(QStringLiteral("regionCombo"));
    QVERIFY(region);
    QTRY_VERIFY_WITH_TIMEOUT(region->count() > 0, 10000);
    dialog->findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
        ->setText(QStringLiteral("ord-7f3a9c21"));
    QVERIFY(save(dialog, QStringLiteral("provision-dialog")));
    dialog->reject();
}

void TestScreenshots::auditDialog()
{
    m_window->actions()->audit->trigger();
    auto *dialog = m_window->findChild<AuditDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->rowCount() >= 3, 10000); // the demo's three accounts
    QVERIFY(save(dialog, QStringLiteral("audit-log")));
    dialog->reject();
}

void TestScreenshots::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
