#pragma once

#include "model/Account.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QMenuBar;
class QToolBar;

namespace dopool::ui {

// Every command of the main window as a QAction with its shortcut and accessible name, shared
// by the menu bar, the toolbar and the table's context menu; enabled by the selection.
class PoolActions : public QObject
{
    Q_OBJECT
public:
    explicit PoolActions(QObject *parent);

    QAction *add = nullptr;
    QAction *edit = nullptr;
    QAction *remove = nullptr;
    QAction *setPrimary = nullptr;
    QAction *toggleActive = nullptr;
    QAction *details = nullptr;
    QAction *sync = nullptr;
    QAction *syncAll = nullptr;
    QAction *checkHealth = nullptr;
    QAction *checkAllHealth = nullptr;
    QAction *provision = nullptr;
    QAction *audit = nullptr;
    QAction *settings = nullptr;
    QAction *poolKey = nullptr;
    QAction *quit = nullptr;
    // View and Help.
    QAction *history = nullptr; // checkable: the Pool History dock
    QAction *orders = nullptr;  // checkable: the Orders dock
    QAction *userGuide = nullptr;
    QAction *shortcuts = nullptr;
    QAction *about = nullptr;

    // Every action above, in menu order (the Keyboard Shortcuts dialog lists those with a
    // shortcut).
    QList<QAction *> all() const;

    // Selection-dependent actions follow the selected account (nullptr: none selected).
    void updateFor(const Account *selected, bool poolOpen);
    void setBusy(bool syncAllRunning);

    void fillMenuBar(QMenuBar *bar) const;
    void fillToolBar(QToolBar *bar) const;
    void fillContextMenu(QMenu *menu) const;

private:
    QAction *make(const QString &text, const QString &accessibleName, const QKeySequence &key);
};

} // namespace dopool::ui
