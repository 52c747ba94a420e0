// Help -> Keyboard Shortcuts (ui/help/ShortcutsDialog): built from the actions it is given.
#include "help/ShortcutsDialog.h"
#include "mainwindow/PoolActions.h"

#include <QAction>
#include <QTableWidget>
#include <QTest>

using namespace dopool::ui;

class TestShortcutsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsActionsWithShortcuts();
    void everyPoolActionWithAShortcutIsListed();
};

void TestShortcutsDialog::listsActionsWithShortcuts()
{
    QObject owner;
    auto *sync = new QAction(QStringLiteral("&Sync…"), &owner);
    sync->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    sync->setStatusTip(QStringLiteral("Sync selected account"));
    auto *about = new QAction(QStringLiteral("&About"), &owner); // no shortcut: not listed
    ShortcutsDialog dialog({sync, about, nullptr});
    QCOMPARE(dialog.rows().size(), 1);
    const QStringList row = dialog.rows().first();
    QCOMPARE(row.at(0), QStringLiteral("Sync")); // without & and …
    QCOMPARE(row.at(1), QKeySequence(Qt::Key_F5).toString(QKeySequence::NativeText) +
                            QStringLiteral(", ") +
                            QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText));
    QCOMPARE(row.at(2), QStringLiteral("Sync selected account"));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 1)->text(), row.at(1));
}

void TestShortcutsDialog::everyPoolActionWithAShortcutIsListed()
{
    QObject owner;
    PoolActions actions(&owner);
    actions.sync->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S)); // as changed
    ShortcutsDialog dialog(actions.all());
    QStringList names;
    QStringList keys;
    for (const QStringList &row : dialog.rows()) {
        names << row.at(0);
        keys << row.at(1);
        QVERIFY(!row.at(2).isEmpty());
    }
    int expected = 0;
    for (const QAction *action : actions.all()) {
        if (action->shortcut().isEmpty())
            continue;
        ++expected;
        QString name = action->text().remove(QLatin1Char('&'));
        if (name.endsWith(QStringLiteral("…")))
            name.chop(1);
        QVERIFY2(names.contains(name), qPrintable(action->text()));
    }
    QCOMPARE(dialog.rows().size(), expected);
    QVERIFY(expected >= 18);
    QVERIFY(keys.contains(
        QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S).toString(QKeySequence::NativeText)));
    QVERIFY(!keys.contains(QKeySequence(Qt::Key_F5).toString(QKeySequence::NativeText)));
}

QTEST_MAIN(TestShortcutsDialog)
#include "tst_shortcutsdialog.moc"
