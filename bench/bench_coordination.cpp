// Coordination benchmark: 1,000 accounts in the fake DO API (a dopool-fake-do process, 20 ms
// latency), 5 independent instances on one PostgreSQL pool (each on its own thread with its
// own store, DO client, scheduler and coord::SharedPool: three connections each), sync every
// 5 s for 5 intervals, and an admin writing an account edit every 100 ms meanwhile.
// Prints sync-all rounds started per interval across all instances, the database's run counter
// (scheduler_rounds.runs) and the change-notification latency (edit committed -> every
// instance's change feed, paired by the edit's audit row id) p50/p99. `--check` (exact
// targets, bench/BenchCheck.h): every round started was claimed once in the database, one per
// interval (never two, never none), and no notification is missing; `--figures FILE` appends
// the figures there. The run ends on decisive events: rounds stopped, every round started
// finished, and every instance saw a last sentinel edit (or a two-minute timeout, a miss).
// Needs PostgreSQL: run it inside scripts/test-env.sh (DOPOOL_TEST_PG_URL), or pass
// --db postgresql://user@host:port/admin-db (a database is created and dropped there).
#include "BenchCheck.h"
#include "BenchSupport.h"
#include "coord/SharedPool.h"
#include "engine/Scheduler.h"
#include "engine/SyncService.h"
#include "store/StoreFactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <cstdio>
#include <limits>
#include <numeric>

using namespace dopool;

namespace {

constexpr int kAccounts = 1000;
constexpr int kInstances = 5;
constexpr int kIntervalSecs = 5;
constexpr int kIntervals = 5;
constexpr int kWriteEveryMs = 100;
constexpr qint64 kDrainTimeoutMs = 120000;
const QString kKeyHex =
    QStringLiteral("c0c1c2c3c4c5c6c7c8c9cacbcccdcecfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf");

QString token(int n)
{
    return QStringLiteral("dop_v1_coord%1").arg(n, 57, 10, QLatin1Char('0'));
}

QElapsedTimer g_clock; // shared monotonic clock, read from every thread

struct Shared
{
    QMutex mutex;
    QList<qint64> syncStarts;                    // ms, all instances
    QList<std::pair<qint64, qint64>> syncRounds; // finished sync rounds: start, finish (ms)
    QList<QHash<qint64, qint64>> auditSeen;      // per instance: audit row id -> ms first seen
    QList<int> roundsRun;                        // per instance: sync rounds it ran
    int leaders = 0;
};

// One instance, living on its own thread: everything is created there (QtSql connections
// belong to their thread).
class Instance : public QObject
{
public:
    Instance(int index, StoreOptions options, QUrl api, const TokenCipher *cipher, Shared *shared)
        : m_index(index)
        , m_options(std::move(options))
        , m_api(std::move(api))
        , m_cipher(cipher)
        , m_shared(shared)
    {}

