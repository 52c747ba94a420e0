// The audit log on both backends: one row per admin change, written in the change's own
// transaction, with who (OS user, host, instance) and what (field names, never a token); the
// optimistic version check's conflict message; one primary, enforced by the database itself.
#include "TestPostgres.h"
#include "VerifyOk.h"
#include "store/StoreFactory.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool;

namespace {

const QString kCipher = QStringLiteral("00112233445566778899aabbccddeeff:"
                                       "0123456789abcdef0123456789abcdef:deadbeefcafe");
const QString kCipher2 = QStringLiteral("ffeeddccbbaa99887766554433221100:"
                                        "fedcba9876543210fedcba9876543210:0badc0ffee00");

Actor testActor(const QString &user)
{
    Actor actor;
    actor.osUser = user;
    actor.host = QStringLiteral("ops-host");
    actor.pid = 4242;
    actor.instanceId = QStringLiteral("instance-") + user;
    return actor;
}

Account newAccount(const QString &name, bool primary = false)
{
    Account a;
    a.name = name;
    a.email = name.toLower() + QStringLiteral("@webrana.example");
    a.encryptedToken = kCipher;
    a.isPrimary = primary;
    return a;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

    ManualClock m_clock;

    std::unique_ptr<AccountStore> open(const DatabaseUrl &url)
    {
        StoreOptions options;
        options.url = url;
        options.clock = &m_clock;
        OpenResult opened = openStore(options);
        if (!opened.store)
            qWarning("%s", qPrintable(opened.failure.error.message));
        return std::move(opened.store);
    }

    // The whole story on one backend; first and second are two connections to one pool.
    void checkAuditAndConflicts(AccountStore &first, AccountStore &second)
    {
        first.setActor(testActor(QStringLiteral("alice")));
        second.setActor(testActor(QStringLiteral("bob")));

        auto a = first.insertAccount(newAccount(QStringLiteral("Alpha"), true));
        DOPOOL_VERIFY_OK(a);
        m_clock.advance(1000);
        auto b = second.insertAccount(newAccount(QStringLiteral("Beta")));
        DOPOOL_VERIFY_OK(b);
        m_clock.advance(1000);

        // bob edits Beta: email and token.
        Account edited = *b;
        edited.email = QStringLiteral("beta2@webrana.example");
        edited.encryptedToken = kCipher2;
        auto saved = second.updateAccount(edited, b->version);
        DOPOOL_VERIFY_OK(saved);
        m_clock.advance(1000);

        // alice, with the version she read before bob's edit: a clear conflict, no overwrite.
        Account stale = *b;
        stale.dropletLimit = 50;
        auto conflict = first.updateAccount(stale, b->version);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().kind, ErrorKind::Conflict);
        QCOMPARE(conflict.error().exitCode(), 2);
        QVERIFY2(conflict.error().message.contains(QStringLiteral("Beta")) &&
                     conflict.error().message.contains(QStringLiteral("someone else")) &&
                     conflict.error().message.contains(QStringLiteral("reload")),
                 qPrintable(conflict.error().message));
        auto current = first.findAccount(b->id);
        QVERIFY(current);
        QCOMPARE(current->email, QStringLiteral("beta2@webrana.example"));
        QCOMPARE(current->dropletLimit, 25);

        // alice makes Beta primary (Alpha stops being it), then deletes Alpha.
        Account primary = *current;
        primary.isPrimary = true;
        QVERIFY(first.updateAccount(primary, current->version));
        m_clock.advance(1000);
        QVERIFY(first.deleteAccount(a->id));
        m_clock.advance(1000);
        auto rotated =
            first.rewriteAllTokens([](const Account &) -> Result<QString> { return kCipher; },
                                   QString(), QStringLiteral("abcd1234"));
        DOPOOL_VERIFY_OK(rotated);

        auto all = second.listAudit({}, 100);
        DOPOOL_VERIFY_OK(all);
        QStringList actions;
        for (const AuditEntry &e : *all)
            actions << e.action;
        // Newest first.
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("key.rotate"), QStringLiteral("account.delete"),
                              QStringLiteral("account.primary"), QStringLiteral("account.update"),
                              QStringLiteral("account.add"), QStringLiteral("account.add")}));
        const AuditEntry &update = all->at(3);
        QCOMPARE(update.osUser, QStringLiteral("bob"));
        QCOMPARE(update.host, QStringLiteral("ops-host"));
        QCOMPARE(update.instanceId, QStringLiteral("instance-bob"));
        QCOMPARE(update.accountId, b->id);
        QCOMPARE(update.accountName, QStringLiteral("Beta"));
        QVERIFY2(update.details.contains(QStringLiteral("email: beta@webrana.example -> "
                                                        "beta2@webrana.example")),
                 qPrintable(update.details));
        QVERIFY2(update.details.contains(QStringLiteral("token replaced")),
                 qPrintable(update.details));
        QCOMPARE(all->at(2).osUser, QStringLiteral("alice"));
        QVERIFY2(all->at(2).details.contains(QStringLiteral("primary: no -> yes")),
                 qPrintable(all->at(2).details));
        QCOMPARE(all->at(1).accountName, QStringLiteral("Alpha"));
        QVERIFY(all->at(0).accountId.isEmpty());
        QVERIFY(all->at(0).details.contains(QStringLiteral("abcd1234")));
        QVERIFY(all->at(0).at > all->at(5).at);
        // Never a token, nor any piece of its ciphertext.
        for (const AuditEntry &e : *all) {
            for (const QString &secret : {kCipher, kCipher2}) {
                for (const QString &part : secret.split(u':'))
                    QVERIFY2(!e.details.contains(part), qPrintable(e.details));
            }
        }

        // By account (a deleted one's history stays), and the limit.
        auto alpha = first.listAudit(AuditFilter{a->id}, 100);
        QVERIFY(alpha);
        QCOMPARE(alpha->size(), 2);
        QCOMPARE(alpha->at(0).action, QStringLiteral("account.delete"));
        auto latest = first.listAudit({}, 2);
        QVERIFY(latest);
        QCOMPARE(latest->size(), 2);

        // A failed change writes no audit row (same transaction).
        Account clash = newAccount(QStringLiteral("Beta"));
        QVERIFY(!first.insertAccount(clash));
        auto after = first.listAudit({}, 100);
        QVERIFY(after);
        QCOMPARE(after->size(), all->size());
    }

private Q_SLOTS:
    void sqlite()
    {
        QTemporaryDir dir;
        DatabaseUrl url;
        url.kind = DatabaseUrl::Kind::Sqlite;
        url.path = dir.filePath(QStringLiteral("pool.sqlite"));
        auto first = open(url);
        auto second = open(url);
        QVERIFY(first && second);
        checkAuditAndConflicts(*first, *second);
    }

    void postgres()
    {
        DOPOOL_TEST_POSTGRES(pg);
        auto first = open(pg.url());
        auto second = open(pg.url());
        QVERIFY(first && second);
        checkAuditAndConflicts(*first, *second);
        // The database itself refuses a second primary, whoever writes.
        QVERIFY(first->insertAccount(newAccount(QStringLiteral("Gamma"))));
        QVERIFY(!pg.exec(QStringLiteral("UPDATE do_accounts SET is_primary = true")).isEmpty());
        QCOMPARE(pg.column(QStringLiteral("SELECT count(*) FROM do_accounts WHERE is_primary"))
                     .value(0)
                     .toInt(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
