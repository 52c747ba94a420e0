// The pool's capacity over time from the accounts' samples (core/desktop/PoolHistory), and the
// "days until the threshold" estimate the Pool History view states.
#include "demo/DemoPool.h"
#include "desktop/PoolHistory.h"

#include <QTest>

using namespace dopool;
using namespace dopool::desktop;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);

CapacitySample sample(const QString &account, int minutes, int used, int limit)
{
    CapacitySample s;
    s.accountId = account;
    s.at = t0.addSecs(60LL * minutes);
    s.activeDroplets = used;
    s.dropletLimit = limit;
    return s;
}

QString describe(const QList<PoolHistoryPoint> &points)
{
    QStringList parts;
    for (const PoolHistoryPoint &p : points)
        parts << QStringLiteral("%1:%2/%3").arg(t0.secsTo(p.at) / 60).arg(p.used).arg(p.limit);
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestPoolHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sumsLatestSamplePerAccount_data();
    void sumsLatestSamplePerAccount();
    void mergesDenseSamplesIntoAtMostMaxPoints();
    void daysUntilThreshold_data();
    void daysUntilThreshold();
    void demoHistoryTellsAStory();
};

void TestPoolHistory::sumsLatestSamplePerAccount_data()
{
    QTest::addColumn<QList<CapacitySample>>("samples");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QList<CapacitySample>{} << QString();
    QTest::newRow("one account") << QList<CapacitySample>{sample(QStringLiteral("a"), 0, 3, 10),
                                                          sample(QStringLiteral("a"), 60, 5, 10)}
                                 << QStringLiteral("0:3/10 60:5/10");
    // b joins at 30: it counts from then on; a's last value stands until a changes.
    QTest::newRow("two accounts, any order")
        << QList<CapacitySample>{sample(QStringLiteral("b"), 30, 7, 25),
                                 sample(QStringLiteral("a"), 60, 5, 10),
                                 sample(QStringLiteral("a"), 0, 3, 10)}
        << QStringLiteral("0:3/10 30:10/35 60:12/35");
    QTest::newRow("a limit raised")
        << QList<CapacitySample>{sample(QStringLiteral("a"), 0, 10, 10),
                                 sample(QStringLiteral("a"), 10, 10, 25)}
        << QStringLiteral("0:10/10 10:10/25");
    CapacitySample invalid = sample(QStringLiteral("a"), 5, 99, 99);
    invalid.at = QDateTime();
    QTest::newRow("samples without a time are ignored")
        << QList<CapacitySample>{sample(QStringLiteral("a"), 0, 1, 5), invalid}
        << QStringLiteral("0:1/5");
}

void TestPoolHistory::sumsLatestSamplePerAccount()
{
    QFETCH(QList<CapacitySample>, samples);
    QFETCH(QString, expected);
    QCOMPARE(describe(poolHistory(samples)), expected);
}

void TestPoolHistory::mergesDenseSamplesIntoAtMostMaxPoints()
{
    // 3 accounts synced every 5 minutes for 30 days: 25,920 samples.
    QList<CapacitySample> samples;
    for (int minute = 0; minute < 30 * 24 * 60; minute += 5) {
        for (int n = 0; n < 3; ++n)
            samples << sample(QString::number(n), minute, (minute / 600 + n) % 25, 25);
    }
    const QList<PoolHistoryPoint> points = poolHistory(samples, 400);
    QVERIFY2(points.size() <= 401, qPrintable(QString::number(points.size())));
    QVERIFY(points.size() >= 300);
    // Oldest first, the last point is the state after every sample.
    for (qsizetype i = 1; i < points.size(); ++i)
        QVERIFY(points.at(i - 1).at < points.at(i).at);
    const int lastMinute = 30 * 24 * 60 - 5;
    QCOMPARE(points.last().at, t0.addSecs(60LL * lastMinute));
    int expectedUsed = 0;
    for (int n = 0; n < 3; ++n)
        expectedUsed += (lastMinute / 600 + n) % 25;
    QCOMPARE(points.last().used, expectedUsed);
    QCOMPARE(points.last().limit, 75);
}

void TestPoolHistory::daysUntilThreshold_data()
{
    QTest::addColumn<QList<PoolHistoryPoint>>("points");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<double>("expected"); // < 0: none
    auto at = [](double days) {
        return t0.addMSecs(qint64(days * 86'400'000));
    };
    // +10 a day, 50 of 100 now, threshold 80: 3 days.
    QTest::newRow("growing") << QList<PoolHistoryPoint>{{at(0), 30, 100}, {at(2), 50, 100}} << 0.8
                             << 3.0;
    QTest::newRow("shrinking") << QList<PoolHistoryPoint>{{at(0), 60, 100}, {at(2), 50, 100}} << 0.8
                               << -1.0;
    QTest::newRow("flat") << QList<PoolHistoryPoint>{{at(0), 50, 100}, {at(2), 50, 100}} << 0.8
                          << -1.0;
    QTest::newRow("over already") << QList<PoolHistoryPoint>{{at(0), 70, 100}, {at(2), 90, 100}}
                                  << 0.8 << -1.0;
    QTest::newRow("one point") << QList<PoolHistoryPoint>{{at(0), 10, 100}} << 0.8 << -1.0;
    QTest::newRow("under an hour")
        << QList<PoolHistoryPoint>{{at(0), 10, 100}, {at(0.01), 20, 100}} << 0.8 << -1.0;
}

void TestPoolHistory::daysUntilThreshold()
{
    QFETCH(QList<PoolHistoryPoint>, points);
    QFETCH(double, threshold);
    QFETCH(double, expected);
    const auto days = desktop::daysUntilThreshold(points, threshold);
    if (expected < 0) {
        QVERIFY(!days.has_value());
    } else {
        QVERIFY(days.has_value());
        QVERIFY2(qAbs(*days - expected) < 1e-6, qPrintable(QString::number(*days)));
    }
}

void TestPoolHistory::demoHistoryTellsAStory()
{
    const QDateTime now = t0.addDays(5);
    QList<CapacitySample> all;
    const int finals[] = {20, 5, 25};
    for (int n = 1; n <= 3; ++n) {
        QList<CapacitySample> history = demo::history(n, finals[n - 1], 25, now);
        QCOMPARE(history.size(), demo::kHistoryHours + 1);
        QCOMPARE(history.first().at, now.addSecs(-3600LL * demo::kHistoryHours));
        QCOMPARE(history.last().at, now);
        QCOMPARE(history.last().activeDroplets, finals[n - 1]);
        for (CapacitySample &s : history) {
            QVERIFY(s.activeDroplets >= 0 && s.activeDroplets <= 25);
            s.accountId = QString::number(n);
        }
        all << history;
    }
    const QList<PoolHistoryPoint> pool = poolHistory(all);
    QCOMPARE(pool.last().used, 50);
    QCOMPARE(pool.last().limit, 75);
    // The pool grew over the days, toward the default 80 % threshold but not past it.
    QVERIFY(pool.first().used < 35);
    const auto days = desktop::daysUntilThreshold(pool, 0.8);
    QVERIFY(days.has_value());
    QVERIFY(*days > 0.5 && *days < 14);
}

QTEST_GUILESS_MAIN(TestPoolHistory)
#include "tst_poolhistory.moc"
