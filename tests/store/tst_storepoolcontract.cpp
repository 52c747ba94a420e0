// The AccountStore contract for the pool as a whole: metadata, token rewrites, migrations,
// two stores on one database, connections released. Every test function runs on each backend.
#include "StoreFixture.h"

#include <QUuid>
#include <QtTest>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

class TestStorePoolContract : public QObject, public StoreContractFixture
{
    Q_OBJECT

private slots:
    void initTestCase_data() { addBackendRows(); }
    void init() { startBackend(); }
    void cleanup() { stopBackend(); }

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

QTEST_GUILESS_MAIN(TestStorePoolContract)
#include "tst_storepoolcontract.moc"
