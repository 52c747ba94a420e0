#include "DoJson.h"

#include "FakeCatalog.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace dopool::fakedo {

namespace {

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

// A catalogue image as the catalogue lists it; a snapshot (numeric id) as DO shows a private
// one; any other slug as a public image the fake's catalogue leaves out.
QJsonObject imageJson(const QString &image)
{
    if (const std::optional<QJsonObject> listed = catalogImage(image))
        return *listed;
    bool numeric = false;
    const qint64 id = image.toLongLong(&numeric);
    QJsonObject json{
        {QStringLiteral("id"), numeric ? id : qint64(qHash(image, 0) % 100000000)},
        {QStringLiteral("name"), image},
        {QStringLiteral("distribution"), QStringLiteral("Unknown")},
        {QStringLiteral("public"), !numeric},
        {QStringLiteral("type"), numeric ? QStringLiteral("snapshot") : QStringLiteral("base")},
        {QStringLiteral("regions"), QJsonArray()},
        {QStringLiteral("tags"), QJsonArray()},
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
    // The droplet's memory, vcpus and disk are its size's.
    const QJsonObject size = catalogSize(droplet.size);
    QJsonObject json{
        {QStringLiteral("id"), droplet.id},
        {QStringLiteral("name"), droplet.name},
        {QStringLiteral("memory"), size.value(u"memory")},
        {QStringLiteral("vcpus"), size.value(u"vcpus")},
        {QStringLiteral("disk"), size.value(u"disk")},
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
    json.insert(QStringLiteral("size"), size);
    json.insert(QStringLiteral("region"), catalogRegion(droplet.region));
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
