// host::EngineHost on a real SQLite pool, the fake DO API over loopback and a webhook
// receiver: what it assembles, the rounds it runs, the pool-key watch's out-of-date handling
// (rounds stopped, the alert raised once and resolved, each POSTed once) and the errors that
// stop it from being built.
#include "VerifyOk.h"
#include "WebhookReceiver.h"
#include "common/Clock.h"
#include "crypto/EncryptionKey.h"
#include "crypto/QtKeychainSecretStore.h"
#include "engine/AlertEvaluator.h"
#include "engine/Scheduler.h"
#include "fakedo/FakeDoServer.h"
#include "host/EngineHost.h"
#include "pool/PoolKey.h"
#include "pool/PoolKeyWatch.h"
#include "pool/PoolSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <algorithm>

using namespace dopool;
using namespace dopool::host;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());

// An open pool on a SQLite file of its own, its key from ENCRYPTION_KEY.
struct OpenPool
{
    MemorySecretStore secrets;
    std::unique_ptr<PoolSession> session;

    OpenPool(const QString &path, const EncryptionKey &key, const Clock &clock,
             const QStringList &extraEnv = {})
    {
        PoolSession::Options options;
        options.url.kind = DatabaseUrl::Kind::Sqlite;
        options.url.path = path;
        options.env.insert(QStringLiteral("ENCRYPTION_KEY"), key.toHex());
        for (const QString &pair : extraEnv)
            options.env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        options.clock = &clock;
        options.secrets = &secrets;
        session = std::make_unique<PoolSession>(options);
    }

    Result<void> open()
    {
        std::optional<Result<void>> opened;
        session->open(PoolSession::KeyUse::Verify, [&](Result<void> r) { opened = r; });
        if (!QTest::qWaitFor([&] { return opened.has_value(); }, 20000))
            return makeError(ErrorKind::Store, QStringLiteral("the pool did not open"));
        return *opened;
    }
};

EncryptionKey newKey()
{
    auto key = EncryptionKey::generate();
    Q_ASSERT(key);
    return *key;
}

} // namespace

class TestEngineHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void assemblesTheEngineOnThePool();
    void runsTheRoundsUntilStopped();
    void anOutOfDateKeyStopsTheRoundsAndRaisesTheAlertOnce();
    void withoutAnAlertMessageNoAlertIsRaised();
    void refuses_data();
    void refuses();

private:
    // The host on pool's session with the injected clock; null (and a warning) if refused.
    std::unique_ptr<EngineHost> makeHost(OpenPool &pool, EngineHost::Settings settings);
    // Another process rotates the pool's key from one key to another.
    bool rotateKey(const EncryptionKey &from, const EncryptionKey &to);

    QTemporaryDir m_dir;
    QString m_path;
    EncryptionKey m_key = newKey();
    ManualClock m_clock{kStart};
    fakedo::FakeDoServer m_fakeDo;
};

void TestEngineHost::init()
{
    QVERIFY(m_dir.isValid());
    static int n = 0;
    m_path = m_dir.filePath(QStringLiteral("pool-%1.sqlite").arg(++n));
    m_key = newKey();
    if (m_fakeDo.baseUrl().isEmpty())
        QVERIFY(m_fakeDo.listen(QHostAddress::LocalHost, 0));
}

std::unique_ptr<EngineHost> TestEngineHost::makeHost(OpenPool &pool, EngineHost::Settings settings)
{
    EngineHost::Dependencies deps;
    deps.clock = &m_clock;
    auto created = EngineHost::create(*pool.session, std::move(settings), deps, nullptr);
    if (!created) {
        qWarning("%s", qPrintable(created.error().message));
        return nullptr;
    }
    return std::unique_ptr<EngineHost>(*created);
}

bool TestEngineHost::rotateKey(const EncryptionKey &from, const EncryptionKey &to)
{
    OpenPool other(m_path, from, m_clock);
    return other.open() &&
           rotatePoolKey(other.session->store(), other.session->cipher(), TokenCipher(to)).ok();
}

