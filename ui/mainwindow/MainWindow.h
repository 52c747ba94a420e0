#pragma once

#include "common/Clock.h"
#include "desktop/PoolClient.h"
#include "desktop/PoolSummary.h"
#include "settings/AppSettings.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <functional>

class QLabel;
class QLineEdit;
class QLayout;
class QStackedWidget;
class QTableView;
class QDockWidget;
class QSettings;

namespace dopool::ui {

class AccountTableModel;
class AccountFilterProxy;
class AccountItemDelegate;
class AccountDetailView;
class AlertBanner;
class BackupController;
class DetailDock;
class SyncRunner;
class PoolActions;
class PoolCapacityBar;
class PoolHistoryView;
class OrdersController;
class OrdersView;
class TrayController;
class WelcomePanel;

// The account pool window: the table of accounts with its search box, the pool footer and
// alert banner, the actions (menu, toolbar, context menu), the detail dock and the dialogs.
// It only talks to the pool through a PoolClient (asynchronous: the engine runs in its own
// thread), so nothing here waits for the database or DigitalOcean.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Asked before anything destructive; the default shows a QMessageBox. Tests script it.
    using Confirmer =
        std::function<bool(QWidget *parent, const QString &title, const QString &question)>;

    MainWindow(const Clock &clock, AppSettings settings, TrayController *tray,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects to client and opens the pool (replacing any previous client's connections).
    // envToken: DO_ACCESS_TOKEN of the app's environment (empty when unset), offered for import
    // on the welcome panel (docs/operations.md#migration-plan-phases-ae, phase B).
    void attachClient(desktop::PoolClient *client, const QString &envToken = QString());
    // The one rule for the client's lifetime (DesktopApp replaces the client when the
    // settings change): a flow - a dialog, a chain of requests - takes pool() when it starts
    // and sends every request through that pointer with desktop::PoolClient::call, never
    // through whatever client is current when a callback runs; answers that update the window
    // go to scope(), which attachClient replaces. So a replaced pool's answers never reach the
    // window, and a dialog opened on it hears "The pool is not open" instead of talking to
    // the new pool.
    QPointer<desktop::PoolClient> pool() const { return m_client; }
    QObject *scope() const { return m_scope; }
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    // Test seam: the file chooser of Pool -> Pool Key (default: a file dialog).
    using KeyFileChooser = std::function<QString(QWidget *parent, bool save)>;
    void setKeyFileChooser(KeyFileChooser chooser) { m_keyFileChooser = std::move(chooser); }
    void setSettings(const AppSettings &settings);
    // Test seam: how Help -> User Guide opens its URL (default: QDesktopServices::openUrl).
    using UrlOpener = std::function<bool(const QUrl &url)>;
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

    // Window geometry, dock and toolbar state, the account table's columns and sort order
    // (MainWindowLayout.cpp). restoreLayout reads them from settings now (nothing stored: the
    // defaults stay) and remembers settings: closing the window writes them back there.
    void restoreLayout(QSettings *settings);
    void saveLayout() const;

    // For tests and the screenshot tool.
    AccountTableModel *accountModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    PoolActions *actions() const { return m_actions; }
    AlertBanner *alertBanner() const { return m_banner; }
    AccountDetailView *detailView() const;
    QDockWidget *detailDock() const;
    QDockWidget *historyDock() const { return m_historyDock; }
    PoolHistoryView *historyView() const { return m_history; }
    QDockWidget *ordersDock() const;
    OrdersView *ordersView() const;
    // The status bar's queue counts ("3 queued, 1 waiting for capacity"); empty: none queued.
    QString queueText() const;
    QString statusText() const;
    QString sharedText() const;
    QString poolCapacityText() const;
    bool isPoolOpen() const { return m_open; }
    bool isSyncAllRunning() const;
    desktop::PoolSummary summary() const { return m_summary; }
    void selectAccount(const QString &id);
    const Account *selectedAccount() const;

    // Dialog launchers (also the actions' slots); the dialogs are window-modal and open().
    void addAccount();
    void editAccount();
    void deleteAccount();
    void setPrimary();
    void toggleActive();
    void syncSelected();
    void syncAll();
    void checkHealthSelected();
    void checkHealthAll();
    void provision();
    void openSettings();
    void openPoolKey();
    void showDetails();
    void importEnvToken();
    void showAudit();
    // View and Help (MainWindowHelp.cpp).
    void showPoolHistory(bool visible);
    void showOrders(bool visible); // View -> Orders (OrdersController)
    void showUserGuide();
    void showShortcuts();
    void showAbout();

Q_SIGNALS:
    void poolOpened(const dopool::desktop::PoolInfo &info);
    void poolOpenFailed(const QString &message);
    void settingsSaved(const dopool::ui::AppSettings &settings);
    void quitRequested();
    void syncAllFinished(int accounts, int failures);
    // The Provision dialog's answer arrived (the table already shows its account's new row).
    void provisionFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // buildUi's parts, in the order they are built.
    void buildUi();
    void buildToolBar();
    void buildAccountPage();
    QLayout *buildFooter();
    void buildDocks();
    void buildStatusBar();
    void connectActions();
    void followTray();
    void connectClient();
    void onOpened(const desktop::PoolInfo &info);
    void onSharedState(const desktop::SharedState &state);
    void onSelectionChanged();
    // Rows the pool changed: the table, the detail dock, the actions of the selected row.
    void onAccountsChanged(const QList<Account> &accounts);
    void scheduleSummary();
    void updateSummary();
    // The summary now (pool bar, banner, tray), not after the coalescing pause: after the
    // answer of an admin's action, whose rows arrived just before it.
    void flushSummary();
    void runSync(desktop::SyncMode mode, const QStringList &ids, const QString &what);
    void applyEdit(const Account &account,
                   const std::function<void(desktop::AccountEdit &)> &change,
                   const QString &doneMessage);
    // Verify in the Add/Edit dialogs: GET /v2/account through the engine thread.
    std::function<void(const QString &, QObject *,
                       std::function<void(Result<desktop::AccountInfo>)>)>
    tokenVerifier() const;
    void showError(const QString &message);
    void showMessage(const QString &message);
    void loadPoolHistory();
    void fitColumnsToHeaders();
    // View -> Orders' Show account (MainWindowOrders.cpp): the row in the account table.
    void showOrderAccount(const QString &accountId);

    const Clock &m_clock;
    AppSettings m_settings;
    TrayController *m_tray;
    QPointer<desktop::PoolClient> m_client;
    QObject *m_scope = nullptr; // the context of the current client's answers (see pool())
    BackupController *m_backup = nullptr; // Pool -> Back Up..., Restore... (ui/backup)
    Confirmer m_confirm;
    KeyFileChooser m_keyFileChooser;
    bool m_open = false;
    QString m_envToken;
    desktop::PoolInfo m_info;
    desktop::PoolSummary m_summary;

    AccountTableModel *m_model = nullptr;
    AccountFilterProxy *m_proxy = nullptr;
    AccountItemDelegate *m_delegate = nullptr;
    PoolActions *m_actions = nullptr;
    QStackedWidget *m_stack = nullptr;
    WelcomePanel *m_welcome = nullptr;
    QWidget *m_poolPage = nullptr;
    QLabel *m_openingLabel = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    AlertBanner *m_banner = nullptr;
    PoolCapacityBar *m_capacity = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_sharedLabel = nullptr;
    SyncRunner *m_sync = nullptr;
    DetailDock *m_details = nullptr;
    QDockWidget *m_historyDock = nullptr;
    PoolHistoryView *m_history = nullptr;
    QTimer m_historyTimer; // reloads the open Pool History after a burst of changes
    OrdersController *m_orders = nullptr;
    UrlOpener m_openUrl;
    QSettings *m_layoutSettings = nullptr;
    QTimer m_summaryTimer;
    QTimer m_clockTimer;
};

} // namespace dopool::ui
