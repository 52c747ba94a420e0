// engineSettingsFromEnv: each DOPOOL_* engine setting from the environment, its default when
// unset, and a clear error (naming the variable) for every value out of range or not a number.
#include "VerifyOk.h"
#include "cli/EngineRuntime.h"

#include <QProcessEnvironment>
#include <QTest>

using namespace dopool;

class TestEngineRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsWhenUnset()
    {
        const auto settings = cli::engineSettingsFromEnv(QProcessEnvironment());
        QVERIFY(settings.ok());
        const engine::EngineSettings defaults;
        QCOMPARE(settings->syncConcurrency, defaults.syncConcurrency);
        QCOMPARE(settings->utilisationThreshold, defaults.utilisationThreshold);
        QCOMPARE(settings->policy, defaults.policy);
        QCOMPARE(settings->defaultRegion, defaults.defaultRegion);
    }

    void syncConcurrency_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected"); // -1: refused
        QTest::newRow("lowest") << QStringLiteral("1") << 1;
        QTest::newRow("typical") << QStringLiteral("32") << 32;
        QTest::newRow("highest") << QStringLiteral("1000") << 1000;
        QTest::newRow("spaces around") << QStringLiteral(" 16 ") << 16;
        QTest::newRow("zero") << QStringLiteral("0") << -1;
        QTest::newRow("negative") << QStringLiteral("-4") << -1;
        QTest::newRow("too many") << QStringLiteral("1001") << -1;
        QTest::newRow("not a number") << QStringLiteral("lots") << -1;
        QTest::newRow("fraction") << QStringLiteral("2.5") << -1;
        QTest::newRow("empty") << QString() << -1;
        QTest::newRow("overflow") << QStringLiteral("99999999999999999999") << -1;
    }

    void syncConcurrency()
    {
        QFETCH(QString, value);
        QFETCH(int, expected);
        QProcessEnvironment env;
        env.insert(QStringLiteral("DOPOOL_SYNC_CONCURRENCY"), value);
        const auto settings = cli::engineSettingsFromEnv(env);
        if (expected < 0) {
            QVERIFY(!settings);
            QVERIFY2(settings.error().message.contains(QStringLiteral("DOPOOL_SYNC_CONCURRENCY")),
                     qPrintable(settings.error().message));
            QCOMPARE(exitCodeFor(settings.error().kind), 2);
        } else {
            DOPOOL_VERIFY_OK(settings);
            QCOMPARE(settings->syncConcurrency, expected);
        }
    }

    void utilisationThreshold_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("expected"); // < 0: refused
        QTest::newRow("default-like") << QStringLiteral("80") << 0.8;
        QTest::newRow("fraction of a percent") << QStringLiteral("92.5") << 0.925;
        QTest::newRow("lowest") << QStringLiteral("1") << 0.01;
        QTest::newRow("highest") << QStringLiteral("100") << 1.0;
        QTest::newRow("zero") << QStringLiteral("0") << -1.0;
        QTest::newRow("negative") << QStringLiteral("-5") << -1.0;
        QTest::newRow("above 100") << QStringLiteral("101") << -1.0;
        QTest::newRow("a ratio, not a percent sign") << QStringLiteral("80%") << -1.0;
        QTest::newRow("not a number") << QStringLiteral("high") << -1.0;
        QTest::newRow("empty") << QString() << -1.0;
    }

    void utilisationThreshold()
    {
        QFETCH(QString, value);
        QFETCH(double, expected);
        QProcessEnvironment env;
        env.insert(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD"), value);
        const auto settings = cli::engineSettingsFromEnv(env);
        if (expected < 0) {
            QVERIFY(!settings);
            QVERIFY2(
                settings.error().message.contains(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD")),
                qPrintable(settings.error().message));
            QCOMPARE(exitCodeFor(settings.error().kind), 2);
        } else {
            DOPOOL_VERIFY_OK(settings);
            QVERIFY(qAbs(settings->utilisationThreshold - expected) < 1e-9);
        }
    }

    // One bad variable among good ones is still refused (nothing half-applied).
    void oneBadValueRefusesAll()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DOPOOL_UTILISATION_THRESHOLD"), QStringLiteral("90"));
        env.insert(QStringLiteral("DOPOOL_SYNC_CONCURRENCY"), QStringLiteral("zero"));
        QVERIFY(!cli::engineSettingsFromEnv(env));
    }
};

QTEST_GUILESS_MAIN(TestEngineRuntime)
#include "tst_engineruntime.moc"