void TestEngineHost::assemblesTheEngineOnThePool()
{
    OpenPool pool(m_path, m_key, m_clock);
    QVERIFY(pool.open());
    EngineHost::Settings settings;
    settings.apiBase = m_fakeDo.baseUrl();
    settings.engine.settings.defaultRegion = QStringLiteral("nyc3");
    settings.engine.apiTimeoutMs = 4321;
    settings.syncIntervalSecs = 120;
    settings.healthIntervalSecs = 30;
    EngineHost::Dependencies deps;
    deps.clock = &m_clock;
    QObject parent;
    const auto host = EngineHost::create(*pool.session, settings, deps, &parent);
    DOPOOL_VERIFY_OK(host);
    engine::EngineContext &context = (*host)->context();
    AccountStore &store = pool.session->store();
    QCOMPARE(context.accounts, static_cast<AccountRecords *>(&store));
    QCOMPARE(context.capacity, static_cast<CapacityLedger *>(&store));
    QCOMPARE(context.tasks, static_cast<TaskLog *>(&store));
    QCOMPARE(context.alerts, static_cast<AlertLog *>(&store));
    QCOMPARE(context.cipher, &pool.session->cipher());
    QCOMPARE(context.clock, &m_clock); // the injected clock, not the system's
    QCOMPARE(context.api, &(*host)->api());
    QCOMPARE(context.settings.defaultRegion, QStringLiteral("nyc3"));
    QCOMPARE((*host)->api().options().timeoutMs, 4321);
    QVERIFY((*host)->scheduler());
    QVERIFY(!(*host)->scheduler()->isRunning()); // until startRounds()
    QVERIFY(!(*host)->sharedPool().isShared());  // SQLite: this instance runs every round
    QVERIFY(!(*host)->isKeyOutOfDate());
    QCOMPARE((*host)->parent(), &parent);
}

void TestEngineHost::runsTheRoundsUntilStopped()
{
    OpenPool pool(m_path, m_key, m_clock);
    QVERIFY(pool.open());
    EngineHost::Settings settings;
    settings.apiBase = m_fakeDo.baseUrl();
    const auto owned = makeHost(pool, settings);
    QVERIFY(owned);
    QSignalSpy finished(owned->scheduler(), &engine::Scheduler::roundFinished);
    owned->startRounds();
    QVERIFY(owned->scheduler()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000); // the first round, at once
    QCOMPARE(finished.at(0).at(0).value<engine::Scheduler::Round>(),
             engine::Scheduler::Round::Sync);
    owned->stop();
    QVERIFY(!owned->scheduler()->isRunning());

    settings.schedule = false; // the desktop's tests: no rounds at all
    OpenPool quiet(m_dir.filePath(QStringLiteral("quiet.sqlite")), newKey(), m_clock);
    QVERIFY(quiet.open());
    const auto noRounds = makeHost(quiet, settings);
    QVERIFY(noRounds);
    QCOMPARE(noRounds->scheduler(), nullptr);
    noRounds->startRounds(); // nothing to start, nothing to crash
    noRounds->stop();
}

void TestEngineHost::anOutOfDateKeyStopsTheRoundsAndRaisesTheAlertOnce()
{
    WebhookReceiver receiver;
    QVERIFY(receiver.listen(QHostAddress::LocalHost, 0));
    OpenPool pool(m_path, m_key, m_clock);
    QVERIFY(pool.open());
    EngineHost::Settings settings;
    settings.apiBase = m_fakeDo.baseUrl();
    settings.webhook = QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(receiver.serverPort()));
    settings.syncIntervalSecs = 3600;
    settings.healthIntervalSecs = 3600;
    settings.keyCheckIntervalMs = 3600 * 1000; // checked by hand below
    settings.keyAlertMessage = [](const QString &problem) -> QString {
        return QStringLiteral("test instance stopped: ") + problem;
    };
    const auto host = makeHost(pool, settings);
    QVERIFY(host);
    QSignalSpy problems(host.get(), &EngineHost::keyProblemChanged);
    host->startRounds();

    // Another process rotates the pool's key; this instance's ENCRYPTION_KEY is the old one.
    const EncryptionKey rotated = newKey();
    {
        OpenPool other(m_path, m_key, m_clock);
        QVERIFY(other.open());
        QVERIFY(
            rotatePoolKey(other.session->store(), other.session->cipher(), TokenCipher(rotated)));
    }
    m_clock.advance(60000);
    host->keyWatch().check();
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 1, 10000);
    const QString problem = problems.at(0).at(0).toString();
    QVERIFY(problem.contains(rotated.fingerprint()));
    QVERIFY(host->isKeyOutOfDate());
    QVERIFY(!host->scheduler()->isRunning());
    auto open = pool.session->store().listAlerts(false, 50);
    QVERIFY(open);
    QCOMPARE(open->size(), 1);
    QCOMPARE(open->at(0).kind, AlertKind::PoolKeyOutOfDate);
    QCOMPARE(open->at(0).message, QStringLiteral("test instance stopped: ") + problem);
    QCOMPARE(open->at(0).raisedAt, m_clock.now());
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies.size(), 1, 10000);
    QCOMPARE(receiver.bodies.at(0).value(QStringLiteral("event")).toString(),
             QStringLiteral("alert.raised"));

    // Still out of date: no second alert, no second POST. Checked below, once the rotation
    // back has been announced: a duplicate this check caused would have come before that.
    host->keyWatch().check();
    open = pool.session->store().listAlerts(false, 50);
    QVERIFY(open);
    QCOMPARE(open->size(), 1);

    // The key is rotated back to the one this instance has: rounds and leadership resume.
    {
        OpenPool other(m_path, rotated, m_clock);
        QVERIFY(other.open());
        QVERIFY(rotatePoolKey(other.session->store(), other.session->cipher(), TokenCipher(m_key)));
    }
    host->keyWatch().check();
    QTRY_VERIFY_WITH_TIMEOUT(problems.last().at(0).toString().isEmpty(), 10000);
    QCOMPARE(problems.size(), 2); // the problem once, then its end: nothing in between
    QVERIFY(!host->isKeyOutOfDate());
    QVERIFY(host->scheduler()->isRunning());
    open = pool.session->store().listAlerts(false, 50);
    QVERIFY(open);
    QVERIFY(open->isEmpty());
    const auto event = [&](qsizetype i) {
        return receiver.bodies.at(i).value(QStringLiteral("event")).toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(event(receiver.bodies.size() - 1) == QLatin1String("alert.resolved"),
                             10000);
    // The resolution is the decisive later event: a second alert or POST the repeated check
    // caused would have been made before it. One alert in the history, raised and resolved;
    // one alert.raised POST.
    QCOMPARE(receiver.bodies.size(), 2);
    QCOMPARE(event(0), QStringLiteral("alert.raised"));
    const auto history = pool.session->store().listAlerts(true, 50);
    QVERIFY(history);
    QCOMPARE(std::count_if(history->cbegin(), history->cend(),
                           [](const Alert &a) { return a.kind == AlertKind::PoolKeyOutOfDate; }),
             1);
}

