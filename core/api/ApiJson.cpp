#include "ApiJson.h"

#include "JsonFields.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <limits>

namespace dopool::api {

namespace {

constexpr qint64 IntMax = std::numeric_limits<int>::max();
// DO ids are JSON numbers; beyond 2^53 a double could not have carried them exactly.
constexpr qint64 IdMax = qint64(1) << 53;

template <typename T> Parsed<T> failure(QString problem)
{
    return Parsed<T>{std::nullopt, std::move(problem)};
}

Droplet readDroplet(FieldReader &reader)
{
    Droplet droplet;
    droplet.id = reader.integer("id", Presence::Required, 1, IdMax);
    droplet.name = reader.string("name", Presence::Required, FieldLimit::Name);
    droplet.status = reader.string("status", Presence::Required, FieldLimit::Slug);
    droplet.createdAt = reader.dateTime("created_at", Presence::Optional);
    droplet.tags = reader.stringList("tags", Presence::Optional, FieldLimit::Name);
    droplet.sizeSlug = reader.string("size_slug", Presence::Optional, FieldLimit::Slug);

    FieldReader region = reader.object("region", Presence::Optional);
    droplet.regionSlug = region.string("slug", Presence::Optional, FieldLimit::Slug);
    reader.absorb(region);

    FieldReader image = reader.object("image", Presence::Optional);
    droplet.imageSlug =
        image.string("slug", Presence::Optional, FieldLimit::Slug); // null: snapshots
    reader.absorb(image);

    if (droplet.sizeSlug.isEmpty()) { // older replies carry only size.slug
        FieldReader size = reader.object("size", Presence::Optional);
        droplet.sizeSlug = size.string("slug", Presence::Optional, FieldLimit::Slug);
        reader.absorb(size);
    }
    return droplet;
}

} // namespace

// The top-level object, or a problem. The body itself is never quoted: it could be anything
// (a proxy's HTML page), and only its shape matters to the reader.
std::optional<QJsonObject> replyRootObject(const QByteArray &body, QString *problem)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *problem = body.trimmed().isEmpty()
                       ? CoreTr::tr("the body is empty, expected JSON")
                       : CoreTr::tr("the body is not JSON (%1 at byte %2 of %3)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset)
                             .arg(body.size());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *problem = CoreTr::tr("the body is a JSON array, expected an object");
        return std::nullopt;
    }
    return doc.object();
}

Parsed<AccountInfo> parseAccount(const QByteArray &body)
{
    QString problem;
    const std::optional<QJsonObject> root = replyRootObject(body, &problem);
    if (!root)
        return failure<AccountInfo>(problem);
    FieldReader top(*root, QString());
    FieldReader reader = top.object("account", Presence::Required);
    if (!top.ok())
        return failure<AccountInfo>(top.problem());

    AccountInfo account;
    account.dropletLimit = int(reader.integer("droplet_limit", Presence::Required, 0, IntMax));
    account.email = reader.string("email", Presence::Required, FieldLimit::Email);
    account.uuid = reader.string("uuid", Presence::Required, FieldLimit::Slug);
    account.status = reader.string("status", Presence::Required, FieldLimit::Slug);
    account.statusMessage =
        reader.string("status_message", Presence::Optional, FieldLimit::StatusMessage);
    account.emailVerified = reader.boolean("email_verified", Presence::Optional);
    account.floatingIpLimit =
        int(reader.integer("floating_ip_limit", Presence::Optional, 0, IntMax, -1));
    account.volumeLimit = int(reader.integer("volume_limit", Presence::Optional, 0, IntMax, -1));
    FieldReader team = reader.object("team", Presence::Optional);
    account.teamUuid = team.string("uuid", Presence::Optional, FieldLimit::Slug);
    account.teamName = team.string("name", Presence::Optional, FieldLimit::Name);
    reader.absorb(team);
    if (!reader.ok())
        return failure<AccountInfo>(reader.problem());
    account.cutFields = reader.cutFields();
    return Parsed<AccountInfo>{account, {}};
}

Parsed<int> parseDropletCount(const QByteArray &body)
{
    QString problem;
    const std::optional<QJsonObject> root = replyRootObject(body, &problem);
    if (!root)
        return failure<int>(problem);
    FieldReader top(*root, QString());
    FieldReader meta = top.object("meta", Presence::Required);
    const int total = int(meta.integer("total", Presence::Required, 0, IntMax));
    top.absorb(meta);
    if (!top.ok())
        return failure<int>(top.problem());
    return Parsed<int>{total, {}};
}

