#include "MainWindow.h"

#include "AlertBanner.h"
#include "DetailDock.h"
#include "PoolActions.h"
#include "PoolCapacityBar.h"
#include "SyncRunner.h"
#include "WelcomePanel.h"
#include "backup/BackupController.h"
#include "detail/AccountDetailView.h"
#include "history/PoolHistoryView.h"
#include "model/AccountFilterProxy.h"
#include "model/AccountItemDelegate.h"
#include "model/AccountTableModel.h"
#include "orders/OrdersController.h"
#include "tray/TrayController.h"

#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace dopool::ui {

namespace {

bool askWithMessageBox(QWidget *parent, const QString &title, const QString &question)
{
    return QMessageBox::question(parent, title, question, QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

} // namespace

MainWindow::MainWindow(const Clock &clock, AppSettings settings, TrayController *tray,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_tray(tray)
    , m_confirm(askWithMessageBox)
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("DO Account Pool"));
    buildUi();
    // Many rows change during a sync: recompute the pool's totals once per burst.
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(50);
    connect(&m_summaryTimer, &QTimer::timeout, this, &MainWindow::updateSummary);
    // "5 min ago" must not stay "5 min ago".
    m_clockTimer.setInterval(30000);
    connect(&m_clockTimer, &QTimer::timeout, m_model, &AccountTableModel::refreshTimes);
    connect(&m_clockTimer, &QTimer::timeout, m_orders, &OrdersController::tick);
    m_clockTimer.start();
    followTray();
}

MainWindow::~MainWindow()
{
    // ~QWidget hides the children once this is no longer a MainWindow; the dock's
    // visibilityChanged must not reach the lambdas that use MainWindow's members then.
    disconnect(m_historyDock, nullptr, this, nullptr);
    disconnect(m_orders->dock(), nullptr, m_orders, nullptr);
}

void MainWindow::buildUi()
{
    resize(1100, 620);
    buildToolBar();
    buildAccountPage();
    buildDocks();
    buildStatusBar();
    connectActions();
}

void MainWindow::buildToolBar()
{
    m_actions = new PoolActions(this);
    m_actions->fillMenuBar(menuBar());
    m_backup = new BackupController(this);
    m_backup->addToMenu(menuBar()->actions().constFirst()->menu(), m_actions->settings); // Pool
    connect(m_backup, &BackupController::message, this, &MainWindow::showMessage);
    connect(m_backup, &BackupController::failed, this, &MainWindow::showError);
    QToolBar *toolBar = addToolBar(tr("Main toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setAccessibleName(tr("Main toolbar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(22, 22));
    toolBar->setMovable(false);
    m_actions->fillToolBar(toolBar);
}

// The central stack: "Opening the pool…", the pool page (banner, search, table, footer) and
// the welcome panel of an empty pool.
void MainWindow::buildAccountPage()
{
    m_model = new AccountTableModel(m_clock, this);
    m_proxy = new AccountFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_delegate = new AccountItemDelegate(this);
    m_delegate->setWarningThreshold(m_settings.utilisationThresholdPercent / 100.0);

    m_stack = new QStackedWidget(this);
    m_openingLabel = new QLabel(tr("Opening the pool…"), m_stack);
    m_openingLabel->setObjectName(QStringLiteral("openingLabel"));
    m_openingLabel->setAlignment(Qt::AlignCenter);
    m_openingLabel->setWordWrap(true);
    m_openingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_openingLabel);

    m_poolPage = new QWidget(m_stack);
    auto *page = new QVBoxLayout(m_poolPage);
    m_banner = new AlertBanner(m_poolPage);
    page->addWidget(m_banner);
    m_search = new QLineEdit(m_poolPage);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search by name or email"));
    m_search->setAccessibleName(tr("Search accounts"));
    m_search->setClearButtonEnabled(true);
    page->addWidget(m_search);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &AccountFilterProxy::setSearchText);