void TestEngineHost::withoutAnAlertMessageNoAlertIsRaised()
{
    // The desktop: a banner (keyProblemChanged), no alert of its own.
    OpenPool pool(m_path, m_key, m_clock);
    QVERIFY(pool.open());
    EngineHost::Settings settings;
    settings.apiBase = m_fakeDo.baseUrl();
    settings.keyCheckIntervalMs = 3600 * 1000;
    const auto host = makeHost(pool, settings);
    QVERIFY(host);
    QSignalSpy problems(host.get(), &EngineHost::keyProblemChanged);
    {
        OpenPool other(m_path, m_key, m_clock);
        QVERIFY(other.open());
        QVERIFY(
            rotatePoolKey(other.session->store(), other.session->cipher(), TokenCipher(newKey())));
    }
    host->keyWatch().check();
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 1, 10000);
    QVERIFY(!problems.at(0).at(0).toString().isEmpty());
    const auto alerts = pool.session->store().listAlerts(true, 50);
    QVERIFY(alerts);
    QVERIFY(alerts->isEmpty());
}

void TestEngineHost::refuses_data()
{
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QString>("leaseSecs");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("plain http to a remote API")
        << QStringLiteral("http://api.example.com") << QString() << QStringLiteral("http");
    QTest::newRow("a leader lease of one second")
        << QString() << QStringLiteral("1") << QStringLiteral("DOPOOL_LEADER_LEASE_SECS");
}

void TestEngineHost::refuses()
{
    QFETCH(QString, apiBase);
    QFETCH(QString, leaseSecs);
    QFETCH(QString, mentions);
    OpenPool pool(m_path, m_key, m_clock,
                  leaseSecs.isEmpty()
                      ? QStringList()
                      : QStringList{QStringLiteral("DOPOOL_LEADER_LEASE_SECS=") + leaseSecs});
    QVERIFY(pool.open());
    EngineHost::Settings settings;
    settings.apiBase = apiBase.isEmpty() ? m_fakeDo.baseUrl() : QUrl(apiBase);
    EngineHost::Dependencies deps;
    deps.clock = &m_clock;
    QObject parent;
    const auto host = EngineHost::create(*pool.session, settings, deps, &parent);
    QVERIFY(!host);
    QCOMPARE(host.error().kind, ErrorKind::Validation);
    QVERIFY2(host.error().message.contains(mentions), qPrintable(host.error().message));
    QVERIFY(parent.children().isEmpty()); // nothing half-built is left behind
}

QTEST_GUILESS_MAIN(TestEngineHost)
#include "tst_enginehost.moc"