    void start()
    {
        OpenResult opened = openStore(m_options);
        if (!opened.store)
            qFatal("instance %d: %s", m_index, qPrintable(opened.failure.error.message));
        m_store = std::move(opened.store);
        Actor self;
        self.osUser = QStringLiteral("bench");
        self.host = QStringLiteral("instance%1").arg(m_index);
        self.pid = QCoreApplication::applicationPid();
        self.instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_store->setActor(self);
        m_client = new api::DoApiClient(m_api, {}, {}, this);
        m_context = engine::EngineContext{.api = m_client,
                                          .cipher = m_cipher,
                                          .clock = &m_clock,
                                          .settings = {},
                                          .instanceId = {}};
        m_context.useStore(*m_store);
        m_sync = new engine::SyncService(m_context, this);
        m_scheduler = new engine::Scheduler(m_context, m_sync, nullptr, this);
        auto pool = coord::SharedPool::open(m_options, self, {}, this);
        if (!pool)
            qFatal("instance %d: %s", m_index, qPrintable(pool.error().message));
        m_pool = *pool;
        m_pool->gate(*m_scheduler);
        connect(m_scheduler, &engine::Scheduler::roundStarted, this,
                [this](engine::Scheduler::Round round) {
                    if (round != engine::Scheduler::Round::Sync)
                        return;
                    QMutexLocker lock(&m_shared->mutex);
                    m_roundStart = g_clock.elapsed();
                    m_shared->syncStarts << m_roundStart;
                    ++m_shared->roundsRun[m_index];
                });
        connect(m_scheduler, &engine::Scheduler::roundFinished, this,
                [this](engine::Scheduler::Round round, int, int) {
                    if (round != engine::Scheduler::Round::Sync)
                        return;
                    QMutexLocker lock(&m_shared->mutex);
                    m_shared->syncRounds << std::pair{m_roundStart, g_clock.elapsed()};
                });
        connect(m_pool, &coord::SharedPool::changed, this, [this](const coord::Change &c) {
            if (c.table != QLatin1String("audit_log"))
                return;
            const qint64 at = g_clock.elapsed();
            QMutexLocker lock(&m_shared->mutex);
            m_shared->auditSeen[m_index].insert(c.id.toLongLong(), at);
        });
        m_scheduler->setIntervals(kIntervalSecs, 3600);
        m_scheduler->start();
    }

    void stopRounds() { m_scheduler->stop(); } // a round in progress still finishes

    void stop()
    {
        m_scheduler->stop();
        m_pool->stop();
        delete m_pool;
        delete m_scheduler;
        delete m_sync;
        delete m_client;
        m_store.reset();
    }

private:
    int m_index;
    StoreOptions m_options;
    QUrl m_api;
    const TokenCipher *m_cipher;
    Shared *m_shared;
    SystemClock m_clock;
    std::unique_ptr<AccountStore> m_store;
    api::DoApiClient *m_client = nullptr;
    engine::EngineContext m_context;
    engine::SyncService *m_sync = nullptr;
    engine::Scheduler *m_scheduler = nullptr;
    coord::SharedPool *m_pool = nullptr;
    qint64 m_roundStart = 0;
};

// Runs sql on url; the first column of the first row (an invalid QVariant when the statement
// failed or returned no row).
QVariant queryValue(const DatabaseUrl &url, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setUserName(url.user);
        db.setDatabaseName(url.database);
        if (db.open()) {
            QSqlQuery query(db);
            if (!query.exec(sql))
                fprintf(stderr, "%s: %s\n", qPrintable(sql), qPrintable(query.lastError().text()));
            else if (query.next())
                value = query.value(0);
            else
                value = QVariant(true); // a statement without rows that succeeded
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    return value;
}

bool adminExec(const DatabaseUrl &url, const QString &sql)
{
    return queryValue(url, sql).isValid();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bench::BenchCheck check(argc, argv);
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("dopool.*.info=false"));
    const DatabaseUrl admin = bench::adminUrl(app.arguments());
    const QString dbName =
        QStringLiteral("dopool_bench_") + QUuid::createUuid().toString(QUuid::Id128);
    if (!adminExec(admin, QStringLiteral("CREATE DATABASE \"%1\"").arg(dbName)))
        qFatal("cannot create the benchmark database");
    DatabaseUrl url = admin;
    url.database = dbName;

    QTemporaryDir dir;
    SystemClock clock;
    const TokenCipher cipher(*EncryptionKey::fromHex(kKeyHex));
    QJsonArray seed;
    for (int n = 0; n < kAccounts; ++n)
        seed.append(
            QJsonObject{{QStringLiteral("token"), token(n)},
                        {QStringLiteral("email"), QStringLiteral("c%1@webrana.example").arg(n)},
                        {QStringLiteral("dropletLimit"), 25},
                        {QStringLiteral("droplets"), n % 20}});
    const QString accountsFile = dir.filePath(QStringLiteral("accounts.json"));
    {
        QFile f(accountsFile);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(accountsFile));
        f.write(QJsonDocument(seed).toJson());
    }
    QProcess fakeDo;
    fakeDo.start(QStringLiteral(DOPOOL_FAKE_DO_PATH),
                 {QStringLiteral("--accounts"), accountsFile, QStringLiteral("--latency-ms"),
                  QStringLiteral("20")});
    if (!fakeDo.waitForReadyRead(10000))
        qFatal("dopool-fake-do did not start");
    const auto match = QRegularExpression(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+)"))
                           .match(QString::fromUtf8(fakeDo.readLine()));
    if (!match.hasMatch())
        qFatal("unexpected dopool-fake-do output");
    const QUrl api(match.captured(1));