    m_table = new QTableView(m_poolPage);
    m_table->setObjectName(QStringLiteral("accountTable"));
    m_table->setAccessibleName(tr("Accounts"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(m_delegate);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AccountTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    m_table->horizontalHeader()->setStretchLastSection(true);
    fitColumnsToHeaders();
    page->addWidget(m_table, 1);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        m_actions->fillContextMenu(&menu);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table, &QTableView::doubleClicked, this, &MainWindow::showDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onSelectionChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::onSelectionChanged);
    page->addLayout(buildFooter());
    m_stack->addWidget(m_poolPage);

    m_welcome = new WelcomePanel(m_stack);
    m_stack->addWidget(m_welcome);
    connect(m_welcome, &WelcomePanel::addAccountRequested, this, &MainWindow::addAccount);
    connect(m_welcome, &WelcomePanel::importEnvRequested, this, &MainWindow::importEnvToken);
    connect(m_welcome, &WelcomePanel::restoreRequested, m_backup, &BackupController::restore);
    setCentralWidget(m_stack);
}

// Pool capacity and Sync All, under the table.
QLayout *MainWindow::buildFooter()
{
    auto *footer = new QHBoxLayout();
    auto *capacityLabel = new QLabel(tr("Pool capacity:"), m_poolPage);
    footer->addWidget(capacityLabel);
    m_capacity = new PoolCapacityBar(m_poolPage);
    capacityLabel->setBuddy(m_capacity);
    footer->addWidget(m_capacity);
    footer->addStretch(1);
    auto *syncAllButton = new QPushButton(tr("Sync All"), m_poolPage);
    syncAllButton->setObjectName(QStringLiteral("syncAllButton"));
    syncAllButton->setAccessibleName(tr("Sync all accounts"));
    connect(syncAllButton, &QPushButton::clicked, this, &MainWindow::syncAll);
    connect(m_actions->syncAll, &QAction::changed, syncAllButton,
            [this, syncAllButton] { syncAllButton->setEnabled(m_actions->syncAll->isEnabled()); });
    syncAllButton->setEnabled(false);
    footer->addWidget(syncAllButton);
    return footer;
}

// Account details (right), Pool history and Orders (bottom); all hidden at first.
void MainWindow::buildDocks()
{
    m_details = new DetailDock(this);
    connect(m_details, &DetailDock::error, this, &MainWindow::showError);

    m_historyDock = new QDockWidget(tr("Pool history"), this);
    m_historyDock->setObjectName(QStringLiteral("historyDock"));
    m_historyDock->setAccessibleName(tr("Pool history"));
    m_history = new PoolHistoryView(m_historyDock);
    m_historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    m_historyDock->hide();
    connect(m_history, &PoolHistoryView::reloadRequested, this, &MainWindow::loadPoolHistory);
    connect(m_historyDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_actions->history->setChecked(!m_historyDock->isHidden());
        if (visible)
            loadPoolHistory();
    });
    m_historyTimer.setSingleShot(true);
    m_historyTimer.setInterval(2000);
    connect(&m_historyTimer, &QTimer::timeout, this, [this] {
        if (m_historyDock->isVisible())
            loadPoolHistory();
    });

    m_orders = new OrdersController(this, m_clock, m_actions->orders);
    m_orders->setConfirmer([this](QWidget *parent, const QString &title, const QString &question) {
        return m_confirm(parent, title, question);
    });
    connect(m_orders, &OrdersController::message, this, &MainWindow::showMessage);
    connect(m_orders, &OrdersController::error, this, &MainWindow::showError);
    connect(m_orders, &OrdersController::showAccountRequested, this, &MainWindow::showOrderAccount);
    connect(m_orders, &OrdersController::queueChanged, m_banner, &AlertBanner::setOrderQueue);
}

