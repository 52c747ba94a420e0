// One pool, one key: the key check value, adoption by a store without one, and key rotation
// that changes nothing when it fails midway — on SQLite and on the real PostgreSQL.
#include "TestPostgres.h"
#include "VerifyOk.h"
#include "common/Clock.h"
#include "pool/PoolKey.h"
#include "store/StoreFactory.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace dopool;

namespace {
EncryptionKey key(char digit)
{
    return *EncryptionKey::fromHex(QString(64, QLatin1Char(digit)));
}
} // namespace

class TestPoolKey : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<testing::TestPostgres> m_pg;
    QString m_lastSqlite;

    std::unique_ptr<AccountStore> openBackend(const QString &backend)
    {
        StoreOptions options;
        options.clock = &m_clock;
        if (backend == QLatin1String("sqlite")) {
            m_lastSqlite = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128));
            options.url = *DatabaseUrl::parse(QStringLiteral("sqlite:") + m_lastSqlite);
        } else {
            m_pg = std::make_unique<testing::TestPostgres>();
            if (!m_pg->isValid())
                return nullptr;
            options.url = m_pg->url();
        }
        return std::move(openStore(options).store);
    }

    // A second connection to the database of the last openBackend(): another process's view.
    std::unique_ptr<AccountStore> openSecond(const AccountStore &first)
    {
        StoreOptions options;
        options.clock = &m_clock;
        options.url = m_pg && first.backendName() == QLatin1String("postgresql")
                          ? m_pg->url()
                          : *DatabaseUrl::parse(QStringLiteral("sqlite:") + m_lastSqlite);
        return std::move(openStore(options).store);
    }

    static void addBackendRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    static Account accountWith(const TokenCipher &cipher, const QString &name, const QString &token)
    {
        Account a;
        a.name = name;
        a.email = name + QStringLiteral("@example.com");
        a.encryptedToken = *cipher.encrypt(token);
        return a;
    }

// Opens the backend of the row (its tag: "sqlite" or "postgresql") as var; a postgresql row
// without a server skips (fails under DOPOOL_REQUIRE_PG=1).
#define OPEN_BACKEND(var)                                                                          \
    if (qstrcmp(QTest::currentDataTag(), "postgresql") == 0) {                                     \
        DOPOOL_NEED_POSTGRES_SERVER()                                                              \
    }                                                                                              \
    auto var = openBackend(QString::fromLatin1(QTest::currentDataTag()));                          \
    QVERIFY2(var, "cannot open the row's backend")

