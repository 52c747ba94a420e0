// MainWindow and View -> Orders (OrdersController): Show account selects the order's account in
// the table, and the status bar's queue counts.
#include "MainWindow.h"
#include "model/AccountFilterProxy.h"
#include "model/AccountTableModel.h"
#include "orders/OrdersController.h"

#include <QLineEdit>
#include <QTableView>

namespace dopool::ui {

void MainWindow::showOrders(bool visible)
{
    m_orders->show(visible);
}

void MainWindow::showOrderAccount(const QString &accountId)
{
    const int row = m_model->rowOf(accountId);
    if (row < 0) {
        showError(tr("That account is no longer in the pool"));
        return;
    }
    // The search box may hide it.
    if (!m_proxy->mapFromSource(m_model->index(row, 0)).isValid())
        m_search->clear();
    selectAccount(accountId);
    m_table->scrollTo(m_table->selectionModel()->currentIndex());
    m_table->setFocus(Qt::OtherFocusReason);
}

QString MainWindow::queueText() const
{
    return m_orders->queueText();
}

} // namespace dopool::ui
