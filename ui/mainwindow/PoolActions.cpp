#include "PoolActions.h"

#include "ActionIcons.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace dopool::ui {

PoolActions::PoolActions(QObject *parent)
    : QObject(parent)
{
    add = make(tr("&Add Account…"), tr("Add account"), QKeySequence::New);
    edit = make(tr("&Edit Account…"), tr("Edit account"), QKeySequence(Qt::CTRL | Qt::Key_E));
    remove = make(tr("&Delete Account…"), tr("Delete account"), QKeySequence::Delete);
    setPrimary = make(tr("Set as &Primary"), tr("Set as primary account"),
                      QKeySequence(Qt::CTRL | Qt::Key_P));
    toggleActive = make(tr("De&activate"), tr("Activate or deactivate account"),
                        QKeySequence(Qt::CTRL | Qt::Key_T));
    details = make(tr("Account &Details"), tr("Show account details"),
                   QKeySequence(Qt::CTRL | Qt::Key_I));
    sync = make(tr("&Sync"), tr("Sync selected account"), QKeySequence(Qt::Key_F5));
    syncAll = make(tr("Sync &All"), tr("Sync all accounts"), QKeySequence(Qt::SHIFT | Qt::Key_F5));
    checkHealth = make(tr("Check &Health"), tr("Check health of selected account"),
                       QKeySequence(Qt::CTRL | Qt::Key_H));
    checkAllHealth = make(tr("Check Health of All"), tr("Check health of all accounts"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    provision = make(tr("&Provision Droplet…"), tr("Provision a droplet"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    audit = make(tr("Audit &Log…"), tr("Show the audit log"), QKeySequence(Qt::CTRL | Qt::Key_L));
    settings = make(tr("Se&ttings…"), tr("Settings"), QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    poolKey = make(tr("Pool &Key…"), tr("Pool key: fingerprint, export, import"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    quit = make(tr("&Quit"), tr("Quit"), QKeySequence::Quit);
    if (quit->shortcut().isEmpty())
        quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    history = make(tr("Pool &History"), tr("Show the pool's capacity over time"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    history->setCheckable(true);
    orders = make(tr("&Orders"), tr("Show the order queue"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    orders->setCheckable(true);
    userGuide = make(tr("&User Guide"), tr("Open the user guide"), QKeySequence::HelpContents);
    if (userGuide->shortcut().isEmpty())
        userGuide->setShortcut(QKeySequence(Qt::Key_F1));
    shortcuts = make(tr("&Keyboard Shortcuts"), tr("List the keyboard shortcuts"),
                     QKeySequence(Qt::CTRL | Qt::Key_Slash));
    about = make(tr("&About DO Account Pool"), tr("About DO Account Pool"), QKeySequence());
    about->setMenuRole(QAction::AboutRole);
    history->setObjectName(QStringLiteral("actionHistory"));
    orders->setObjectName(QStringLiteral("actionOrders"));
    userGuide->setObjectName(QStringLiteral("actionUserGuide"));
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    about->setObjectName(QStringLiteral("actionAbout"));

    // Theme icons where the desktop has them, bundled drawings otherwise (ActionIcons.h).
    add->setIcon(actionIcon(QStringLiteral("list-add"), QStringLiteral("add")));
    edit->setIcon(actionIcon(QStringLiteral("document-edit"), QStringLiteral("edit")));
    remove->setIcon(actionIcon(QStringLiteral("edit-delete"), QStringLiteral("delete")));
    sync->setIcon(actionIcon(QStringLiteral("view-refresh"), QStringLiteral("sync")));
    syncAll->setIcon(
        actionIcon(QStringLiteral("emblem-synchronizing"), QStringLiteral("sync-all")));
    checkHealth->setIcon(actionIcon(QStringLiteral("security-high"), QStringLiteral("health")));
    provision->setIcon(actionIcon(QStringLiteral("network-server"), QStringLiteral("provision")));
    settings->setIcon(actionIcon(QStringLiteral("preferences-system"), QStringLiteral("settings")));
    history->setIcon(
        actionIcon(QStringLiteral("utilities-system-monitor"), QStringLiteral("history")));
    orders->setIcon(actionIcon(QStringLiteral("view-list-details"), QStringLiteral("orders")));
    userGuide->setIcon(QIcon::fromTheme(QStringLiteral("help-contents")));
    about->setIcon(QIcon::fromTheme(QStringLiteral("help-about")));

    add->setObjectName(QStringLiteral("actionAdd"));
    edit->setObjectName(QStringLiteral("actionEdit"));
    remove->setObjectName(QStringLiteral("actionDelete"));
    setPrimary->setObjectName(QStringLiteral("actionSetPrimary"));
    toggleActive->setObjectName(QStringLiteral("actionToggleActive"));
    details->setObjectName(QStringLiteral("actionDetails"));
    sync->setObjectName(QStringLiteral("actionSync"));
    syncAll->setObjectName(QStringLiteral("actionSyncAll"));
    checkHealth->setObjectName(QStringLiteral("actionCheckHealth"));
    checkAllHealth->setObjectName(QStringLiteral("actionCheckAllHealth"));
    provision->setObjectName(QStringLiteral("actionProvision"));
    settings->setObjectName(QStringLiteral("actionSettings"));
    poolKey->setObjectName(QStringLiteral("actionPoolKey"));
    audit->setObjectName(QStringLiteral("actionAudit"));
    quit->setObjectName(QStringLiteral("actionQuit"));
    updateFor(nullptr, false);
}

QList<QAction *> PoolActions::all() const
{
    return {syncAll, checkAllHealth, provision, audit,      settings,     poolKey, quit,
            add,     edit,           remove,    setPrimary, toggleActive, sync,    checkHealth,
            details, history,        orders,    userGuide,  shortcuts,    about};
}

QAction *PoolActions::make(const QString &text, const QString &accessibleName,
                           const QKeySequence &key)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setToolTip(
        key.isEmpty() ? accessibleName
                      : tr("%1 (%2)").arg(accessibleName, key.toString(QKeySequence::NativeText)));
    action->setStatusTip(accessibleName);
    action->setWhatsThis(accessibleName);
    return action;
}

void PoolActions::updateFor(const Account *selected, bool poolOpen)
{
    const bool has = poolOpen && selected != nullptr;
    for (QAction *action : {edit, remove, details, sync, checkHealth, toggleActive})
        action->setEnabled(has);
    setPrimary->setEnabled(has && !selected->isPrimary);
    toggleActive->setText(has && !selected->isActive ? tr("&Activate") : tr("De&activate"));
    for (QAction *action : {add, syncAll, checkAllHealth, provision, audit, poolKey})
        action->setEnabled(poolOpen);
}

void PoolActions::setBusy(bool syncAllRunning)
{
    syncAll->setEnabled(!syncAllRunning && add->isEnabled());
}

void PoolActions::fillMenuBar(QMenuBar *bar) const
{
    QMenu *pool = bar->addMenu(tr("&Pool"));
    pool->addAction(syncAll);
    pool->addAction(checkAllHealth);
    pool->addAction(provision);
    pool->addAction(audit);
    pool->addSeparator();
    pool->addAction(settings);
    pool->addAction(poolKey);
    pool->addSeparator();
    pool->addAction(quit);
    QMenu *account = bar->addMenu(tr("&Account"));
    account->addAction(add);
    account->addAction(edit);
    account->addAction(remove);
    account->addSeparator();
    account->addAction(setPrimary);
    account->addAction(toggleActive);
    account->addSeparator();
    account->addAction(sync);
    account->addAction(checkHealth);
    account->addAction(details);
    QMenu *view = bar->addMenu(tr("&View"));
    view->addAction(history);
    view->addAction(orders);
    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(userGuide);
    help->addAction(shortcuts);
    help->addSeparator();
    help->addAction(about);
}

void PoolActions::fillToolBar(QToolBar *bar) const
{
    bar->addAction(add);
    bar->addAction(edit);
    bar->addAction(remove);
    bar->addSeparator();
    bar->addAction(sync);
    bar->addAction(syncAll);
    bar->addAction(checkHealth);
    bar->addSeparator();
    bar->addAction(provision);
    bar->addAction(history);
    bar->addAction(settings);
}

void PoolActions::fillContextMenu(QMenu *menu) const
{
    menu->addAction(details);
    menu->addAction(edit);
    menu->addAction(setPrimary);
    menu->addAction(toggleActive);
    menu->addSeparator();
    menu->addAction(sync);
    menu->addAction(checkHealth);
    menu->addSeparator();
    menu->addAction(remove);
}

} // namespace dopool::ui
