#include "UiTestData.h"
#include "detail/AccountDetailView.h"
#include "dialogs/StatusLabel.h"

#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTest>

using dopool::ui::AccountDetailView;
using dopool::ui::StatusLabel;
using namespace dopool::testing;

namespace {

QString text(const AccountDetailView &view, const char *name)
{
    return child<QLabel>(&view, name)->text();
}

QColor colourOf(const AccountDetailView &view, const char *name)
{
    return child<QLabel>(&view, name)->palette().color(QPalette::WindowText);
}

} // namespace

class TestAccountDetailView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsEmpty();
    void setAccountFillsOverview();
    void liveIdentityAddsTeamAndLimits();
    void statusIsColoured_data();
    void statusIsColoured();
    void lastErrorIsRedOnlyWhenSet();
    void healthHistoryTable();
    void tasksTable();
    void pagerOnFirstPage();
    void pagerOnLastPage();
    void loadingAndErrorStates();
    void chartHasOnePointPerSample();
    void chartEmptyStateBelowTwoSamples_data();
    void chartEmptyStateBelowTwoSamples();
    void refreshButtonEmits();
    void anotherAccountDropsOldData();
};

void TestAccountDetailView::startsEmpty()
{
    AccountDetailView view;
    QCOMPARE(text(view, "emailValue"), AccountDetailView::tr("—"));
    QVERIFY(!child<QPushButton>(&view, "refreshButton")->isEnabled());
    QVERIFY(!child<QPushButton>(&view, "nextButton")->isEnabled());
}

void TestAccountDetailView::setAccountFillsOverview()
{
    AccountDetailView view;
    const dopool::Account a = demoAccount(1);
    view.setAccount(a);
    QCOMPARE(view.accountId(), a.id);
    QVERIFY(text(view, "titleLabel").contains(QStringLiteral("Account 1")));
    QCOMPARE(text(view, "emailValue"), a.email);
    QCOMPARE(text(view, "doUuidValue"), a.doUuid);
    QCOMPARE(text(view, "teamValue"), AccountDetailView::tr("—")); // no live info yet
    QCOMPARE(text(view, "statusValue"), QStringLiteral("active"));
    QCOMPARE(text(view, "dropletLimitValue"), QStringLiteral("25"));
    QCOMPARE(text(view, "activeDropletsValue"), QStringLiteral("20"));
    QCOMPARE(text(view, "availableSlotsValue"), QStringLiteral("5"));
    QVERIFY(text(view, "rateLimitValue").contains(QStringLiteral("4873")));
    QVERIFY(text(view, "rateLimitValue").contains(QStringLiteral("5000")));
    const QString local = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    QCOMPARE(text(view, "rateLimitResetValue"), a.rateLimitReset.toLocalTime().toString(local));
    QCOMPARE(text(view, "lastSyncValue"), a.lastSyncAt.toLocalTime().toString(local));
    QCOMPARE(text(view, "lastHealthCheckValue"), a.lastHealthCheck.toLocalTime().toString(local));
    QCOMPARE(text(view, "healthValue"), dopool::healthLabel(dopool::AccountHealth::Healthy));
    QCOMPARE(text(view, "floatingIpLimitValue"), AccountDetailView::tr("—"));
    QVERIFY(child<QPushButton>(&view, "refreshButton")->isEnabled());
}

void TestAccountDetailView::liveIdentityAddsTeamAndLimits()
{
    AccountDetailView view;
    view.setAccount(demoAccount(2));
    dopool::api::AccountInfo info = demoInfo(2);
    info.dropletLimit = 50; // raised since the last sync
    info.status = QStringLiteral("warning");
    info.statusMessage = QStringLiteral("Payment overdue");
    view.setLiveIdentity(info);
    QVERIFY(text(view, "teamValue").contains(QStringLiteral("Webrana Ops")));
    QVERIFY(text(view, "teamValue").contains(info.teamUuid));
    QCOMPARE(text(view, "dropletLimitValue"), QStringLiteral("50"));
    QCOMPARE(text(view, "availableSlotsValue"), QStringLiteral("45"));
    QCOMPARE(text(view, "floatingIpLimitValue"), QStringLiteral("3"));
    QCOMPARE(text(view, "volumeLimitValue"), QStringLiteral("100"));
    QCOMPARE(text(view, "statusValue"), QStringLiteral("warning"));
    QCOMPARE(text(view, "statusMessageValue"), QStringLiteral("Payment overdue"));
}

