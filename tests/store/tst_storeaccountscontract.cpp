// The AccountStore contract for accounts and the pool as a whole: CRUD, names, the single
// primary, optimistic versions, field limits; metadata, token rewrites, migrations, two stores
// on one database, connections released. Every test function runs on each backend
// (initTestCase_data: sqlite, postgresql).
#include "StoreFixture.h"

#include <QTest>
#include <QUuid>

namespace dopool::testing {

class TestStoreAccountsContract : public StoreContractFixture
{
    Q_OBJECT

private slots:
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
        for (const QString &key : QStringList{id, u"alpha"_s}) {
            const auto found = store->findAccount(key);
            DOPOOL_VERIFY_OK(found);
            QCOMPARE(found->id, id);
            QCOMPARE(found->createdAt, t1);
            QCOMPARE(found->version, 1);
            compareContent(*found, sample);
        }
        // An id only exactly as stored: another spelling is a name (issue #24), so a name can
        // never be taken for another account's id.
        for (const QString &key : QStringList{id.toUpper(), QString(u"{"_s + id + u"}"_s)}) {
            const auto found = store->findAccount(key);
            QVERIFY(!found.ok());
            QCOMPARE(found.error().kind, ErrorKind::NotFound);
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

    // --- the pool as a whole ---

    void metaFirstWriterWins()
    {
        auto first = open();
        auto second = open();
        QVERIFY(first && second);
        const QString key = u"test_key"_s;
        auto value = first->metaValue(key);
        DOPOOL_VERIFY_OK(value);
        QCOMPARE(*value, QString());
        value = first->setMetaIfAbsent(key, u"first"_s);
        DOPOOL_VERIFY_OK(value);
        QCOMPARE(*value, u"first"_s);
        value = second->setMetaIfAbsent(key, u"second"_s);
        DOPOOL_VERIFY_OK(value);
        QCOMPARE(*value, u"first"_s);
        value = second->metaValue(key);
        DOPOOL_VERIFY_OK(value);
        QCOMPARE(*value, u"first"_s);
        value = second->setMetaIfAbsent(u"other"_s, u"x"_s);
        DOPOOL_VERIFY_OK(value);
        QCOMPARE(*value, u"x"_s);
    }

    void rewriteTokens_data()
    {
        QTest::addColumn<int>("accounts");
        QTest::newRow("three accounts") << 3;
        QTest::newRow("empty pool") << 0;
    }
    void rewriteTokens()
    {
        QFETCH(int, accounts);
        auto store = open();
        QVERIFY(store);
        QList<Account> before;
        for (int i = 0; i < accounts; ++i) {
            before << mustInsert(*store, sampleAccount(u"acct%1"_s.arg(i)));
            clock.advance(1000);
        }
        QVERIFY(!QTest::currentTestFailed());
        DOPOOL_VERIFY_OK(store->setMetaIfAbsent(AccountStore::keyFingerprintMeta(), u"old-fp"_s));
        clock.advance(5000);

        QStringList seen;
        const auto rewritten = store->rewriteAllTokens(
            [&seen](const Account &a) -> Result<QString> {
                seen << a.name;
                return QString(u"re:"_s + a.encryptedToken);
            },
            u"old-fp"_s, u"new-fp"_s);
        DOPOOL_VERIFY_OK(rewritten);
        QCOMPARE(*rewritten, accounts);
        QCOMPARE(seen.size(), accounts);
        const auto after = store->listAccounts();
        DOPOOL_VERIFY_OK(after);
        QCOMPARE(after->size(), accounts);
        for (int i = 0; i < accounts; ++i) {
            QCOMPARE(after->at(i).id, before.at(i).id);
            QCOMPARE(after->at(i).encryptedToken, u"re:"_s + before.at(i).encryptedToken);
            QCOMPARE(after->at(i).version, 2);
            QCOMPARE(after->at(i).updatedAt, clock.now());
        }
        const auto fingerprint = store->metaValue(AccountStore::keyFingerprintMeta());
        DOPOOL_VERIFY_OK(fingerprint);
        QCOMPARE(*fingerprint, u"new-fp"_s);
    }

    void rewriteTokensFailureRollsBack()
    {
        auto store = open();
        QVERIFY(store);
        for (const QString &name : {u"a"_s, u"b"_s, u"c"_s}) {
            mustInsert(*store, sampleAccount(name));
            clock.advance(1000);
        }
        QVERIFY(!QTest::currentTestFailed());
        DOPOOL_VERIFY_OK(store->setMetaIfAbsent(AccountStore::keyFingerprintMeta(), u"old-fp"_s));
        const auto before = store->listAccounts();
        DOPOOL_VERIFY_OK(before);
        clock.advance(5000);

        int calls = 0;
        const auto failed = store->rewriteAllTokens(
            [&calls](const Account &a) -> Result<QString> {
                if (++calls == 2)
                    return makeError(ErrorKind::Crypto,
                                     u"cannot decrypt the token of %1"_s.arg(a.name));
                return QString(u"re:"_s + a.encryptedToken);
            },
            u"old-fp"_s, u"new-fp"_s);
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind, ErrorKind::Crypto);
        QCOMPARE(failed.error().message, u"cannot decrypt the token of b"_s);
        QCOMPARE(calls, 2);

        const auto after = store->listAccounts();
        DOPOOL_VERIFY_OK(after);
        QCOMPARE(after->size(), before->size());
        for (qsizetype i = 0; i < after->size(); ++i) {
            QCOMPARE(after->at(i).encryptedToken, before->at(i).encryptedToken);
            QCOMPARE(after->at(i).version, before->at(i).version);
            QCOMPARE(after->at(i).updatedAt, before->at(i).updatedAt);
        }
        const auto fingerprint = store->metaValue(AccountStore::keyFingerprintMeta());
        DOPOOL_VERIFY_OK(fingerprint);
        QCOMPARE(*fingerprint, u"old-fp"_s);

        // The connection is clean afterwards: the next rewrite works.
        const auto retried = store->rewriteAllTokens(
            [](const Account &a) -> Result<QString> { return a.encryptedToken; }, u"old-fp"_s,
            u"new-fp"_s);
        DOPOOL_VERIFY_OK(retried);
        QCOMPARE(*retried, 3);
    }

