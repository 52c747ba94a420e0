#include "CatalogService.h"

#include "EngineLogging.h"
#include "common/Translate.h"
#include "pool/PoolKey.h"
#include "store/AccountRecords.h"

#include <QCoreApplication>
#include <cmath>
#include <memory>

namespace dopool::engine {

// The three listings of one read, gathered as they come back (in any order).
struct CatalogService::Read
{
    Catalog catalog;
    int pending = 3;
    std::optional<Error> error;
};

bool sizeOfferedIn(const api::Size &size, const QString &region)
{
    return size.available && size.regions.contains(region);
}

QString memoryText(int memoryMb)
{
    if (memoryMb < 1024)
        return CoreTr::tr("%1 MB").arg(memoryMb);
    if (memoryMb % 1024 == 0)
        return CoreTr::tr("%1 GB").arg(memoryMb / 1024);
    return CoreTr::tr("%1 GB").arg(memoryMb / 1024.0, 0, 'f', 1);
}

QString priceText(double dollars)
{
    const double cents = std::round(dollars * 100);
    if (std::fmod(cents, 100) == 0)
        return QStringLiteral("$%1").arg(qint64(cents / 100));
    return QStringLiteral("$%1").arg(dollars, 0, 'f', 2);
}

CatalogService::CatalogService(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_accounts(requiredRole(context.accounts))
{}

Result<Account> CatalogService::catalogAccount(const QList<Account> &accounts)
{
    const Account *firstActive = nullptr;
    const Account *firstHealthy = nullptr;
    for (const Account &account : accounts) {
        if (!account.isActive)
            continue;
        if (account.isPrimary && account.healthStatus != AccountHealth::Unhealthy)
            return account;
        if (!firstActive)
            firstActive = &account;
        if (!firstHealthy && account.healthStatus == AccountHealth::Healthy)
            firstHealthy = &account;
    }
    if (firstHealthy)
        return *firstHealthy;
    if (firstActive)
        return *firstActive;
    return makeError(ErrorKind::NoAccount,
                     CoreTr::tr("No active account in the pool to read DigitalOcean's catalogue "
                                "(regions, sizes, images) with; add or activate one first"));
}

std::optional<Catalog> CatalogService::cached() const
{
    if (!m_cache || m_ttlSecs <= 0)
        return std::nullopt;
    if (m_cache->fetchedAt.secsTo(m_context.clock->now()) >= m_ttlSecs)
        return std::nullopt;
    return m_cache;
}

void CatalogService::catalog(Freshness freshness, std::function<void(Result<Catalog>)> done)
{
    if (freshness == Freshness::CachedOk && m_waiting.isEmpty()) {
        if (const std::optional<Catalog> fresh = cached())
            return done(*fresh);
    }
    m_waiting.append(std::move(done));
    if (m_waiting.size() == 1)
        start();
}

void CatalogService::start()
{
    const auto accounts = m_accounts.listAccounts();
    if (!accounts)
        return finish(accounts.error());
    const auto account = catalogAccount(*accounts);
    if (!account)
        return finish(account.error());
    const auto token = decryptAccountToken(*m_context.cipher, *account);
    if (!token)
        return finish(token.error());

    auto read = std::make_shared<Read>();
    read->catalog.accountName = account->name;
    const QString name = account->name;
    // Each listing lands here; the last one to arrive ends the read.
    auto arrived = [this, read, name](const std::optional<api::ApiError> &error) {
        if (error && !read->error) {
            Error failure = error->toError();
            failure.message = CoreTr::tr("Could not read DigitalOcean's catalogue with account "
                                         "'%1': %2")
                                  .arg(name, error->message);
            read->error = failure;
        }
        if (--read->pending > 0)
            return;
        if (read->error)
            return finish(*read->error);
        read->catalog.fetchedAt = m_context.clock->now();
        finish(read->catalog);
    };
    m_context.api->listRegions(*token, this,
                               [read, arrived](api::ApiResult<QList<api::Region>> reply) {
                                   if (reply)
                                       read->catalog.regions = reply.value();
                                   arrived(reply ? std::nullopt : std::optional(reply.error()));
                               });
    m_context.api->listSizes(*token, this, [read, arrived](api::ApiResult<QList<api::Size>> reply) {
        if (reply)
            read->catalog.sizes = reply.value();
        arrived(reply ? std::nullopt : std::optional(reply.error()));
    });
    m_context.api->listDistributionImages(
        *token, this, [read, arrived](api::ApiResult<QList<api::Image>> reply) {
            if (reply)
                read->catalog.images = reply.value();
            arrived(reply ? std::nullopt : std::optional(reply.error()));
        });
}

void CatalogService::finish(Result<Catalog> result)
{
    if (result) {
        m_cache = result.value();
        qCInfo(lcEngine) << "catalogue read:" << result->regions.size() << "regions,"
                         << result->sizes.size() << "sizes," << result->images.size() << "images";
    } else {
        qCInfo(lcEngine).noquote() << result.error().message;
    }
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &done : waiting)
        done(result);
}

} // namespace dopool::engine
