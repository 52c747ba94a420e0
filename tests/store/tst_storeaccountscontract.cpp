// The AccountStore contract for accounts: CRUD, names, the single primary, optimistic
// versions, field limits. Every test function runs on each backend (initTestCase_data).
#include "StoreFixture.h"

#include <QUuid>
#include <QtTest>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

class TestStoreAccountsContract : public QObject, public StoreContractFixture
{
    Q_OBJECT

private slots:
    void initTestCase_data() { addBackendRows(); }
    void init() { startBackend(); }
    void cleanup() { stopBackend(); }

    void emptyPool()
    {
        auto store = open();
        QVERIFY(store);
        const auto accounts = store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QVERIFY(accounts->isEmpty());
        const auto meta = store->metaValue(AccountStore::keyFingerprintMeta());
        DOPOOL_VERIFY_OK(meta);
        QCOMPARE(*meta, QString());
        QCOMPARE(store->backendName(), m_backend->url().kind == DatabaseUrl::Kind::Sqlite
                                           ? u"sqlite"_s
                                           : u"postgresql"_s);
        QCOMPARE(store->location(), m_backend->url().displayString());
    }

    void insertAndFind()
    {
        auto store = open();
        QVERIFY(store);
        const QDateTime t1 = utc(2026, 1, 2, 3, 4, 5, 678);
        clock.set(t1);
        const Account sample = sampleAccount(u"alpha"_s);
        const Account inserted = mustInsert(*store, sample);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(!QUuid::fromString(inserted.id).isNull());
        QCOMPARE(inserted.id,
                 QUuid::fromString(inserted.id).toString(QUuid::WithoutBraces).toLower());
        QCOMPARE(inserted.createdAt, t1);
        QCOMPARE(inserted.updatedAt, t1);
        QCOMPARE(inserted.version, 1);
        compareContent(inserted, sample);

        const QString id = inserted.id;
        for (const QString &key :
             QStringList{id, id.toUpper(), QString(u"{"_s + id + u"}"_s), u"alpha"_s}) {
            const auto found = store->findAccount(key);
            DOPOOL_VERIFY_OK(found);
            QCOMPARE(found->id, id);
            QCOMPARE(found->createdAt, t1);
            QCOMPARE(found->version, 1);
            compareContent(*found, sample);
        }

        // Unset optional fields come back unset (NULL in the database).
        Account bare;
        bare.name = u"bare"_s;
        bare.email = u"bare@example.com"_s;
        bare.encryptedToken = u"aa:bb:cc"_s;
        const Account insertedBare = mustInsert(*store, bare);
        QVERIFY(!QTest::currentTestFailed());
        store.reset();
        store = open(); // and everything survives a reopen
        QVERIFY(store);
        const auto found = store->findAccount(insertedBare.id);
        DOPOOL_VERIFY_OK(found);
        compareContent(*found, bare);
        QVERIFY(!found->lastHealthCheck.isValid());
        QCOMPARE(found->rateLimitLimit, -1);
        QCOMPARE(found->healthStatus, AccountHealth::Unknown);
        QCOMPARE(m_backend
                     ->column(u"SELECT COUNT(*) FROM do_accounts WHERE do_uuid IS NULL AND "
                              u"last_error IS NULL "
                              "AND ratelimit_limit IS NULL AND last_sync_at IS NULL"_s)
                     .value(0)
                     .toInt(),
                 1);
    }

    void listOrdering()
    {
        auto store = open();
        QVERIFY(store);
        mustInsert(*store, sampleAccount(u"zulu"_s));
        mustInsert(*store, sampleAccount(u"alpha"_s)); // same created_at: by name
        clock.advance(1000);
        mustInsert(*store, sampleAccount(u"mike"_s));
        QVERIFY(!QTest::currentTestFailed());
        const auto accounts = store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QStringList names;
        for (const Account &a : *accounts)
            names << a.name;
        QCOMPARE(names, (QStringList{u"alpha"_s, u"zulu"_s, u"mike"_s}));
    }

    void nameConflict_data()
    {
        QTest::addColumn<bool>("viaUpdate");
        QTest::newRow("insert a second 'taken'") << false;
        QTest::newRow("rename another account to 'taken'") << true;
    }
    void nameConflict()
    {
        QFETCH(bool, viaUpdate);
        auto store = open();
        QVERIFY(store);
        mustInsert(*store, sampleAccount(u"taken"_s));
        Account other = mustInsert(*store, sampleAccount(u"other"_s));
        QVERIFY(!QTest::currentTestFailed());
        Result<Account> result = Error{};
        if (viaUpdate) {
            other.name = u"taken"_s;
            result = store->updateAccount(other, other.version);
        } else {
            result = store->insertAccount(sampleAccount(u"taken"_s));
        }
        QVERIFY(!result);
        QCOMPARE(result.error().kind, ErrorKind::Conflict);
        QCOMPARE(result.error().message, u"an account named taken already exists"_s);
        const auto accounts = store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QCOMPARE(accounts->size(), 2);
        const auto unchanged = store->findAccount(u"other"_s);
        DOPOOL_VERIFY_OK(unchanged);
        QCOMPARE(unchanged->version, 1);
    }