Parsed<DropletPage> parseDropletPage(const QByteArray &body)
{
    QString problem;
    const std::optional<QJsonObject> root = replyRootObject(body, &problem);
    if (!root)
        return failure<DropletPage>(problem);
    FieldReader top(*root, QString());
    DropletPage page;
    const QJsonArray items = top.array("droplets", Presence::Required);
    FieldReader meta = top.object("meta", Presence::Required);
    page.total = int(meta.integer("total", Presence::Required, 0, IntMax));
    top.absorb(meta);
    page.droplets.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && top.ok(); ++i) {
        const QString path = QStringLiteral("droplets[%1]").arg(i);
        if (!items.at(i).isObject()) {
            top.fail(
                CoreTr::tr("%1 is %2, expected an object").arg(path, jsonTypeName(items.at(i))));
            break;
        }
        FieldReader reader(items.at(i).toObject(), path);
        page.droplets.append(readDroplet(reader));
        top.absorb(reader);
    }
    if (!top.ok())
        return failure<DropletPage>(top.problem());
    return Parsed<DropletPage>{page, {}};
}

Parsed<CreatedDroplet> parseCreatedDroplet(const QByteArray &body)
{
    QString problem;
    const std::optional<QJsonObject> root = replyRootObject(body, &problem);
    if (!root)
        return failure<CreatedDroplet>(problem);
    FieldReader top(*root, QString());
    CreatedDroplet created;
    FieldReader droplet = top.object("droplet", Presence::Required);
    created.droplet = readDroplet(droplet);
    top.absorb(droplet);

    FieldReader links = top.object("links", Presence::Optional);
    const QJsonArray actions = links.array("actions", Presence::Optional);
    top.absorb(links);
    for (qsizetype i = 0; i < actions.size() && top.ok(); ++i) {
        const QString path = QStringLiteral("links.actions[%1]").arg(i);
        if (!actions.at(i).isObject()) {
            top.fail(
                CoreTr::tr("%1 is %2, expected an object").arg(path, jsonTypeName(actions.at(i))));
            break;
        }
        FieldReader action(actions.at(i).toObject(), path);
        if (action.string("rel", Presence::Optional, FieldLimit::Slug) == QLatin1String("create"))
            created.actionId = action.integer("id", Presence::Required, 1, IdMax);
        top.absorb(action);
        if (created.actionId != 0)
            break;
    }
    if (!top.ok())
        return failure<CreatedDroplet>(top.problem());
    return Parsed<CreatedDroplet>{created, {}};
}

Parsed<Action> parseAction(const QByteArray &body)
{
    QString problem;
    const std::optional<QJsonObject> root = replyRootObject(body, &problem);
    if (!root)
        return failure<Action>(problem);
    FieldReader top(*root, QString());
    FieldReader reader = top.object("action", Presence::Required);
    if (!top.ok())
        return failure<Action>(top.problem());
    Action action;
    action.id = reader.integer("id", Presence::Required, 1, IdMax);
    action.status = reader.string("status", Presence::Required, FieldLimit::Slug);
    action.type = reader.string("type", Presence::Optional, FieldLimit::Slug);
    action.resourceId = reader.integer("resource_id", Presence::Optional, 0, IdMax, 0);
    if (!reader.ok())
        return failure<Action>(reader.problem());
    return Parsed<Action>{action, {}};
}

QByteArray createDropletBody(const CreateDropletRequest &request)
{
    QJsonObject body;
    body.insert(QLatin1String("name"), request.name);
    body.insert(QLatin1String("region"), request.region);
    body.insert(QLatin1String("size"), request.size);
    // DO takes an image slug or a numeric image id; a number must go as a JSON number.
    bool numeric = false;
    const qint64 imageId = request.image.toLongLong(&numeric);
    if (numeric && imageId > 0)
        body.insert(QLatin1String("image"), imageId);
    else
        body.insert(QLatin1String("image"), request.image);
    body.insert(QLatin1String("tags"), QJsonArray::fromStringList(request.tags));
    if (request.userData)
        body.insert(QLatin1String("user_data"), *request.userData);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace dopool::api
