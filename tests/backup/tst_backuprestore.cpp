// The backup file and its restore on SQLite files (the PostgreSQL drill is
// tests/cli/tst_clirestoredrill.cpp): a v7 backup restored and migrated (into a new file and
// into a pool already at version 8), refusals that write nothing (newer version, another
// key, a truncated file, a pool with rows), --replace, the new-file rule, and the schema check
// repairing what is safe and refusing the rest.
#include "backup/BackupWriter.h"
#include "backup/Restore.h"
#include "store/Migrations.h"
#include "store/SchemaCheck.h"
#include "store/SqlSession.h"
#include "store/StoreFactory.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool;
using namespace dopool::backup;

namespace {
const QString kFingerprint = QStringLiteral("ab12-cd34-ef56-7890");
} // namespace

class TestBackupRestore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;
    int m_files = 0;

    QString newPath(const QString &suffix)
    {
        return m_dir.filePath(QStringLiteral("f%1.%2").arg(++m_files).arg(suffix));
    }

    std::unique_ptr<SqlSession> session(const QString &path)
    {
        StoreOptions o;
        o.url.kind = DatabaseUrl::Kind::Sqlite;
        o.url.path = path;
        o.clock = &m_clock;
        SessionResult opened = openSession(o);
        if (!opened.session)
            qWarning("%s", qPrintable(opened.failure.error.message));
        return std::move(opened.session);
    }

    static QVariant scalar(SqlSession &s, const QString &sql)
    {
        auto q = s.exec(sql, {}, QStringLiteral("test"));
        return q && q->next() ? q->value(0) : QVariant();
    }

    // A pool at schema version 7 (before the order intake) with an account, a dopool task
    // (tagged) and an order-service task (no tag), and a key check value.
    QString version7Pool()
    {
        const QString path = newPath(QStringLiteral("sqlite"));
        auto s = session(path);
        if (!s || !migrateSchemaTo(*s, 7))
            return {};
        const QStringList statements = {
            QStringLiteral("INSERT INTO dopool_meta (key, value) VALUES ('key_fingerprint', '%1')")
                .arg(kFingerprint),
            QStringLiteral("INSERT INTO do_accounts (id, name, email, access_token, updated_at) "
                           "VALUES ('a1', 'One', 'one@example.com', 'iv:tag:ct', "
                           "'2026-01-02T03:04:05.678Z')"),
            QStringLiteral("INSERT INTO provisioning_tasks (id, order_id, status, do_account_id, "
                           "tag, droplet_id, updated_at) VALUES ('t1', 'o1', 'CREATED', 'a1', "
                           "'dopool-task-t1', 123456789012, '2026-01-02T03:04:05.678Z')"),
            QStringLiteral("INSERT INTO provisioning_tasks (id, order_id, status, updated_at) "
                           "VALUES ('t2', 'o2', 'PENDING', '2026-01-02T03:04:05.678Z')"),
            QStringLiteral("INSERT INTO audit_log (at, os_user, host, instance_id, action) "
                           "VALUES ('2026-01-02T03:04:05.678Z', 'u', 'h', 'i', 'account.add')"),
        };
        for (const QString &sql : statements) {
            if (!s->execPlain(sql, QStringLiteral("seeding")))
                return {};
        }
        return path;
    }

    QString backupOf(const QString &pool)
    {
        auto s = session(pool);
        const QString path = newPath(QStringLiteral("jsonl"));
        auto written = writeBackup(*s, path);
        if (!written)
            qWarning("%s", qPrintable(written.error().message));
        return written ? path : QString();
    }

    static RestoreOptions withKey()
    {
        RestoreOptions o;
        o.keyFingerprint = kFingerprint;
        return o;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void version7BackupIsRestoredAndMigrated_data()
    {
        QTest::addColumn<bool>("targetAlreadyMigrated");
        QTest::newRow("into a new file") << false;
        QTest::newRow("into an empty pool at version 8") << true;
    }
    void version7BackupIsRestoredAndMigrated()
    {
        QFETCH(bool, targetAlreadyMigrated);
        const QString pool = version7Pool();
        QVERIFY(!pool.isEmpty());
        const QString file = backupOf(pool);
        QVERIFY(!file.isEmpty());
        auto header = readBackupHeader(file);
        QVERIFY(header);
        QCOMPARE(header->schemaVersion, 7);
        QCOMPARE(header->keyFingerprint, kFingerprint);
        QCOMPARE(int(QFile::permissions(file) & 0x7077), // owner, group, others
                 int(QFileDevice::ReadOwner | QFileDevice::WriteOwner));

        auto target = session(newPath(QStringLiteral("sqlite")));
        if (targetAlreadyMigrated)
            QVERIFY(migrateSchema(*target));
        auto restored = restoreBackup(*target, file, withKey());
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
        QCOMPARE(restored->schemaVersion, latestSchemaVersion());
        QCOMPARE(scalar(*target, QStringLiteral("SELECT MAX(version) FROM "
                                                "dopool_schema_migrations"))
                     .toInt(),
                 latestSchemaVersion());
        // Migration 8's data step ran over the restored rows: dopool's tagged task is its own.
        QCOMPARE(scalar(*target,
                        QStringLiteral("SELECT claimed_by FROM provisioning_tasks WHERE id='t1'"))
                     .toString(),
                 QStringLiteral("dopool"));
        QVERIFY(scalar(*target,
                       QStringLiteral("SELECT claimed_by FROM provisioning_tasks WHERE id='t2'"))
                    .isNull());
        QCOMPARE(scalar(*target, QStringLiteral("SELECT droplet_id FROM provisioning_tasks "
                                                "WHERE id='t1'"))
                     .toLongLong(),
                 123456789012LL);
        QCOMPARE(scalar(*target, QStringLiteral("SELECT access_token FROM do_accounts")).toString(),
                 QStringLiteral("iv:tag:ct"));
        QCOMPARE(scalar(*target, QStringLiteral("SELECT updated_at FROM do_accounts")).toString(),
                 QStringLiteral("2026-01-02T03:04:05.678Z"));
        QCOMPARE(scalar(*target, QStringLiteral("SELECT value FROM dopool_meta WHERE key = "
                                                "'key_fingerprint'"))
                     .toString(),
                 kFingerprint);
        auto check = SchemaCheck::inspect(*target);
        QVERIFY(check);
        QVERIFY(check->complete());
        // The next audit row gets a fresh id.
        QVERIFY(target->execPlain(QStringLiteral("INSERT INTO audit_log (at, os_user, host, "
                                                 "instance_id, action) VALUES ('x', 'u', 'h', "
                                                 "'i', 'a')"),
                                  QStringLiteral("test")));
    }

    void refusalsWriteNothing_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("kind");
        QTest::newRow("another key") << QStringLiteral("key") << QStringLiteral("fingerprint %1")
                                     << int(ErrorKind::KeyMismatch);
        QTest::newRow("truncated") << QStringLiteral("truncate") << QStringLiteral("truncated")
                                   << int(ErrorKind::Validation);
        QTest::newRow("newer schema")
            << QStringLiteral("newer") << QStringLiteral("newer than this dopool")
            << int(ErrorKind::Store);
        QTest::newRow("not empty")
            << QStringLiteral("full") << QStringLiteral("not empty") << int(ErrorKind::Conflict);
    }
    void refusalsWriteNothing()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QFETCH(int, kind);
        const QString pool = version7Pool();
        QString file = backupOf(pool);
        QVERIFY(!file.isEmpty());
        RestoreOptions options = withKey();
        const QString targetPath = newPath(QStringLiteral("sqlite"));
        auto target = session(targetPath);
        if (damage == QLatin1String("key")) {
            options.keyFingerprint = QStringLiteral("0000-1111-2222-3333");
            expected = expected.arg(kFingerprint);
        } else if (damage == QLatin1String("truncate") || damage == QLatin1String("newer")) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray content = f.readAll();
            f.close();
            if (damage == QLatin1String("truncate"))
                content.chop(content.size() - content.lastIndexOf("\n{\"end\"") - 1);
            else
                content.replace("\"schemaVersion\":7", "\"schemaVersion\":99");
            file = newPath(QStringLiteral("jsonl"));
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(content);
        } else {
            QVERIFY(restoreBackup(*target, file, options));
        }
        const auto before = scalar(*target, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        auto restored = restoreBackup(*target, file, options);
        QVERIFY(!restored);
        QVERIFY2(restored.error().message.contains(expected), qPrintable(restored.error().message));
        QCOMPARE(int(restored.error().kind), kind);
        QCOMPARE(scalar(*target, QStringLiteral("SELECT count(*) FROM sqlite_master")), before);
        if (damage == QLatin1String("key"))
            QVERIFY(restored.error().message.contains(QStringLiteral("0000-1111-2222-3333")));
    }

    void replaceSwapsEveryRow()
    {
        const QString file = backupOf(version7Pool());
        auto target = session(newPath(QStringLiteral("sqlite")));
        QVERIFY(restoreBackup(*target, file, withKey()));
        QVERIFY(target->execPlain(QStringLiteral("UPDATE do_accounts SET name = 'Changed'"),
                                  QStringLiteral("test")));
        RestoreOptions replace = withKey();
        replace.replace = true;
        auto restored = restoreBackup(*target, file, replace);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
        QVERIFY(restored->replaced);
        QCOMPARE(scalar(*target, QStringLiteral("SELECT name FROM do_accounts")).toString(),
                 QStringLiteral("One"));
        QCOMPARE(scalar(*target, QStringLiteral("SELECT count(*) FROM provisioning_tasks")).toInt(),
                 2);
    }

    void backupNeverOverwritesAFile()
    {
        const QString pool = version7Pool();
        const QString existing = newPath(QStringLiteral("jsonl"));
        QFile f(existing);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious\n");
        f.close();
        auto s = session(pool);
        auto written = writeBackup(*s, existing);
        QVERIFY(!written);
        QCOMPARE(written.error().kind, ErrorKind::Usage);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious\n"));
    }

    void schemaCheckRepairsWhatIsSafeAndRefusesTheRest()
    {
        auto s = session(newPath(QStringLiteral("sqlite")));
        QVERIFY(migrateSchema(*s));
        QVERIFY(s->execPlain(QStringLiteral("DROP TABLE audit_log"), QStringLiteral("test")));
        QVERIFY(s->execPlain(QStringLiteral("DROP INDEX provisioning_tasks_status_idx"),
                             QStringLiteral("test")));
        auto repaired = SchemaCheck::ensure(*s);
        QVERIFY2(repaired, qPrintable(repaired ? QString() : repaired.error().message));
        QVERIFY(repaired->repaired.contains(QStringLiteral("table audit_log")));
        QVERIFY(repaired->repaired.contains(
            QStringLiteral("index provisioning_tasks_status_idx on provisioning_tasks")));
        auto again = SchemaCheck::inspect(*s);
        QVERIFY(again && again->complete());

        QVERIFY(s->execPlain(QStringLiteral("DROP TABLE alerts"), QStringLiteral("test")));
        QVERIFY(
            s->execPlain(QStringLiteral("DROP TABLE scheduler_rounds"), QStringLiteral("test")));
        auto refused = SchemaCheck::ensure(*s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Store);
        QVERIFY2(refused.error().message.contains(QStringLiteral("table alerts")),
                 qPrintable(refused.error().message));
        // Nothing was repaired either: the refusal leaves the database as it found it.
        QVERIFY(scalar(*s, QStringLiteral("SELECT name FROM sqlite_master WHERE name = "
                                          "'scheduler_rounds'"))
                    .isNull());
    }
};

QTEST_GUILESS_MAIN(TestBackupRestore)
#include "tst_backuprestore.moc"
