#include "FakeCatalog.h"

#include <QJsonObject>
#include <QStringList>

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
    for (const SizeRow &row : sizeRows) {
        sizes.append(QJsonObject{
            {QStringLiteral("slug"), QLatin1String(row.slug)},
            {QStringLiteral("memory"), row.memoryMb},
            {QStringLiteral("vcpus"), row.vcpus},
            {QStringLiteral("disk"), row.diskGb},
            {QStringLiteral("transfer"), row.transferTb},
            {QStringLiteral("price_monthly"), row.priceMonthly},
            {QStringLiteral("price_hourly"), row.priceMonthly / 672.0},
            {QStringLiteral("regions"), QJsonArray::fromStringList(sizeRegions(row))},
            {QStringLiteral("available"), true},
            {QStringLiteral("description"), QLatin1String(row.description)},
        });
    }
    return sizes;
}

QJsonArray catalogDistributionImages()
{
    struct ImageRow
    {
        qint64 id;
        const char *slug;
        const char *distribution;
        const char *name;
        int minDiskGb;
    };
    static constexpr ImageRow rows[] = {
        {164315432, "ubuntu-24-04-x64", "Ubuntu", "24.04 (LTS) x64", 7},
        {160232537, "ubuntu-22-04-x64", "Ubuntu", "22.04 (LTS) x64", 7},
        {159651797, "debian-12-x64", "Debian", "12 x64", 7},
        {155134417, "debian-11-x64", "Debian", "11 x64", 7},
        {162908151, "rockylinux-9-x64", "Rocky Linux", "9 x64", 10},
        {163041890, "fedora-40-x64", "Fedora", "40 x64", 10},
        {161447321, "almalinux-9-x64", "AlmaLinux", "AlmaLinux 9", 10},
    };
    QJsonArray images;
    for (const ImageRow &row : rows) {
        images.append(QJsonObject{
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
        });
    }
    return images;
}

} // namespace dopool::fakedo
