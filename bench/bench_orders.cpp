// Order-intake benchmark (issue #20): the order-service's INSERT into provisioning_tasks, three
// real `dopool-cli serve` processes claiming the queue, and the fake DO API at 50 ms latency
// (in this process, on a thread of its own, so the benchmark's own database work never holds
// an answer back). 20 accounts of 25 droplets, 10 used each.
//   1. Commit -> POST: orders queued one at a time on an idle pool; the time from the INSERT's
//      commit (this process, after the statement returned) to the create reaching the fake
//      DO (the fake's own arrival time, same clock), p50 and p99.
//   2. A batch of 200 orders committed back to back: the time from the first commit to the
//      last row CREATED (the database's clock), orders a second; droplets at DO (must be 200),
//      duplicates (orders with more than one droplet: 0), over-limit creates (DO's 422 for the
//      droplet limit, and accounts over their limit at the end: 0).
//   3. Database statements per order during the batch: every statement the serve processes'
//      sessions sent (log_statement = all on the benchmark's database; the server log
//      scripts/test-env.sh writes, this process's own sessions left out), and the
//      transactions (pg_stat_database xact_commit + xact_rollback, the benchmark's own
//      INSERTs subtracted).
// Targets: exact (fail CI): 200 droplets, 0 duplicates, 0 over-limit creates; timing (warn
// only): commit -> POST p50 <= one DO round trip + 50 ms, >= 20 orders/s over the batch.
// Needs PostgreSQL: run it inside scripts/test-env.sh (DOPOOL_TEST_PG_URL), or pass
// --db postgresql://user@host:port/admin-db (then the statement count is left out).
#include "BenchCheck.h"
#include "BenchSupport.h"
#include "fakedo/FakeDoServer.h"
#include "store/StoreFactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>

using namespace dopool;
using namespace dopool::fakedo;

namespace {

constexpr int kLatencyMs = 50;
constexpr int kAccounts = 20;
constexpr int kLimit = 25;
constexpr int kUsed = 10;
constexpr int kInstances = 3;
constexpr int kPacedOrders = 20;
constexpr int kBatch = 200;
constexpr double kOrdersPerSecTarget = 20.0;

// The serve processes, so that a qFatal (a step that cannot go on) takes them along instead of
// leaving them running against a database that is about to go; their logs go to files.
std::vector<qint64> g_servePids;
QStringList g_serveLogs;
QtMessageHandler g_defaultHandler = nullptr;

void stopServesOnFatal(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtFatalMsg) {
        for (const qint64 pid : g_servePids)
            ::kill(pid_t(pid), SIGKILL);
        for (const QString &path : std::as_const(g_serveLogs)) {
            QFile log(path);
            if (log.open(QIODevice::ReadOnly))
                std::fprintf(stderr, "--- %s (last 3000 bytes)\n%s\n", qPrintable(path),
                             log.readAll().right(3000).constData());
        }
    }
    g_defaultHandler(type, context, message);
}

QSqlDatabase connect(const DatabaseUrl &url, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setUserName(url.user);
    db.setDatabaseName(url.database);
    if (!db.open())
        qFatal("cannot connect to %s: %s", qPrintable(url.database),
               qPrintable(db.lastError().text()));
    return db;
}

void execPlain(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
}

QVariant scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (!query.exec())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.next() ? query.value(0) : QVariant();
}

// The fake DO API on a thread of its own; every call hops there and waits.
class FakeDoThread
{
public:
    FakeDoThread()
    {
        m_thread.start();
        call([this] {
            m_server = new FakeDoServer;
            m_server->setLatencyMs(kLatencyMs);
            if (!m_server->listen())
                qFatal("fake DO: cannot listen");
            m_url = m_server->baseUrl();
        });
    }
    ~FakeDoThread()
    {
        call([this] { delete m_server; });
        m_thread.quit();
        m_thread.wait();
    }
    void call(const std::function<void()> &work)
    {
        QObject context;
        context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(&context, work, Qt::BlockingQueuedConnection);
    }
    FakeDoServer &server() { return *m_server; } // only inside call()
    QUrl url() const { return m_url; }

private:
    QThread m_thread;
    FakeDoServer *m_server = nullptr;
    QUrl m_url;
};

