#pragma once

// Demo data shared by the ui tests: the demo pool's accounts ("Account 1" 20/25 primary, "Account
// 2" 5/25, "Account 3" 25/25) and what DigitalOcean would say about them. Header only: the ui tests
// are one executable per tst_*.cpp.

#include "api/ApiTypes.h"
#include "engine/AccountSelector.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QDateTime>
#include <QList>
#include <QObject>

namespace dopool::testing {

// The child widget of that object name; a missing one ends the test run loudly (a renamed
// widget is a test bug, not a product failure to report row by row).
template <typename T> T *child(const QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

// A fixed instant, so rendered times do not change from run to run.
inline QDateTime demoNow()
{
    return QDateTime(QDate(2025, 3, 14), QTime(9, 30, 0), Qt::UTC);
}

inline Account demoAccount(int number)
{
    Account a;
    a.id = QStringLiteral("0000000%1-7c1e-4d5e-9f00-1234567890ab").arg(number);
    a.name = QStringLiteral("Account %1").arg(number);
    a.email = QStringLiteral("ops+account%1@webrana.example").arg(number);
    a.encryptedToken = QStringLiteral("00:11:22"); // never shown anyway
    a.dropletLimit = 25;
    a.activeDroplets = number == 1 ? 20 : number == 2 ? 5 : 25;
    a.isPrimary = number == 1;
    a.isActive = true;
    a.healthStatus = number == 3 ? AccountHealth::Degraded : AccountHealth::Healthy;
    a.doUuid = QStringLiteral("b6fc48%1a-7d3b-4c8e-a0f1-5c2d9e8b7a6%1").arg(number);
    a.doStatus = QStringLiteral("active");
    a.lastSyncAt = demoNow().addSecs(-120);
    a.lastHealthCheck = demoNow().addSecs(-45);
    a.rateLimitLimit = 5000;
    a.rateLimitRemaining = 4873;
    a.rateLimitReset = demoNow().addSecs(1800);
    if (number == 3) {
        a.lastError = QStringLiteral("HTTP 429: too many requests, retried after 30 s");
        a.consecutiveFailures = 1;
    }
    return a;
}

inline api::AccountInfo demoInfo(int number)
{
    const Account a = demoAccount(number);
    api::AccountInfo info;
    info.dropletLimit = a.dropletLimit;
    info.email = a.email;
    info.uuid = a.doUuid;
    info.status = QStringLiteral("active");
    info.emailVerified = true;
    info.teamName = QStringLiteral("Webrana Ops");
    info.teamUuid = QStringLiteral("5df3e3004a7a4f8d9c1e2b3a4f5e6d7c");
    info.floatingIpLimit = 3;
    info.volumeLimit = 100;
    return info;
}

inline QList<CapacitySample> demoCapacity(int count)
{
    QList<CapacitySample> samples;
    for (int i = 0; i < count; ++i) {
        CapacitySample s;
        s.accountId = demoAccount(1).id;
        s.at = demoNow().addSecs(qint64(i - count + 1) * 3600);
        s.dropletLimit = 25;
        s.activeDroplets = 8 + (i * 7) % 13; // a plausible wobble, up to 20/25
        samples.append(s);
    }
    return samples;
}

inline QList<HealthEvent> demoHealthEvents()
{
    HealthEvent degraded;
    degraded.accountId = demoAccount(1).id;
    degraded.at = demoNow().addSecs(-7200);
    degraded.from = AccountHealth::Healthy;
    degraded.to = AccountHealth::Degraded;
    degraded.reason = QStringLiteral("HTTP 503 from /v2/account (1 of 3 failures)");
    HealthEvent recovered = degraded;
    recovered.at = demoNow().addSecs(-6900);
    recovered.from = AccountHealth::Degraded;
    recovered.to = AccountHealth::Healthy;
    recovered.reason = QStringLiteral("sync succeeded");
    return {recovered, degraded};
}

inline QList<ProvisioningTask> demoTasks()
{
    ProvisioningTask created;
    created.id = QStringLiteral("a1");
    created.orderId = QStringLiteral("ORD-2025-0412");
    created.status = TaskStatus::Created;
    created.doAccountId = demoAccount(1).id;
    created.dropletId = 471230981;
    created.attempts = 1;
    created.createdAt = demoNow().addSecs(-600);
    ProvisioningTask failed = created;
    failed.id = QStringLiteral("a2");
    failed.orderId = QStringLiteral("ORD-2025-0409");
    failed.status = TaskStatus::Failed;
    failed.dropletId = 0;
    failed.attempts = 3;
    failed.error = QStringLiteral("all 3 usable accounts are full");
    failed.createdAt = demoNow().addSecs(-5400);
    return {created, failed};
}

// The Orders view's demo: one order in every status the order-service sees, newest first,
// with a waiting one's reason and a failed one's error.
inline QList<ProvisioningTask> demoOrders()
{
    const auto order = [](const char *id, TaskStatus status, int minutesAgo) {
        ProvisioningTask t;
        t.id = QStringLiteral("task-%1").arg(QLatin1String(id));
        t.orderId = QStringLiteral("ORD-2025-%1").arg(QLatin1String(id));
        t.status = status;
        t.createdAt = demoNow().addSecs(-60 * minutesAgo);
        t.updatedAt = t.createdAt.addSecs(20);
        return t;
    };
    ProvisioningTask queued = order("0420", TaskStatus::Pending, 0);
    queued.region = QStringLiteral("nyc3");
    ProvisioningTask waiting = order("0419", TaskStatus::Waiting, 14);
    waiting.error = QStringLiteral("no account has room: all 3 usable accounts are full (75/75)");
    waiting.nextAttemptAt = demoNow().addSecs(120);
    waiting.attempts = 2;
    // Claimed by a serve instance, on its way to a droplet on that account.
    const auto claimed = [&order](const char *id, TaskStatus status, int minutesAgo, int account) {
        ProvisioningTask t = order(id, status, minutesAgo);
        t.doAccountId = demoAccount(account).id;
        t.claimedBy = QStringLiteral("ops@pool-1 (pid 4182)");
        t.dropletName = QStringLiteral("webrana-ord-2025-%1").arg(QLatin1String(id));
        return t;
    };
    const ProvisioningTask inProgress = claimed("0418", TaskStatus::InProgress, 1, 2);
    const ProvisioningTask uncertain = claimed("0417", TaskStatus::Uncertain, 3, 1);
    ProvisioningTask created = order("0416", TaskStatus::Created, 12);
    created.doAccountId = demoAccount(1).id;
    created.dropletId = 471230981;
    created.dropletName = QStringLiteral("webrana-ord-2025-0416");
    created.size = QStringLiteral("s-2vcpu-2gb");
    ProvisioningTask failed = order("0415", TaskStatus::Failed, 95);
    failed.doAccountId = demoAccount(2).id;
    failed.image = QStringLiteral("ubuntu-18-04-x64");
    failed.error = QStringLiteral("DigitalOcean refused the image 'ubuntu-18-04-x64' (HTTP 422)");
    ProvisioningTask cancelled = order("0414", TaskStatus::Cancelled, 180);
    return {queued, waiting, inProgress, uncertain, created, failed, cancelled};
}

inline api::DropletPage demoDroplets(int count, int total)
{
    api::DropletPage page;
    page.total = total;
    for (int i = 0; i < count; ++i) {
        api::Droplet d;
        d.id = 471230000 + i;
        d.name = QStringLiteral("webrana-%1").arg(QString::number(0x3fa2c100 + i * 97, 16));
        d.status = i % 5 == 4 ? QStringLiteral("off") : QStringLiteral("active");
        d.regionSlug = QStringLiteral("sgp1");
        d.sizeSlug = QStringLiteral("s-1vcpu-1gb");
        d.imageSlug = QStringLiteral("ubuntu-24-04-x64");
        d.createdAt = demoNow().addDays(-i);
        page.droplets.append(d);
    }
    return page;
}

inline engine::Selection demoSelection()
{
    engine::Selection s;
    s.account = demoAccount(1);
    s.reason = QStringLiteral("primary account, 20 of 25 used");
    s.skipped = {QStringLiteral("Account 3: full (25/25)")};
    s.roundTrips = 1;
    return s;
}

} // namespace dopool::testing
