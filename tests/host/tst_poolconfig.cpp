// host::resolve*: the settings dopool-cli and the desktop resolve, each with the precedence it
// documents (command line, environment, saved Settings, default), and a clear error for every
// bad value.
#include "VerifyOk.h"
#include "host/PoolConfig.h"

#include <QTest>

using namespace dopool;
using namespace dopool::host;

namespace {

const QString kUnset = QStringLiteral("<unset>");

// "NAME=value" pairs as an environment.
QProcessEnvironment environment(const QStringList &pairs)
{
    QProcessEnvironment env;
    for (const QString &pair : pairs) {
        const qsizetype at = pair.indexOf(u'=');
        env.insert(pair.left(at), pair.mid(at + 1));
    }
    return env;
}

std::optional<QString> given(const QString &value)
{
    return value == kUnset ? std::nullopt : std::optional<QString>(value);
}

ConfigSources sources(bool desktop, const QStringList &env)
{
    ConfigSources s;
    s.frontEnd = desktop ? FrontEnd::Desktop : FrontEnd::Cli;
    s.env = environment(env);
    if (desktop)
        s.saved = ConfigSources::Saved{};
    return s;
}

QString shown(const DatabaseUrl &url)
{
    return url.kind == DatabaseUrl::Kind::Sqlite ? url.path : url.displayString();
}

} // namespace

class TestPoolConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void database_data();
    void database();
    void apiBase_data();
    void apiBase();
    void engine_data();
    void engine();
    void rounds_data();
    void rounds();
    void webhook_data();
    void webhook();
};

void TestPoolConfig::database_data()
{
    QTest::addColumn<bool>("desktop");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("saved");
    QTest::addColumn<QString>("expected"); // path or display string; "!text": an error with it
    const QStringList envDb{QStringLiteral("DOPOOL_DB=sqlite:/tmp/env.sqlite")};
    const QString defaultPath = DatabaseUrl::defaultLocation().path;
    QTest::newRow("cli: --db beats DOPOOL_DB")
        << false << QStringLiteral("sqlite:/tmp/opt.sqlite") << envDb << QString()
        << QStringLiteral("/tmp/opt.sqlite");
    QTest::newRow("cli: DOPOOL_DB without --db")
        << false << kUnset << envDb << QString() << QStringLiteral("/tmp/env.sqlite");
    QTest::newRow("cli: --db= given empty is the default, not DOPOOL_DB")
        << false << QString() << envDb << QString() << defaultPath;
    QTest::newRow("cli: the default")
        << false << kUnset << QStringList() << QString() << defaultPath;
    QTest::newRow("desktop: --db beats DOPOOL_DB and the settings")
        << true << QStringLiteral("sqlite:/tmp/opt.sqlite") << envDb
        << QStringLiteral("sqlite:/tmp/saved.sqlite") << QStringLiteral("/tmp/opt.sqlite");
    QTest::newRow("desktop: DOPOOL_DB beats the settings")
        << true << kUnset << envDb << QStringLiteral("sqlite:/tmp/saved.sqlite")
        << QStringLiteral("/tmp/env.sqlite");
    QTest::newRow("desktop: the settings")
        << true << kUnset << QStringList()
        << QStringLiteral("postgresql://ops@db.example:5433/pool")
        << QStringLiteral("postgresql://ops@db.example:5433/pool");
    QTest::newRow("desktop: the default")
        << true << kUnset << QStringList() << QString() << defaultPath;
    QTest::newRow("unknown scheme") << false << QStringLiteral("mysql://x/y") << QStringList()
                                    << QString() << QStringLiteral("!mysql");
    QTest::newRow("a password is refused, not echoed")
        << true << kUnset << QStringList{QStringLiteral("DOPOOL_DB=postgresql://u:hunter2@db/x")}
        << QString() << QStringLiteral("!password");
}

