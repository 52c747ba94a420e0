// resolvePoolKey: which key a process uses for a pool, on SQLite with an in-memory keychain.
// The same rules against the real gnome-keyring and concurrent processes: tst_clikeychain.
#include "common/Clock.h"
#include "crypto/QtKeychainSecretStore.h"
#include "pool/PoolKey.h"
#include "pool/PoolKeyResolver.h"
#include "store/StoreFactory.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace dopool;

namespace {
EncryptionKey key(char digit)
{
    return *EncryptionKey::fromHex(QString(64, QLatin1Char(digit)));
}

QProcessEnvironment envWith(const QString &encryptionKey = {})
{
    QProcessEnvironment env;
    if (!encryptionKey.isEmpty())
        env.insert(QStringLiteral("ENCRYPTION_KEY"), encryptionKey);
    return env;
}
} // namespace

class TestPoolKeyResolver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock;
    QString m_path;

    std::unique_ptr<AccountStore> openPool(bool fresh = true)
    {
        if (fresh)
            m_path = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128));
        StoreOptions options;
        options.clock = &m_clock;
        options.url = *DatabaseUrl::parse(QStringLiteral("sqlite:") + m_path);
        return std::move(openStore(options).store);
    }

    static std::optional<Result<KeyProvider::Resolved>> resolve(AccountStore &store,
                                                                KeyProvider &provider)
    {
        QObject context;
        std::optional<Result<KeyProvider::Resolved>> outcome;
        resolvePoolKey(store, provider, &context,
                       [&](Result<KeyProvider::Resolved> r) { outcome = std::move(r); });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 5000))
            return std::nullopt;
        return outcome;
    }

    static void addAccount(AccountStore &store, const EncryptionKey &k, const QString &name)
    {
        Account a;
        a.name = name;
        a.email = QStringLiteral("a@example.com");
        a.encryptedToken = *TokenCipher(k).encrypt(QStringLiteral("dop_v1_test"));
        QVERIFY(store.insertAccount(a).ok());
    }

