// KeyProvider against MemorySecretStore and an injected environment: no real keychain.

#include "TestKeys.h"
#include "crypto/KeyProvider.h"
#include "crypto/QtKeychainSecretStore.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QTest>
#include <memory>
#include <optional>

using namespace dopool;

namespace {

const QString ValidHex =
    QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF");
const QString OtherValidHex = testkeys::hexKey(u"ffeeddccbbaa99887766554433221100");

constexpr int WaitMs = 5000;

EncryptionKey keyFromHex(const QString &hex)
{
    Result<EncryptionKey> key = EncryptionKey::fromHex(hex);
    return key ? key.value() : EncryptionKey();
}

QProcessEnvironment envWith(const std::optional<QString> &encryptionKey)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
    if (encryptionKey)
        env.insert(QStringLiteral("ENCRYPTION_KEY"), *encryptionKey);
    return env;
}

// Runs an asynchronous call and waits for its one callback (processing events, no sleeping).
template <typename T, typename Start> std::optional<T> waitFor(Start start)
{
    std::optional<T> outcome;
    int calls = 0;
    start([&](T result) {
        ++calls;
        outcome = std::move(result);
    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, WaitMs))
        return std::nullopt;
    // A second delivery would be a bug; give it a chance to happen.
    QCoreApplication::processEvents();
    if (calls != 1)
        return std::nullopt;
    return outcome;
}

using Found = Result<std::optional<EncryptionKey>>;

QString entryOf(const QString &hex)
{
    return KeyProvider::keychainEntry(keyFromHex(hex).fingerprint());
}

} // namespace

class TestKeyProvider : public QObject
{
    Q_OBJECT

private slots:
    void environmentKey_data();
    void environmentKey();
    void findInKeychain_data();
    void findInKeychain();
    void entriesAreNamedByFingerprint();
    void legacyEntryIsMigrated();
    void malformedLegacyEntryIsLeftAlone();
    void legacyEntryStaysWhenTheCopyFails();
    void callbacksAreNeverSynchronous();
    void destroyedContextSuppressesCallback();
    void invalidKeyIsNotStored();
    void memoryStoreDeliversAsynchronously();
};

void TestKeyProvider::environmentKey_data()
{
    QTest::addColumn<bool>("set");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("expectOk");

    QTest::newRow("unset") << false << QString() << false;
    QTest::newRow("valid") << true << ValidHex << true;
    QTest::newRow("valid, white space")
        << true << (QStringLiteral("  ") + ValidHex + QStringLiteral("\n")) << true;
    QTest::newRow("too short") << true << QStringLiteral("abcdef0123") << false;
    QTest::newRow("too long") << true << (ValidHex + QStringLiteral("00")) << false;
    QTest::newRow("non-hex") << true << (ValidHex.left(62) + QStringLiteral("zz")) << false;
    QTest::newRow("empty") << true << QString() << false;
}

void TestKeyProvider::environmentKey()
{
    QFETCH(bool, set);
    QFETCH(QString, value);
    QFETCH(bool, expectOk);

    MemorySecretStore store;
    KeyProvider provider(&store, envWith(set ? std::optional<QString>(value) : std::nullopt));
    const auto key = provider.environmentKey();
    QCOMPARE(key.has_value(), set);
    QCOMPARE(store.accessCount(), 0); // the keychain is never asked
    if (!set)
        return;
    QCOMPARE(key->ok(), expectOk);
    if (expectOk) {
        QCOMPARE(key->value(), keyFromHex(ValidHex));
    } else {
        QCOMPARE(key->error().kind, ErrorKind::Crypto);
        QVERIFY(key->error().message.startsWith(QStringLiteral("ENCRYPTION_KEY is malformed: ")));
        if (value.size() >= 8)
            QVERIFY(!key->error().message.contains(value.trimmed().left(8)));
    }
}

void TestKeyProvider::findInKeychain_data()
{
    QTest::addColumn<QString>("entryValue"); // stored under ValidHex's entry; empty: none
    QTest::addColumn<bool>("unavailable");
    QTest::addColumn<int>("expect"); // 0 found, 1 absent, 2 error
    QTest::addColumn<QString>("errorNeedle");

    QTest::newRow("hit") << ValidHex << false << 0 << QString();
    QTest::newRow("absent") << QString() << false << 1 << QString();
    QTest::newRow("another key under this name")
        << OtherValidHex << false << 2 << QStringLiteral("is damaged");
    QTest::newRow("malformed") << QStringLiteral("not a key") << false << 2
                               << QStringLiteral("key import");
    QTest::newRow("unavailable") << QString() << true << 2
                                 << QStringLiteral("The OS keychain is not available");
}

