#include "desktop/PoolSummary.h"

#include <QTest>

using namespace dopool;
using desktop::PoolSummary;

Q_DECLARE_METATYPE(dopool::desktop::PoolSummary::State)

namespace {

// "20/25:H" = 20 droplets of 25, HEALTHY; suffix "!" = inactive. H D U ? = health.
QList<Account> parse(const QStringList &specs)
{
    QList<Account> accounts;
    for (const QString &spec : specs) {
        Account a;
        const QStringList parts = spec.split(u':');
        const QStringList counts = parts.at(0).split(u'/');
        a.activeDroplets = counts.at(0).toInt();
        a.dropletLimit = counts.at(1).toInt();
        const QChar health = parts.at(1).at(0);
        a.healthStatus = health == u'H'   ? AccountHealth::Healthy
                         : health == u'D' ? AccountHealth::Degraded
                         : health == u'U' ? AccountHealth::Unhealthy
                                          : AccountHealth::Unknown;
        a.isActive = !spec.endsWith(u'!');
        accounts << a;
    }
    return accounts;
}

} // namespace

class TestPoolSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summarises_data();
    void summarises();
};

void TestPoolSummary::summarises_data()
{
    QTest::addColumn<QStringList>("accounts");
    QTest::addColumn<int>("droplets");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("percent");
    QTest::addColumn<bool>("overThreshold");
    QTest::addColumn<bool>("allUsableFull");
    QTest::addColumn<PoolSummary::State>("state");
    QTest::newRow("empty") << QStringList{} << 0 << 0 << 0 << false << false
                           << PoolSummary::State::Empty;
    QTest::newRow("the plan's pool: 50/75")
        << QStringList{QStringLiteral("20/25:H"), QStringLiteral("5/25:H"),
                       QStringLiteral("25/25:H")}
        << 50 << 75 << 67 << false << false << PoolSummary::State::Ok;
    QTest::newRow("over 80%") << QStringList{QStringLiteral("21/25:H"), QStringLiteral("20/25:H")}
                              << 41 << 50 << 82 << true << false << PoolSummary::State::Warning;
    QTest::newRow("room only on an unhealthy account")
        << QStringList{QStringLiteral("25/25:H"), QStringLiteral("0/25:U")} << 25 << 50 << 50
        << false << true << PoolSummary::State::Critical;
    QTest::newRow("inactive accounts count for nothing")
        << QStringList{QStringLiteral("25/25:H"), QStringLiteral("0/25:H!")} << 25 << 25 << 100
        << true << true << PoolSummary::State::Critical;
    QTest::newRow("degraded is a warning, not usable")
        << QStringList{QStringLiteral("1/25:D"), QStringLiteral("1/25:?")} << 2 << 50 << 4 << false
        << false << PoolSummary::State::Warning;
}

void TestPoolSummary::summarises()
{
    QFETCH(QStringList, accounts);
    QFETCH(int, droplets);
    QFETCH(int, limit);
    QFETCH(int, percent);
    QFETCH(bool, overThreshold);
    QFETCH(bool, allUsableFull);
    QFETCH(PoolSummary::State, state);
    const PoolSummary s = PoolSummary::of(parse(accounts), 0.8);
    QCOMPARE(s.droplets, droplets);
    QCOMPARE(s.limit, limit);
    QCOMPARE(s.percent(), percent);
    QCOMPARE(s.overThreshold, overThreshold);
    QCOMPARE(s.allUsableFull, allUsableFull);
    QCOMPARE(s.state, state);
}

QTEST_MAIN(TestPoolSummary)
#include "tst_poolsummary.moc"
