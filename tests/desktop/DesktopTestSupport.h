#pragma once

// Test-only, header-only: a PoolClient on real parts - a SQLite pool in a temporary
// directory, the engine in its own thread, real HTTP over loopback to a FakeDoServer living
// in the test's thread - plus a blocking-free way to wait for an asynchronous answer.

#include "crypto/QtKeychainSecretStore.h"
#include "desktop/PoolClient.h"
#include "fakedo/AccountsFile.h"
#include "fakedo/FakeDoServer.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

namespace dopool::testing {

// The fixed test key (64 hex): tests never touch a real keychain for the pool key.
inline QString testKeyHex()
{
    return QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
}

// Waits (spinning the event loop, up to timeoutMs) for done to be called; returns the value.
template <typename T> struct Answer
{
    std::optional<Result<T>> value;
    std::function<void(Result<T>)> callback()
    {
        return [this](Result<T> result) {
            value.emplace(std::move(result));
        };
    }
    bool wait(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([this] { return value.has_value(); }, timeoutMs);
    }
    const Result<T> &operator*() const { return *value; }
    const Result<T> *operator->() const { return &*value; }
};

class DesktopFixture
{
public:
    QTemporaryDir dir;
    fakedo::FakeDoServer server;
    MemorySecretStore secrets;
    std::unique_ptr<desktop::PoolClient> client;
    QObject context;

    DesktopFixture() { server.listen(); }

    // The demo pool's three accounts (docs/behaviour.md#the-demo-pool) at the fake (not yet in the
    // pool).
    void addDemoAccountsToFake()
    {
        for (const fakedo::SeedAccount &seed : fakedo::demoAccounts())
            server.addAccount(seed.token, seed.account);
    }

    desktop::DesktopConfig config() const
    {
        desktop::DesktopConfig config;
        config.database.kind = DatabaseUrl::Kind::Sqlite;
        config.database.path = QDir(dir.path()).filePath(QStringLiteral("pool.sqlite"));
        config.apiBase = server.baseUrl();
        config.env.insert(QStringLiteral("ENCRYPTION_KEY"), testKeyHex());
        config.apiTimeoutMs = 2000;
        config.schedule = false;
        return config;
    }

    // Starts the client and opens the pool; false (with a QWARN) if it did not open.
    bool open(const desktop::DesktopConfig &cfg)
    {
        client = std::make_unique<desktop::PoolClient>(cfg, &secrets);
        Answer<desktop::PoolInfo> opened;
        client->open(&context, opened.callback());
        if (!opened.wait() || !*opened) {
            qWarning() << "pool did not open:"
                       << (opened.value ? (*opened).error().message : QStringLiteral("timeout"));
            return false;
        }
        return true;
    }
    bool open() { return open(config()); }

    // The draft of a new account, verified through `via` for a token the fake knows.
    Result<desktop::AccountDraft> verifiedDraft(desktop::PoolClient &via, const QString &name,
                                                const QString &token, bool primary = false)
    {
        Answer<api::AccountInfo> verified;
        via.call(&desktop::PoolWorker::verifyToken, token).then(&context, verified.callback());
        if (!verified.wait())
            return makeError(ErrorKind::Api, QStringLiteral("verify timed out"));
        if (!*verified)
            return (*verified).error();
        desktop::AccountDraft draft;
        draft.name = name;
        draft.token = token;
        draft.isPrimary = primary;
        draft.verified = (*verified).value();
        return draft;
    }

    // Adds a verified account for a token the fake knows.
    Result<Account> addAccount(const QString &name, const QString &token, bool primary = false)
    {
        const Result<desktop::AccountDraft> draft = verifiedDraft(*client, name, token, primary);
        if (!draft)
            return draft.error();
        Answer<Account> added;
        client->call(&desktop::PoolWorker::addAccount, *draft).then(&context, added.callback());
        if (!added.wait())
            return makeError(ErrorKind::Store, QStringLiteral("add timed out"));
        return *added;
    }
};

} // namespace dopool::testing