// Where the pool is, whether it is shared, the queue (OrdersController) and Sync All's progress.
void MainWindow::buildStatusBar()
{
    m_storeLabel = new QLabel(this);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    m_storeLabel->setAccessibleName(tr("Pool location"));
    statusBar()->addPermanentWidget(m_storeLabel);
    m_sharedLabel = new QLabel(this);
    m_sharedLabel->setObjectName(QStringLiteral("sharedLabel"));
    m_sharedLabel->setAccessibleName(tr("Shared pool state"));
    m_sharedLabel->hide();
    statusBar()->addPermanentWidget(m_sharedLabel);
    m_sync = new SyncRunner(statusBar());
    connect(m_sync, &SyncRunner::started, this, &MainWindow::showMessage);
    connect(m_sync, &SyncRunner::busyChanged, m_actions, &PoolActions::setBusy);
    connect(m_sync, &SyncRunner::answered, this, [this](const QString &message, bool ok) {
        flushSummary(); // the accounts' rows came before this answer
        if (ok)
            showMessage(message);
        else
            showError(message);
    });
    connect(m_sync, &SyncRunner::allFinished, this, &MainWindow::syncAllFinished);
}

void MainWindow::connectActions()
{
    connect(m_actions->add, &QAction::triggered, this, &MainWindow::addAccount);
    connect(m_actions->edit, &QAction::triggered, this, &MainWindow::editAccount);
    connect(m_actions->remove, &QAction::triggered, this, &MainWindow::deleteAccount);
    connect(m_actions->setPrimary, &QAction::triggered, this, &MainWindow::setPrimary);
    connect(m_actions->toggleActive, &QAction::triggered, this, &MainWindow::toggleActive);
    connect(m_actions->details, &QAction::triggered, this, &MainWindow::showDetails);
    connect(m_actions->sync, &QAction::triggered, this, &MainWindow::syncSelected);
    connect(m_actions->syncAll, &QAction::triggered, this, &MainWindow::syncAll);
    connect(m_actions->checkHealth, &QAction::triggered, this, &MainWindow::checkHealthSelected);
    connect(m_actions->checkAllHealth, &QAction::triggered, this, &MainWindow::checkHealthAll);
    connect(m_actions->provision, &QAction::triggered, this, &MainWindow::provision);
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_actions->poolKey, &QAction::triggered, this, &MainWindow::openPoolKey);
    connect(m_actions->audit, &QAction::triggered, this, &MainWindow::showAudit);
    connect(m_actions->quit, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_actions->history, &QAction::toggled, this, &MainWindow::showPoolHistory);
    connect(m_actions->userGuide, &QAction::triggered, this, &MainWindow::showUserGuide);
    connect(m_actions->shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::showAbout);
    // The actions live in the menu bar; make their shortcuts work wherever focus is.
    addActions(m_actions->all());
}

void MainWindow::followTray()
{
    if (!m_tray)
        return;
    connect(m_tray, &TrayController::openRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &TrayController::syncAllRequested, this, &MainWindow::syncAll);
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quitRequested);
    connect(m_tray, &TrayController::fallbackNotice, m_banner, &AlertBanner::addNotice);
    m_tray->setNotificationsEnabled(m_settings.notificationsEnabled);
}

QDockWidget *MainWindow::ordersDock() const
{
    return m_orders->dock();
}

OrdersView *MainWindow::ordersView() const
{
    return m_orders->view();
}

AccountDetailView *MainWindow::detailView() const
{
    return m_details->view();
}

QDockWidget *MainWindow::detailDock() const
{
    return m_details->dock();
}

bool MainWindow::isSyncAllRunning() const
{
    return m_sync->isAllRunning();
}

