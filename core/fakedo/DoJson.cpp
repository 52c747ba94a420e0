#include "DoJson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace dopool::fakedo {

namespace {

struct SizeSpec
{
    int vcpus = 1;
    int memoryMb = 1024;
    int diskGb = 25;
};

// Reads "s-2vcpu-4gb" / "s-1vcpu-512mb-10gb" style slugs so the droplet's memory, vcpus and
// disk agree with its size_slug; anything else gets the smallest basic droplet.
SizeSpec sizeFromSlug(const QString &slug)
{
    SizeSpec spec;
    static const QRegularExpression re(QStringLiteral("(\\d+)vcpu-(\\d+)(gb|mb)"));
    const QRegularExpressionMatch m = re.match(slug);
    if (m.hasMatch()) {
        spec.vcpus = m.captured(1).toInt();
        const int amount = m.captured(2).toInt();
        spec.memoryMb = m.captured(3) == u"gb" ? amount * 1024 : amount;
        spec.diskGb = std::max(10, 25 * std::max(1, spec.memoryMb / 1024));
    }
    return spec;
}

QString regionName(const QString &slug)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("sgp1"), QStringLiteral("Singapore 1")},
        {QStringLiteral("nyc1"), QStringLiteral("New York 1")},
        {QStringLiteral("nyc3"), QStringLiteral("New York 3")},
        {QStringLiteral("ams3"), QStringLiteral("Amsterdam 3")},
        {QStringLiteral("fra1"), QStringLiteral("Frankfurt 1")},
        {QStringLiteral("lon1"), QStringLiteral("London 1")},
        {QStringLiteral("sfo3"), QStringLiteral("San Francisco 3")},
        {QStringLiteral("blr1"), QStringLiteral("Bangalore 1")},
        {QStringLiteral("tor1"), QStringLiteral("Toronto 1")},
        {QStringLiteral("syd1"), QStringLiteral("Sydney 1")},
    };
    return names.value(slug, slug);
}

QJsonArray stringArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

// Addresses from the documentation ranges (RFC 5737 / RFC 1918), derived from the id so a
// droplet keeps its address between reads.
QJsonObject networksJson(const FakeDroplet &droplet)
{
    QJsonArray v4;
    if (droplet.status == u"active") {
        const qint64 n = droplet.id % 65000;
        const QString low = QString::number(n % 250 + 2);
        const QString mid = QString::number(n / 250 % 250);
        v4.append(
            QJsonObject{{QStringLiteral("ip_address"), QString(u"10.130." % mid % u'.' % low)},
                        {QStringLiteral("netmask"), QStringLiteral("255.255.0.0")},
                        {QStringLiteral("gateway"), QStringLiteral("10.130.0.1")},
                        {QStringLiteral("type"), QStringLiteral("private")}});
        v4.append(QJsonObject{{QStringLiteral("ip_address"), QString(u"203.0.113." % low)},
                              {QStringLiteral("netmask"), QStringLiteral("255.255.255.0")},
                              {QStringLiteral("gateway"), QStringLiteral("203.0.113.1")},
                              {QStringLiteral("type"), QStringLiteral("public")}});
    }
    return QJsonObject{{QStringLiteral("v4"), v4}, {QStringLiteral("v6"), QJsonArray()}};
}

QJsonObject imageJson(const QString &image)
{
    bool numeric = false;
    const qint64 id = image.toLongLong(&numeric);
    QJsonObject json{
        {QStringLiteral("id"), numeric ? id : qint64(qHash(image, 0) % 100000000)},
        {QStringLiteral("name"), image},
        {QStringLiteral("distribution"), QStringLiteral("Ubuntu")},
        {QStringLiteral("public"), !numeric},
        {QStringLiteral("type"), numeric ? QStringLiteral("snapshot") : QStringLiteral("base")},
        {QStringLiteral("status"), QStringLiteral("available")}};
    json.insert(QStringLiteral("slug"), numeric ? QJsonValue(QJsonValue::Null) : QJsonValue(image));
    return json;
}

} // namespace

