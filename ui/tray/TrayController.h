#pragma once

#include "desktop/EngineTypes.h"
#include "desktop/PoolSummary.h"

#include <QColor>
#include <QObject>

class QMenu;
class QSystemTrayIcon;

namespace dopool::ui {

// The pool in the system tray: an icon whose colour is the pool's state, a menu (Open, Sync
// All, Quit) and a desktop notification for each alert raised - once per state change, since
// the engine raises an alert only on entering its state. Without a system tray (many Linux
// desktops, offscreen) the same notices go out as fallbackNotice for the window's banner.
class TrayController : public QObject
{
    Q_OBJECT
public:
    enum class Availability
    {
        Detect,     // ask QSystemTrayIcon
        Unavailable // test seam: behave as on a desktop without a tray
    };

    explicit TrayController(Availability availability, QObject *parent = nullptr);
    ~TrayController() override;

    bool hasTray() const { return m_tray != nullptr; }
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }

    void setSummary(const desktop::PoolSummary &summary);
    void notifyAlert(const desktop::AlertChange &change);

    QColor colour() const { return m_colour; }
    QString toolTip() const { return m_toolTip; }
    static QColor colourFor(desktop::PoolSummary::State state);

Q_SIGNALS:
    void openRequested();
    void syncAllRequested();
    void quitRequested();
    void fallbackNotice(const QString &title, const QString &message, bool critical);

private:
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    bool m_notify = true;
    QColor m_colour;
    QString m_toolTip;
};

} // namespace dopool::ui