struct Created
{
    QHash<QString, QList<qint64>> arrivalsByOrder; // order id -> create arrival ms (epoch)
    int overLimit = 0;
    int accountsOverLimit = 0;
};

Created createdAtDo(FakeDoThread &fake)
{
    Created created;
    fake.call([&] {
        const QString prefix = QStringLiteral("dopool-order-");
        for (int n = 0; n < kAccounts; ++n) {
            const QString token = bench::token(n);
            for (const FakeDroplet &d : fake.server().createdDroplets(token)) {
                for (const QString &tag : d.tags) {
                    if (tag.startsWith(prefix))
                        created.arrivalsByOrder[tag.mid(prefix.size())]
                            << d.createdAt.toMSecsSinceEpoch();
                }
            }
            if (fake.server().dropletCount(token) > kLimit)
                ++created.accountsOverLimit;
        }
        created.overLimit = fake.server().overLimitAttempts();
    });
    return created;
}

class Queue
{
public:
    explicit Queue(const QSqlDatabase &db)
        : m_insert(db)
    {
        // What Prisma's provisioningTask.create() sends: id and updated_at from the client.
        m_insert.prepare(QStringLiteral("INSERT INTO provisioning_tasks (id, order_id, status, "
                                        "updated_at) VALUES ($1::uuid, $2, 'PENDING', now())"));
    }
    // Queues one order; returns its id and records when its commit returned.
    QString add()
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString order = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_insert.addBindValue(id);
        m_insert.addBindValue(order);
        if (!m_insert.exec())
            qFatal("queue: %s", qPrintable(m_insert.lastError().text()));
        committedAt.insert(order, QDateTime::currentMSecsSinceEpoch());
        return order;
    }
    QHash<QString, qint64> committedAt; // order id -> ms (epoch)

private:
    QSqlQuery m_insert;
};

// Waits (polling the database every 20 ms) until `orders` are all CREATED or FAILED.
bool waitFinal(const QSqlDatabase &db, const QStringList &orders, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    const QString list = u'{' + orders.join(u',') + u'}';
    while (timer.elapsed() < timeoutMs) {
        if (scalar(db,
                   QStringLiteral("SELECT count(*) FROM provisioning_tasks WHERE order_id = "
                                  "ANY($1::text[]) AND status IN ('CREATED', 'FAILED')"),
                   {list})
                .toInt() == orders.size())
            return true;
        QThread::msleep(20);
    }
    return false;
}