private Q_SLOTS:
    void brandNewPoolGetsItsOwnKey()
    {
        MemorySecretStore keychain;
        // Another pool's key in the old single entry must not be adopted by a new pool.
        keychain.entries.insert(KeyProvider::legacyKeychainEntry(), key('7').toHex());
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value() && r->ok());
        QCOMPARE((*r)->source, KeyProvider::Source::Generated);
        QVERIFY((*r)->key != key('7'));
        const QString fp = (*r)->key.fingerprint();
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), fp);
        // Both keys kept, each under its own name; the old entry is gone only once copied.
        QCOMPARE(keychain.entries.value(KeyProvider::keychainEntry(fp)), (*r)->key.toHex());
        QCOMPARE(keychain.entries.value(KeyProvider::keychainEntry(key('7').fingerprint())),
                 key('7').toHex());
        QVERIFY(!keychain.entries.contains(KeyProvider::legacyKeychainEntry()));

        // Reopened: the same key, from the keychain.
        auto again = openPool(false);
        const auto second = resolve(*again, provider);
        QVERIFY(second.has_value() && second->ok());
        QCOMPARE((*second)->source, KeyProvider::Source::Keychain);
        QCOMPARE((*second)->key, (*r)->key);
    }

    void legacyEntryOfThisPoolIsMigrated()
    {
        MemorySecretStore keychain;
        keychain.entries.insert(KeyProvider::legacyKeychainEntry(), key('3').toHex());
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        QVERIFY(verifyPoolKey(*store, key('3')).ok());
        addAccount(*store, key('3'), QStringLiteral("A"));
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value() && r->ok());
        QCOMPARE((*r)->key, key('3'));
        QCOMPARE(keychain.entries.keys(),
                 QStringList{KeyProvider::keychainEntry(key('3').fingerprint())});
    }

    void tokensWithoutCheckValueAdoptTheLegacyKeyThatOpensThem()
    {
        MemorySecretStore keychain;
        keychain.entries.insert(KeyProvider::legacyKeychainEntry(), key('4').toHex());
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        addAccount(*store, key('4'), QStringLiteral("written by the order-service"));
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value() && r->ok());
        QCOMPARE((*r)->key, key('4'));
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), key('4').fingerprint());
    }

    void tokensThatNoKnownKeyOpensNeedAnImport()
    {
        MemorySecretStore keychain;
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        addAccount(*store, key('5'), QStringLiteral("A"));
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value() && !r->ok());
        QCOMPARE(r->error().kind, ErrorKind::Crypto);
        QVERIFY(r->error().message.contains(QStringLiteral("key import")));
        QCOMPARE(keychain.writes, 0); // nothing generated for a pool that has tokens
    }

    void missingKeyNamesTheFingerprint()
    {
        MemorySecretStore keychain;
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        QVERIFY(verifyPoolKey(*store, key('6')).ok());
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value() && !r->ok());
        QCOMPARE(r->error().kind, ErrorKind::Crypto);
        QVERIFY(r->error().message.contains(key('6').fingerprint()));
        QCOMPARE(keychain.writes, 0);
    }

    void environmentKeyIsVerified()
    {
        MemorySecretStore keychain;
        auto store = openPool();
        KeyProvider first(&keychain, envWith(key('1').toHex()));
        const auto r = resolve(*store, first);
        QVERIFY(r.has_value() && r->ok());
        QCOMPARE((*r)->source, KeyProvider::Source::Environment);
        KeyProvider wrong(&keychain, envWith(key('2').toHex()));
        const auto refused = resolve(*store, wrong);
        QVERIFY(refused.has_value() && !refused->ok());
        QCOMPARE(refused->error().kind, ErrorKind::KeyMismatch);
        QCOMPARE(keychain.accessCount(), 0);
    }

    // Another process claims the new pool between our keychain write and our claim.
    void lostClaimAdoptsTheWinnersKey_data()
    {
        QTest::addColumn<bool>("winnerInKeychain");
        QTest::newRow("winner's key in this keychain") << true;
        QTest::newRow("winner on another machine") << false;
    }
    void lostClaimAdoptsTheWinnersKey()
    {
        QFETCH(bool, winnerInKeychain);
        MemorySecretStore keychain;
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        auto other = openPool(false);
        const EncryptionKey winner = key('9');
        bool claimed = false;
        keychain.afterWrite = [&](const QString &entry) {
            if (claimed || entry == KeyProvider::keychainEntry(winner.fingerprint()))
                return;
            claimed = true;
            if (winnerInKeychain)
                keychain.entries.insert(KeyProvider::keychainEntry(winner.fingerprint()),
                                        winner.toHex());
            QVERIFY(other->setMetaIfAbsent(AccountStore::keyFingerprintMeta(), winner.fingerprint())
                        .ok());
        };
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value());
        if (winnerInKeychain) {
            QVERIFY(r->ok());
            QCOMPARE((*r)->key, winner);
            QCOMPARE((*r)->source, KeyProvider::Source::Keychain);
        } else {
            QVERIFY(!r->ok());
            QCOMPARE(r->error().kind, ErrorKind::KeyMismatch);
            QVERIFY(r->error().message.contains(winner.fingerprint()));
        }
        // The loser's unused key is gone: only the pool's key (if here) remains.
        QCOMPARE(keychain.entries.size(), winnerInKeychain ? 1 : 0);
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), winner.fingerprint());
    }

    void keychainFailureStopsGeneration()
    {
        MemorySecretStore keychain;
        keychain.setWritesFail(true);
        KeyProvider provider(&keychain, envWith());
        auto store = openPool();
        const auto r = resolve(*store, provider);
        QVERIFY(r.has_value() && !r->ok());
        QVERIFY(r->error().message.contains(QStringLiteral("ENCRYPTION_KEY")));
        // Nothing claimed: the next try (with a working keychain) starts afresh.
        QCOMPARE(*store->metaValue(AccountStore::keyFingerprintMeta()), QString());
    }
};

QTEST_GUILESS_MAIN(TestPoolKeyResolver)
#include "tst_poolkeyresolver.moc"
