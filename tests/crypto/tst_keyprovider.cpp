// KeyProvider against MemorySecretStore and an injected environment: no real keychain.

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
const QString OtherValidHex =
    QStringLiteral("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");

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

// Runs resolve() and waits for its callback (processing events, no sleeping).
std::optional<Result<KeyProvider::Resolved>> resolveAndWait(KeyProvider &provider,
                                                            bool allowGenerate, QObject *context)
{
    std::optional<Result<KeyProvider::Resolved>> outcome;
    int calls = 0;
    provider.resolve(allowGenerate, context, [&](Result<KeyProvider::Resolved> result) {
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

} // namespace

Q_DECLARE_METATYPE(KeyProvider::Source)

class TestKeyProvider : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data();
    void resolve();
    void generatedKeyIsStoredAndFoundAgain();
    void generateFailsWhenKeychainWriteFails();
    void environmentWinsOverKeychain();
    void callbackIsNeverSynchronous_data();
    void callbackIsNeverSynchronous();
    void destroyedContextSuppressesCallback_data();
    void destroyedContextSuppressesCallback();
    void storeInKeychainWritesHex();
    void memoryStoreDeliversAsynchronously();
};

void TestKeyProvider::resolve_data()
{
    QTest::addColumn<bool>("envSet");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<bool>("keychainHasEntry");
    QTest::addColumn<QString>("keychainValue");
    QTest::addColumn<bool>("keychainUnavailable");
    QTest::addColumn<bool>("allowGenerate");
    // Expected outcome: ok with key/source, or a Crypto error containing every needle.
    QTest::addColumn<bool>("expectOk");
    QTest::addColumn<QString>("expectKeyHex");
    QTest::addColumn<KeyProvider::Source>("expectSource");
    QTest::addColumn<QStringList>("expectErrorContains");
    QTest::addColumn<bool>("expectKeychainUntouched");

    const auto env = KeyProvider::Source::Environment;
    const auto keychain = KeyProvider::Source::Keychain;

    QTest::newRow("env valid key") << true << ValidHex << false << QString() << false << false
                                   << true << ValidHex << env << QStringList() << true;
    QTest::newRow("env valid key, surrounding white space")
        << true << (QStringLiteral("  ") + ValidHex + QStringLiteral("\n")) << false << QString()
        << false << false << true << ValidHex << env << QStringList() << true;
    QTest::newRow("env valid key, keychain unavailable")
        << true << ValidHex << false << QString() << true << false << true << ValidHex << env
        << QStringList() << true;
    QTest::newRow("env malformed: too short")
        << true << QStringLiteral("abcdef0123") << true << OtherValidHex << false << true << false
        << QString() << env << QStringList{QStringLiteral("ENCRYPTION_KEY is malformed: ")} << true;
    QTest::newRow("env malformed: too long")
        << true << (ValidHex + QStringLiteral("00")) << true << OtherValidHex << false << true
        << false << QString() << env << QStringList{QStringLiteral("ENCRYPTION_KEY is malformed: ")}
        << true;
    QTest::newRow("env malformed: non-hex")
        << true << (ValidHex.left(62) + QStringLiteral("zz")) << true << OtherValidHex << false
        << true << false << QString() << env
        << QStringList{QStringLiteral("ENCRYPTION_KEY is malformed: ")} << true;
    QTest::newRow("env malformed: empty")
        << true << QString() << true << OtherValidHex << false << true << false << QString() << env
        << QStringList{QStringLiteral("ENCRYPTION_KEY is malformed: ")} << true;
    QTest::newRow("keychain hit") << false << QString() << true << OtherValidHex << false << false
                                  << true << OtherValidHex << keychain << QStringList() << false;
    QTest::newRow("keychain hit, allowGenerate keeps it")
        << false << QString() << true << OtherValidHex << false << true << true << OtherValidHex
        << keychain << QStringList() << false;
    QTest::newRow("keychain corrupt entry")
        << false << QString() << true << QStringLiteral("not a key") << false << true << false
        << QString() << keychain
        << QStringList{QStringLiteral("the key stored in the OS keychain is malformed"),
                       QStringLiteral("dopool-cli key import --key-env VAR")}
        << false;
    QTest::newRow("keychain empty entry")
        << false << QString() << true << QString() << false << false << false << QString()
        << keychain << QStringList{QStringLiteral("the key stored in the OS keychain is malformed")}
        << false;
    QTest::newRow("not found, generate not allowed")
        << false << QString() << false << QString() << false << false << false << QString()
        << keychain
        << QStringList{QStringLiteral("not in your OS keychain"),
                       QStringLiteral("dopool-cli key import --key-env VAR"),
                       QStringLiteral("ENCRYPTION_KEY")}
        << false;
    QTest::newRow("keychain unavailable")
        << false << QString() << false << QString() << true << true << false << QString()
        << keychain
        << QStringList{QStringLiteral("The OS keychain is not available"),
                       QStringLiteral("Set ENCRYPTION_KEY"),
                       QStringLiteral("start a secret service")}
        << false;
}

void TestKeyProvider::resolve()
{
    QFETCH(bool, envSet);
    QFETCH(QString, envValue);
    QFETCH(bool, keychainHasEntry);
    QFETCH(QString, keychainValue);
    QFETCH(bool, keychainUnavailable);
    QFETCH(bool, allowGenerate);
    QFETCH(bool, expectOk);
    QFETCH(QString, expectKeyHex);
    QFETCH(KeyProvider::Source, expectSource);
    QFETCH(QStringList, expectErrorContains);
    QFETCH(bool, expectKeychainUntouched);

    MemorySecretStore store;
    if (keychainHasEntry)
        store.entries.insert(KeyProvider::keychainEntry(), keychainValue);
    store.setUnavailable(keychainUnavailable);
    const auto entriesBefore = store.entries;

    KeyProvider provider(&store, envWith(envSet ? std::optional<QString>(envValue) : std::nullopt));
    QObject context;
    const auto outcome = resolveAndWait(provider, allowGenerate, &context);
    QVERIFY2(outcome.has_value(), "the callback was not invoked exactly once");
    const Result<KeyProvider::Resolved> &result = *outcome;

    if (expectOk) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->source, expectSource);
        QVERIFY(result->key.isValid());
        QCOMPARE(result->key, keyFromHex(expectKeyHex));
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Crypto);
        for (const QString &needle : expectErrorContains)
            QVERIFY2(
                result.error().message.contains(needle),
                qPrintable(QStringLiteral("'%1' not in '%2'").arg(needle, result.error().message)));
        // Never echo the key material.
        if (envSet && envValue.size() >= 8)
            QVERIFY(!result.error().message.contains(envValue.trimmed().left(8)));
    }

    if (expectKeychainUntouched)
        QCOMPARE(store.accessCount(), 0);
    else
        QCOMPARE(store.reads, 1);
    // resolve() without generating never writes.
    QCOMPARE(store.writes, 0);
    QCOMPARE(store.entries, entriesBefore);
}

