// Every visible string of the desktop UI goes through tr(): a check at run time.
//
// A pseudo-translator is installed that "translates" every string of every context to
// ⟦source⟧. Then the main window, the dialogs, the detail view, the alert banner, the capacity
// bar and the tray are built offscreen (with no pool data: no account names or emails on
// screen) and every user-visible text is collected: window titles, texts, tool tips, status
// tips, What's This, accessible names and descriptions, placeholders, spin box prefixes and
// suffixes, combo box items, tab texts, group box titles, header labels, chart and axis titles,
// action and menu texts. A text that still has a letter once the ⟦...⟧ parts (and HTML tags)
// are removed was not translated: a string literal shown as is, which Indonesian users would
// see in English. The failure names the widget and the text.
//
// Deliberately untranslated: the language names in the Settings language list (each in its own
// language). Texts without letters ("—", "%1/%2", " %") need no translation.

#include "common/Clock.h"
#include "detail/AccountDetailView.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/ProvisionDialog.h"
#include "help/AboutDialog.h"
#include "help/ShortcutsDialog.h"
#include "history/PoolHistoryView.h"
#include "mainwindow/AlertBanner.h"
#include "mainwindow/MainWindow.h"
#include "mainwindow/PoolActions.h"
#include "mainwindow/PoolCapacityBar.h"
#include "mainwindow/WelcomePanel.h"
#include "model/OrderTableModel.h"
#include "orders/OrdersView.h"
#include "settings/SettingsDialog.h"
#include "tray/TrayController.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSet>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <algorithm>

using namespace dopool;
using namespace dopool::ui;

namespace {

const QString Open = QStringLiteral("⟦");
const QString Close = QStringLiteral("⟧");

class PseudoTranslator : public QTranslator
{
public:
    using QTranslator::QTranslator;
    bool isEmpty() const override { return false; }
    QString translate(const char *, const char *sourceText, const char *, int) const override
    {
        if (!sourceText || !*sourceText)
            return {};
        return Open + QString::fromUtf8(sourceText) + Close;
    }
};

// The text with its translated parts, HTML tags and entities removed: letters left over were
// never translated.
bool untranslated(const QString &text)
{
    static const QRegularExpression translated(QStringLiteral("⟦[^⟦⟧]*⟧"));
    static const QRegularExpression markup(QStringLiteral("<[^>]*>|&[a-zA-Z]+;"));
    QString rest = text;
    // Innermost first: a translated text may hold translated arguments.
    for (QString before; before != rest;) {
        before = rest;
        rest.remove(translated);
    }
    rest.remove(markup);
    return std::any_of(rest.cbegin(), rest.cend(), [](QChar c) { return c.isLetter(); });
}

const QStringList AllowedAsIs = {QStringLiteral("English"), QStringLiteral("Bahasa Indonesia")};

class Collector
{
public:
    QStringList offenders;
    int checked = 0; // texts with letters looked at: the walk reaches the widgets

    void check(const QObject *where, const QString &what, const QString &text)
    {
        if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); }))
            ++checked;
        if (text.isEmpty() || AllowedAsIs.contains(text) || !untranslated(text))
            return;
        offenders << QStringLiteral("%1 \"%2\" %3: \"%4\"")
                         .arg(QLatin1String(where->metaObject()->className()), where->objectName(),
                              what, text);
    }

    void checkAction(const QAction *action)
    {
        check(action, QStringLiteral("text"), action->text());
        check(action, QStringLiteral("iconText"), action->iconText());
        check(action, QStringLiteral("toolTip"), action->toolTip());
        check(action, QStringLiteral("statusTip"), action->statusTip());
        check(action, QStringLiteral("whatsThis"), action->whatsThis());
        if (action->menu())
            checkWidget(action->menu());
    }

    void checkModelHeaders(const QObject *where, const QAbstractItemModel *model)
    {
        if (!model)
            return;
        for (int section = 0; section < model->columnCount(); ++section)
            check(where, QStringLiteral("header %1").arg(section),
                  model->headerData(section, Qt::Horizontal).toString());
    }

    void checkWidget(const QWidget *widget)
    {
        // A menu's own action (menuAction) is its child and leads back to it.
        if (m_seen.contains(widget))
            return;
        m_seen.insert(widget);
        checkOne(widget);
        for (const QWidget *child : widget->findChildren<QWidget *>())
            checkOne(child);
        for (const QAction *action : widget->findChildren<QAction *>())
            checkAction(action);
    }