void TestKeyProvider::findInKeychain()
{
    QFETCH(QString, entryValue);
    QFETCH(bool, unavailable);
    QFETCH(int, expect);
    QFETCH(QString, errorNeedle);

    MemorySecretStore store;
    if (!entryValue.isEmpty())
        store.entries.insert(entryOf(ValidHex), entryValue);
    store.setUnavailable(unavailable);
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;
    const QString fingerprint = keyFromHex(ValidHex).fingerprint();
    const auto found =
        waitFor<Found>([&](auto done) { provider.findInKeychain(fingerprint, &context, done); });
    QVERIFY2(found.has_value(), "the callback was not invoked exactly once");
    switch (expect) {
    case 0:
        QVERIFY(found->ok());
        QVERIFY(found->value().has_value());
        QCOMPARE(*found->value(), keyFromHex(ValidHex));
        break;
    case 1:
        QVERIFY(found->ok());
        QVERIFY(!found->value().has_value());
        break;
    default:
        QVERIFY(!found->ok());
        QCOMPARE(found->error().kind, ErrorKind::Crypto);
        QVERIFY2(found->error().message.contains(errorNeedle), qPrintable(found->error().message));
        QVERIFY(!found->error().message.contains(OtherValidHex.left(16)));
    }
    QCOMPARE(store.writes, 0);
}

void TestKeyProvider::entriesAreNamedByFingerprint()
{
    MemorySecretStore store;
    KeyProvider provider(&store, envWith(ValidHex)); // the environment does not matter here
    QObject context;
    for (const QString &hex : {ValidHex, OtherValidHex}) {
        const auto written = waitFor<Result<void>>(
            [&](auto done) { provider.storeInKeychain(keyFromHex(hex), &context, done); });
        QVERIFY(written.has_value() && written->ok());
    }
    // Two keys, two entries: storing one never replaces the other.
    QCOMPARE(store.entries.size(), 2);
    QCOMPARE(store.entries.value(entryOf(ValidHex)), ValidHex.toLower());
    QCOMPARE(store.entries.value(entryOf(OtherValidHex)), OtherValidHex);
    QVERIFY(entryOf(ValidHex).startsWith(QStringLiteral("pool-key-")));

    const auto removed = waitFor<Result<void>>([&](auto done) {
        provider.removeFromKeychain(keyFromHex(ValidHex).fingerprint(), &context, done);
    });
    QVERIFY(removed.has_value() && removed->ok());
    QCOMPARE(store.entries.keys(), QStringList{entryOf(OtherValidHex)});
}

void TestKeyProvider::legacyEntryIsMigrated()
{
    MemorySecretStore store;
    store.entries.insert(KeyProvider::legacyKeychainEntry(), OtherValidHex);
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;
    const auto migrated =
        waitFor<Found>([&](auto done) { provider.migrateLegacyEntry(&context, done); });
    QVERIFY(migrated.has_value() && migrated->ok());
    QCOMPARE(migrated->value(), std::optional<EncryptionKey>(keyFromHex(OtherValidHex)));
    QCOMPARE(store.entries.keys(), QStringList{entryOf(OtherValidHex)});
    QCOMPARE(store.entries.value(entryOf(OtherValidHex)), OtherValidHex);

    // Nothing left to migrate the second time.
    const auto again =
        waitFor<Found>([&](auto done) { provider.migrateLegacyEntry(&context, done); });
    QVERIFY(again.has_value() && again->ok());
    QVERIFY(!again->value().has_value());
    QCOMPARE(store.entries.size(), 1);
}

void TestKeyProvider::malformedLegacyEntryIsLeftAlone()
{
    MemorySecretStore store;
    store.entries.insert(KeyProvider::legacyKeychainEntry(), QStringLiteral("garbage"));
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;
    const auto migrated =
        waitFor<Found>([&](auto done) { provider.migrateLegacyEntry(&context, done); });
    QVERIFY(migrated.has_value() && migrated->ok());
    QVERIFY(!migrated->value().has_value());
    QCOMPARE(store.entries.value(KeyProvider::legacyKeychainEntry()), QStringLiteral("garbage"));
    QCOMPARE(store.writes + store.removes, 0);
}