void MainWindow::attachClient(desktop::PoolClient *client, const QString &envToken)
{
    if (m_client)
        disconnect(m_client->events(), nullptr, this, nullptr);
    delete m_scope; // the previous pool's answers stop here
    m_scope = new QObject(this);
    m_client = client;
    m_details->setPool(m_client, m_scope);
    m_sync->setPool(m_client, m_scope);
    m_orders->setPool(m_client, m_scope);
    m_backup->setPool(m_client, m_scope);
    m_open = false;
    m_envToken = envToken.trimmed();
    m_model->setAccounts({});
    m_openingLabel->setText(tr("Opening the pool…"));
    m_stack->setCurrentWidget(m_openingLabel);
    m_actions->updateFor(nullptr, false);
    connectClient();
    client->open(m_scope, [this](Result<desktop::PoolInfo> opened) {
        if (!opened) {
            m_openingLabel->setText(tr("The pool could not be opened:\n\n%1\n\nFix the "
                                       "setting in Settings (Ctrl+,) or the environment, then "
                                       "restart.")
                                        .arg(opened.error().message));
            m_actions->settings->setEnabled(true);
            showError(opened.error().message);
            Q_EMIT poolOpenFailed(opened.error().message);
            return;
        }
        onOpened(*opened);
    });
}

void MainWindow::connectClient()
{
    desktop::PoolClient *client = m_client;
    connect(client->events(), &desktop::PoolEvents::accountsReset, this,
            [this](const QList<Account> &accounts) {
                const QString selected = selectedAccount() ? selectedAccount()->id : QString();
                m_model->setAccounts(accounts);
                if (!selected.isEmpty())
                    selectAccount(selected);
                scheduleSummary();
            });
    connect(client->events(), &desktop::PoolEvents::accountChanged, this,
            [this](const Account &account) { onAccountsChanged({account}); });
    connect(client->events(), &desktop::PoolEvents::accountsChanged, this,
            &MainWindow::onAccountsChanged);
    connect(client->events(), &desktop::PoolEvents::accountRemoved, this,
            [this](const QString &id) {
                m_model->removeAccount(id);
                m_details->accountRemoved(id);
                scheduleSummary();
            });
    connect(client->events(), &desktop::PoolEvents::syncProgress, m_sync, &SyncRunner::progress);
    connect(client->events(), &desktop::PoolEvents::alertChanged, this,
            [this](const desktop::AlertChange &change) {
                if (m_tray)
                    m_tray->notifyAlert(change);
            });
    connect(client->events(), &desktop::PoolEvents::roundStarted, this, [this](bool syncRound) {
        showMessage(syncRound ? tr("Scheduled sync running…") : tr("Health check running…"));
    });
    connect(client->events(), &desktop::PoolEvents::roundFinished, this,
            [this](bool syncRound, int accounts, int failures) {
                showMessage((syncRound ? tr("Scheduled sync: %1 accounts, %2 failed")
                                       : tr("Health check: %1 accounts, %2 failed"))
                                .arg(accounts)
                                .arg(failures));
            });
    connect(client->events(), &desktop::PoolEvents::backgroundError, this, &MainWindow::showError);
    connect(client->events(), &desktop::PoolEvents::sharedStateChanged, this,
            &MainWindow::onSharedState);
    connect(client->events(), &desktop::PoolEvents::keyProblemChanged, m_banner,
            &AlertBanner::setKeyProblem);
}

void MainWindow::onOpened(const desktop::PoolInfo &info)
{
    m_open = true;
    m_info = info;
    const QString where = info.demo ? tr("Demo pool (throwaway SQLite, built-in fake DigitalOcean)")
                                    : tr("%1: %2").arg(info.backend, info.location);
    m_storeLabel->setText(where);
    m_storeLabel->setToolTip(tr("Pool key fingerprint: %1").arg(info.keyFingerprint));
    setWindowTitle(info.demo ? tr("DO Account Pool — demo") : tr("DO Account Pool"));
    m_actions->updateFor(selectedAccount(), true);
    showMessage(tr("Pool opened"));
    Q_EMIT poolOpened(info);
    updateSummary();
    if (m_historyDock->isVisible())
        loadPoolHistory(); // restored open from the last run
    m_orders->open(m_client->config().engine);
}