QString doTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject accountJson(const FakeAccount &account)
{
    QJsonObject json{
        {QStringLiteral("droplet_limit"), account.dropletLimit},
        {QStringLiteral("floating_ip_limit"), account.floatingIpLimit},
        {QStringLiteral("volume_limit"), account.volumeLimit},
        {QStringLiteral("email"), account.email},
        {QStringLiteral("name"), account.email.section(u'@', 0, 0)},
        {QStringLiteral("uuid"), account.uuid},
        {QStringLiteral("email_verified"), account.emailVerified},
        {QStringLiteral("status"), account.status},
        {QStringLiteral("status_message"), account.statusMessage},
    };
    json.insert(
        QStringLiteral("team"),
        QJsonObject{
            {QStringLiteral("uuid"), account.teamUuid.isEmpty() ? account.uuid : account.teamUuid},
            {QStringLiteral("name"),
             account.teamName.isEmpty() ? QStringLiteral("My Team") : account.teamName}});
    return json;
}

QJsonObject dropletJson(const FakeDroplet &droplet)
{
    const SizeSpec size = sizeFromSlug(droplet.size);
    QJsonObject json{
        {QStringLiteral("id"), droplet.id},
        {QStringLiteral("name"), droplet.name},
        {QStringLiteral("memory"), size.memoryMb},
        {QStringLiteral("vcpus"), size.vcpus},
        {QStringLiteral("disk"), size.diskGb},
        {QStringLiteral("locked"), false},
        {QStringLiteral("status"), droplet.status},
        {QStringLiteral("created_at"), doTime(droplet.createdAt)},
        {QStringLiteral("features"), QJsonArray()},
        {QStringLiteral("backup_ids"), QJsonArray()},
        {QStringLiteral("snapshot_ids"), QJsonArray()},
        {QStringLiteral("volume_ids"), QJsonArray()},
        {QStringLiteral("image"), imageJson(droplet.image)},
        {QStringLiteral("size_slug"), droplet.size},
        {QStringLiteral("networks"), networksJson(droplet)},
        {QStringLiteral("tags"), stringArray(droplet.tags)},
    };
    json.insert(QStringLiteral("next_backup_window"), QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("kernel"), QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("size"), QJsonObject{{QStringLiteral("slug"), droplet.size},
                                                    {QStringLiteral("memory"), size.memoryMb},
                                                    {QStringLiteral("vcpus"), size.vcpus},
                                                    {QStringLiteral("disk"), size.diskGb},
                                                    {QStringLiteral("available"), true}});
    json.insert(QStringLiteral("region"),
                QJsonObject{{QStringLiteral("slug"), droplet.region},
                            {QStringLiteral("name"), regionName(droplet.region)},
                            {QStringLiteral("available"), true},
                            {QStringLiteral("features"), QJsonArray()},
                            {QStringLiteral("sizes"), QJsonArray()}});
    return json;
}

QJsonObject actionJson(const FakeAction &action)
{
    QJsonObject json{
        {QStringLiteral("id"), action.id},
        {QStringLiteral("status"), action.status},
        {QStringLiteral("type"), action.type},
        {QStringLiteral("started_at"), doTime(action.startedAt)},
        {QStringLiteral("resource_id"), action.resourceId},
        {QStringLiteral("resource_type"), QStringLiteral("droplet")},
        {QStringLiteral("region_slug"), action.regionSlug},
    };
    json.insert(QStringLiteral("completed_at"), action.completedAt.isValid()
                                                    ? QJsonValue(doTime(action.completedAt))
                                                    : QJsonValue(QJsonValue::Null));
    return json;
}

QByteArray errorBody(const QString &id, const QString &message)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("message"), message}})
        .toJson(QJsonDocument::Compact);
}

} // namespace dopool::fakedo
