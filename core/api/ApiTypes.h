#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace dopool::api {

// The longest string kept of each field DO sends, in characters (docs/security.md); longer
// is cut with a marker (FieldReader::string).
namespace FieldLimit {
inline constexpr qsizetype Email = 255;
inline constexpr qsizetype StatusMessage = 1000;
inline constexpr qsizetype Slug = 64; // slugs, statuses, uuids
inline constexpr qsizetype Name = 255;
inline constexpr qsizetype Url = 2048;
} // namespace FieldLimit

// GET /v2/account -> "account". Limits are -1 when DO left them out.
struct AccountInfo
{
    int dropletLimit = 0;
    QString email;
    QString uuid;
    QString status; // active | warning | locked
    QString statusMessage;
    bool emailVerified = false;
    QString teamUuid; // empty outside a team context
    QString teamName;
    int floatingIpLimit = -1;
    int volumeLimit = -1;
    // Fields DO sent over their limit (cut, see FieldLimit): a fault of DO's, which a sync
    // records on the account (DEGRADED, last error) rather than failing on.
    QStringList cutFields;
};

struct Droplet
{
    qint64 id = 0;
    QString name;
    QString status; // new | active | off | archive
    QString regionSlug;
    QString sizeSlug;
    QString imageSlug; // empty for images without a slug (snapshots, custom images)
    QStringList tags;
    QDateTime createdAt; // UTC; invalid when DO left it out
};

// GET /v2/droplets: one page plus meta.total, the count over all pages.
struct DropletPage
{
    QList<Droplet> droplets;
    int total = 0;
};

// Filters and paging of GET /v2/droplets.
struct DropletQuery
{
    QString tagName;  // empty: every droplet
    int page = 1;     // 1-based
    int perPage = 20; // DO allows 1..200
};

// POST /v2/droplets, single droplet form.
struct CreateDropletRequest
{
    QString name;
    QString region;
    QString size;
    QString image; // slug, or a numeric image id
    QStringList tags;
    std::optional<QString> userData;
};

struct CreatedDroplet
{
    Droplet droplet;
    qint64 actionId = 0; // links.actions[rel=create].id, 0 when DO sent none
};

// GET /v2/actions/{id}
struct Action
{
    qint64 id = 0;
    QString status; // in-progress | completed | errored
    QString type;
    qint64 resourceId = 0; // 0 when null
};

// GET /v2/regions: one data centre.
struct Region
{
    QString slug;           // "nyc3"
    QString name;           // "New York 3"
    bool available = false; // new droplets can be created there
    QStringList sizes;      // size slugs offered there
};

// GET /v2/sizes: one droplet size.
struct Size
{
    QString slug; // "s-1vcpu-1gb"
    int vcpus = 0;
    int memoryMb = 0;
    int diskGb = 0;
    double priceMonthly = 0; // US dollars
    QStringList regions;     // region slugs offering it
    bool available = false;
    QString description; // "Basic", "General Purpose", ...
};

// GET /v2/images?type=distribution: one public OS image.
struct Image
{
    qint64 id = 0;
    QString slug;         // "ubuntu-24-04-x64"; empty for images without one
    QString distribution; // "Ubuntu"
    QString name;         // "24.04 (LTS) x64"
    bool isPublic = false;
};

// One page of a catalogue listing; nextPage is 0 on the last page (no links.pages.next).
template <typename T> struct CatalogPage
{
    QList<T> items;
    int nextPage = 0;
};

// DO's ratelimit-* response headers; sent with successes and errors alike.
struct RateLimit
{
    int limit = -1;     // -1 unknown
    int remaining = -1; // -1 unknown
    QDateTime reset;    // UTC; invalid when unknown

    bool isKnown() const { return limit >= 0 || remaining >= 0 || reset.isValid(); }
};

} // namespace dopool::api
