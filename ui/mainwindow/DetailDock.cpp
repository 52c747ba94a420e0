#include "DetailDock.h"

#include "detail/AccountDetailView.h"

#include <QDockWidget>
#include <QMainWindow>

namespace dopool::ui {

namespace {
constexpr int kDropletsPerPage = 20;
} // namespace

DetailDock::DetailDock(QMainWindow *window)
    : QObject(window)
{
    m_dock = new QDockWidget(tr("Account details"), window);
    m_dock->setObjectName(QStringLiteral("detailDock"));
    m_dock->setAccessibleName(tr("Account details"));
    m_view = new AccountDetailView(m_dock);
    m_dock->setWidget(m_view);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    connect(m_view, &AccountDetailView::refreshRequested, this, [this] {
        if (!m_accountId.isEmpty())
            load(m_accountId);
    });
    connect(m_view, &AccountDetailView::dropletPageRequested, this, [this](int page) {
        if (!m_accountId.isEmpty())
            loadDroplets(page);
    });
}

void DetailDock::setPool(QPointer<desktop::PoolClient> pool, QObject *scope)
{
    m_pool = std::move(pool);
    m_scope = scope;
}

void DetailDock::show(const QString &accountId)
{
    m_dock->show();
    m_dock->raise();
    load(accountId);
}

void DetailDock::follow(const QString &accountId)
{
    if (!accountId.isEmpty() && m_dock->isVisible() && accountId != m_accountId)
        load(accountId);
}

void DetailDock::accountsChanged(const QList<Account> &accounts)
{
    if (!m_dock->isVisible())
        return;
    for (const Account &account : accounts) {
        if (account.id == m_accountId)
            m_view->setAccount(account);
    }
}

void DetailDock::accountRemoved(const QString &accountId)
{
    if (accountId != m_accountId)
        return;
    m_accountId.clear();
    m_view->clear();
    m_dock->hide();
}

void DetailDock::load(const QString &id)
{
    if (!m_pool || !m_scope)
        return;
    const bool newAccount = id != m_accountId;
    m_accountId = id;
    if (newAccount)
        m_view->clear();
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::loadDetail, id)
        .then(m_scope, [this, id](Result<desktop::AccountDetail> detail) {
            if (id != m_accountId)
                return;
            if (!detail)
                return Q_EMIT error(detail.error().message);
            m_view->setAccount(detail->account);
            m_view->setHealthHistory(detail->healthHistory);
            m_view->setCapacityHistory(detail->capacityHistory);
            m_view->setTasks(detail->tasks);
        });
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::liveIdentity, id)
        .then(m_scope, [this, id](Result<desktop::AccountInfo> info) {
            if (id == m_accountId && info)
                m_view->setLiveIdentity(*info);
        });
    loadDroplets(1);
}

void DetailDock::loadDroplets(int page)
{
    if (!m_scope)
        return;
    const QString id = m_accountId;
    m_view->setDropletsLoading();
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::listDroplets, id, page,
                              kDropletsPerPage)
        .then(m_scope, [this, id, page](Result<desktop::DropletPage> droplets) {
            if (id != m_accountId)
                return;
            if (!droplets)
                return m_view->setDropletsError(droplets.error().message);
            m_view->setDroplets(*droplets, page, kDropletsPerPage);
        });
}

} // namespace dopool::ui