    StoreOptions options;
    options.url = url;
    options.clock = &clock;
    Account probe;
    {
        OpenResult opened = openStore(options);
        if (!opened.store)
            qFatal("store: %s", qPrintable(opened.failure.error.message));
        AccountStore &store = *opened.store;
        (void)store.setMetaIfAbsent(AccountStore::keyFingerprintMeta(), cipher.key().fingerprint());
        QElapsedTimer seeding;
        seeding.start();
        for (int n = 0; n < kAccounts; ++n) {
            Account a;
            a.name = QStringLiteral("Coord %1").arg(n, 4, 10, QLatin1Char('0'));
            a.email = QStringLiteral("c%1@webrana.example").arg(n);
            a.encryptedToken = *cipher.encrypt(token(n));
            a.isPrimary = n == 0;
            auto inserted = store.insertAccount(a);
            if (!inserted)
                qFatal("insert: %s", qPrintable(inserted.error().message));
            if (n == kAccounts - 1)
                probe = *inserted;
        }
        printf("seeded %d accounts in %.1f s\n", kAccounts, seeding.elapsed() / 1000.0);
    }

    g_clock.start();
    const qint64 startedAt = g_clock.elapsed();
    Shared shared;
    shared.auditSeen.resize(kInstances);
    shared.roundsRun.fill(0, kInstances);
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<Instance *> instances;
    for (int i = 0; i < kInstances; ++i) {
        auto thread = std::make_unique<QThread>();
        auto *instance = new Instance(i, options, api, &cipher, &shared);
        instance->moveToThread(thread.get());
        thread->start();
        QMetaObject::invokeMethod(
            instance, [instance] { instance->start(); }, Qt::BlockingQueuedConnection);
        instances.push_back(instance);
        threads.push_back(std::move(thread));
    }

    // The admin: one edit of the probe account every 100 ms, from this thread's own store.
    OpenResult writerStore = openStore(options);
    if (!writerStore.store)
        qFatal("writer: %s", qPrintable(writerStore.failure.error.message));
    Actor editor;
    editor.osUser = QStringLiteral("admin");
    editor.host = QStringLiteral("bench");
    editor.instanceId = QStringLiteral("writer");
    writerStore.store->setActor(editor);
    QHash<qint64, qint64> writes; // the edit's audit row id -> ms before the edit started
    QTimer writer;
    writer.setInterval(kWriteEveryMs);
    int flip = 0;
    // One edit of the probe account; the id of the audit row it wrote in its own transaction
    // (the id its notification carries), 0 when it failed.
    const auto edit = [&]() -> qint64 {
        auto current = writerStore.store->findAccount(probe.id);
        if (!current)
            return 0;
        Account edited = *current;
        edited.isActive = (++flip % 2) == 0;
        const qint64 before = g_clock.elapsed();
        if (!writerStore.store->updateAccount(edited, current->version))
            return 0;
        AuditFilter filter;
        filter.accountId = probe.id;
        const auto audit = writerStore.store->listAudit(filter, 1);
        if (!audit || audit->isEmpty())
            return 0;
        writes.insert(audit->first().id, before);
        return audit->first().id;
    };
    QObject::connect(&writer, &QTimer::timeout, &app, [&] { (void)edit(); });
    writer.start();
    qint64 stoppedAt = 0;
    bool drained = false;
    QTimer drain;
    drain.setInterval(50);
    QTimer::singleShot(kIntervalSecs * kIntervals * 1000 + 500, &app, [&] {
        {
            QMutexLocker lock(&shared.mutex);
            stoppedAt = g_clock.elapsed();
        }
        writer.stop();
        // The end is decisive events, not a pause: no new rounds (a round in progress
        // finishes), then one last edit as a sentinel. Done when every round started has
        // finished and every instance has seen the sentinel - notifications arrive in commit
        // order, so every edit before it has arrived too - or after kDrainTimeoutMs (a miss).
        for (Instance *instance : instances)
            QMetaObject::invokeMethod(
                instance, [instance] { instance->stopRounds(); }, Qt::QueuedConnection);
        const qint64 sentinel = edit();
        QObject::connect(&drain, &QTimer::timeout, &app, [&, sentinel] {
            QMutexLocker lock(&shared.mutex);
            const qint64 started =
                std::accumulate(shared.roundsRun.cbegin(), shared.roundsRun.cend(), 0);
            const bool seen =
                sentinel != 0 && std::all_of(shared.auditSeen.cbegin(), shared.auditSeen.cend(),
                                             [sentinel](const auto &instance) {
                                                 return instance.contains(sentinel);
                                             });
            drained = seen && shared.syncRounds.size() == started;
            if (drained || g_clock.elapsed() - stoppedAt > kDrainTimeoutMs)
                QCoreApplication::quit();
        });
        drain.start();
    });
    QCoreApplication::exec();

