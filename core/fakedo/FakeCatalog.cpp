#include "FakeCatalog.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

namespace dopool::fakedo {

namespace {

const QStringList &openRegions()
{
    static const QStringList regions{QStringLiteral("nyc1"), QStringLiteral("nyc3"),
                                     QStringLiteral("sfo3"), QStringLiteral("sgp1"),
                                     QStringLiteral("ams3")};
    return regions;
}

struct SizeRow
{
    const char *slug;
    int vcpus;
    int memoryMb;
    int diskGb;
    double transferTb;
    double priceMonthly;
    const char *description;
    bool everywhere; // false: not offered in sfo3 and sgp1
};

// DO's prices of the Basic and General Purpose droplets at the time of writing.
constexpr SizeRow sizeRows[] = {
    {"s-1vcpu-512mb-10gb", 1, 512, 10, 0.5, 4.0, "Basic", false},
    {"s-1vcpu-1gb", 1, 1024, 25, 1.0, 6.0, "Basic", true},
    {"s-1vcpu-2gb", 1, 2048, 50, 2.0, 12.0, "Basic", true},
    {"s-2vcpu-2gb", 2, 2048, 60, 3.0, 18.0, "Basic", true},
    {"s-2vcpu-4gb", 2, 4096, 80, 4.0, 24.0, "Basic", true},
    {"s-4vcpu-8gb", 4, 8192, 160, 5.0, 48.0, "Basic", true},
    {"g-2vcpu-8gb", 2, 8192, 25, 4.0, 63.0, "General Purpose", false},
    {"s-8vcpu-16gb", 8, 16384, 320, 6.0, 96.0, "Basic", true},
};

QStringList sizeRegions(const SizeRow &row)
{
    QStringList regions = openRegions();
    if (!row.everywhere) {
        regions.removeAll(QStringLiteral("sfo3"));
        regions.removeAll(QStringLiteral("sgp1"));
    }
    return regions;
}

QJsonObject sizeJson(const QString &slug, int vcpus, int memoryMb, int diskGb, double transferTb,
                     double priceMonthly, const QString &description, const QStringList &regions)
{
    return QJsonObject{
        {QStringLiteral("slug"), slug},
        {QStringLiteral("memory"), memoryMb},
        {QStringLiteral("vcpus"), vcpus},
        {QStringLiteral("disk"), diskGb},
        {QStringLiteral("transfer"), transferTb},
        {QStringLiteral("price_monthly"), priceMonthly},
        {QStringLiteral("price_hourly"), priceMonthly / 672.0}, // DO bills 672 hours a month
        {QStringLiteral("regions"), QJsonArray::fromStringList(regions)},
        {QStringLiteral("available"), true},
        {QStringLiteral("description"), description},
    };
}

QJsonObject sizeJson(const SizeRow &row)
{
    return sizeJson(QLatin1String(row.slug), row.vcpus, row.memoryMb, row.diskGb, row.transferTb,
                    row.priceMonthly, QLatin1String(row.description), sizeRegions(row));
}

struct ImageRow
{
    qint64 id;
    const char *slug;
    const char *distribution;
    const char *name;
    int minDiskGb;
};

constexpr ImageRow imageRows[] = {
    {164315432, "ubuntu-24-04-x64", "Ubuntu", "24.04 (LTS) x64", 7},
    {160232537, "ubuntu-22-04-x64", "Ubuntu", "22.04 (LTS) x64", 7},
    {159651797, "debian-12-x64", "Debian", "12 x64", 7},
    {155134417, "debian-11-x64", "Debian", "11 x64", 7},
    {162908151, "rockylinux-9-x64", "Rocky Linux", "9 x64", 10},
    {163041890, "fedora-40-x64", "Fedora", "40 x64", 10},
    // Distributions only from the list DO documents (it reports any other as "Unknown").
    {161447321, "centos-stream-9-x64", "CentOS", "9 Stream x64", 10},
};

QJsonObject imageJson(const ImageRow &row)
{
    return QJsonObject{
        {QStringLiteral("id"), row.id},
        {QStringLiteral("name"), QLatin1String(row.name)},
        {QStringLiteral("type"), QStringLiteral("base")},
        {QStringLiteral("distribution"), QLatin1String(row.distribution)},
        {QStringLiteral("slug"), QLatin1String(row.slug)},
        {QStringLiteral("public"), true},
        {QStringLiteral("regions"), QJsonArray::fromStringList(openRegions())},
        {QStringLiteral("created_at"), QStringLiteral("2024-04-25T10:12:00Z")},
        {QStringLiteral("min_disk_size"), row.minDiskGb},
        {QStringLiteral("size_gigabytes"), 2.36},
        {QStringLiteral("description"), QString()},
        {QStringLiteral("tags"), QJsonArray()},
        {QStringLiteral("status"), QStringLiteral("available")},
    };
}

} // namespace

QJsonArray catalogRegions()
{
    struct RegionRow
    {
        const char *slug;
        const char *name;
        bool available;
    };
    static constexpr RegionRow rows[] = {
        {"nyc1", "New York 1", true},      {"nyc3", "New York 3", true},
        {"sfo3", "San Francisco 3", true}, {"sgp1", "Singapore 1", true},
        {"ams3", "Amsterdam 3", true},     {"fra1", "Frankfurt 1", false},
    };
    QJsonArray regions;
    for (const RegionRow &row : rows) {
        const QString slug = QLatin1String(row.slug);
        QJsonArray sizes;
        if (row.available) {
            for (const SizeRow &size : sizeRows) {
                if (sizeRegions(size).contains(slug))
                    sizes.append(QLatin1String(size.slug));
            }
        }
        regions.append(QJsonObject{
            {QStringLiteral("slug"), slug},
            {QStringLiteral("name"), QLatin1String(row.name)},
            {QStringLiteral("features"),
             QJsonArray{QStringLiteral("backups"), QStringLiteral("ipv6"),
                        QStringLiteral("metadata"), QStringLiteral("install_agent")}},
            {QStringLiteral("available"), row.available},
            {QStringLiteral("sizes"), sizes},
        });
    }
    return regions;
}

QJsonArray catalogSizes()
{
    QJsonArray sizes;
    for (const SizeRow &row : sizeRows)
        sizes.append(sizeJson(row));
    return sizes;
}

QJsonObject catalogSize(const QString &slug)
{
    for (const SizeRow &row : sizeRows) {
        if (slug == QLatin1String(row.slug))
            return sizeJson(row);
    }
    // A slug outside the catalogue (the fake accepts any on create): read "s-2vcpu-4gb" /
    // "s-1vcpu-512mb-10gb" so memory, vcpus and disk agree with the slug; anything else is the
    // smallest basic droplet. Priced like the catalogue's Basic droplets ($6 per GB of memory).
    int vcpus = 1;
    int memoryMb = 1024;
    static const QRegularExpression re(QStringLiteral("(\\d+)vcpu-(\\d+)(gb|mb)"));
    const QRegularExpressionMatch m = re.match(slug);
    if (m.hasMatch()) {
        vcpus = m.captured(1).toInt();
        const int amount = m.captured(2).toInt();
        memoryMb = m.captured(3) == u"gb" ? amount * 1024 : amount;
    }
    const int gb = std::max(1, memoryMb / 1024);
    return sizeJson(slug, vcpus, memoryMb, std::max(10, 25 * gb), double(gb), 6.0 * gb,
                    QStringLiteral("Basic"), openRegions());
}

QJsonObject catalogRegion(const QString &slug)
{
    const QJsonArray regions = catalogRegions();
    for (const QJsonValue &region : regions) {
        if (region.toObject().value(u"slug").toString() == slug)
            return region.toObject();
    }
    // Regions DO has that the fake's catalogue leaves out.
    static const QHash<QString, QString> names{
        {QStringLiteral("lon1"), QStringLiteral("London 1")},
        {QStringLiteral("blr1"), QStringLiteral("Bangalore 1")},
        {QStringLiteral("tor1"), QStringLiteral("Toronto 1")},
        {QStringLiteral("syd1"), QStringLiteral("Sydney 1")},
    };
    return QJsonObject{{QStringLiteral("slug"), slug},
                       {QStringLiteral("name"), names.value(slug, slug)},
                       {QStringLiteral("features"), QJsonArray()},
                       {QStringLiteral("available"), false},
                       {QStringLiteral("sizes"), QJsonArray()}};
}

QJsonArray catalogDistributionImages()
{
    QJsonArray images;
    for (const ImageRow &row : imageRows)
        images.append(imageJson(row));
    return images;
}

std::optional<QJsonObject> catalogImage(const QString &slug)
{
    for (const ImageRow &row : imageRows) {
        if (slug == QLatin1String(row.slug))
            return imageJson(row);
    }
    return std::nullopt;
}

} // namespace dopool::fakedo
