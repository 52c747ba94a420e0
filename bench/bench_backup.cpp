// Backup benchmark (issue #25): a PostgreSQL pool of 1,000 accounts with 30 days of history -
// per account and day 4 capacity samples and 1 health change; 10,000 provisioning tasks with
// their reservations, 5,000 audit rows, 100 alerts - backed up (dopool-cli backup's code),
// restored into a fresh PostgreSQL database and into a SQLite file, and the SQLite copy backed
// up again. Figures: rows, file size, seconds for each step.
// Targets: exact (fail CI): every row of the pool is in the backup and in both restored pools;
// timing (warn only): the PostgreSQL backup within 30 s, each restore within 120 s.
// Needs PostgreSQL: run it inside scripts/test-env.sh (DOPOOL_TEST_PG_URL), or pass
// --db postgresql://user@host:port/admin-db.
#include "BenchCheck.h"
#include "BenchSupport.h"
#include "backup/BackupWriter.h"
#include "backup/Restore.h"
#include "store/Migrations.h"
#include "store/StoreFactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using namespace dopool;

namespace {

constexpr int kAccounts = 1000;
constexpr int kDays = 30;
constexpr int kCapacityPerDay = 4;
constexpr int kHealthPerDay = 1;
constexpr int kTasks = 10000;
constexpr int kAudit = 5000;
constexpr int kAlerts = 100;
const QString kFingerprint = QStringLiteral("be0c-4a1f-0000-2026");

std::unique_ptr<SqlSession> open(const DatabaseUrl &url, const Clock *clock)
{
    StoreOptions options;
    options.url = url;
    options.clock = clock;
    SessionResult opened = openSession(options);
    if (!opened.session)
        qFatal("%s", qPrintable(opened.failure.error.message));
    return std::move(opened.session);
}

void exec(SqlSession &session, const QString &sql)
{
    if (auto ok = session.execPlain(sql, QStringLiteral("seeding")); !ok)
        qFatal("%s", qPrintable(ok.error().message));
}

// The pool, written by SQL on the server (generate_series): seeding is not what is measured.
void seed(SqlSession &s)
{
    if (!migrateSchema(s))
        qFatal("migration failed");
    exec(s, QStringLiteral("INSERT INTO dopool_meta (key, value) VALUES ('key_fingerprint', '%1')")
                .arg(kFingerprint));
    // A token's ciphertext is as long as a real one: iv:tag:142 hex characters.
    exec(s, QStringLiteral(
                "INSERT INTO do_accounts (id, name, email, access_token, droplet_limit, "
                "active_droplets, is_primary, health_status, updated_at, last_sync_at, "
                "last_health_check, capacity_observed_at, do_uuid, do_status, ratelimit_limit, "
                "ratelimit_remaining, ratelimit_reset) "
                "SELECT gen_random_uuid(), 'Bench ' || lpad(n::text, 4, '0'), "
                "'bench' || n || '@webrana.example', md5(random()::text) || ':' || "
                "md5(random()::text) || ':' || substr(md5(random()::text) || "
                "md5(random()::text) || md5(random()::text) || md5(random()::text) || "
                "md5(random()::text), 1, 142), 25, n % 25, n = 0, 'HEALTHY', now(), now(), now(), "
                "now(), md5(n::text) || 'abcdefgh', 'active', 5000, 4990, now() "
                "FROM generate_series(0, %1) n")
                .arg(kAccounts - 1));
    exec(s, QStringLiteral("INSERT INTO account_capacity_history (account_id, at, droplet_limit, "
                           "active_droplets) SELECT a.id, now() - make_interval(mins => k * %1), "
                           "25, k % 25 FROM do_accounts a, generate_series(1, %2) k")
                .arg(24 * 60 / kCapacityPerDay)
                .arg(kDays * kCapacityPerDay));
    exec(s, QStringLiteral("INSERT INTO account_health_history (account_id, at, from_status, "
                           "to_status, reason) SELECT a.id, now() - make_interval(days => k), "
                           "'HEALTHY', 'DEGRADED', 'GET /v2/account answered 503' "
                           "FROM do_accounts a, generate_series(1, %1) k")
                .arg(kDays * kHealthPerDay));
    exec(s, QStringLiteral(
                "INSERT INTO provisioning_tasks (id, order_id, status, do_account_id, do_region, "
                "do_size, do_image, droplet_name, tag, droplet_id, attempts, created_at, "
                "updated_at, claimed_by) SELECT gen_random_uuid(), gen_random_uuid()::text, "
                "'CREATED', (SELECT id FROM do_accounts ORDER BY name OFFSET (k % %2) LIMIT 1), "
                "'sgp1', 's-1vcpu-1gb', 'ubuntu-24-04-x64', 'webrana-' || k, 'dopool-task-' || k, "
                "400000000 + k, 1, now() - make_interval(mins => k * 4), now(), 'dopool' "
                "FROM generate_series(1, %1) k")
                .arg(kTasks)
                .arg(kAccounts));
    exec(s, QStringLiteral("INSERT INTO droplet_reservations (id, account_id, task_id, created_at, "
                           "expires_at, confirmed_at) SELECT gen_random_uuid(), do_account_id, id, "
                           "created_at, created_at + interval '10 minutes', created_at "
                           "FROM provisioning_tasks"));
    exec(s,
         QStringLiteral("INSERT INTO audit_log (at, os_user, host, instance_id, action, "
                        "account_id, account_name, details) SELECT now() - make_interval(mins "
                        "=> k * 8), 'ops', 'desk-01', gen_random_uuid()::text, 'account.update', "
                        "NULL, 'Bench ' || lpad((k % %2)::text, 4, '0'), "
                        "'{\"droplet_limit\":[25,30]}' FROM generate_series(1, %1) k")
             .arg(kAudit)
             .arg(kAccounts));
    exec(s, QStringLiteral("INSERT INTO alerts (id, kind, severity, account_id, message, details, "
                           "raised_at, resolved_at) SELECT gen_random_uuid(), 'ACCOUNT_FULL', "
                           "'warning', NULL, 'Bench account is full', '{}', now() - "
                           "make_interval(hours => k), now() FROM generate_series(1, %1) k")
                .arg(kAlerts));
}

qint64 totalRows(SqlSession &s)
{
    qint64 total = 0;
    for (const CatalogTable &t : SchemaCatalog::tablesAt(latestSchemaVersion())) {
        if (t.ephemeral)
            continue;
        auto q = s.exec(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(t.name), {},
                        QStringLiteral("counting"));
        if (q && q->next())
            total += q->value(0).toLongLong();
    }
    return total;
}

void dropDatabase(const DatabaseUrl &admin, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("drop"));
    db.setHostName(admin.host);
    db.setPort(admin.port);
    db.setUserName(admin.user);
    db.setDatabaseName(admin.database);
    if (db.open())
        QSqlQuery(db).exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name));
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("drop"));
}

