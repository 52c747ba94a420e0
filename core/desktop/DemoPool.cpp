#include "DemoPool.h"

#include "fakedo/AccountsFile.h"
#include "fakedo/FakeDoServer.h"

namespace dopool::desktop::demo {

fakedo::FakeDoServer *startFakeApi(int latencyMs, QObject *parent)
{
    auto *server = new fakedo::FakeDoServer(parent);
    server->setLatencyMs(latencyMs);
    for (const fakedo::SeedAccount &seed : fakedo::demoAccounts())
        server->addAccount(seed.token, seed.account);
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        delete server;
        return nullptr;
    }
    return server;
}

Result<void> seedAccounts(AccountStore &store, const TokenCipher &cipher)
{
    const auto existing = store.listAccounts();
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return {};
    int n = 0;
    for (const fakedo::SeedAccount &seed : fakedo::demoAccounts()) {
        ++n;
        const auto encrypted = cipher.encrypt(seed.token);
        if (!encrypted)
            return encrypted.error();
        Account account;
        account.name = QStringLiteral("Account %1").arg(n);
        account.email = seed.account.email;
        account.encryptedToken = *encrypted;
        account.dropletLimit = seed.account.dropletLimit;
        account.activeDroplets = seed.account.droplets;
        account.isPrimary = n == 1;
        if (const auto inserted = store.insertAccount(account); !inserted)
            return inserted.error();
    }
    return {};
}

} // namespace dopool::desktop::demo