void TestKeyProvider::generatedKeyIsStoredAndFoundAgain()
{
    MemorySecretStore store;
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;

    const auto first = resolveAndWait(provider, true, &context);
    QVERIFY(first.has_value());
    QVERIFY2(first->ok(), qPrintable(first->ok() ? QString() : first->error().message));
    QCOMPARE((*first)->source, KeyProvider::Source::Generated);
    const EncryptionKey generated = (*first)->key;
    QVERIFY(generated.isValid());
    QCOMPARE(store.reads, 1);
    QCOMPARE(store.writes, 1);
    QCOMPARE(store.entries.value(KeyProvider::keychainEntry()), generated.toHex());

    // The second resolve finds it in the keychain, even when generating would be allowed.
    const auto second = resolveAndWait(provider, true, &context);
    QVERIFY(second.has_value());
    QVERIFY(second->ok());
    QCOMPARE((*second)->source, KeyProvider::Source::Keychain);
    QCOMPARE((*second)->key, generated);
    QCOMPARE(store.writes, 1);

    // And a new provider (a later process) with generating disallowed too.
    KeyProvider later(&store, envWith(std::nullopt));
    const auto third = resolveAndWait(later, false, &context);
    QVERIFY(third.has_value());
    QVERIFY(third->ok());
    QCOMPARE((*third)->source, KeyProvider::Source::Keychain);
    QCOMPARE((*third)->key, generated);
}

void TestKeyProvider::generateFailsWhenKeychainWriteFails()
{
    MemorySecretStore store;
    store.setWritesFail(true);
    KeyProvider provider(&store, envWith(std::nullopt));
    QObject context;

    const auto outcome = resolveAndWait(provider, true, &context);
    QVERIFY(outcome.has_value());
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, ErrorKind::Crypto);
    QVERIFY2(outcome->error().message.contains(QStringLiteral("The OS keychain is locked")),
             qPrintable(outcome->error().message));
    QVERIFY(outcome->error().message.contains(QStringLiteral("ENCRYPTION_KEY")));
    QCOMPARE(store.writes, 1);
    QVERIFY(store.entries.isEmpty());
}

void TestKeyProvider::environmentWinsOverKeychain()
{
    MemorySecretStore store;
    store.entries.insert(KeyProvider::keychainEntry(), OtherValidHex);
    KeyProvider provider(&store, envWith(ValidHex));
    QObject context;

    const auto outcome = resolveAndWait(provider, false, &context);
    QVERIFY(outcome.has_value());
    QVERIFY(outcome->ok());
    QCOMPARE((*outcome)->source, KeyProvider::Source::Environment);
    QCOMPARE((*outcome)->key, keyFromHex(ValidHex));
    QCOMPARE(store.accessCount(), 0);
}