bool createDatabase(const DatabaseUrl &admin, const QString &name)
{
    bool ok = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("create"));
        db.setHostName(admin.host);
        db.setPort(admin.port);
        db.setUserName(admin.user);
        db.setDatabaseName(admin.database);
        ok = db.open() && QSqlQuery(db).exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
        if (!ok)
            qWarning("%s", qPrintable(db.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("create"));
    return ok;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// Restores the backup at path into target, timed, and checks every row arrived.
void restoreInto(bench::BenchCheck &check, SqlSession &target, const QString &path,
                 const QString &backend, qint64 rows)
{
    backup::RestoreOptions options;
    options.keyFingerprint = kFingerprint;
    QElapsedTimer timer;
    timer.start();
    auto restored = backup::restoreBackup(target, path, options);
    const double secs = seconds(timer);
    if (!restored)
        qFatal("%s", qPrintable(restored.error().message));
    const qint64 found = totalRows(target);
    check.figure(QStringLiteral("  restore into %1: %2 rows, %3 s")
                     .arg(backend)
                     .arg(found)
                     .arg(secs, 0, 'f', 2));
    check.exact(
        found == rows,
        QStringLiteral("every row restored into %1 (%2 of %3)").arg(backend).arg(found).arg(rows));
    check.timing(secs <= 120.0,
                 QStringLiteral("restore into %1 <= 120 s (got %2 s)").arg(backend).arg(secs));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bench::BenchCheck check(argc, argv);
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("dopool.*.info=false"));
    const DatabaseUrl admin = bench::adminUrl(app.arguments());
    const QString id = QUuid::createUuid().toString(QUuid::Id128);
    DatabaseUrl source = admin;
    source.database = QStringLiteral("dopool_bench_backup_") + id;
    DatabaseUrl target = admin;
    target.database = QStringLiteral("dopool_bench_restore_") + id;
    if (!createDatabase(admin, source.database) || !createDatabase(admin, target.database))
        qFatal("cannot create the benchmark's databases");
    QTemporaryDir dir;
    SystemClock clock;
    {
        auto pool = open(source, &clock);
        seed(*pool);
        const qint64 rows = totalRows(*pool);
        check.figure(QStringLiteral("backup: pool of %1 accounts, %2 days of history: %3 rows")
                         .arg(kAccounts)
                         .arg(kDays)
                         .arg(rows));

        QElapsedTimer backupTimer;
        backupTimer.start();
        auto written = backup::writeBackup(*pool, dir.filePath(QStringLiteral("pg.jsonl")));
        const double backupSecs = seconds(backupTimer);
        if (!written)
            qFatal("%s", qPrintable(written.error().message));
        check.figure(QStringLiteral("  PostgreSQL backup: %1 rows, %2 MB (%3 bytes), %4 s")
                         .arg(written->rows())
                         .arg(double(written->bytes) / 1e6, 0, 'f', 1)
                         .arg(written->bytes)
                         .arg(backupSecs, 0, 'f', 2));
        check.exact(
            written->rows() == rows,
            QStringLiteral("every row in the backup (%1 of %2)").arg(written->rows()).arg(rows));
        check.timing(backupSecs <= 30.0,
                     QStringLiteral("PostgreSQL backup <= 30 s (got %1 s)").arg(backupSecs));

        auto pgTarget = open(target, &clock);
        restoreInto(check, *pgTarget, written->path, QStringLiteral("PostgreSQL"), rows);
        DatabaseUrl sqlite;
        sqlite.kind = DatabaseUrl::Kind::Sqlite;
        sqlite.path = dir.filePath(QStringLiteral("restored.sqlite"));
        auto sqliteTarget = open(sqlite, &clock);
        restoreInto(check, *sqliteTarget, written->path, QStringLiteral("SQLite"), rows);

        QElapsedTimer timer;
        timer.start();
        auto fromSqlite =
            backup::writeBackup(*sqliteTarget, dir.filePath(QStringLiteral("sqlite.jsonl")));
        const double sqliteBackupSecs = seconds(timer);
        if (!fromSqlite)
            qFatal("%s", qPrintable(fromSqlite.error().message));
        check.figure(QStringLiteral("  SQLite backup: %1 rows, %2 MB, %3 s")
                         .arg(fromSqlite->rows())
                         .arg(double(fromSqlite->bytes) / 1e6, 0, 'f', 1)
                         .arg(sqliteBackupSecs, 0, 'f', 2));
        check.exact(fromSqlite->rows() == rows,
                    QStringLiteral("every row in the SQLite backup (%1 of %2)")
                        .arg(fromSqlite->rows())
                        .arg(rows));
    }
    dropDatabase(admin, source.database);
    dropDatabase(admin, target.database);
    return check.exitCode();
}
