#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dopool::ui {

namespace {

// "&Provision Droplet…" -> "Provision Droplet": the command as a sentence names it (QAction's
// iconText() drops "..." but not the "…" character the menus use).
QString commandName(const QAction *action)
{
    QString text = action->text();
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    for (const QString &dots : {QStringLiteral("…"), QStringLiteral("...")}) {
        if (text.endsWith(dots))
            text.chop(dots.size());
    }
    return text.trimmed();
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));

    for (const QAction *action : actions) {
        if (!action || action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        m_rows.append({commandName(action), keys.join(tr(", ")), action->statusTip()});
    }

    auto *intro = new QLabel(tr("These work wherever the focus is in the main window."), this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(int(m_rows.size()), 3, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Shortcut"), tr("What it does")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    for (int row = 0; row < m_rows.size(); ++row) {
        for (int column = 0; column < 3; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(m_rows.at(row).at(column)));
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    // Wide enough for every row without a scroll bar, tall enough for all of them.
    int width = 40;
    for (int column = 0; column < 3; ++column)
        width += m_table->horizontalHeader()->sectionSize(column);
    const int height = m_table->horizontalHeader()->height() + m_table->verticalHeader()->length() +
                       120 + intro->sizeHint().height();
    resize(std::min(std::max(width, 560), 1000), std::min(std::max(height, 360), 800));
}

} // namespace dopool::ui