void TestAccountDetailView::statusIsColoured_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("tone");
    QTest::newRow("active") << QStringLiteral("active") << int(StatusLabel::Tone::Success);
    QTest::newRow("warning") << QStringLiteral("warning") << int(StatusLabel::Tone::Warning);
    QTest::newRow("locked") << QStringLiteral("locked") << int(StatusLabel::Tone::Error);
}

void TestAccountDetailView::statusIsColoured()
{
    QFETCH(QString, status);
    QFETCH(int, tone);
    AccountDetailView view;
    dopool::Account a = demoAccount(1);
    a.doStatus = status;
    view.setAccount(a);
    QCOMPARE(colourOf(view, "statusValue"),
             StatusLabel::colour(StatusLabel::Tone(tone), QPalette()));
}

void TestAccountDetailView::lastErrorIsRedOnlyWhenSet()
{
    AccountDetailView view;
    view.setAccount(demoAccount(3));
    QCOMPARE(text(view, "lastErrorValue"), demoAccount(3).lastError);
    QCOMPARE(text(view, "failuresValue"), QStringLiteral("1"));
    QCOMPARE(colourOf(view, "lastErrorValue"),
             StatusLabel::colour(StatusLabel::Tone::Error, QPalette()));
    view.setAccount(demoAccount(1));
    QCOMPARE(text(view, "lastErrorValue"), AccountDetailView::tr("—"));
    QVERIFY(colourOf(view, "lastErrorValue") !=
            StatusLabel::colour(StatusLabel::Tone::Error, QPalette()));
}

void TestAccountDetailView::healthHistoryTable()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setHealthHistory(demoHealthEvents());
    auto *table = child<QTableWidget>(&view, "healthTable");
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->columnCount(), 3);
    QCOMPARE(table->item(1, 1)->text(),
             QStringLiteral("%1 → %2").arg(dopool::healthLabel(dopool::AccountHealth::Healthy),
                                           dopool::healthLabel(dopool::AccountHealth::Degraded)));
    QCOMPARE(table->item(1, 2)->text(), demoHealthEvents().at(1).reason);
}

void TestAccountDetailView::tasksTable()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setTasks(demoTasks());
    auto *table = child<QTableWidget>(&view, "tasksTable");
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("ORD-2025-0412"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("471230981"));
    QCOMPARE(table->item(1, 3)->text(), AccountDetailView::tr("—"));
    QCOMPARE(table->item(1, 4)->text(), QStringLiteral("all 3 usable accounts are full"));
}

void TestAccountDetailView::pagerOnFirstPage()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setDroplets(demoDroplets(20, 45), 1, 20);
    QCOMPARE(child<QTableWidget>(&view, "dropletsTable")->rowCount(), 20);
    QCOMPARE(child<QTableWidget>(&view, "dropletsTable")->item(0, 1)->text(),
             demoDroplets(1, 1).droplets.at(0).name);
    QCOMPARE(text(view, "pageLabel"), AccountDetailView::tr("Page %1 of %2").arg(1).arg(3));
    auto *previous = child<QPushButton>(&view, "previousButton");
    auto *next = child<QPushButton>(&view, "nextButton");
    QVERIFY(!previous->isEnabled());
    QVERIFY(next->isEnabled());

    QSignalSpy spy(&view, &AccountDetailView::dropletPageRequested);
    view.show();
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
}

