// MainWindow: View -> Pool History and the Help menu.
#include "MainWindow.h"
#include "PoolActions.h"
#include "help/AboutDialog.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuide.h"
#include "history/PoolHistoryView.h"

#include <QDockWidget>

namespace dopool::ui {

void MainWindow::showPoolHistory(bool visible)
{
    m_historyDock->setVisible(visible);
    if (visible)
        m_historyDock->raise();
}

void MainWindow::loadPoolHistory()
{
    if (!m_client || !m_open)
        return;
    const double threshold = m_settings.utilisationThresholdPercent / 100.0;
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::loadPoolHistory, m_history->days())
        .then(m_scope, [this, threshold](Result<QList<desktop::PoolHistoryPoint>> points) {
            if (!points)
                m_history->setError(points.error().message);
            else
                m_history->setHistory(*points, threshold);
        });
}

void MainWindow::showUserGuide()
{
    const QUrl guide = resolveUserGuide(UserGuideLocations::forThisBuild());
    if (guide.isEmpty() || !m_openUrl(guide))
        showError(tr("Could not open the user guide (%1)")
                      .arg(guide.isEmpty() ? tr("no copy found") : guide.toDisplayString()));
    else
        showMessage(tr("Opened the user guide: %1").arg(guide.toDisplayString()));
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_actions->all(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    std::optional<desktop::PoolInfo> pool;
    if (m_open)
        pool = m_info;
    auto *dialog = new AboutDialog(AboutInfo::current(pool), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace dopool::ui
