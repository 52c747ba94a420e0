#pragma once

#include "common/Clock.h"
#include "dialogs/StatusLabel.h"
#include "model/Account.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace dopool::ui {

class OrderTableModel;
class OrderFilterProxy;

// View -> Orders: every order of the pool (the order-service's and dopool's own), filterable
// by status and sortable, with what the admin can do about one: Retry a failed or cancelled
// order, Cancel a queued or waiting one nobody has claimed, Show its account. Passive: it asks
// through its signals, and the window answers through the pool (showMessage says how it went).
class OrdersView : public QWidget
{
    Q_OBJECT
public:
    explicit OrdersView(const Clock &clock, QWidget *parent = nullptr);

    OrderTableModel *model() const { return m_model; }
    OrderFilterProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }

    // What the actions allow (also what enables their buttons).
    static bool canRetry(const ProvisioningTask &task);
    static bool canCancel(const ProvisioningTask &task);

    const ProvisioningTask *selectedTask() const;
    void selectTask(const QString &taskId);
    // Shows orders of that stored status only (empty: all), as the combo does.
    void setStatusFilter(const QString &status);
    void setPoolOpen(bool open);
    void showMessage(const QString &text, StatusLabel::Tone tone = StatusLabel::Tone::Neutral);
    QString messageText() const;
    QString countText() const;
    // The pool's orders could not be read: the list stays as it was, the reason is shown.
    void setLoadError(const QString &message);

    void retrySelected();
    void cancelSelected();
    void showAccountOfSelected();

Q_SIGNALS:
    void retryRequested(const dopool::ProvisioningTask &task);
    void cancelRequested(const dopool::ProvisioningTask &task);
    void showAccountRequested(const QString &accountId);
    void reloadRequested();

private:
    void buildUi();
    void updateState();
    void fitColumns();

    OrderTableModel *m_model = nullptr;
    OrderFilterProxy *m_proxy = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_refresh = nullptr;
    QTableView *m_table = nullptr;
    StatusLabel *m_message = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_showAccount = nullptr;
    bool m_open = false;
};

} // namespace dopool::ui