void MainWindow::setSettings(const AppSettings &settings)
{
    m_settings = settings;
    m_delegate->setWarningThreshold(settings.utilisationThresholdPercent / 100.0);
    if (m_tray)
        m_tray->setNotificationsEnabled(settings.notificationsEnabled);
    m_table->viewport()->update();
    updateSummary();
    if (m_historyDock->isVisible())
        loadPoolHistory(); // the threshold line follows the setting
}

void MainWindow::onSharedState(const desktop::SharedState &state)
{
    m_orders->setShared(state.shared);
    m_banner->setDatabaseOutage(state.databaseUp ? QString() : state.lastError);
    if (!state.shared) {
        m_sharedLabel->hide();
        return;
    }
    const QString leader = state.isLeader ? tr("this desktop") : state.leader;
    m_sharedLabel->setText(
        tr("Shared pool: %n instance(s) online, rounds run by %1", nullptr, state.instancesOnline)
            .arg(leader));
    m_sharedLabel->setToolTip(
        tr("Several desktops and dopool-cli serve daemons use this database. Scheduled syncs and "
           "health checks run on one of them at a time (now: %1); changes by any of them appear "
           "here within seconds.\nThis desktop: %2")
            .arg(state.leader, state.self));
    m_sharedLabel->show();
}

QString MainWindow::sharedText() const
{
    return m_sharedLabel->isHidden() ? QString() : m_sharedLabel->text();
}

QString MainWindow::statusText() const
{
    return statusBar()->currentMessage();
}

QString MainWindow::poolCapacityText() const
{
    return m_capacity->text();
}

const Account *MainWindow::selectedAccount() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->accountAt(m_proxy->mapToSource(current).row());
}

void MainWindow::selectAccount(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
}

void MainWindow::onSelectionChanged()
{
    const Account *account = selectedAccount();
    m_actions->updateFor(account, m_open);
    m_actions->setBusy(m_sync->isAllRunning());
    if (account)
        m_details->follow(account->id);
}

void MainWindow::onAccountsChanged(const QList<Account> &accounts)
{
    m_model->upsertAccounts(accounts);
    m_details->accountsChanged(accounts);
    const Account *selected = selectedAccount();
    if (selected && std::any_of(accounts.cbegin(), accounts.cend(),
                                [selected](const Account &a) { return a.id == selected->id; }))
        onSelectionChanged();
    scheduleSummary();
}

void MainWindow::scheduleSummary()
{
    if (!m_summaryTimer.isActive())
        m_summaryTimer.start();
    if (m_historyDock->isVisible() && !m_historyTimer.isActive())
        m_historyTimer.start();
}

void MainWindow::flushSummary()
{
    m_summaryTimer.stop();
    updateSummary();
}

void MainWindow::updateSummary()
{
    const double threshold = m_settings.utilisationThresholdPercent / 100.0;
    m_summary = desktop::PoolSummary::of(m_model->accounts(), threshold);
    m_capacity->setSummary(m_summary, threshold);
    m_banner->setSummary(m_summary, threshold);
    QHash<QString, QString> names;
    for (const Account &account : m_model->accounts())
        names.insert(account.id, account.name);
    m_orders->setAccountNames(names);
    if (m_tray)
        m_tray->setSummary(m_summary);
    if (m_open) {
        const bool empty = m_model->rowCount() == 0;
        if (empty) {
            m_welcome->setEnvTokenAvailable(!m_envToken.isEmpty());
            m_stack->setCurrentWidget(m_welcome);
        } else {
            m_stack->setCurrentWidget(m_poolPage);
        }
    }
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(tr("Error: %1").arg(message));
}

void MainWindow::showMessage(const QString &message)
{
    statusBar()->showMessage(message, 15000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    // With a tray the pool keeps watching in the background; without one, closing quits.
    if (m_tray && m_tray->hasTray()) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
    Q_EMIT quitRequested();
}

} // namespace dopool::ui
