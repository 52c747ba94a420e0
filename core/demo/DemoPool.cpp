#include "DemoPool.h"

#include "fakedo/AccountsFile.h"
#include "fakedo/FakeDoServer.h"

#include <algorithm>

namespace dopool::demo {

namespace {

// Droplets in use hoursAgo hours before now for demo account n; deterministic, so the
// screenshots and tests see the same story every time.
int countAt(int n, int hoursAgo)
{
    const int elapsed = kHistoryHours - hoursAgo; // 0 .. kHistoryHours
    const bool workingHours = hoursAgo % 24 >= 7 && hoursAgo % 24 <= 15;
    switch (n) {
    case 1: // 9 -> 20, a droplet more during the working day
        return 9 + 11 * elapsed / kHistoryHours + (workingHours ? 1 : 0);
    case 2: // idles around 5
        return 4 + (hoursAgo / 5) % 3;
    case 3: // 12 -> 18 over two days, then full in the last day
        if (hoursAgo >= 30)
            return 12 + 6 * (kHistoryHours - hoursAgo) / (kHistoryHours - 30);
        return std::min(25, 18 + (30 - hoursAgo) / 2);
    default:
        return 0;
    }
}

} // namespace

QList<CapacitySample> history(int n, int finalCount, int limit, const QDateTime &now)
{
    QList<CapacitySample> samples;
    samples.reserve(kHistoryHours + 1);
    for (int hoursAgo = kHistoryHours; hoursAgo >= 0; --hoursAgo) {
        CapacitySample sample;
        sample.at = now.addSecs(-3600LL * hoursAgo);
        sample.dropletLimit = limit;
        sample.activeDroplets =
            hoursAgo == 0 ? finalCount : std::clamp(countAt(n, hoursAgo), 0, limit);
        samples.append(sample);
    }
    return samples;
}

std::optional<QUrl> startFakeApi(int latencyMs, QObject *parent)
{
    auto *server = new fakedo::FakeDoServer(parent);
    server->setLatencyMs(latencyMs);
    for (const fakedo::SeedAccount &seed : fakedo::demoAccounts())
        server->addAccount(seed.token, seed.account);
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        delete server;
        return std::nullopt;
    }
    return server->baseUrl();
}

Result<void> seedAccounts(AccountStore &store, const TokenCipher &cipher, const QDateTime &now)
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
        const auto inserted = store.insertAccount(account);
        if (!inserted)
            return inserted.error();
        // Through the same path a sync takes, so the history rows are the real thing.
        for (const CapacitySample &sample :
             history(n, seed.account.droplets, seed.account.dropletLimit, now)) {
            AccountObservation observation;
            observation.at = sample.at;
            observation.dropletLimit = sample.dropletLimit;
            observation.activeDroplets = sample.activeDroplets;
            if (const auto recorded = store.recordObservation(inserted->id, observation); !recorded)
                return recorded.error();
        }
    }
    return {};
}

} // namespace dopool::demo

namespace dopool::demo {

namespace {

class FakeApiBackend : public desktop::DemoBackend
{
public:
    std::optional<QUrl> startApi(int latencyMs, QObject *parent) const override
    {
        return startFakeApi(latencyMs, parent);
    }
    Result<void> seed(AccountStore &store, const TokenCipher &cipher,
                      const QDateTime &now) const override
    {
        return seedAccounts(store, cipher, now);
    }
};

} // namespace

std::shared_ptr<const desktop::DemoBackend> backend()
{
    return std::make_shared<FakeApiBackend>();
}

} // namespace dopool::demo