    void singlePrimary_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("insert a second primary") << 0;
        QTest::newRow("update another account to primary") << 1;
        QTest::newRow("update the primary itself") << 2;
    }
    void singlePrimary()
    {
        QFETCH(int, mode);
        auto store = open();
        QVERIFY(store);
        const Account first = mustInsert(*store, sampleAccount(u"first"_s, true));
        QVERIFY(!QTest::currentTestFailed());
        clock.advance(1000);
        Account winner;
        if (mode == 0) {
            winner = mustInsert(*store, sampleAccount(u"second"_s, true));
        } else if (mode == 1) {
            Account second = mustInsert(*store, sampleAccount(u"second"_s, false));
            QVERIFY(!QTest::currentTestFailed());
            second.isPrimary = true;
            const auto updated = store->updateAccount(second, second.version);
            DOPOOL_VERIFY_OK(updated);
            winner = *updated;
        } else {
            Account same = first;
            same.email = u"changed@example.com"_s;
            const auto updated = store->updateAccount(same, same.version);
            DOPOOL_VERIFY_OK(updated);
            winner = *updated;
        }
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(winner.isPrimary);

        const auto accounts = store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QStringList primaries;
        for (const Account &a : *accounts) {
            if (a.isPrimary)
                primaries << a.id;
        }
        QCOMPARE(primaries, QStringList{winner.id});
        if (mode != 2) {
            const auto demoted = store->findAccount(first.id);
            DOPOOL_VERIFY_OK(demoted);
            QVERIFY(!demoted->isPrimary);
            QCOMPARE(demoted->version, 2); // a demotion is a change other editors must notice
            QCOMPARE(demoted->updatedAt, clock.now());
            // And the database itself refuses a second primary behind the store's back.
            QVERIFY(!m_backend->exec(u"UPDATE do_accounts SET is_primary = ?"_s, {true}).isEmpty());
        }
        QCOMPARE(
            m_backend->column(u"SELECT COUNT(*) FROM do_accounts WHERE is_primary = ?"_s, {true})
                .value(0)
                .toInt(),
            1);
    }

    void updateAllFields()
    {
        auto store = open();
        QVERIFY(store);
        const Account original = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        clock.advance(61'001);

        Account changed = original;
        changed.name = u"beta"_s;
        changed.email = u"beta@example.org"_s;
        changed.encryptedToken = u"ffee:ddcc:bbaa"_s;
        changed.dropletLimit = 50;
        changed.activeDroplets = 51;
        changed.isActive = false;
        changed.isPrimary = true;
        changed.lastHealthCheck = utc(2026, 1, 1, 0, 1, 0, 999);
        changed.healthStatus = AccountHealth::Unhealthy;
        changed.doUuid = u"other-uuid"_s;
        changed.doStatus = u"locked"_s;
        changed.doStatusMessage = QString();
        changed.lastSyncAt = QDateTime();
        changed.lastError = QString();
        changed.consecutiveFailures = 0;
        changed.rateLimitLimit = -1;
        changed.rateLimitRemaining = 0;
        changed.rateLimitReset = QDateTime();
        changed.createdAt = utc(2000, 1, 1, 0, 0, 0); // not ours to change
        changed.version = 42;                         // nor this

        const auto updated = store->updateAccount(changed, 1);
        DOPOOL_VERIFY_OK(updated);
        QCOMPARE(updated->id, original.id);
        QCOMPARE(updated->version, 2);
        QCOMPARE(updated->createdAt, original.createdAt);
        QCOMPARE(updated->updatedAt, clock.now());
        compareContent(*updated, changed);
        const auto found = store->findAccount(original.id);
        DOPOOL_VERIFY_OK(found);
        QCOMPARE(found->version, 2);
        QCOMPARE(found->updatedAt, clock.now());
        compareContent(*found, changed);
    }

    void optimisticConflict()
    {
        auto store = open();
        QVERIFY(store);
        const Account original = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        Account first = original;
        first.email = u"one@example.com"_s;
        DOPOOL_VERIFY_OK(store->updateAccount(first, 1));

        Account stale = original;
        stale.email = u"two@example.com"_s;
        const auto conflict = store->updateAccount(stale, 1);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().kind, ErrorKind::Conflict);
        QCOMPARE(
            conflict.error().message,
            u"account alpha was changed by someone else (version now 2); reload and try again"_s);
        auto found = store->findAccount(original.id);
        DOPOOL_VERIFY_OK(found);
        QCOMPARE(found->email, u"one@example.com"_s);
        QCOMPARE(found->version, 2);

        // Without an expected version the last writer wins.
        const auto forced = store->updateAccount(stale);
        DOPOOL_VERIFY_OK(forced);
        QCOMPARE(forced->version, 3);
        QCOMPARE(forced->email, u"two@example.com"_s);
    }

    void updateMissing_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("expectedVersion");
        QTest::newRow("not a uuid") << u"nope"_s << -1;
        QTest::newRow("unknown uuid") << u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s << -1;
        QTest::newRow("unknown uuid, expected version")
            << u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s << 1;
    }
    void updateMissing()
    {
        QFETCH(QString, id);
        QFETCH(int, expectedVersion);
        auto store = open();
        QVERIFY(store);
        mustInsert(*store, sampleAccount(u"alpha"_s));
        Account ghost = sampleAccount(u"ghost"_s);
        ghost.id = id;
        const auto updated = store->updateAccount(ghost, expectedVersion);
        QVERIFY(!updated);
        QCOMPARE(updated.error().kind, ErrorKind::NotFound);
        QVERIFY2(updated.error().message.contains(id), qPrintable(updated.error().message));
        const auto accounts = store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QCOMPARE(accounts->size(), 1);
        QCOMPARE(accounts->first().version, 1);
    }

    void deleteAccount()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        mustInsert(*store, sampleAccount(u"beta"_s));
        QVERIFY(!QTest::currentTestFailed());
        const QString taskError = m_backend->exec(
            u"INSERT INTO provisioning_tasks (id, order_id, status, do_account_id, updated_at) VALUES (?, ?, ?, ?, ?)"_s,
            {QUuid::createUuid().toString(QUuid::WithoutBraces), u"order-1"_s, u"CREATED"_s,
             alpha.id, u"2026-01-01T00:00:00.000Z"_s});
        QVERIFY2(taskError.isEmpty(), qPrintable(taskError));

        DOPOOL_VERIFY_OK(store->deleteAccount(alpha.id));
        const auto gone = store->findAccount(alpha.id);
        QVERIFY(!gone);
        QCOMPARE(gone.error().kind, ErrorKind::NotFound);
        QCOMPARE(gone.error().message, u"no account with id or name '%1'"_s.arg(alpha.id));
        const auto accounts = store->listAccounts();
        DOPOOL_VERIFY_OK(accounts);
        QCOMPARE(accounts->size(), 1);
        QCOMPARE(accounts->first().name, u"beta"_s);
        // The task outlives its account, unlinked.
        const QVariantList links =
            m_backend->column(u"SELECT do_account_id FROM provisioning_tasks"_s);
        QCOMPARE(links.size(), 1);
        QVERIFY(links.first().isNull());

        for (const QString &missing : {alpha.id, u"nope"_s}) {
            const auto again = store->deleteAccount(missing);
            QVERIFY(!again);
            QCOMPARE(again.error().kind, ErrorKind::NotFound);
        }
    }

    void findNotFound_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("unknown uuid") << u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s;
        QTest::newRow("unknown name") << u"nobody"_s;
        QTest::newRow("name in other case") << u"ALPHA"_s;
        QTest::newRow("empty") << QString();
    }
    void findNotFound()
    {
        QFETCH(QString, what);
        auto store = open();
        QVERIFY(store);
        mustInsert(*store, sampleAccount(u"alpha"_s));
        const auto found = store->findAccount(what);
        QVERIFY(!found);
        QCOMPARE(found.error().kind, ErrorKind::NotFound);
        QCOMPARE(found.error().message, u"no account with id or name '%1'"_s.arg(what));
    }

    void fieldLimits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("100-character name") << QString(100, u'n') << u"a@b.c"_s << true;
        QTest::newRow("101-character name") << QString(101, u'n') << u"a@b.c"_s << false;
        QTest::newRow("empty name") << QString() << u"a@b.c"_s << false;
        QTest::newRow("255-character email") << u"n"_s << QString(255, u'e') << true;
        QTest::newRow("256-character email") << u"n"_s << QString(256, u'e') << false;
    }
    void fieldLimits()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(bool, accepted);
        auto store = open();
        QVERIFY(store);
        Account account = sampleAccount(u"x"_s);
        account.name = name;
        account.email = email;
        const auto inserted = store->insertAccount(account);
        QCOMPARE(inserted.ok(), accepted);
        if (!accepted)
            QCOMPARE(inserted.error().kind, ErrorKind::Validation);
    }
};

QTEST_GUILESS_MAIN(TestStoreAccountsContract)
#include "tst_storeaccountscontract.moc"
