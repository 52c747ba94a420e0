#pragma once

#include "common/Clock.h"
#include "desktop/PoolClient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;

namespace dopool::ui {

class OrdersView;

// View -> Orders: the order queue in a dock of the main window, kept current by the pool's task
// events, its counts in the status bar, and its actions (Retry, Cancel) answered through the
// pool in the engine thread. Show account is the window's (the account table is).
// The requests follow MainWindow's client rule: setPool gives the pool and the answers' context.
class OrdersController : public QObject
{
    Q_OBJECT
public:
    using Confirmer =
        std::function<bool(QWidget *parent, const QString &title, const QString &question)>;

    // toggle: View -> Orders (checked while the dock is shown).
    OrdersController(QMainWindow *window, const Clock &clock, QAction *toggle);

    QDockWidget *dock() const { return m_dock; }
    OrdersView *view() const { return m_view; }
    // The status bar's queue counts ("3 queued, 1 waiting for capacity"); empty: none queued.
    QString queueText() const;

    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    // A new client: nothing known yet; its task events feed the list.
    void setPool(QPointer<desktop::PoolClient> pool, QObject *scope);
    // The pool is open: its defaults, and the list if the dock is shown.
    void open(const desktop::EngineSettings &defaults);
    // PostgreSQL's change feed tells what other processes change; without it (SQLite) the list
    // is read again on each tick and when the counts change.
    void setShared(bool shared) { m_shared = shared; }
    void setAccountNames(const QHash<QString, QString> &names);
    void show(bool visible);
    // The window's clock (every 30 s): ages, the oldest order's tooltip, SQLite's poll.
    void tick();

Q_SIGNALS:
    void message(const QString &text);
    void error(const QString &text);
    void showAccountRequested(const QString &accountId);
    // The queue's counts changed, or time passed: the banner says how old the oldest is.
    void queueChanged(const desktop::QueueCounts &queue, const QDateTime &now);

private:
    void load();
    void retry(const ProvisioningTask &task);
    void cancel(const ProvisioningTask &task);
    void setQueue(const desktop::QueueCounts &queue);
    void refreshTimes();

    const Clock &m_clock;
    QAction *m_toggle;
    QWidget *m_window;
    QDockWidget *m_dock = nullptr;
    OrdersView *m_view = nullptr;
    QLabel *m_queueLabel = nullptr;
    desktop::QueueCounts m_queue;
    bool m_shared = false;
    bool m_open = false;
    Confirmer m_confirm;
    QPointer<desktop::PoolClient> m_pool;
    QPointer<QObject> m_scope;
};

} // namespace dopool::ui
