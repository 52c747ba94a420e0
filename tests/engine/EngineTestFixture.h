#pragma once

// Test-only, header-only (one tst_*.cpp per executable): an engine on real parts - the real
// DoApiClient over loopback HTTP to a real FakeDoServer, a TokenCipher with a fixed test key
// and a ManualClock - on a MemoryStore, or on a SQLite store in a temporary directory (or
// another database) for a test that needs the database's own semantics; plus helpers to add
// an account to both the store and the fake at once.

#include "VerifyOk.h"
#include "api/DoApiClient.h"
#include "common/Clock.h"
#include "crypto/TokenCipher.h"
#include "engine/EngineContext.h"
#include "fakedo/FakeDoServer.h"
#include "store/MemoryStore.h"
#include "store/StoreFactory.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

Q_DECLARE_METATYPE(dopool::AccountHealth)
Q_DECLARE_METATYPE(dopool::api::ApiErrorKind)

namespace dopool::testing {

// A made-up token in DO's format (never a real one), distinct per n and random-looking, so
// a test can search logs for it.
inline QString fakeToken(int n)
{
    const QByteArray seed = QByteArrayLiteral("dopool engine test token ") + QByteArray::number(n);
    return QStringLiteral("dop_v1_") +
           QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
}

// Quick failures: a hang costs timeoutMs per try, two tries, retries after 10-20 ms.
inline api::ClientOptions fastClientOptions()
{
    api::ClientOptions options;
    options.timeoutMs = 1000;
    options.maxTries = 2;
    options.backoffBaseMs = 10;
    options.backoffMaxMs = 20;
    options.networkManagers = 4;
    return options;
}

class EngineFixture
{
public:
    QTemporaryDir dir;
    ManualClock clock;
    // The store: in memory, unless onDatabase or databaseUrl is set before setUp().
    std::unique_ptr<MemoryStore> memoryStore;
    std::unique_ptr<AccountStore> databaseStore;
    // Its roles, whichever it is.
    AccountRecords *accounts = nullptr;
    CapacityLedger *capacity = nullptr;
    TaskLog *tasks = nullptr;
    AlertLog *alerts = nullptr;
    std::optional<TokenCipher> cipher;
    std::unique_ptr<fakedo::FakeDoServer> server;
    std::unique_ptr<api::DoApiClient> api;
    engine::EngineSettings settings;
    // A SQLite file in dir, or databaseUrl when set (e.g. a TestPostgres).
    bool onDatabase = false;
    std::optional<DatabaseUrl> databaseUrl;

    // Records a test failure and returns false when something does not start.
    bool setUp(api::ClientOptions options = fastClientOptions())
    {
        if (!dir.isValid()) {
            QTest::qFail("no temporary directory", __FILE__, __LINE__);
            return false;
        }
        if (!openStore())
            return false;
        cipher.emplace(EncryptionKey::fromBytes(QByteArray(32, '\x5a')));
        server = std::make_unique<fakedo::FakeDoServer>(clock);
        if (!server->listen()) {
            QTest::qFail("the fake DO server does not listen", __FILE__, __LINE__);
            return false;
        }
        api = std::make_unique<api::DoApiClient>(server->baseUrl(), options);
        return true;
    }

    bool openStore()
    {
        if (!onDatabase && !databaseUrl) {
            memoryStore = std::make_unique<MemoryStore>(&clock);
            useRoles(*memoryStore);
            return true;
        }
        StoreOptions storeOptions;
        storeOptions.url.kind = DatabaseUrl::Kind::Sqlite;
        storeOptions.url.path = dir.filePath(QStringLiteral("pool.sqlite"));
        if (databaseUrl)
            storeOptions.url = *databaseUrl;
        storeOptions.clock = &clock;
        OpenResult opened = dopool::openStore(storeOptions);
        if (!opened.store) {
            QTest::qFail(qPrintable(opened.failure.error.message), __FILE__, __LINE__);
            return false;
        }
        databaseStore = std::move(opened.store);
        useRoles(*databaseStore);
        return true;
    }

    template <typename Store> void useRoles(Store &store)
    {
        accounts = &store;
        capacity = &store;
        tasks = &store;
        alerts = &store;
    }

    engine::EngineContext context() const
    {
        engine::EngineContext c;
        c.accounts = accounts;
        c.capacity = capacity;
        c.tasks = tasks;
        c.alerts = alerts;
        c.api = api.get();
        c.cipher = &*cipher;
        c.clock = &clock;
        c.settings = settings;
        return c;
    }

    // Stored with storeTemplate's fields (name, limit, counts, health...) and the token
    // encrypted; served by the fake as `fake` unless onServer is false. Empty on failure.
    Account addAccount(Account storeTemplate, const QString &token, fakedo::FakeAccount fake = {},
                       bool onServer = true)
    {
        const Result<QString> encrypted = cipher->encrypt(token);
        if (!encrypted) {
            QTest::qFail(qPrintable(encrypted.error().message), __FILE__, __LINE__);
            return {};
        }
        storeTemplate.encryptedToken = *encrypted;
        if (storeTemplate.email.isEmpty())
            storeTemplate.email = storeTemplate.name + QStringLiteral("@example.com");
        const Result<Account> inserted = accounts->insertAccount(storeTemplate);
        if (!inserted) {
            QTest::qFail(qPrintable(inserted.error().message), __FILE__, __LINE__);
            return {};
        }
        if (onServer)
            server->addAccount(token, std::move(fake));
        return *inserted;
    }

    Account addAccount(const QString &name, const QString &token, fakedo::FakeAccount fake = {})
    {
        Account a;
        a.name = name;
        return addAccount(a, token, std::move(fake));
    }

    Account reload(const QString &id) const
    {
        const Result<Account> found = accounts->findAccount(id);
        if (!found) {
            QTest::qFail(qPrintable(found.error().message), __FILE__, __LINE__);
            return {};
        }
        return *found;
    }
};

} // namespace dopool::testing
