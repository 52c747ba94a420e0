#include "VerifyOk.h"
#include "crypto/TokenCipher.h"
#include "desktop/PoolSummary.h"
#include "engine/AlertEvaluator.h"
#include "store/StoreFactory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dopool;
using namespace Qt::StringLiterals;
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
    void redExactlyWhenACriticalAlertIsStored_data();
    void redExactlyWhenACriticalAlertIsStored();
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
    QTest::newRow("the demo pool: 50/75")
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

// The banner and tray turn red exactly when the alert evaluator stores a critical alert (one:
// NO_USABLE_ACCOUNT or ALL_ACCOUNTS_FULL), so the GUI, `status`, the alerts list and the webhook
// tell the same story.
void TestPoolSummary::redExactlyWhenACriticalAlertIsStored_data()
{
    QTest::addColumn<QStringList>("accounts");
    QTest::addColumn<QString>("critical"); // empty: none
    auto row = [](const char *name, QStringList specs, const char *critical) {
        QTest::newRow(name) << specs << QString::fromLatin1(critical);
    };
    row("room on a healthy account", {u"0/25:H"_s, u"25/25:U"_s}, "");
    row("room on an UNKNOWN account", {u"24/25:?"_s, u"0/25:D"_s}, "");
    row("all usable full", {u"25/25:H"_s, u"25/25:?"_s}, "ALL_ACCOUNTS_FULL");
    row("full healthy, room only on an unhealthy one", {u"25/25:H"_s, u"0/25:U"_s},
        "ALL_ACCOUNTS_FULL");
    row("all unhealthy", {u"0/25:U"_s, u"3/25:U"_s}, "NO_USABLE_ACCOUNT");
    row("all inactive", {u"0/25:H!"_s, u"0/25:?!"_s}, "NO_USABLE_ACCOUNT");
    row("degraded and full", {u"0/25:D"_s, u"25/25:D"_s, u"25/25:U"_s}, "NO_USABLE_ACCOUNT");
    row("degraded, unhealthy and inactive", {u"1/25:D"_s, u"0/25:U"_s, u"0/25:H!"_s},
        "NO_USABLE_ACCOUNT");
}

void TestPoolSummary::redExactlyWhenACriticalAlertIsStored()
{
    QFETCH(QStringList, accounts);
    QFETCH(QString, critical);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    StoreOptions options;
    options.url.kind = DatabaseUrl::Kind::Sqlite;
    options.url.path = dir.filePath(u"pool.sqlite"_s);
    options.clock = &clock;
    OpenResult opened = openStore(options);
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    const TokenCipher cipher(EncryptionKey::fromBytes(QByteArray(32, '\x33')));
    int n = 0;
    for (Account account : parse(accounts)) {
        account.name = u"account %1"_s.arg(++n);
        account.email = u"a%1@example.com"_s.arg(n);
        const auto token = cipher.encrypt(u"dop_v1_"_s + QString(64, QChar(u'0' + n)));
        QVERIFY(token.ok());
        account.encryptedToken = *token;
        const auto inserted = opened.store->insertAccount(account);
        DOPOOL_VERIFY_OK(inserted);
    }
    engine::EngineContext context;
    context.useStore(*opened.store);
    context.clock = &clock;
    context.settings.utilisationThreshold = 1.0;
    engine::AlertEvaluator evaluator(context);
    const auto changes = evaluator.evaluate();
    DOPOOL_VERIFY_OK(changes);
    const auto open = opened.store->listAlerts(false, 100);
    QVERIFY(open.ok());
    QStringList criticals;
    for (const Alert &alert : *open) {
        if (alert.severity == AlertSeverity::Critical)
            criticals << alertKindToDb(alert.kind);
    }
    QCOMPARE(criticals, critical.isEmpty() ? QStringList() : QStringList{critical});
    const auto stored = opened.store->listAccounts();
    QVERIFY(stored.ok());
    const PoolSummary summary = PoolSummary::of(*stored, 0.8);
    QCOMPARE(summary.state == PoolSummary::State::Critical, !critical.isEmpty());
}

QTEST_MAIN(TestPoolSummary)
#include "tst_poolsummary.moc"
