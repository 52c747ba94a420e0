// Two desktops on one real PostgreSQL pool (two windows, each with its own engine thread,
// store connection and change feed, in one test process): a change by one reaches the other
// within 2 s, one of them leads the rounds, the audit log says who changed what, alerts raised
// by one are notified on the other.
#include "../desktop/DesktopTestSupport.h"
#include "PostgresServer.h"
#include "TestPostgres.h"
#include "VerifyOk.h"
#include "dialogs/AuditDialog.h"
#include "mainwindow/AlertBanner.h"
#include "mainwindow/MainWindow.h"
#include "mainwindow/PoolActions.h"
#include "model/AccountTableModel.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableWidget>

using namespace dopool;
using namespace dopool::ui;
using namespace dopool::testing;

namespace {

struct Desktop
{
    std::unique_ptr<desktop::PoolClient> client;
    TrayController tray{TrayController::Availability::Unavailable};
    std::unique_ptr<MainWindow> window;

    // A window with its own engine on config's pool, shown and open; false if it did not open.
    bool open(const desktop::DesktopConfig &config, SecretStore *secrets, const Clock &clock)
    {
        client = std::make_unique<desktop::PoolClient>(config, secrets);
        window = std::make_unique<MainWindow>(clock, AppSettings{}, &tray);
        QSignalSpy opened(window.get(), &MainWindow::poolOpened);
        window->attachClient(client.get());
        window->show();
        return opened.wait(15000);
    }
};

// The demo accounts at the fake server and a config on one pool database, for desktops to open.
struct SharedPool
{
    explicit SharedPool(const DatabaseUrl &database)
    {
        f.addDemoAccountsToFake();
        config = f.config();
        config.database = database;
    }
    bool open(Desktop &desktop) { return desktop.open(config, &f.secrets, clock); }

    DesktopFixture f;
    desktop::DesktopConfig config;
    SystemClock clock;
};

} // namespace

class TestSharedPoolWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoDesktopsOnePool();
    void databaseOutageIsShownAndSurvived();
};

void TestSharedPoolWindow::twoDesktopsOnePool()
{
    DOPOOL_TEST_POSTGRES(pg);
    SharedPool pool(pg.url());
    DesktopFixture &f = pool.f;
    Desktop a;
    Desktop b;
    QVERIFY(pool.open(a));
    QVERIFY(pool.open(b));
    // Both know the pool is shared; exactly one of them runs the rounds.
    QTRY_VERIFY(a.window->sharedText().contains(QStringLiteral("Shared pool")));
    QTRY_VERIFY(b.window->sharedText().contains(QStringLiteral("Shared pool")));
    QTRY_COMPARE(int(a.window->sharedText().contains(QStringLiteral("this desktop"))) +
                     int(b.window->sharedText().contains(QStringLiteral("this desktop"))),
                 1);

    // Desktop A adds an account: B shows it within 2 s of A's save.
    QSignalSpy notices(&b.tray, &TrayController::fallbackNotice);
    const Result<desktop::AccountDraft> draft =
        f.verifiedDraft(*a.client, QStringLiteral("Account 3"), fakedo::demoToken(3));
    QVERIFY(draft);
    Answer<Account> added;
    a.client->call(&desktop::PoolWorker::addAccount, *draft).then(&f.context, added.callback());
    QVERIFY(added.wait());
    DOPOOL_VERIFY_OK(*added);
    QElapsedTimer sinceSave;
    sinceSave.start();
    QTRY_VERIFY_WITH_TIMEOUT(b.window->accountModel()->rowOf((*added)->id) >= 0, 15000);
    qInfo("B saw A's new account after %lld ms", sinceSave.elapsed());

    // A's sync finds it full (25/25) and raises the alerts: B's admin is notified too, once.
    Answer<desktop::SyncSummary> synced;
    a.client->call(&desktop::PoolWorker::sync, engine::SyncService::Mode::Sync, QStringList())
        .then(&f.context, synced.callback());
    QVERIFY(synced.wait());
    QTRY_VERIFY_WITH_TIMEOUT(b.window->accountModel()->accounts().value(0).activeDroplets == 25,
                             15000);
    QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 15000);
    const int noticesSeen = int(notices.size());
    QVERIFY(std::any_of(notices.cbegin(), notices.cend(), [](const QList<QVariant> &args) {
        return args.at(1).toString().contains(QStringLiteral("Account 3"));
    }));

    // B's audit log says who added it; no token anywhere in it.
    b.window->selectAccount((*added)->id);
    b.window->actions()->audit->trigger();
    auto *audit = b.window->findChild<AuditDialog *>();
    QVERIFY(audit);
    QTRY_VERIFY_WITH_TIMEOUT(audit->rowCount() >= 1, 5000);
    auto *table = audit->findChild<QTableWidget *>(QStringLiteral("auditTable"));
    QVERIFY(table);
    bool sawAdd = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        for (int column = 0; column < table->columnCount(); ++column)
            QVERIFY(!table->item(row, column)->text().contains(fakedo::demoToken(3)));
        sawAdd = sawAdd || table->item(row, 2)->text() == QStringLiteral("account.add");
    }
    QVERIFY(sawAdd);
    // Nothing more was notified meanwhile (once per state change).
    QCOMPARE(int(notices.size()), noticesSeen);
}

void TestSharedPoolWindow::databaseOutageIsShownAndSurvived()
{
    DOPOOL_TEST_PG_SERVER(server);
    SharedPool pool(server.url());
    DesktopFixture &f = pool.f;
    Desktop d;
    QVERIFY(pool.open(d));
    QVERIFY(!d.window->alertBanner()->text().contains(QStringLiteral("unreachable")));

    QVERIFY2(server.stop(), qPrintable(server.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(
        d.window->alertBanner()->text().contains(QStringLiteral("unreachable")), 15000);
    QVERIFY(d.window->alertBanner()->isCritical());
    // A write during the outage is refused with a clear error, not lost silently.
    const Result<desktop::AccountDraft> draft =
        f.verifiedDraft(*d.client, QStringLiteral("Account 1"), fakedo::demoToken(1));
    QVERIFY(draft);
    Answer<Account> refused;
    d.client->call(&desktop::PoolWorker::addAccount, *draft).then(&f.context, refused.callback());
    QVERIFY(refused.wait(15000));
    QVERIFY(!*refused);
    QCOMPARE((*refused).error().kind, ErrorKind::Store);

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(
        !d.window->alertBanner()->text().contains(QStringLiteral("unreachable")), 20000);
    // Back: the same save now succeeds and the row appears.
    Answer<Account> added;
    d.client->call(&desktop::PoolWorker::addAccount, *draft).then(&f.context, added.callback());
    QVERIFY(added.wait(15000));
    DOPOOL_VERIFY_OK(*added);
    QTRY_COMPARE(d.window->accountModel()->rowCount(), 1);
}

QTEST_MAIN(TestSharedPoolWindow)
#include "tst_sharedpoolwindow.moc"
