#include "VerifyOk.h"
#include "app/DesktopConfigBuilder.h"
#include "demo/DemoPool.h"

#include <QTest>

using namespace dopool;
using namespace dopool::ui;

class TestDesktopConfigBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chooses_data();
    void chooses();
    void refuses_data();
    void refuses();
    void refusesABadDegradedAlertTime();
    void settingsReachTheEngine();
};

void TestDesktopConfigBuilder::chooses_data()
{
    QTest::addColumn<QString>("argDb");
    QTest::addColumn<QString>("envDb");
    QTest::addColumn<QString>("settingsDb");
    QTest::addColumn<QString>("argApi");
    QTest::addColumn<QString>("envApi");
    QTest::addColumn<QString>("expectedDb"); // display string or path
    QTest::addColumn<QString>("expectedApi");
    const QString doApi = QStringLiteral("https://api.digitalocean.com");
    QTest::newRow("command line wins")
        << QStringLiteral("sqlite:/tmp/a.sqlite") << QStringLiteral("sqlite:/tmp/b.sqlite")
        << QStringLiteral("sqlite:/tmp/c.sqlite") << QStringLiteral("http://127.0.0.1:9")
        << QString() << QStringLiteral("/tmp/a.sqlite") << QStringLiteral("http://127.0.0.1:9");
    QTest::newRow("then the environment")
        << QString() << QStringLiteral("postgresql://ops@db.example:5433/orders")
        << QStringLiteral("sqlite:/tmp/c.sqlite") << QString()
        << QStringLiteral("http://localhost:8080")
        << QStringLiteral("postgresql://ops@db.example:5433/orders")
        << QStringLiteral("http://localhost:8080");
    QTest::newRow("then the settings")
        << QString() << QString() << QStringLiteral("sqlite:/tmp/c.sqlite") << QString()
        << QString() << QStringLiteral("/tmp/c.sqlite") << doApi;
}

void TestDesktopConfigBuilder::chooses()
{
    QFETCH(QString, argDb);
    QFETCH(QString, envDb);
    QFETCH(QString, settingsDb);
    QFETCH(QString, argApi);
    QFETCH(QString, envApi);
    QFETCH(QString, expectedDb);
    QFETCH(QString, expectedApi);
    LaunchOptions launch;
    launch.db = argDb;
    launch.apiBase = argApi;
    QProcessEnvironment env;
    if (!envDb.isEmpty())
        env.insert(QStringLiteral("DOPOOL_DB"), envDb);
    if (!envApi.isEmpty())
        env.insert(QStringLiteral("DOPOOL_API_BASE"), envApi);
    AppSettings settings;
    settings.databaseUrl = settingsDb;
    const auto config = buildDesktopConfig(launch, settings, env);
    DOPOOL_VERIFY_OK(config);
    const QString db = config->database.kind == DatabaseUrl::Kind::Sqlite
                           ? config->database.path
                           : config->database.displayString();
    QCOMPARE(db, expectedDb);
    QCOMPARE(config->apiBase.toString(QUrl::StripTrailingSlash), expectedApi);
}

void TestDesktopConfigBuilder::refuses_data()
{
    QTest::addColumn<QString>("db");
    QTest::addColumn<QString>("api");
    QTest::newRow("unknown database scheme") << QStringLiteral("mysql://x/y") << QString();
    QTest::newRow("password on the command line")
        << QStringLiteral("postgresql://u:hunter2@db/x") << QString();
    QTest::newRow("plain http to a remote API")
        << QString() << QStringLiteral("http://api.example.com");
    QTest::newRow("not a URL") << QString() << QStringLiteral("::::");
}

void TestDesktopConfigBuilder::refuses()
{
    QFETCH(QString, db);
    QFETCH(QString, api);
    LaunchOptions launch;
    launch.db = db;
    launch.apiBase = api;
    const auto config = buildDesktopConfig(launch, AppSettings{}, QProcessEnvironment());
    QVERIFY(!config);
    QVERIFY(!config.error().message.isEmpty());
    QVERIFY(!config.error().message.contains(QStringLiteral("hunter2")));
}

void TestDesktopConfigBuilder::refusesABadDegradedAlertTime()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DOPOOL_DEGRADED_ALERT_MINUTES"), QStringLiteral("0"));
    const auto config = buildDesktopConfig(LaunchOptions{}, AppSettings{}, env);
    QVERIFY(!config);
    QCOMPARE(config.error().kind, ErrorKind::Validation);
    QVERIFY2(config.error().message.contains(QStringLiteral("DOPOOL_DEGRADED_ALERT_MINUTES")),
             qPrintable(config.error().message));
}

void TestDesktopConfigBuilder::settingsReachTheEngine()
{
    AppSettings settings;
    settings.syncIntervalSecs = 120;
    settings.healthIntervalSecs = 30;
    settings.utilisationThresholdPercent = 90;
    settings.selectionPolicy = engine::SelectionPolicy::LeastUtilised;
    settings.webhookUrl = QStringLiteral("https://hooks.example/notify");
    QProcessEnvironment env;
    env.insert(QStringLiteral("DIGITALOCEAN_DEFAULT_REGION"), QStringLiteral("nyc3"));
    env.insert(QStringLiteral("DOPOOL_DEGRADED_ALERT_MINUTES"), QStringLiteral("45"));
    LaunchOptions launch;
    launch.demo = demo::backend();
    launch.db = QStringLiteral("sqlite:/never/used.sqlite");
    const auto config = buildDesktopConfig(launch, settings, env);
    QVERIFY(config);
    QVERIFY(config->demo);
    QCOMPARE(config->syncIntervalSecs, 120);
    QCOMPARE(config->healthIntervalSecs, 30);
    QCOMPARE(config->engine.utilisationThreshold, 0.9);
    QCOMPARE(config->engine.policy, engine::SelectionPolicy::LeastUtilised);
    QCOMPARE(config->engine.defaultRegion, QStringLiteral("nyc3"));
    QCOMPARE(config->engine.degradedAlertAfterSecs, 45 * 60);
    QCOMPARE(config->webhookUrl, QStringLiteral("https://hooks.example/notify"));
    QVERIFY(config->database.path != QStringLiteral("/never/used.sqlite")); // demo: throwaway
    QVERIFY(!config->provisionOrders); // off unless the admin turns it on
    settings.provisionOrders = true;
    QVERIFY(buildDesktopConfig(launch, settings, env)->provisionOrders);
}

QTEST_MAIN(TestDesktopConfigBuilder)
#include "tst_desktopconfigbuilder.moc"
