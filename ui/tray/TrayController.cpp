#include "TrayController.h"

#include "model/StatusColours.h"

#include <QMenu>
#include <QSystemTrayIcon>

namespace dopool::ui {

TrayController::TrayController(Availability availability, QObject *parent)
    : QObject(parent)
{
    if (availability == Availability::Detect && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_menu = new QMenu();
        QAction *open = m_menu->addAction(tr("&Open DO Account Pool"));
        QAction *syncAll = m_menu->addAction(tr("&Sync All"));
        m_menu->addSeparator();
        QAction *quit = m_menu->addAction(tr("&Quit"));
        connect(open, &QAction::triggered, this, &TrayController::openRequested);
        connect(syncAll, &QAction::triggered, this, &TrayController::syncAllRequested);
        connect(quit, &QAction::triggered, this, &TrayController::quitRequested);

        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger ||
                        reason == QSystemTrayIcon::DoubleClick)
                        Q_EMIT openRequested();
                });
    }
    setSummary({});
    if (m_tray)
        m_tray->show();
}

TrayController::~TrayController()
{
    delete m_menu; // a QMenu without a parent widget
}

QColor TrayController::colourFor(desktop::PoolSummary::State state)
{
    switch (state) {
    case desktop::PoolSummary::State::Ok:
        return QColor(StatusColours::ok);
    case desktop::PoolSummary::State::Warning:
        return QColor(StatusColours::warning);
    case desktop::PoolSummary::State::Critical:
        return QColor(StatusColours::critical);
    case desktop::PoolSummary::State::Empty:
        break;
    }
    return QColor(StatusColours::unknown);
}

void TrayController::setSummary(const desktop::PoolSummary &summary)
{
    m_colour = colourFor(summary.state);
    m_toolTip = summary.accounts == 0
                    ? tr("DO Account Pool: no accounts yet")
                    : tr("DO Account Pool: %1/%2 droplets (%3%), %4 usable account(s)")
                          .arg(summary.droplets)
                          .arg(summary.limit)
                          .arg(summary.percent())
                          .arg(summary.usableAccounts);
    if (m_tray) {
        m_tray->setIcon(roundIcon(m_colour, 64));
        m_tray->setToolTip(m_toolTip);
    }
}

void TrayController::notifyAlert(const desktop::AlertChange &change)
{
    if (!change.raised || !m_notify)
        return;
    const bool critical = change.alert.severity == AlertSeverity::Critical;
    const QString title = critical ? tr("DO Account Pool: critical") : tr("DO Account Pool");
    if (m_tray) {
        m_tray->showMessage(title, change.alert.message,
                            critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            critical ? 0 : 10000);
        return;
    }
    Q_EMIT fallbackNotice(title, change.alert.message, critical);
}

} // namespace dopool::ui
