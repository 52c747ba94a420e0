#pragma once

// Test-only, header-only: the main window on real parts (the engine thread, a SQLite pool,
// real HTTP over loopback to the fake DO server), opened on a pool that already holds the
// demo accounts. Shared by the tests of the window and its docks.

#include "../desktop/DesktopTestSupport.h"
#include "mainwindow/MainWindow.h"
#include "model/AccountTableModel.h"
#include "tray/TrayController.h"

#include <QSignalSpy>

namespace dopool::testing {

// A window on a pool that already holds the given demo accounts (by number).
struct WindowFixture
{
    DesktopFixture f;
    SystemClock clock;
    ui::TrayController tray{ui::TrayController::Availability::Unavailable};
    std::unique_ptr<desktop::PoolClient> client;
    std::unique_ptr<ui::MainWindow> window;
    QStringList questions;
    bool answer = true;
    QString envToken;                    // DO_ACCESS_TOKEN of the app's environment
    std::optional<DatabaseUrl> database; // the pool, when not the fixture's SQLite file
    ui::AppSettings settings;            // what the window is opened with

    desktop::DesktopConfig config() const
    {
        desktop::DesktopConfig c = f.config();
        if (database)
            c.database = *database;
        return c;
    }

    bool start(const QList<int> &accounts, bool primaryFirst = true)
    {
        f.addDemoAccountsToFake();
        if (!f.open(config()))
            return false;
        for (int n : accounts) {
            if (!f.addAccount(QStringLiteral("Account %1").arg(n), fakedo::demoToken(n),
                              primaryFirst && n == accounts.first()))
                return false;
        }
        Answer<desktop::SyncSummary> synced; // the counts from DO, before the window opens
        f.client->call(&desktop::PoolWorker::sync, engine::SyncService::Mode::Sync, QStringList())
            .then(&f.context, synced.callback());
        if (!synced.wait())
            return false;
        f.client.reset(); // the pool is ready; the window opens it afresh
        client = std::make_unique<desktop::PoolClient>(config(), &f.secrets);
        window = std::make_unique<ui::MainWindow>(clock, settings, &tray);
        window->setConfirmer([this](QWidget *, const QString &, const QString &question) {
            questions << question;
            return answer;
        });
        QSignalSpy opened(window.get(), &ui::MainWindow::poolOpened);
        window->attachClient(client.get(), envToken);
        window->show();
        return opened.wait(10000) &&
               QTest::qWaitFor(
                   [&] { return window->accountModel()->rowCount() == accounts.size(); }, 10000);
    }

    int rowOf(const QString &name) const
    {
        const auto &all = window->accountModel()->accounts();
        for (int row = 0; row < all.size(); ++row) {
            if (all.at(row).name == name)
                return row;
        }
        return -1;
    }
    const Account &account(const QString &name) const
    {
        return window->accountModel()->accounts().at(rowOf(name));
    }
    void select(const QString &name) { window->selectAccount(account(name).id); }
};

} // namespace dopool::testing