void TestKeyProvider::callbackIsNeverSynchronous_data()
{
    QTest::addColumn<bool>("envSet");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<bool>("keychainHasEntry");
    QTest::addColumn<bool>("keychainUnavailable");
    QTest::addColumn<bool>("allowGenerate");

    QTest::newRow("env valid") << true << ValidHex << false << false << false;
    QTest::newRow("env malformed") << true << QStringLiteral("xyz") << false << false << false;
    QTest::newRow("keychain hit") << false << QString() << true << false << false;
    QTest::newRow("not found") << false << QString() << false << false << false;
    QTest::newRow("generate") << false << QString() << false << false << true;
    QTest::newRow("keychain unavailable") << false << QString() << false << true << true;
}

void TestKeyProvider::callbackIsNeverSynchronous()
{
    QFETCH(bool, envSet);
    QFETCH(QString, envValue);
    QFETCH(bool, keychainHasEntry);
    QFETCH(bool, keychainUnavailable);
    QFETCH(bool, allowGenerate);

    MemorySecretStore store;
    if (keychainHasEntry)
        store.entries.insert(KeyProvider::keychainEntry(), OtherValidHex);
    store.setUnavailable(keychainUnavailable);
    KeyProvider provider(&store, envWith(envSet ? std::optional<QString>(envValue) : std::nullopt));
    QObject context;

    bool called = false;
    provider.resolve(allowGenerate, &context,
                     [&](Result<KeyProvider::Resolved>) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(called, WaitMs);

    bool stored = false;
    provider.storeInKeychain(keyFromHex(ValidHex), &context, [&](Result<void>) { stored = true; });
    QVERIFY(!stored);
    QTRY_VERIFY_WITH_TIMEOUT(stored, WaitMs);
}

void TestKeyProvider::destroyedContextSuppressesCallback_data()
{
    QTest::addColumn<bool>("envSet");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<bool>("keychainHasEntry");
    QTest::addColumn<bool>("allowGenerate");

    QTest::newRow("env valid") << true << ValidHex << false << false;
    QTest::newRow("env malformed") << true << QString() << false << false;
    QTest::newRow("keychain hit") << false << QString() << true << false;
    QTest::newRow("not found") << false << QString() << false << false;
    QTest::newRow("generate") << false << QString() << false << true;
}

void TestKeyProvider::destroyedContextSuppressesCallback()
{
    QFETCH(bool, envSet);
    QFETCH(QString, envValue);
    QFETCH(bool, keychainHasEntry);
    QFETCH(bool, allowGenerate);

    MemorySecretStore store;
    if (keychainHasEntry)
        store.entries.insert(KeyProvider::keychainEntry(), OtherValidHex);
    KeyProvider provider(&store, envWith(envSet ? std::optional<QString>(envValue) : std::nullopt));

    bool called = false;
    auto context = std::make_unique<QObject>();
    provider.resolve(allowGenerate, context.get(),
                     [&](Result<KeyProvider::Resolved>) { called = true; });
    context.reset();

    // A witness resolve on a live context, started afterwards, completes after anything the
    // first one could still deliver.
    QObject alive;
    const auto witness = resolveAndWait(provider, false, &alive);
    QVERIFY(witness.has_value());
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestKeyProvider::storeInKeychainWritesHex()
{
    MemorySecretStore store;
    KeyProvider provider(&store, envWith(ValidHex)); // the environment does not matter here
    QObject context;
    const EncryptionKey key = keyFromHex(ValidHex);

    std::optional<Result<void>> written;
    provider.storeInKeychain(key, &context, [&](Result<void> result) { written = result; });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), WaitMs);
    QVERIFY(written->ok());
    QCOMPARE(store.writes, 1);
    QCOMPARE(store.entries.value(KeyProvider::keychainEntry()), key.toHex());
    QCOMPARE(store.entries.value(KeyProvider::keychainEntry()), ValidHex.toLower());

    // Overwrites (rotate-key).
    const EncryptionKey other = keyFromHex(OtherValidHex);
    written.reset();
    provider.storeInKeychain(other, &context, [&](Result<void> result) { written = result; });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), WaitMs);
    QVERIFY(written->ok());
    QCOMPARE(store.entries.value(KeyProvider::keychainEntry()), OtherValidHex);

    // The keychain's failure is passed on.
    store.setUnavailable(true);
    written.reset();
    provider.storeInKeychain(key, &context, [&](Result<void> result) { written = result; });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), WaitMs);
    QVERIFY(!written->ok());
    QCOMPARE(written->error().kind, ErrorKind::Crypto);
    QVERIFY(written->error().message.contains(QStringLiteral("ENCRYPTION_KEY")));
    QCOMPARE(store.entries.value(KeyProvider::keychainEntry()), OtherValidHex);

    // An invalid key is refused without touching the keychain.
    store.setUnavailable(false);
    const int writesBefore = store.writes;
    written.reset();
    provider.storeInKeychain(EncryptionKey(), &context,
                             [&](Result<void> result) { written = result; });
    QVERIFY(!written.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), WaitMs);
    QVERIFY(!written->ok());
    QCOMPARE(written->error().kind, ErrorKind::Crypto);
    QCOMPARE(store.writes, writesBefore);
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
