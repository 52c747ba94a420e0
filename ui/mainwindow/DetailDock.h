#pragma once

#include "desktop/PoolClient.h"

#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;

namespace dopool::ui {

class AccountDetailView;

// The main window's "Account details" dock: which account it shows, loading that account's
// detail, live identity and droplet pages through the pool, and following what the pool says
// changed. The requests follow MainWindow's client rule: the pool and the answers' context are
// set together by setPool.
class DetailDock : public QObject
{
    Q_OBJECT
public:
    explicit DetailDock(QMainWindow *window);

    QDockWidget *dock() const { return m_dock; }
    AccountDetailView *view() const { return m_view; }
    QString accountId() const { return m_accountId; }

    void setPool(QPointer<desktop::PoolClient> pool, QObject *scope);
    // Shows the dock with the account, loaded afresh.
    void show(const QString &accountId);
    // The selection moved: an open dock follows it.
    void follow(const QString &accountId);
    // What the pool says changed: rows of the shown account update it; its removal closes it.
    void accountsChanged(const QList<Account> &accounts);
    void accountRemoved(const QString &accountId);

Q_SIGNALS:
    void error(const QString &message);

private:
    void load(const QString &accountId);
    void loadDroplets(int page);

    QDockWidget *m_dock = nullptr;
    AccountDetailView *m_view = nullptr;
    QString m_accountId;
    QPointer<desktop::PoolClient> m_pool;
    QPointer<QObject> m_scope;
};

} // namespace dopool::ui
