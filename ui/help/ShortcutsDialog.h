#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;

namespace dopool::ui {

// Help -> Keyboard Shortcuts: every action given that has a shortcut, with its key(s) as the
// platform writes them and what it does, read from the actions themselves when the dialog is
// made (so a changed shortcut shows as it is).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);

    // The rows shown: command, shortcut(s), description.
    QList<QStringList> rows() const { return m_rows; }

private:
    QTableWidget *m_table = nullptr;
    QList<QStringList> m_rows;
};

} // namespace dopool::ui