    void migrations()
    {
        QList<int> expected;
        for (const Migration &m : schemaMigrations()) {
            QVERIFY(!m.description.isEmpty());
            // A step may be PostgreSQL-only (triggers for the change feed), never empty.
            QVERIFY(!m.sqlite.isEmpty() || !m.postgres.isEmpty());
            if (!expected.isEmpty())
                QCOMPARE(m.version, expected.last() + 1);
            expected << m.version;
        }
        QCOMPARE(expected.last(), latestSchemaVersion());

        auto store = open();
        QVERIFY(store);
        mustInsert(*store, sampleAccount(u"alpha"_s));
        store.reset();
        for (int round = 0; round < 3; ++round) {
            QList<int> applied;
            for (const QVariant &v : m_backend->column(
                     u"SELECT version FROM dopool_schema_migrations ORDER BY version"_s))
                applied << v.toInt();
            QCOMPARE(applied, expected);
            store = open(); // re-running on a current schema changes nothing
            QVERIFY(store);
            const auto accounts = store->listAccounts();
            DOPOOL_VERIFY_OK(accounts);
            QCOMPARE(accounts->size(), 1);
            store.reset();
        }
    }

    void newerSchemaRefused()
    {
        QVERIFY(open());
        QCOMPARE(storeConnectionCount(), 0);
        const QString inserted = m_backend->exec(
            u"INSERT INTO dopool_schema_migrations (version, description) VALUES (?, ?)"_s,
            {999, u"from the future"_s});
        QVERIFY2(inserted.isEmpty(), qPrintable(inserted));
        const OpenResult opened = openStore(options());
        QVERIFY(!opened.store);
        QCOMPARE(opened.failure.error.kind, ErrorKind::Store);
        QVERIFY(!opened.failure.isAuthFailure);
        QCOMPARE(
            opened.failure.error.message,
            u"the database schema is version 999, newer than this dopool (which knows up to %1); upgrade dopool"_s
                .arg(latestSchemaVersion()));
        QCOMPARE(storeConnectionCount(), 0); // a failed open leaves no connection behind
    }

    void twoStoresShareThePool()
    {
        auto first = open();
        auto second = open();
        QVERIFY(first && second);
        const Account alpha = mustInsert(*first, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        auto seen = second->findAccount(u"alpha"_s);
        DOPOOL_VERIFY_OK(seen);
        seen->email = u"second@example.com"_s;
        DOPOOL_VERIFY_OK(second->updateAccount(*seen, seen->version));
        Account stale = alpha;
        stale.email = u"first@example.com"_s;
        const auto conflict = first->updateAccount(stale, stale.version);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().kind, ErrorKind::Conflict);
        const auto now = first->findAccount(alpha.id);
        DOPOOL_VERIFY_OK(now);
        QCOMPARE(now->email, u"second@example.com"_s);
    }

    void connectionsRemoved()
    {
        QCOMPARE(storeConnectionCount(), 0);
        auto first = open();
        auto second = open();
        QVERIFY(first && second);
        QCOMPARE(storeConnectionCount(), 2);
        first.reset();
        QCOMPARE(storeConnectionCount(), 1);
        second.reset();
        QCOMPARE(storeConnectionCount(), 0);
    }
};

} // namespace dopool::testing

QTEST_GUILESS_MAIN(dopool::testing::TestStoreAccountsContract)
#include "tst_storeaccountscontract.moc"
