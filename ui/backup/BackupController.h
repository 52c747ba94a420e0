#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace dopool::desktop {
class PoolClient;
}

namespace dopool::ui {

// Pool -> Back Up... and the welcome panel's Restore...: a file chosen with the file dialog
// (injected: tests script the choice), the work done in the engine thread (the same code as
// dopool-cli backup / restore: a new 0600 file, never over an existing one; a restore only
// into this empty pool, with the backup's key), the outcome as one status line.
class BackupController : public QObject
{
    Q_OBJECT
public:
    // Asks for a file: to create (save = true) or to read. Empty: cancelled.
    using FileChooser = std::function<QString(QWidget *parent, bool save)>;

    explicit BackupController(QWidget *window);

    // The client rule of MainWindow: requests go to pool, answers arrive in scope's lifetime.
    void setPool(QPointer<desktop::PoolClient> pool, QObject *scope)
    {
        m_pool = std::move(pool);
        m_scope = scope;
        m_busy = false; // an answer for the previous pool never arrives
    }
    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    // Puts Back Up... into menu, before `before`.
    void addToMenu(QMenu *menu, QAction *before);
    QAction *backUpAction() const { return m_backUp; }

    void backUp();
    void restore();

Q_SIGNALS:
    void message(const QString &text);
    void failed(const QString &text);
    void restored();

private:
    QWidget *m_window;
    QPointer<desktop::PoolClient> m_pool;
    QObject *m_scope = nullptr;
    FileChooser m_chooser;
    QAction *m_backUp = nullptr;
    bool m_busy = false;
};

} // namespace dopool::ui
