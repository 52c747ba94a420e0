#pragma once

#include "EngineContext.h"

#include <QObject>
#include <functional>
#include <optional>

namespace dopool::engine {

// DigitalOcean's catalogue as one account's token sees it: what the Provision dialog and
// `dopool-cli catalog` offer to pick from.
struct Catalog
{
    QList<api::Region> regions;
    QList<api::Size> sizes;
    QList<api::Image> images; // public distribution images
    QDateTime fetchedAt;      // UTC, by the injected clock
    QString accountName;      // whose token read it
};

// Whether size can be created in region (listed there and available).
bool sizeOfferedIn(const api::Size &size, const QString &region);
// "512 MB", "1 GB", "1.5 GB"
QString memoryText(int memoryMb);
// "$6", "$4.50"
QString priceText(double dollars);

// Reads the catalogue (GET /v2/regions, /v2/sizes, /v2/images?type=distribution, every page)
// with the pool's primary account's token - or, when the primary is inactive or unhealthy,
// the first active healthy one, then the first active one - and keeps it for ttlSecs per pool
// (one service per open pool): the catalogue changes a few times a year, a dialog opens many
// times a day. Requests arriving while a read is under way share it.
class CatalogService : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultTtlSecs = 3600;

    enum class Freshness
    {
        CachedOk, // the cached catalogue if younger than the TTL, else a new read
        Refresh,  // a new read whatever the cache holds
    };

    explicit CatalogService(EngineContext context, QObject *parent = nullptr);

    void setTtlSecs(int secs) { m_ttlSecs = secs; }
    int ttlSecs() const { return m_ttlSecs; }

    // done runs once: at once from a fresh cache, else when the read ends. A failed read
    // leaves the previous catalogue cached.
    void catalog(Freshness freshness, std::function<void(Result<Catalog>)> done);
    // The cached catalogue while it is younger than the TTL.
    std::optional<Catalog> cached() const;

    // The account whose token reads the catalogue (see the class comment), or NoAccount.
    static Result<Account> catalogAccount(const QList<Account> &accounts);

private:
    struct Read;
    void start();
    void finish(Result<Catalog> result);

    EngineContext m_context; // its api, cipher, clock and settings
    // The store roles it works with (EngineContext), bound once.
    AccountRecords &m_accounts;
    int m_ttlSecs = defaultTtlSecs;
    std::optional<Catalog> m_cache;
    QList<std::function<void(Result<Catalog>)>> m_waiting; // non-empty: a read is under way
};

} // namespace dopool::engine