void TestPoolConfig::database()
{
    QFETCH(bool, desktop);
    QFETCH(QString, option);
    QFETCH(QStringList, env);
    QFETCH(QString, saved);
    QFETCH(QString, expected);
    ConfigSources s = sources(desktop, env);
    s.commandLine.database = given(option);
    if (s.saved)
        s.saved->database = saved;
    const auto url = resolveDatabase(s);
    if (expected.startsWith(u'!')) {
        QVERIFY(!url);
        QCOMPARE(url.error().kind, ErrorKind::Validation);
        QVERIFY2(url.error().message.contains(expected.mid(1), Qt::CaseInsensitive),
                 qPrintable(url.error().message));
        QVERIFY(!url.error().message.contains(QStringLiteral("hunter2")));
        return;
    }
    DOPOOL_VERIFY_OK(url);
    QCOMPARE(shown(*url), expected);
}

void TestPoolConfig::apiBase_data()
{
    QTest::addColumn<bool>("desktop");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("expected"); // "!": an error
    const QStringList envApi{QStringLiteral("DOPOOL_API_BASE=http://127.0.0.1:8081")};
    QTest::newRow("--api-base beats DOPOOL_API_BASE")
        << false << QStringLiteral("http://localhost:9") << envApi
        << QStringLiteral("http://localhost:9");
    QTest::newRow("DOPOOL_API_BASE")
        << true << kUnset << envApi << QStringLiteral("http://127.0.0.1:8081");
    QTest::newRow("DigitalOcean by default")
        << true << kUnset << QStringList() << QStringLiteral("https://api.digitalocean.com");
    QTest::newRow("plain http to a remote host")
        << false << QStringLiteral("http://api.example.com") << QStringList()
        << QStringLiteral("!");
    // Issue #24: given empty on purpose is refused, not the production API.
    QTest::newRow("--api-base given empty") << false << QString() << envApi << QStringLiteral("!");
    QTest::newRow("not a URL") << true << kUnset
                               << QStringList{QStringLiteral("DOPOOL_API_BASE=::::")}
                               << QStringLiteral("!");
}

void TestPoolConfig::apiBase()
{
    QFETCH(bool, desktop);
    QFETCH(QString, option);
    QFETCH(QStringList, env);
    QFETCH(QString, expected);
    ConfigSources s = sources(desktop, env);
    s.commandLine.apiBase = given(option);
    const auto url = resolveApiBase(s);
    if (expected == QLatin1String("!")) {
        QVERIFY(!url);
        QCOMPARE(url.error().kind, ErrorKind::Validation);
        QVERIFY(!url.error().message.isEmpty());
        return;
    }
    DOPOOL_VERIFY_OK(url);
    QCOMPARE(url->toString(QUrl::StripTrailingSlash), expected);
}