// What the server log shows of the serve sessions (not `ownPids`) from byte `from` up to the
// line naming `endMarker`. QtSql's PostgreSQL driver sends every prepared statement as three
// simple queries (PREPARE, EXECUTE, DEALLOCATE): `roundTrips` counts every one, `statements`
// the ones that do work (EXECUTE or a plain statement; not PREPARE, DEALLOCATE, BEGIN,
// COMMIT, ROLLBACK), `onTasks` those of them that name provisioning_tasks (an EXECUTE by the
// statement it runs, which the next DETAIL line shows).
struct StatementCount
{
    int roundTrips = 0;
    int statements = 0;
    int transactions = 0; // COMMITs and ROLLBACKs
    int onTasks = 0;
};
StatementCount countStatements(const QString &logPath, qint64 from, const QSet<QString> &ownPids,
                               const QString &endMarker)
{
    StatementCount count;
    QFile log(logPath);
    if (!log.open(QIODevice::ReadOnly) || !log.seek(from))
        return count;
    static const QRegularExpression entry(
        QStringLiteral("^\\S+ \\S+ \\S+ \\[(\\d+)\\] (LOG|DETAIL):  (.*)$"));
    static const QRegularExpression bookkeeping(
        QStringLiteral("^(PREPARE|DEALLOCATE|BEGIN|COMMIT|ROLLBACK)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    bool executeSeen = false; // the last counted statement was an EXECUTE of the serve sessions
    const QString table = QStringLiteral("provisioning_tasks");
    while (!log.atEnd()) {
        const QString text = QString::fromUtf8(log.readLine()).trimmed();
        if (text.contains(endMarker))
            break;
        const QRegularExpressionMatch m = entry.match(text);
        if (!m.hasMatch() || ownPids.contains(m.captured(1)))
            continue;
        const QString message = m.captured(3);
        if (m.captured(2) == u"DETAIL") {
            if (executeSeen && message.startsWith(u"prepare: ") && message.contains(table))
                ++count.onTasks;
            executeSeen = false;
            continue;
        }
        QString sql;
        if (message.startsWith(u"statement: "))
            sql = message.mid(11);
        else if (message.startsWith(u"execute "))
            sql = message.section(QStringLiteral(": "), 1);
        else
            continue;
        ++count.roundTrips;
        executeSeen = false;
        if (sql.startsWith(u"COMMIT", Qt::CaseInsensitive) ||
            sql.startsWith(u"ROLLBACK", Qt::CaseInsensitive))
            ++count.transactions;
        if (bookkeeping.match(sql).hasMatch())
            continue;
        ++count.statements;
        if (sql.startsWith(u"EXECUTE ", Qt::CaseInsensitive))
            executeSeen = true;
        else if (sql.contains(table))
            ++count.onTasks;
    }
    return count;
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
    DatabaseUrl url = admin;
    url.database = dbName;
    {
        QSqlDatabase adminDb = connect(admin, QStringLiteral("admin"));
        execPlain(adminDb, QStringLiteral("CREATE DATABASE \"%1\"").arg(dbName));
        // Every statement of every later session on it goes to the server log (counted below).
        execPlain(adminDb,
                  QStringLiteral("ALTER DATABASE \"%1\" SET log_statement = 'all'").arg(dbName));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));

    FakeDoThread fake;
    fake.call([&fake] {
        for (int n = 0; n < kAccounts; ++n) {
            FakeAccount account;
            account.email = QStringLiteral("bench%1@webrana.example").arg(n);
            account.dropletLimit = kLimit;
            account.droplets = kUsed;
            fake.server().addAccount(bench::token(n), account);
        }
    });

    // The pool: 20 accounts, then one sync so every instance starts from DO's numbers.
    const TokenCipher cipher(*EncryptionKey::fromHex(bench::benchKeyHex()));
    {
        SystemClock clock;
        StoreOptions options;
        options.url = url;
        options.clock = &clock;
        OpenResult opened = openStore(options);
        if (!opened.store)
            qFatal("store: %s", qPrintable(opened.failure.error.message));
        bench::seedAccounts(*opened.store, cipher, kAccounts, [](int) { return kUsed; });
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ENCRYPTION_KEY"), bench::benchKeyHex());
    env.insert(QStringLiteral("DOPOOL_LANG"), QStringLiteral("en"));
    const QStringList common{QStringLiteral("--db"), url.displayString(),
                             QStringLiteral("--api-base"), fake.url().toString()};
    {
        QProcess sync;
        sync.setProcessEnvironment(env);
        sync.start(QStringLiteral(DOPOOL_CLI_PATH),
                   common + QStringList{QStringLiteral("sync"), QStringLiteral("--all")});
        if (!sync.waitForFinished(120000) || sync.exitStatus() != QProcess::NormalExit ||
            sync.exitCode() != 0)
            qFatal("dopool-cli sync --all failed: %s", sync.readAllStandardError().constData());
    }

    QTemporaryDir logDir;
    g_defaultHandler = qInstallMessageHandler(stopServesOnFatal);
    std::vector<std::unique_ptr<QProcess>> serves;
    for (int i = 0; i < kInstances; ++i) {
        auto serve = std::make_unique<QProcess>();
        serve->setProcessEnvironment(env);
        g_serveLogs << logDir.filePath(QStringLiteral("serve%1.log").arg(i));
        serve->setStandardErrorFile(g_serveLogs.last());
        serve->setStandardOutputFile(QProcess::nullDevice());
        serve->start(QStringLiteral(DOPOOL_CLI_PATH),
                     common + QStringList{QStringLiteral("serve"),
                                          QStringLiteral("--sync-interval"), QStringLiteral("3600"),
                                          QStringLiteral("--health-interval"),
                                          QStringLiteral("3600")});
        if (!serve->waitForStarted(30000))
            qFatal("dopool-cli serve did not start");
        g_servePids.push_back(serve->processId());
        serves.push_back(std::move(serve));
    }

    QSqlDatabase db = connect(url, QStringLiteral("bench"));
    QSet<QString> ownPids{scalar(db, QStringLiteral("SELECT pg_backend_pid()")).toString()};
    Queue queue(db);
    // Warm-up: every instance up (its pool_instances row) and one order through.
    QElapsedTimer warm;
    warm.start();
    while (scalar(db, QStringLiteral("SELECT count(*) FROM pool_instances")).toInt() < kInstances &&
           warm.elapsed() < 60000)
        QThread::msleep(50);
    if (!waitFinal(db, {queue.add()}, 60000))
        qFatal("the warm-up order was not provisioned in 60 s");

    // 1. Commit -> POST on an idle pool, one order at a time.
    QStringList paced;
    for (int i = 0; i < kPacedOrders; ++i) {
        paced << queue.add();
        if (!waitFinal(db, {paced.last()}, 30000))
            qFatal("a paced order was not provisioned in 30 s");
        QThread::msleep(100);
    }

    // 2. The batch, committed back to back.
    const QString logPath = qEnvironmentVariable("DOPOOL_TEST_PG_SOCKET") + u"/pg.log";
    const bool haveLog = qEnvironmentVariableIsSet("DOPOOL_TEST_PG_SOCKET") &&
                         QFile::exists(logPath) &&
                         !app.arguments().contains(QStringLiteral("--db"));
    const qint64 logStart = haveLog ? QFile(logPath).size() : 0;
    const auto xacts = [&db] {
        return scalar(db, QStringLiteral("SELECT xact_commit + xact_rollback FROM "
                                         "pg_stat_database WHERE datname = current_database()"))
            .toLongLong();
    };
    scalar(db, QStringLiteral("SELECT pg_stat_clear_snapshot()"));
    const qint64 xactsBefore = xacts();
    QStringList batch;
    for (int i = 0; i < kBatch; ++i)
        batch << queue.add();
    const bool finished = waitFinal(db, batch, 180000);
    const QString batchList = u'{' + batch.join(u',') + u'}';
    const double totalSecs =
        scalar(db,
               QStringLiteral("SELECT extract(epoch FROM max(updated_at) - min(created_at)) "
                              "FROM provisioning_tasks WHERE order_id = ANY($1::text[])"),
               {batchList})
            .toDouble();
    const int createdRows =
        scalar(db,
               QStringLiteral("SELECT count(*) FROM provisioning_tasks WHERE order_id = "
                              "ANY($1::text[]) AND status = 'CREATED'"),
               {batchList})
            .toInt();
    scalar(db, QStringLiteral("SELECT 'bench-orders-batch-end'"));
    QThread::msleep(1500); // pg_stat_database is flushed by each backend at most once a second
    scalar(db, QStringLiteral("SELECT pg_stat_clear_snapshot()"));
    // The benchmark's own transactions: the 200 INSERTs, its polls and these probes.
    const qint64 xactsAfter = xacts();

    for (auto &serve : serves)
        serve->terminate();
    bool crashed = false;
    for (auto &serve : serves) {
        if (!serve->waitForFinished(30000) || serve->exitStatus() != QProcess::NormalExit) {
            crashed = true;
            serve->kill();
            serve->waitForFinished(5000);
        }
    }
    g_servePids.clear();

    const Created created = createdAtDo(fake);
    const auto latencies = [&](const QStringList &orders) {
        QList<qint64> ms;
        for (const QString &order : orders) {
            const QList<qint64> at = created.arrivalsByOrder.value(order);
            if (!at.isEmpty())
                ms << *std::min_element(at.begin(), at.end()) - queue.committedAt.value(order);
        }
        return ms;
    };
    const QList<qint64> pacedMs = latencies(paced);
    const QList<qint64> batchMs = latencies(batch);
    int droplets = 0;
    int duplicates = 0;
    for (const QString &order : std::as_const(batch)) {
        const int n = int(created.arrivalsByOrder.value(order).size());
        droplets += n;
        duplicates += std::max(0, n - 1);
    }

    check.figure(QStringLiteral("bench_orders: %1 serve instances, %2 accounts (%3 of %4 "
                                "droplets used), fake DO at %5 ms")
                     .arg(kInstances)
                     .arg(kAccounts)
                     .arg(kUsed)
                     .arg(kLimit)
                     .arg(kLatencyMs));
    const double pacedP50 = bench::percentile(pacedMs, 0.5);
    check.figure(QStringLiteral("  commit -> POST at DO, %1 orders one at a time: p50 %2 ms, "
                                "p99 %3 ms")
                     .arg(pacedMs.size())
                     .arg(pacedP50, 0, 'f', 0)
                     .arg(bench::percentile(pacedMs, 0.99), 0, 'f', 0));
    check.figure(QStringLiteral("  batch of %1: %2 s from the first commit to the last CREATED "
                                "(%3 orders/s); commit -> POST p50 %4 ms, p99 %5 ms")
                     .arg(kBatch)
                     .arg(totalSecs, 0, 'f', 2)
                     .arg(totalSecs > 0 ? kBatch / totalSecs : 0.0, 0, 'f', 1)
                     .arg(bench::percentile(batchMs, 0.5), 0, 'f', 0)
                     .arg(bench::percentile(batchMs, 0.99), 0, 'f', 0));
    check.figure(QStringLiteral("  droplets %1, rows CREATED %2, duplicates %3, over-limit "
                                "creates (422) %4, accounts over their limit %5")
                     .arg(droplets)
                     .arg(createdRows)
                     .arg(duplicates)
                     .arg(created.overLimit)
                     .arg(created.accountsOverLimit));
    const qint64 serveXacts = xactsAfter - xactsBefore - kBatch;
    if (haveLog) {
        const StatementCount statements =
            countStatements(logPath, logStart, ownPids, QStringLiteral("bench-orders-batch-end"));
        const auto perOrder = [](qint64 n) {
            return QString::number(double(n) / kBatch, 'f', 1);
        };
        check.figure(
            QStringLiteral("  database per order (serve sessions, batch): %1 statements (%2 on "
                           "provisioning_tasks), %3 explicit transactions, %4 round trips "
                           "with QtSql's PREPARE/DEALLOCATE; pg_stat_database: %5 transactions")
                .arg(perOrder(statements.statements), perOrder(statements.onTasks),
                     perOrder(statements.transactions), perOrder(statements.roundTrips),
                     perOrder(serveXacts)));
    } else {
        check.figure(QStringLiteral("  transactions per order (batch, all sessions but the "
                                    "INSERTs): %1 (statement log not available)")
                         .arg(double(serveXacts) / kBatch, 0, 'f', 1));
    }
    check.exact(finished && createdRows == kBatch,
                QStringLiteral("every order CREATED (%1 of %2)").arg(createdRows).arg(kBatch));
    check.exact(droplets == kBatch,
                QStringLiteral("droplets = %1 (got %2)").arg(kBatch).arg(droplets));
    check.exact(duplicates == 0, QStringLiteral("duplicates = 0 (got %1)").arg(duplicates));
    check.exact(created.overLimit == 0 && created.accountsOverLimit == 0,
                QStringLiteral("over-limit creates = 0 (got %1 422s, %2 accounts over)")
                    .arg(created.overLimit)
                    .arg(created.accountsOverLimit));
    check.exact(!crashed, QStringLiteral("every serve instance stopped cleanly on SIGTERM"));
    check.timing(
        !pacedMs.isEmpty() && pacedP50 <= kLatencyMs + 50,
        QStringLiteral("commit -> POST p50 <= one DO round trip + 50 ms = %1 ms (got %2 ms)")
            .arg(kLatencyMs + 50)
            .arg(pacedP50, 0, 'f', 0));
    check.timing(totalSecs > 0 && kBatch / totalSecs >= kOrdersPerSecTarget,
                 QStringLiteral(">= %1 orders/s over the batch (got %2)")
                     .arg(kOrdersPerSecTarget, 0, 'f', 0)
                     .arg(totalSecs > 0 ? kBatch / totalSecs : 0.0, 0, 'f', 1));

    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("bench"));
    {
        QSqlDatabase adminDb = connect(admin, QStringLiteral("admin"));
        execPlain(adminDb,
                  QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(dbName));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    return check.exitCode();
}