void TestAccountDetailView::pagerOnLastPage()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setDroplets(demoDroplets(5, 45), 3, 20);
    QCOMPARE(text(view, "pageLabel"), AccountDetailView::tr("Page %1 of %2").arg(3).arg(3));
    QVERIFY(!child<QPushButton>(&view, "nextButton")->isEnabled());
    auto *previous = child<QPushButton>(&view, "previousButton");
    QVERIFY(previous->isEnabled());
    QSignalSpy spy(&view, &AccountDetailView::dropletPageRequested);
    view.show();
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
}

void TestAccountDetailView::loadingAndErrorStates()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setDroplets(demoDroplets(20, 45), 2, 20);
    view.setDropletsLoading();
    QVERIFY(!child<QPushButton>(&view, "previousButton")->isEnabled());
    QVERIFY(!child<QPushButton>(&view, "nextButton")->isEnabled());
    auto *status = child<StatusLabel>(&view, "dropletsStatus");
    QVERIFY(!status->text().isEmpty());
    view.setDropletsError(QStringLiteral("HTTP 503: service unavailable"));
    QVERIFY(status->text().contains(QStringLiteral("HTTP 503")));
    QCOMPARE(status->tone(), StatusLabel::Tone::Error);
    QVERIFY(child<QPushButton>(&view, "nextButton")->isEnabled()); // may move on after an error
}

void TestAccountDetailView::chartHasOnePointPerSample()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setCapacityHistory(demoCapacity(12));
    auto *chartView = child<QChartView>(&view, "capacityChart");
    QCOMPARE(child<QStackedWidget>(&view, "capacityStack")->currentWidget(), chartView);
    const auto series = chartView->chart()->series();
    QCOMPARE(series.size(), 1);
    auto *line = qobject_cast<QLineSeries *>(series.first());
    QVERIFY(line);
    QCOMPARE(line->count(), 12);
    const auto samples = demoCapacity(12);
    QCOMPARE(line->at(0).y(), 100.0 * samples.at(0).activeDroplets / 25);
    for (int i = 1; i < line->count(); ++i)
        QVERIFY(line->at(i).x() > line->at(i - 1).x());
}

void TestAccountDetailView::chartEmptyStateBelowTwoSamples_data()
{
    QTest::addColumn<int>("samples");
    QTest::newRow("none") << 0;
    QTest::newRow("one") << 1;
}

void TestAccountDetailView::chartEmptyStateBelowTwoSamples()
{
    QFETCH(int, samples);
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setCapacityHistory(demoCapacity(5));
    view.setCapacityHistory(demoCapacity(samples));
    QCOMPARE(child<QStackedWidget>(&view, "capacityStack")->currentWidget(),
             child<QLabel>(&view, "capacityEmpty"));
}

void TestAccountDetailView::refreshButtonEmits()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.show();
    QSignalSpy spy(&view, &AccountDetailView::refreshRequested);
    QTest::mouseClick(child<QPushButton>(&view, "refreshButton"), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

void TestAccountDetailView::anotherAccountDropsOldData()
{
    AccountDetailView view;
    view.setAccount(demoAccount(1));
    view.setLiveIdentity(demoInfo(1));
    view.setTasks(demoTasks());
    view.setDroplets(demoDroplets(20, 45), 1, 20);
    view.setAccount(demoAccount(1)); // same account refreshed: keeps everything
    QCOMPARE(child<QTableWidget>(&view, "tasksTable")->rowCount(), 2);
    QVERIFY(text(view, "teamValue").contains(QStringLiteral("Webrana Ops")));

    view.setAccount(demoAccount(2));
    QCOMPARE(child<QTableWidget>(&view, "tasksTable")->rowCount(), 0);
    QCOMPARE(child<QTableWidget>(&view, "dropletsTable")->rowCount(), 0);
    QCOMPARE(text(view, "teamValue"), AccountDetailView::tr("—"));
    QCOMPARE(text(view, "emailValue"), demoAccount(2).email);

    view.clear();
    QCOMPARE(view.accountId(), QString());
    QCOMPARE(text(view, "emailValue"), AccountDetailView::tr("—"));
}

QTEST_MAIN(TestAccountDetailView)
#include "tst_accountdetailview.moc"
