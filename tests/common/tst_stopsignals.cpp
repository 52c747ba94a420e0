// StopSignals on POSIX: a real SIGTERM/SIGINT raised in this process arrives as stopRequested in
// the event loop, and the default dispositions come back when the object goes.
#include "common/StopSignals.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>

using namespace dopool;

class TestStopSignals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversSignalInEventLoop_data();
    void deliversSignalInEventLoop();
    void onePerProcess();
    void restoresDefaultsWhenDestroyed();
};

void TestStopSignals::deliversSignalInEventLoop_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestStopSignals::deliversSignalInEventLoop()
{
    QFETCH(int, signalNumber);
    StopSignals stop;
    QVERIFY(stop.isInstalled());
    QSignalSpy spy(&stop, &StopSignals::stopRequested);
    QCOMPARE(::raise(signalNumber), 0);
    QCOMPARE(spy.count(), 0); // not from the handler: only once the event loop runs
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), signalNumber);
    QCOMPARE(StopSignals::describe(signalNumber), QStringLiteral("signal %1").arg(signalNumber));

    // A second request is delivered as well (the daemon logs it; stopping is idempotent).
    QCOMPARE(::raise(signalNumber), 0);
    QTRY_COMPARE(spy.count(), 2);
}

void TestStopSignals::onePerProcess()
{
    StopSignals first;
    QVERIFY(first.isInstalled());
    StopSignals second;
    QVERIFY(!second.isInstalled());
}

void TestStopSignals::restoresDefaultsWhenDestroyed()
{
    {
        StopSignals stop;
        QVERIFY(stop.isInstalled());
        struct sigaction current = {};
        QCOMPARE(::sigaction(SIGTERM, nullptr, &current), 0);
        QVERIFY(current.sa_handler != SIG_DFL);
    }
    for (int number : {SIGTERM, SIGINT}) {
        struct sigaction current = {};
        QCOMPARE(::sigaction(number, nullptr, &current), 0);
        QVERIFY(current.sa_handler == SIG_DFL);
    }
    // And it can be installed again afterwards.
    StopSignals again;
    QVERIFY(again.isInstalled());
}

QTEST_GUILESS_MAIN(TestStopSignals)
#include "tst_stopsignals.moc"