private Q_SLOTS:
    void cleanup()
    {
        m_pg.reset();
    }

    void brandNewPoolAdoptsFirstKey_data()
    {
        addBackendRows();
    }
    void brandNewPoolAdoptsFirstKey()
    {
        OPEN_BACKEND(store);
        QCOMPARE(*poolIsBrandNew(*store), true);
        QVERIFY(verifyPoolKey(*store, key('1')).ok());
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), key('1').fingerprint());
        QCOMPARE(*poolIsBrandNew(*store), false);
        const auto refused = verifyPoolKey(*store, key('2'));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::KeyMismatch);
        QVERIFY(refused.error().message.contains(key('1').fingerprint()));
        QVERIFY(refused.error().message.contains(key('2').fingerprint()));
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), key('1').fingerprint());
    }

    void rotationFailingMidwayChangesNothing_data()
    {
        addBackendRows();
    }
    void rotationFailingMidwayChangesNothing()
    {
        OPEN_BACKEND(store);
        const TokenCipher oldCipher(key('a'));
        const TokenCipher newCipher(key('b'));
        QVERIFY(verifyPoolKey(*store, oldCipher.key()).ok());
        QStringList tokens;
        for (int i = 0; i < 5; ++i) {
            tokens << QStringLiteral("dop_v1_fake%1").arg(i, 58, 10, QLatin1Char('0'));
            QVERIFY(store
                        ->insertAccount(
                            accountWith(oldCipher, QStringLiteral("acct-%1").arg(i), tokens.last()))
                        .ok());
        }
        const auto before = *store->listAccounts();

        int seen = 0;
        const auto failed =
            rotatePoolKey(*store, oldCipher, newCipher, [&seen](const Account &) -> Result<void> {
                if (++seen == 3)
                    return makeError(ErrorKind::Store,
                                     QStringLiteral("injected failure on the third row"));
                return {};
            });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().message, QStringLiteral("injected failure on the third row"));

        // Every row still decrypts with the old key and is byte-for-byte what it was.
        const auto after = *store->listAccounts();
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < after.size(); ++i) {
            QCOMPARE(after.at(i).encryptedToken, before.at(i).encryptedToken);
            QCOMPARE(*decryptAccountToken(oldCipher, after.at(i)), tokens.at(i));
            QVERIFY(!newCipher.decrypt(after.at(i).encryptedToken).ok());
        }
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()),
                 oldCipher.key().fingerprint());
        QVERIFY(verifyPoolKey(*store, oldCipher.key()).ok());

        // The same rotation without the fault succeeds completely.
        const auto rotated = rotatePoolKey(*store, oldCipher, newCipher);
        DOPOOL_VERIFY_OK(rotated);
        QCOMPARE(*rotated, 5);
        const auto rotatedRows = *store->listAccounts();
        for (qsizetype i = 0; i < rotatedRows.size(); ++i)
            QCOMPARE(*decryptAccountToken(newCipher, rotatedRows.at(i)), tokens.at(i));
        QVERIFY(verifyPoolKey(*store, newCipher.key()).ok());
        QCOMPARE(verifyPoolKey(*store, oldCipher.key()).error().kind, ErrorKind::KeyMismatch);
    }

    void damagedTokenStopsRotation_data()
    {
        addBackendRows();
    }
    void damagedTokenStopsRotation()
    {
        OPEN_BACKEND(store);
        const TokenCipher oldCipher(key('c'));
        QVERIFY(verifyPoolKey(*store, oldCipher.key()).ok());
        QVERIFY(store
                    ->insertAccount(accountWith(oldCipher, QStringLiteral("good"),
                                                QStringLiteral("dop_v1_good")))
                    .ok());
        Account bad =
            accountWith(oldCipher, QStringLiteral("tampered"), QStringLiteral("dop_v1_bad"));
        bad.encryptedToken[40] =
            bad.encryptedToken.at(40) == u'0' ? u'1' : u'0'; // flip a tag nibble
        QVERIFY(store->insertAccount(bad).ok());
        const auto failed = rotatePoolKey(*store, oldCipher, TokenCipher(key('d')));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, ErrorKind::Crypto);
        QVERIFY2(failed.error().message.contains(QStringLiteral("tampered")),
                 qPrintable(failed.error().message));
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()),
                 oldCipher.key().fingerprint());
    }

    // A process that opened the pool before another rotated its key writes nothing more.
    void writesAreFencedByThePoolKey_data()
    {
        addBackendRows();
    }
    void writesAreFencedByThePoolKey()
    {
        OPEN_BACKEND(stale);
        const TokenCipher oldCipher(key('a'));
        const TokenCipher newCipher(key('b'));
        QVERIFY(verifyPoolKey(*stale, oldCipher.key()).ok());
        stale->setWriterKeyFingerprint(oldCipher.key().fingerprint());
        const auto first = stale->insertAccount(
            accountWith(oldCipher, QStringLiteral("one"), QStringLiteral("t1")));
        QVERIFY(first.ok());

        auto rotator = openSecond(*stale);
        QVERIFY(rotator);
        QCOMPARE(*rotatePoolKey(*rotator, oldCipher, newCipher), 1);

        const auto added = stale->insertAccount(
            accountWith(oldCipher, QStringLiteral("two"), QStringLiteral("t2")));
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, ErrorKind::KeyMismatch);
        QVERIFY2(added.error().message.contains(newCipher.key().fingerprint()),
                 qPrintable(added.error().message));
        // An edit of the row as it read it before the rotation (old ciphertext) is refused too.
        Account edited = *first;
        edited.email = QStringLiteral("changed@example.com");
        const auto updated = stale->updateAccount(edited);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error().kind, ErrorKind::KeyMismatch);

        const auto rows = *rotator->listAccounts();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().email, first->email);
        QCOMPARE(*decryptAccountToken(newCipher, rows.first()), QStringLiteral("t1"));

        // With the new key the same process writes again.
        stale->setWriterKeyFingerprint(newCipher.key().fingerprint());
        QVERIFY(
            stale
                ->insertAccount(accountWith(newCipher, QStringLiteral("two"), QStringLiteral("t2")))
                .ok());
        // A session without a key writes no account at all.
        stale->setWriterKeyFingerprint(QString());
        QCOMPARE(stale
                     ->insertAccount(
                         accountWith(newCipher, QStringLiteral("three"), QStringLiteral("t3")))
                     .error()
                     .kind,
                 ErrorKind::KeyMismatch);
    }

    void rotationNeedsThePoolsCurrentKey_data()
    {
        addBackendRows();
    }
    void rotationNeedsThePoolsCurrentKey()
    {
        OPEN_BACKEND(store);
        QVERIFY(verifyPoolKey(*store, key('a')).ok());
        // Two rotations from the same key: the second finds the key changed under it.
        QVERIFY(rotatePoolKey(*store, TokenCipher(key('a')), TokenCipher(key('b'))).ok());
        const auto late = rotatePoolKey(*store, TokenCipher(key('a')), TokenCipher(key('c')));
        QVERIFY(!late.ok());
        QCOMPARE(late.error().kind, ErrorKind::KeyMismatch);
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), key('b').fingerprint());
    }

    // On PostgreSQL an INSERT is not blocked by the rotation's row locks: the fence (key check
    // value FOR SHARE) makes a writer wait for a rotation in progress and then refuse.
    void writerWaitsForRotationInProgress()
    {
        DOPOOL_TEST_POSTGRES(pg);
        StoreOptions options;
        options.clock = &m_clock;
        options.url = pg.url();
        auto setup = std::move(openStore(options).store);
        QVERIFY(setup);
        const TokenCipher oldCipher(key('a'));
        QVERIFY(verifyPoolKey(*setup, oldCipher.key()).ok());

        QSqlDatabase rotation = pg.connection();
        QSqlQuery q(rotation);
        QVERIFY(rotation.transaction());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT value FROM dopool_meta WHERE key = 'key_fingerprint' FOR UPDATE")));

        std::optional<Result<Account>> outcome;
        QThread *writer = QThread::create([&] {
            auto store = std::move(openStore(options).store);
            if (!store)
                return;
            store->setWriterKeyFingerprint(oldCipher.key().fingerprint());
            outcome = store->insertAccount(
                accountWith(oldCipher, QStringLiteral("late"), QStringLiteral("t")));
        });
        writer->start();
        // The writer is waiting on the key check value's lock.
        QTRY_VERIFY_WITH_TIMEOUT(
            pg.adminColumn(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                          "? AND wait_event_type = 'Lock'"),
                           {pg.databaseName()})
                    .value(0)
                    .toInt() > 0,
            30000);
        QVERIFY(q.exec(QStringLiteral("UPDATE dopool_meta SET value = '%1' WHERE key = "
                                      "'key_fingerprint'")
                           .arg(key('b').fingerprint())));
        QVERIFY(rotation.commit());
        QVERIFY(writer->wait(30000));
        delete writer;
        QVERIFY(outcome.has_value());
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error().kind, ErrorKind::KeyMismatch);
        QCOMPARE(setup->listAccounts()->size(), 0);
    }

    void existingTokensDecideAdoption_data()
    {
        addBackendRows();
    }
    void existingTokensDecideAdoption()
    {
        OPEN_BACKEND(store);
        // Rows written by the order-service with key e; no check value yet.
        const TokenCipher orderService(key('e'));
        QVERIFY(store
                    ->insertAccount(accountWith(orderService, QStringLiteral("legacy"),
                                                QStringLiteral("dop_v1_x")))
                    .ok());
        QCOMPARE(*poolIsBrandNew(*store), false);
        const auto wrong = verifyPoolKey(*store, key('f'));
        QCOMPARE(wrong.error().kind, ErrorKind::KeyMismatch);
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), QString());
        QVERIFY(verifyPoolKey(*store, key('e')).ok());
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), key('e').fingerprint());
    }
};

QTEST_GUILESS_MAIN(TestPoolKey)
#include "tst_poolkey.moc"