void TestPoolConfig::engine_data()
{
    QTest::addColumn<bool>("desktop");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<int>("savedThreshold"); // desktop: the Settings' percent
    QTest::addColumn<QString>("policy");     // expected; or "!VARIABLE": an error naming it
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("region");
    const QString plan = QStringLiteral("plan-order");
    const QString least = QStringLiteral("least-utilised");
    const QString sgp = QStringLiteral("sgp1");
    QTest::newRow("cli: defaults") << false << QStringList() << 0 << plan << 0.8 << 15000 << sgp;
    QTest::newRow("cli: the environment")
        << false
        << QStringList{QStringLiteral("DOPOOL_SELECTION_POLICY=least-utilised"),
                       QStringLiteral("DOPOOL_UTILISATION_THRESHOLD=90"),
                       QStringLiteral("DOPOOL_API_TIMEOUT_MS=5000"),
                       QStringLiteral("DIGITALOCEAN_DEFAULT_REGION= nyc3 ")}
        << 0 << least << 0.9 << 5000 << QStringLiteral("nyc3");
    QTest::newRow("desktop: the Settings beat the environment")
        << true
        << QStringList{QStringLiteral("DOPOOL_SELECTION_POLICY=least-utilised"),
                       QStringLiteral("DOPOOL_UTILISATION_THRESHOLD=90")}
        << 70 << plan << 0.7 << 15000 << sgp;
    QTest::newRow("desktop: a bad policy in the environment is not read")
        << true << QStringList{QStringLiteral("DOPOOL_SELECTION_POLICY=random")} << 80 << plan
        << 0.8 << 15000 << sgp;
    QTest::newRow("desktop: the API timeout is dopool-cli's")
        << true << QStringList{QStringLiteral("DOPOOL_API_TIMEOUT_MS=5000")} << 80 << plan << 0.8
        << 15000 << sgp;
    QTest::newRow("desktop: the region from the environment")
        << true << QStringList{QStringLiteral("DIGITALOCEAN_DEFAULT_REGION=ams3")} << 80 << plan
        << 0.8 << 15000 << QStringLiteral("ams3");
    QTest::newRow("cli: bad policy")
        << false << QStringList{QStringLiteral("DOPOOL_SELECTION_POLICY=random")} << 0
        << QStringLiteral("!DOPOOL_SELECTION_POLICY") << 0.0 << 0 << QString();
    QTest::newRow("cli: threshold over 100")
        << false << QStringList{QStringLiteral("DOPOOL_UTILISATION_THRESHOLD=101")} << 0
        << QStringLiteral("!DOPOOL_UTILISATION_THRESHOLD") << 0.0 << 0 << QString();
    QTest::newRow("cli: timeout too short")
        << false << QStringList{QStringLiteral("DOPOOL_API_TIMEOUT_MS=50")} << 0
        << QStringLiteral("!DOPOOL_API_TIMEOUT_MS") << 0.0 << 0 << QString();
    QTest::newRow("cli: uncertain window not a number")
        << false << QStringList{QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS=soon")} << 0
        << QStringLiteral("!DOPOOL_UNCERTAIN_WINDOW_MS") << 0.0 << 0 << QString();
    QTest::newRow("desktop: degraded alert time zero")
        << true << QStringList{QStringLiteral("DOPOOL_DEGRADED_ALERT_MINUTES=0")} << 80
        << QStringLiteral("!DOPOOL_DEGRADED_ALERT_MINUTES") << 0.0 << 0 << QString();
    QTest::newRow("desktop: sync concurrency zero")
        << true << QStringList{QStringLiteral("DOPOOL_SYNC_CONCURRENCY=0")} << 80
        << QStringLiteral("!DOPOOL_SYNC_CONCURRENCY") << 0.0 << 0 << QString();
}

void TestPoolConfig::engine()
{
    QFETCH(bool, desktop);
    QFETCH(QStringList, env);
    QFETCH(int, savedThreshold);
    QFETCH(QString, policy);
    QFETCH(double, threshold);
    QFETCH(int, timeoutMs);
    QFETCH(QString, region);
    ConfigSources s = sources(desktop, env);
    if (s.saved)
        s.saved->utilisationThresholdPercent = savedThreshold;
    const auto config = resolveEngine(s);
    if (policy.startsWith(u'!')) {
        QVERIFY(!config);
        QCOMPARE(config.error().kind, ErrorKind::Validation);
        QVERIFY2(config.error().message.contains(policy.mid(1)),
                 qPrintable(config.error().message));
        return;
    }
    DOPOOL_VERIFY_OK(config);
    QCOMPARE(engine::selectionPolicyName(config->settings.policy), policy);
    QCOMPARE(config->settings.utilisationThreshold, threshold);
    QCOMPARE(config->apiTimeoutMs, timeoutMs);
    QCOMPARE(config->settings.defaultRegion, region);
}

void TestPoolConfig::rounds_data()
{
    QTest::addColumn<bool>("desktop");
    QTest::addColumn<QString>("syncOption");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("savedWebhook");
    QTest::addColumn<int>("syncSecs"); // -1: a Usage error naming --sync-interval
    QTest::addColumn<int>("healthSecs");
    QTest::addColumn<QString>("webhook");
    const QStringList envHook{QStringLiteral("DOPOOL_WEBHOOK_URL= https://hooks.example/env ")};
    QTest::newRow("cli: defaults")
        << false << kUnset << QStringList() << QString() << 300 << 60 << QString();
    QTest::newRow("cli: the option and DOPOOL_WEBHOOK_URL as given")
        << false << QStringLiteral("120") << envHook << QString() << 120 << 60
        << QStringLiteral(" https://hooks.example/env ");
    QTest::newRow("desktop: the Settings' intervals, the environment's webhook trimmed")
        << true << kUnset << envHook << QString() << 600 << 90
        << QStringLiteral("https://hooks.example/env");
    QTest::newRow("desktop: the Settings' webhook beats the environment")
        << true << kUnset << envHook << QStringLiteral("https://hooks.example/saved") << 600 << 90
        << QStringLiteral("https://hooks.example/saved");
    QTest::newRow("cli: zero seconds")
        << false << QStringLiteral("0") << QStringList() << QString() << -1 << 0 << QString();
    QTest::newRow("cli: not a number")
        << false << QStringLiteral("5m") << QStringList() << QString() << -1 << 0 << QString();
    QTest::newRow("cli: over a day")
        << false << QStringLiteral("86401") << QStringList() << QString() << -1 << 0 << QString();
}

void TestPoolConfig::rounds()
{
    QFETCH(bool, desktop);
    QFETCH(QString, syncOption);
    QFETCH(QStringList, env);
    QFETCH(QString, savedWebhook);
    QFETCH(int, syncSecs);
    QFETCH(int, healthSecs);
    QFETCH(QString, webhook);
    ConfigSources s = sources(desktop, env);
    s.commandLine.syncIntervalSecs = given(syncOption);
    if (s.saved) {
        s.saved->syncIntervalSecs = 600;
        s.saved->healthIntervalSecs = 90;
        s.saved->webhookUrl = savedWebhook;
    }
    const auto config = resolveRounds(s);
    if (syncSecs < 0) {
        QVERIFY(!config);
        QCOMPARE(config.error().kind, ErrorKind::Usage);
        QVERIFY2(config.error().message.contains(QStringLiteral("--sync-interval")),
                 qPrintable(config.error().message));
        return;
    }
    DOPOOL_VERIFY_OK(config);
    QCOMPARE(config->syncIntervalSecs, syncSecs);
    QCOMPARE(config->healthIntervalSecs, healthSecs);
    QCOMPARE(config->webhookUrl, webhook);
}

void TestPoolConfig::webhook_data()
{
    QTest::addColumn<bool>("desktop");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected"); // the URL; "!text": an error with text
    QTest::newRow("none") << false << QString() << QString();
    QTest::newRow("https with a key in the query")
        << true << QStringLiteral("https://hooks.example/x?key=abc")
        << QStringLiteral("https://hooks.example/x?key=abc");
    QTest::newRow("cli: blanks around it") << false << QStringLiteral(" http://127.0.0.1:9/h ")
                                           << QStringLiteral("http://127.0.0.1:9/h");
    QTest::newRow("cli: plain http to a remote host")
        << false << QStringLiteral("http://hooks.example.com/dopool")
        << QStringLiteral("!DOPOOL_WEBHOOK_URL must be an https URL");
    QTest::newRow("cli: only blanks")
        << false << QStringLiteral("   ") << QStringLiteral("!DOPOOL_WEBHOOK_URL");
    QTest::newRow("desktop: plain http to a remote host")
        << true << QStringLiteral("http://hooks.example.com/dopool")
        << QStringLiteral("!The webhook URL must be https://");
}

void TestPoolConfig::webhook()
{
    QFETCH(bool, desktop);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    const auto checked = checkedWebhook(url, desktop ? FrontEnd::Desktop : FrontEnd::Cli);
    if (expected.startsWith(u'!')) {
        QVERIFY(!checked);
        QCOMPARE(checked.error().kind, ErrorKind::Validation);
        QVERIFY2(checked.error().message.contains(expected.mid(1)),
                 qPrintable(checked.error().message));
        return;
    }
    DOPOOL_VERIFY_OK(checked);
    QCOMPARE(checked->isValid(), !expected.isEmpty());
    if (!expected.isEmpty())
        QCOMPARE(checked->toString(), expected);
}

QTEST_GUILESS_MAIN(TestPoolConfig)
#include "tst_poolconfig.moc"