private:
    QSet<const QWidget *> m_seen;

    void checkOne(const QWidget *w)
    {
        check(w, QStringLiteral("windowTitle"), w->windowTitle());
        check(w, QStringLiteral("toolTip"), w->toolTip());
        check(w, QStringLiteral("statusTip"), w->statusTip());
        check(w, QStringLiteral("whatsThis"), w->whatsThis());
        check(w, QStringLiteral("accessibleName"), w->accessibleName());
        check(w, QStringLiteral("accessibleDescription"), w->accessibleDescription());
        for (const QAction *action : w->actions())
            checkAction(action);
        if (const auto *label = qobject_cast<const QLabel *>(w))
            check(w, QStringLiteral("text"), label->text());
        if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            check(w, QStringLiteral("text"), button->text());
        if (const auto *edit = qobject_cast<const QLineEdit *>(w))
            check(w, QStringLiteral("placeholderText"), edit->placeholderText());
        if (const auto *spin = qobject_cast<const QSpinBox *>(w)) {
            check(w, QStringLiteral("prefix"), spin->prefix());
            check(w, QStringLiteral("suffix"), spin->suffix());
        }
        if (const auto *spin = qobject_cast<const QAbstractSpinBox *>(w))
            check(w, QStringLiteral("specialValueText"), spin->specialValueText());
        if (const auto *combo = qobject_cast<const QComboBox *>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                check(w, QStringLiteral("item %1").arg(i), combo->itemText(i));
        }
        if (const auto *tabs = qobject_cast<const QTabWidget *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                check(w, QStringLiteral("tab %1").arg(i), tabs->tabText(i));
                check(w, QStringLiteral("tab %1 toolTip").arg(i), tabs->tabToolTip(i));
            }
        }
        if (const auto *group = qobject_cast<const QGroupBox *>(w))
            check(w, QStringLiteral("title"), group->title());
        if (const auto *menu = qobject_cast<const QMenu *>(w))
            check(w, QStringLiteral("title"), menu->title());
        if (const auto *view = qobject_cast<const QAbstractItemView *>(w))
            checkModelHeaders(w, view->model());
        if (const auto *chartView = qobject_cast<const QChartView *>(w)) {
            if (const QChart *chart = chartView->chart()) {
                check(w, QStringLiteral("chart title"), chart->title());
                for (const QAbstractAxis *axis : chart->axes())
                    check(w, QStringLiteral("axis title"), axis->titleText());
            }
        }
    }
};

QString report(const QStringList &offenders)
{
    return QStringLiteral("%1 visible text(s) not wrapped in tr():\n  %2")
        .arg(offenders.size())
        .arg(offenders.join(QStringLiteral("\n  ")));
}

} // namespace

class TestUiTranslatable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void detectsAnUntranslatedText();
    void mainWindow();
    void dialogs();
    void detailView();
    void bannerCapacityAndTray();
    void ordersView();

private:
    PseudoTranslator m_translator;
};

void TestUiTranslatable::initTestCase()
{
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    QCOMPARE(QCoreApplication::translate("any", "Text"), QStringLiteral("⟦Text⟧"));
}

void TestUiTranslatable::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

// The check itself: a literal is caught, a translated text (with a translated or data
// argument, markup, an accelerator) is not.
void TestUiTranslatable::detectsAnUntranslatedText()
{
    QWidget widget;
    auto *literal = new QLabel(QStringLiteral("Sync All"), &widget);
    auto *fine = new QLabel(&widget);
    fine->setText(QStringLiteral("<b>%1</b>")
                      .arg(QCoreApplication::translate("c", "&Sync %1"))
                      .arg(QCoreApplication::translate("c", "now")));
    auto *data = new QLabel(
        QCoreApplication::translate("c", "Account '%1' added").arg(QStringLiteral("Account 1")),
        &widget);
    auto *symbols = new QLabel(QStringLiteral("— 3/25 (12%)"), &widget);
    Collector collector;
    collector.checkWidget(&widget);
    QCOMPARE(collector.offenders.size(), 1);
    QVERIFY(collector.offenders.first().endsWith(QStringLiteral("\"Sync All\"")));
    Q_UNUSED(literal);
    Q_UNUSED(data);
    Q_UNUSED(symbols);
}

