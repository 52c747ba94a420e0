#include "model/StatusColours.h"
#include "tray/TrayController.h"

#include <QSignalSpy>
#include <QTest>

using namespace dopool;
using namespace dopool::ui;
using desktop::PoolSummary;

Q_DECLARE_METATYPE(dopool::desktop::PoolSummary::State)

namespace {

engine::AlertChange change(AlertSeverity severity, bool raised)
{
    engine::AlertChange c;
    c.alert.kind = AlertKind::AllAccountsFull;
    c.alert.severity = severity;
    c.alert.message = QStringLiteral("All 3 usable accounts are full");
    c.raised = raised;
    return c;
}

} // namespace

class TestTrayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void colourFollowsThePool_data();
    void colourFollowsThePool();
    void withoutATrayNoticesGoToTheWindow();
    void resolvedAlertsAndDisabledNotificationsStayQuiet();
};

void TestTrayController::colourFollowsThePool_data()
{
    QTest::addColumn<PoolSummary::State>("state");
    QTest::addColumn<QRgb>("colour");
    QTest::newRow("empty") << PoolSummary::State::Empty << StatusColours::unknown;
    QTest::newRow("ok") << PoolSummary::State::Ok << StatusColours::ok;
    QTest::newRow("warning") << PoolSummary::State::Warning << StatusColours::warning;
    QTest::newRow("critical") << PoolSummary::State::Critical << StatusColours::critical;
}

void TestTrayController::colourFollowsThePool()
{
    QFETCH(PoolSummary::State, state);
    QFETCH(QRgb, colour);
    TrayController tray(TrayController::Availability::Unavailable);
    PoolSummary summary;
    summary.state = state;
    summary.accounts = 3;
    summary.droplets = 50;
    summary.limit = 75;
    tray.setSummary(summary);
    QCOMPARE(tray.colour().rgb(), QColor(colour).rgb());
    QVERIFY(tray.toolTip().contains(QStringLiteral("50/75")));
}

void TestTrayController::withoutATrayNoticesGoToTheWindow()
{
    TrayController tray(TrayController::Availability::Unavailable);
    QVERIFY(!tray.hasTray());
    QSignalSpy notices(&tray, &TrayController::fallbackNotice);
    tray.notifyAlert(change(AlertSeverity::Critical, true));
    QCOMPARE(notices.count(), 1);
    QVERIFY(notices.at(0).at(1).toString().contains(QStringLiteral("full")));
    QCOMPARE(notices.at(0).at(2).toBool(), true);
}

void TestTrayController::resolvedAlertsAndDisabledNotificationsStayQuiet()
{
    TrayController tray(TrayController::Availability::Unavailable);
    QSignalSpy notices(&tray, &TrayController::fallbackNotice);
    tray.notifyAlert(change(AlertSeverity::Critical, false));
    QCOMPARE(notices.count(), 0);
    tray.setNotificationsEnabled(false);
    tray.notifyAlert(change(AlertSeverity::Warning, true));
    QCOMPARE(notices.count(), 0);
    tray.setNotificationsEnabled(true);
    tray.notifyAlert(change(AlertSeverity::Warning, true));
    QCOMPARE(notices.count(), 1);
    QCOMPARE(notices.at(0).at(2).toBool(), false);
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