    for (int i = 0; i < kInstances; ++i) {
        Instance *instance = instances.at(i);
        QMetaObject::invokeMethod(
            instance, [instance] { instance->stop(); }, Qt::BlockingQueuedConnection);
        threads.at(i)->quit();
        threads.at(i)->wait();
        delete instance;
    }
    writerStore.store.reset();
    fakeDo.kill();
    fakeDo.waitForFinished();

    QMutexLocker lock(&shared.mutex);
    std::sort(shared.syncStarts.begin(), shared.syncStarts.end());
    check.figure(QStringLiteral("bench_coordination: %1 instances, %2 accounts, sync every %3 s, "
                                "%4 intervals")
                     .arg(kInstances)
                     .arg(kAccounts)
                     .arg(kIntervalSecs)
                     .arg(kIntervals));
    QStringList perInterval;
    if (!shared.syncStarts.isEmpty()) {
        const qint64 t0 = shared.syncStarts.first();
        for (int k = 0; k < kIntervals; ++k) {
            // Interval k is centred on the k-th due time: a round may start a little early
            // (the claim accepts 250 ms) or late (a busy thread), never half an interval off.
            const qint64 from = t0 + qint64(k) * kIntervalSecs * 1000 - kIntervalSecs * 500;
            const qint64 to = from + kIntervalSecs * 1000;
            const int n = int(std::count_if(shared.syncStarts.begin(), shared.syncStarts.end(),
                                            [from, to](qint64 t) { return t >= from && t < to; }));
            perInterval << QString::number(n);
        }
    }
    check.figure(QStringLiteral("  sync-all rounds started per interval (all instances): %1")
                     .arg(perInterval.join(QLatin1Char(' '))));
    // Exact, from the database: every round an instance started was claimed once in
    // scheduler_rounds (its runs counter). Never two rounds at once nor two in one interval:
    // no round starts before the one before it finished, nor within half an interval of it.
    // Never an interval without one: while no round runs - before the first, between one's end
    // and the next's start, after the last - no more than an interval and a half passes (the
    // scheduler's 1 s tick and the claim's 1 s retry move a round by a second or two). A round
    // slower than the interval (a loaded machine) delays the next; that is not a missed one.
    const QVariant runs =
        queryValue(url, QStringLiteral("SELECT runs FROM scheduler_rounds WHERE round = 'sync'"));
    const qint64 started = std::accumulate(shared.roundsRun.cbegin(), shared.roundsRun.cend(), 0);
    std::sort(shared.syncRounds.begin(), shared.syncRounds.end());
    const qint64 intervalMs = kIntervalSecs * 1000;
    QStringList wrong;
    qint64 idleSince = startedAt; // no round running since then
    qint64 longestIdle = 0;
    qint64 longestRound = 0;
    qint64 previousStart = -1;
    for (qint64 start : std::as_const(shared.syncStarts)) {
        if (start > stoppedAt)
            break;
        if (previousStart >= 0 && start - previousStart < intervalMs / 2)
            wrong << QStringLiteral("two rounds %1 ms apart").arg(start - previousStart);
        if (idleSince < 0)
            wrong << QStringLiteral("a round started at %1 ms while another ran").arg(start);
        else
            longestIdle = std::max(longestIdle, start - idleSince);
        previousStart = start;
        idleSince = -1;
        for (const auto &[from, to] : std::as_const(shared.syncRounds)) {
            if (from == start) {
                idleSince = to;
                longestRound = std::max(longestRound, to - from);
            }
        }
    }
    if (idleSince >= 0)
        longestIdle = std::max(longestIdle, stoppedAt - idleSince);
    if (longestIdle > intervalMs * 3 / 2)
        wrong << QStringLiteral("no round for %1 ms").arg(longestIdle);
    check.figure(QStringLiteral("  database run counter: %1 sync rounds claimed; instances "
                                "started %2; longest round %3 ms, longest wait without a round "
                                "%4 ms")
                     .arg(runs.isValid() ? runs.toString() : QStringLiteral("(unreadable)"))
                     .arg(started)
                     .arg(longestRound)
                     .arg(longestIdle));
    check.exact(drained, QStringLiteral("every round finished and every instance saw the last "
                                        "edit within %1 s of the end")
                             .arg(kDrainTimeoutMs / 1000));
    check.exact(runs.isValid() && runs.toLongLong() == started && started >= 1,
                QStringLiteral("every sync round started was claimed once in the database "
                               "(runs %1, started %2)")
                    .arg(runs.isValid() ? runs.toString() : QStringLiteral("?"))
                    .arg(started));
    check.exact(wrong.isEmpty(),
                QStringLiteral("exactly one sync round per %1 s interval across %2 instances "
                               "(%3)")
                    .arg(kIntervalSecs)
                    .arg(kInstances)
                    .arg(wrong.isEmpty() ? QStringLiteral("never two, never none")
                                         : wrong.join(QStringLiteral("; "))));
    QList<qint64> latencies;
    int missing = 0;
    QStringList perListener;
    for (int i = 0; i < kInstances; ++i) {
        const QHash<qint64, qint64> &seen = shared.auditSeen.at(i);
        QList<qint64> own;
        for (auto w = writes.cbegin(); w != writes.cend(); ++w) {
            const auto at = seen.constFind(w.key());
            if (at == seen.cend())
                ++missing;
            else
                own << *at - w.value();
        }
        latencies << own;
        perListener << QStringLiteral("#%1%2 p99 %3 ms")
                           .arg(i)
                           .arg(shared.roundsRun.at(i) > 0
                                    ? QStringLiteral(" (ran %1 rounds)").arg(shared.roundsRun.at(i))
                                    : QString())
                           .arg(bench::percentile(own, 0.99));
    }
    check.figure(QStringLiteral("  notification latency over %1 edits x %2 listeners: p50 %3 ms, "
                                "p99 %4 ms, max %5 ms")
                     .arg(writes.size())
                     .arg(kInstances)
                     .arg(bench::percentile(latencies, 0.50), 0, 'f', 0)
                     .arg(bench::percentile(latencies, 0.99), 0, 'f', 0)
                     .arg(bench::percentile(latencies, 1.0), 0, 'f', 0));
    check.figure(QStringLiteral("  per listener: ") + perListener.join(QStringLiteral("; ")));
    check.exact(!writes.isEmpty() && missing == 0,
                QStringLiteral("every edit announced to every instance (%1 of %2 missing)")
                    .arg(missing)
                    .arg(writes.size() * kInstances));
    adminExec(admin, QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(dbName));
    return check.exitCode();
}