void TestKeyProvider::legacyEntryStaysWhenTheCopyFails()
{
    MemorySecretStore store;
    store.entries.insert(KeyProvider::legacyKeychainEntry(), ValidHex);
    store.setWritesFail(true); // a locked keyring: reads work, writes do not
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;
    const auto migrated =
        waitFor<Found>([&](auto done) { provider.migrateLegacyEntry(&context, done); });
    QVERIFY(migrated.has_value());
    QVERIFY(!migrated->ok());
    QVERIFY(migrated->error().message.contains(QStringLiteral("The OS keychain is locked")));
    QCOMPARE(store.entries.value(KeyProvider::legacyKeychainEntry()), ValidHex);
    QCOMPARE(store.removes, 0);
}

void TestKeyProvider::callbacksAreNeverSynchronous()
{
    MemorySecretStore store;
    store.entries.insert(KeyProvider::legacyKeychainEntry(), ValidHex);
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;
    const EncryptionKey key = keyFromHex(ValidHex);

    bool migrated = false, found = false, stored = false, removed = false;
    provider.migrateLegacyEntry(&context, [&](Found) { migrated = true; });
    provider.findInKeychain(key.fingerprint(), &context, [&](Found) { found = true; });
    provider.storeInKeychain(key, &context, [&](Result<void>) { stored = true; });
    provider.removeFromKeychain(QStringLiteral("0000-0000-0000-0000"), &context,
                                [&](Result<void>) { removed = true; });
    QVERIFY(!migrated && !found && !stored && !removed);
    QTRY_VERIFY_WITH_TIMEOUT(migrated && found && stored && removed, WaitMs);
}

void TestKeyProvider::destroyedContextSuppressesCallback()
{
    MemorySecretStore store;
    store.entries.insert(KeyProvider::legacyKeychainEntry(), ValidHex);
    KeyProvider provider(&store, envWith(std::nullopt));
    bool called = false;
    auto context = std::make_unique<QObject>();
    provider.migrateLegacyEntry(context.get(), [&](Found) { called = true; });
    provider.findInKeychain(keyFromHex(ValidHex).fingerprint(), context.get(),
                            [&](Found) { called = true; });
    context.reset();

    // A witness call on a live context, started afterwards, completes after anything the
    // first ones could still deliver.
    QObject alive;
    const auto witness = waitFor<Found>([&](auto done) {
        provider.findInKeychain(keyFromHex(OtherValidHex).fingerprint(), &alive, done);
    });
    QVERIFY(witness.has_value());
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestKeyProvider::invalidKeyIsNotStored()
{
    MemorySecretStore store;
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;
    const auto written = waitFor<Result<void>>(
        [&](auto done) { provider.storeInKeychain(EncryptionKey(), &context, done); });
    QVERIFY(written.has_value());
    QVERIFY(!written->ok());
    QCOMPARE(written->error().kind, ErrorKind::Crypto);
    QCOMPARE(store.writes, 0);
}

void TestKeyProvider::memoryStoreDeliversAsynchronously()
{
    MemorySecretStore store;
    QObject context;

    bool wrote = false;
    store.write(QStringLiteral("a"), QStringLiteral("1"), &context, [&](Result<void> r) {
        QVERIFY(r.ok());
        wrote = true;
    });
    QVERIFY(!wrote);
    QTRY_VERIFY(wrote);

    std::optional<Result<std::optional<QString>>> read;
    store.read(QStringLiteral("a"), &context, [&](Result<std::optional<QString>> r) { read = r; });
    QVERIFY(!read.has_value());
    QTRY_VERIFY(read.has_value());
    QVERIFY(read->ok());
    QCOMPARE(read->value(), std::optional<QString>(QStringLiteral("1")));

    bool removed = false;
    store.remove(QStringLiteral("a"), &context, [&](Result<void> r) {
        QVERIFY(r.ok());
        removed = true;
    });
    QVERIFY(!removed);
    QTRY_VERIFY(removed);

    read.reset();
    store.read(QStringLiteral("a"), &context, [&](Result<std::optional<QString>> r) { read = r; });
    QTRY_VERIFY(read.has_value());
    QVERIFY(read->ok());
    QVERIFY(!read->value().has_value());

    // Removing a missing entry is fine.
    removed = false;
    store.remove(QStringLiteral("a"), &context, [&](Result<void> r) {
        QVERIFY(r.ok());
        removed = true;
    });
    QTRY_VERIFY(removed);
    QCOMPARE(store.reads, 2);
    QCOMPARE(store.writes, 1);
    QCOMPARE(store.removes, 2);
}

QTEST_GUILESS_MAIN(TestKeyProvider)
#include "tst_keyprovider.moc"