void TestUiTranslatable::mainWindow()
{
    const SystemClock clock;
    TrayController tray{TrayController::Availability::Unavailable};
    MainWindow window(clock, AppSettings{}, &tray);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Collector collector;
    collector.checkWidget(&window);
    QVERIFY2(collector.offenders.isEmpty(), qPrintable(report(collector.offenders)));
    QVERIFY2(collector.checked > 40, qPrintable(QString::number(collector.checked)));

    WelcomePanel welcome;
    collector.checkWidget(&welcome);
    QVERIFY2(collector.offenders.isEmpty(), qPrintable(report(collector.offenders)));
}

void TestUiTranslatable::dialogs()
{
    Collector collector;
    AccountDialog add(AccountDialog::Mode::Add);
    collector.checkWidget(&add);
    AccountDialog edit(AccountDialog::Mode::Edit);
    collector.checkWidget(&edit);
    ProvisionDialog provision{engine::EngineSettings{}};
    collector.checkWidget(&provision);
    SettingsDialog settings{AppSettings{}};
    collector.checkWidget(&settings);
    AboutInfo about; // versions are digits; no pool and no TLS library: translated words
    about.version = QStringLiteral("0.1.0");
    about.qtVersion = QStringLiteral("6.4.2");
    AboutDialog aboutDialog(about);
    collector.checkWidget(&aboutDialog);
    QObject owner;
    PoolActions actions(&owner);
    ShortcutsDialog shortcuts(actions.all());
    collector.checkWidget(&shortcuts);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    PoolHistoryView history;
    history.setHistory({{now.addDays(-2), 30, 75}, {now, 50, 75}}, 0.8);
    collector.checkWidget(&history);
    QVERIFY2(collector.offenders.isEmpty(), qPrintable(report(collector.offenders)));
    QVERIFY2(collector.checked > 100, qPrintable(QString::number(collector.checked)));
}

void TestUiTranslatable::detailView()
{
    AccountDetailView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStringList offenders;
    for (int tab = 0; tab < 5; ++tab) {
        view.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentIndex(tab);
        Collector collector;
        collector.checkWidget(&view);
        offenders << collector.offenders;
    }
    offenders.removeDuplicates();
    QVERIFY2(offenders.isEmpty(), qPrintable(report(offenders)));
}

void TestUiTranslatable::bannerCapacityAndTray()
{
    desktop::PoolSummary summary;
    summary.accounts = 3;
    summary.activeAccounts = 3;
    summary.usableAccounts = 2;
    summary.droplets = 50;
    summary.limit = 50;
    summary.unhealthyAccounts = 1;
    summary.fullAccounts = 2;
    summary.overThreshold = true;
    summary.allUsableFull = true;
    summary.state = desktop::PoolSummary::State::Critical;

    Collector collector;
    AlertBanner banner;
    banner.setSummary(summary, 0.8);
    collector.checkWidget(&banner);
    PoolCapacityBar bar;
    bar.setSummary(summary, 0.8);
    collector.checkWidget(&bar);
    TrayController tray{TrayController::Availability::Unavailable};
    tray.setSummary(summary);
    collector.check(&tray, QStringLiteral("toolTip"), tray.toolTip());
    tray.setSummary(desktop::PoolSummary{});
    collector.check(&tray, QStringLiteral("toolTip"), tray.toolTip());
    QVERIFY2(collector.offenders.isEmpty(), qPrintable(report(collector.offenders)));
}

void TestUiTranslatable::ordersView()
{
    const SystemClock clock;
    OrdersView view(clock);
    ProvisioningTask queued;
    queued.id = QStringLiteral("t1");
    queued.orderId = QStringLiteral("1");
    queued.createdAt = clock.now();
    view.model()->setTasks({queued});
    view.setPoolOpen(true);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    Collector collector;
    collector.checkWidget(&view);
    // Every status in words, and the queue's counts in the banner.
    for (TaskStatus status : OrderTableModel::statuses())
        collector.check(&view, QStringLiteral("status"), OrderTableModel::statusLabel(status));
    view.setLoadError(QStringLiteral("⟦x⟧"));
    collector.check(&view, QStringLiteral("message"), view.messageText());
    AlertBanner banner;
    banner.setOrderQueue({2, 1, clock.now().addSecs(-600)}, clock.now());
    collector.checkWidget(&banner);
    QVERIFY(!banner.text().isEmpty());
    QVERIFY2(collector.offenders.isEmpty(), qPrintable(report(collector.offenders)));
    QVERIFY2(collector.checked > 15, qPrintable(QString::number(collector.checked)));
}

QTEST_MAIN(TestUiTranslatable)
#include "tst_uitranslatable.moc"
