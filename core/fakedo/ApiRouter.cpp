#include "ApiRouter.h"

#include "DoJson.h"
#include "FakeCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dopool::fakedo {

namespace {

constexpr int kDefaultPerPage = 20; // DO's default and maximum page sizes
constexpr int kMaxPerPage = 200;

ApiReply jsonReply(int status, const QJsonObject &object)
{
    ApiReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

ApiReply errorReply(int status, const QString &id, const QString &message)
{
    ApiReply reply;
    reply.status = status;
    reply.body = errorBody(id, message);
    return reply;
}

ApiReply notFound()
{
    return errorReply(404, QStringLiteral("not_found"),
                      QStringLiteral("The resource you were accessing could not be found."));
}

ApiReply unprocessable(const QString &message)
{
    return errorReply(422, QStringLiteral("unprocessable_entity"), message);
}

QString normalizedPath(const QString &path)
{
    QString p = path;
    while (p.size() > 1 && p.endsWith(u'/'))
        p.chop(1);
    return p;
}

// "/v2/droplets/123" with prefix "/v2/droplets/" -> 123; 0 when not a positive number.
qint64 idAfter(const QString &path, QStringView prefix)
{
    if (!path.startsWith(prefix))
        return 0;
    bool ok = false;
    const qint64 id = QStringView(path).mid(prefix.size()).toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

int queryInt(const QUrlQuery &query, const QString &key, int fallback)
{
    bool ok = false;
    const int value = query.queryItemValue(key).toInt(&ok);
    return ok ? value : fallback;
}

QString pageHref(const QUrl &baseUrl, int page, int perPage, const QString &tag,
                 const QString &path = QStringLiteral("/v2/droplets"),
                 const QString &type = QString())
{
    QUrl url = baseUrl;
    url.setPath(path);
    QUrlQuery query;
    if (!type.isEmpty())
        query.addQueryItem(QStringLiteral("type"), type);
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    if (!tag.isEmpty())
        query.addQueryItem(QStringLiteral("tag_name"), tag);
    url.setQuery(query);
    return url.toString();
}

QString stringField(const QJsonObject &body, const QString &key)
{
    const QJsonValue v = body.value(key);
    if (v.isDouble()) // DO accepts an image by numeric id
        return QString::number(v.toInteger());
    return v.toString().trimmed();
}

} // namespace

Endpoint classifyEndpoint(const QString &method, const QString &path)
{
    const QString p = normalizedPath(path);
    if (p == u"/v2/account")
        return method == u"GET" ? Endpoint::Account : Endpoint::Unknown;
    if (p == u"/v2/droplets") {
        if (method == u"GET")
            return Endpoint::DropletsList;
        if (method == u"POST")
            return Endpoint::DropletCreate;
        return Endpoint::Unknown;
    }
    if (idAfter(p, u"/v2/droplets/") > 0) {
        if (method == u"GET")
            return Endpoint::DropletGet;
        if (method == u"DELETE")
            return Endpoint::DropletDelete;
        return Endpoint::Unknown;
    }
    if (idAfter(p, u"/v2/actions/") > 0 && method == u"GET")
        return Endpoint::Action;
    if (method == u"GET") {
        if (p == u"/v2/regions")
            return Endpoint::Regions;
        if (p == u"/v2/sizes")
            return Endpoint::Sizes;
        if (p == u"/v2/images")
            return Endpoint::Images;
    }
    return Endpoint::Unknown;
}

ApiReply unauthorizedReply()
{
    // The wording the project's plan specifies for a rejected token. DO's OpenAPI example
    // writes the id in lower case with a final period on the message: clients should compare
    // the id case-insensitively and rely on the 401 status, not on the text.
    return errorReply(401, QStringLiteral("Unauthorized"),
                      QStringLiteral("Unable to authenticate you"));
}

ApiReply forbiddenReply()
{
    return errorReply(403, QStringLiteral("forbidden"),
                      QStringLiteral("You do not have access for the attempted action."));
}

ApiReply tooManyRequestsReply(int retryAfterSeconds)
{
    ApiReply reply = errorReply(429, QStringLiteral("too_many_requests"),
                                QStringLiteral("API rate limit exceeded."));
    reply.headers.append(
        {QByteArrayLiteral("retry-after"), QByteArray::number(std::max(0, retryAfterSeconds))});
    return reply;
}

ApiReply serverErrorReply()
{
    return errorReply(500, QStringLiteral("server_error"),
                      QStringLiteral("Unexpected server-side error"));
}

ApiReply gatewayTimeoutReply()
{
    ApiReply reply;
    reply.status = 504;
    reply.contentType = QByteArrayLiteral("text/html");
    reply.body = QByteArrayLiteral("<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't "
                                   "respond in time.\n</body></html>\n");
    return reply;
}

ApiReply ApiRouter::handle(const ApiRequest &request, Endpoint endpoint, const QUrl &baseUrl)
{
    switch (endpoint) {
    case Endpoint::Account:
        return account(request);
    case Endpoint::DropletsList:
        return listDroplets(request, baseUrl);
    case Endpoint::DropletCreate:
        return createDroplet(request, baseUrl);
    case Endpoint::DropletGet:
        return getDroplet(request);
    case Endpoint::DropletDelete:
        return deleteDroplet(request);
    case Endpoint::Action:
        return getAction(request);
    case Endpoint::Regions:
        return catalogPage(request, baseUrl, QStringLiteral("regions"), catalogRegions());
    case Endpoint::Sizes:
        return catalogPage(request, baseUrl, QStringLiteral("sizes"), catalogSizes());
    case Endpoint::Images: {
        // ?type=application lists 1-Click apps, which the fake has none of.
        const QString type = request.query.queryItemValue(QStringLiteral("type"));
        return catalogPage(request, baseUrl, QStringLiteral("images"),
                           type == u"application" ? QJsonArray() : catalogDistributionImages());
    }
    case Endpoint::Any:
    case Endpoint::Unknown:
        break;
    }
    return notFound();
}

ApiReply ApiRouter::account(const ApiRequest &request)
{
    const std::optional<FakeAccount> account = m_state.account(request.token);
    if (!account)
        return unauthorizedReply();
    return jsonReply(200, QJsonObject{{QStringLiteral("account"), accountJson(*account)}});
}

ApiReply ApiRouter::listDroplets(const ApiRequest &request, const QUrl &baseUrl)
{
    const int perPage = std::clamp(
        queryInt(request.query, QStringLiteral("per_page"), kDefaultPerPage), 1, kMaxPerPage);
    const int page = std::max(1, queryInt(request.query, QStringLiteral("page"), 1));
    const QString tag =
        request.query.queryItemValue(QStringLiteral("tag_name"), QUrl::FullyDecoded);

    QList<FakeDroplet> matching = m_state.droplets(request.token);
    if (!tag.isEmpty())
        matching.removeIf([&tag](const FakeDroplet &d) { return !d.tags.contains(tag); });

    const qsizetype total = matching.size();
    QJsonArray droplets;
    for (qsizetype i = qsizetype(page - 1) * perPage; i < total && droplets.size() < perPage; ++i)
        droplets.append(dropletJson(matching.at(i)));

    const int lastPage = std::max(1, int((total + perPage - 1) / perPage));
    QJsonObject pages;
    if (page > 1) {
        pages.insert(QStringLiteral("first"), pageHref(baseUrl, 1, perPage, tag));
        pages.insert(QStringLiteral("prev"),
                     pageHref(baseUrl, std::min(page - 1, lastPage), perPage, tag));
    }
    if (page < lastPage) {
        pages.insert(QStringLiteral("last"), pageHref(baseUrl, lastPage, perPage, tag));
        pages.insert(QStringLiteral("next"), pageHref(baseUrl, page + 1, perPage, tag));
    }
    return jsonReply(200,
                     QJsonObject{
                         {QStringLiteral("droplets"), droplets},
                         {QStringLiteral("links"), QJsonObject{{QStringLiteral("pages"), pages}}},
                         {QStringLiteral("meta"), QJsonObject{{QStringLiteral("total"), total}}},
                     });
}

ApiReply ApiRouter::catalogPage(const ApiRequest &request, const QUrl &baseUrl, const QString &key,
                                const QJsonArray &all)
{
    const int perPage = std::clamp(
        queryInt(request.query, QStringLiteral("per_page"), kDefaultPerPage), 1, kMaxPerPage);
    const int page = std::max(1, queryInt(request.query, QStringLiteral("page"), 1));
    const QString path = normalizedPath(request.path);
    const QString type = request.query.queryItemValue(QStringLiteral("type"));
    const qsizetype total = all.size();
    QJsonArray items;
    for (qsizetype i = qsizetype(page - 1) * perPage; i < total && items.size() < perPage; ++i)
        items.append(all.at(i));
    const int lastPage = std::max(1, int((total + perPage - 1) / perPage));
    QJsonObject pages;
    if (page > 1) {
        pages.insert(QStringLiteral("first"), pageHref(baseUrl, 1, perPage, {}, path, type));
        pages.insert(QStringLiteral("prev"),
                     pageHref(baseUrl, std::min(page - 1, lastPage), perPage, {}, path, type));
    }
    if (page < lastPage) {
        pages.insert(QStringLiteral("last"), pageHref(baseUrl, lastPage, perPage, {}, path, type));
        pages.insert(QStringLiteral("next"), pageHref(baseUrl, page + 1, perPage, {}, path, type));
    }
    return jsonReply(200,
                     QJsonObject{
                         {key, items},
                         {QStringLiteral("links"), QJsonObject{{QStringLiteral("pages"), pages}}},
                         {QStringLiteral("meta"), QJsonObject{{QStringLiteral("total"), total}}},
                     });
}

ApiReply ApiRouter::createDroplet(const ApiRequest &request, const QUrl &baseUrl)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return errorReply(400, QStringLiteral("bad_request"),
                          QStringLiteral("The request body is not a JSON object."));
    const QJsonObject body = doc.object();

    FakeDoState::CreateRequest create;
    create.name = stringField(body, QStringLiteral("name"));
    create.region = stringField(body, QStringLiteral("region"));
    create.size = stringField(body, QStringLiteral("size"));
    create.image = stringField(body, QStringLiteral("image"));
    if (create.name.isEmpty())
        return unprocessable(QStringLiteral("name is required"));
    if (create.region.isEmpty())
        return unprocessable(QStringLiteral("region is required"));
    if (create.size.isEmpty())
        return unprocessable(QStringLiteral("size is required"));
    if (create.image.isEmpty())
        return unprocessable(QStringLiteral("image is required"));
    const QJsonValue tags = body.value(QStringLiteral("tags"));
    if (!tags.isUndefined() && !tags.isNull()) {
        if (!tags.isArray())
            return unprocessable(QStringLiteral("tags must be an array of strings"));
        const QJsonArray array = tags.toArray();
        for (const QJsonValue &tag : array) {
            if (!tag.isString() || tag.toString().isEmpty())
                return unprocessable(QStringLiteral("tags must be an array of strings"));
            create.tags.append(tag.toString());
        }
    }

    const std::optional<FakeDoState::Created> created =
        m_state.createDroplet(request.token, create);
    if (!created) // DO's exact wording, which clients match on
        return unprocessable(
            QStringLiteral("creating this/these droplet(s) will exceed your droplet limit"));

    QUrl href = baseUrl;
    href.setPath(QStringLiteral("/v2/actions/%1").arg(created->action.id));
    const QJsonObject link{{QStringLiteral("id"), created->action.id},
                           {QStringLiteral("rel"), QStringLiteral("create")},
                           {QStringLiteral("href"), href.toString()}};
    return jsonReply(202,
                     QJsonObject{{QStringLiteral("droplet"), dropletJson(created->droplet)},
                                 {QStringLiteral("links"),
                                  QJsonObject{{QStringLiteral("actions"), QJsonArray{link}}}}});
}

ApiReply ApiRouter::getDroplet(const ApiRequest &request)
{
    const qint64 id = idAfter(normalizedPath(request.path), u"/v2/droplets/");
    const std::optional<FakeDroplet> droplet = m_state.droplet(request.token, id);
    if (!droplet)
        return notFound();
    return jsonReply(200, QJsonObject{{QStringLiteral("droplet"), dropletJson(*droplet)}});
}

ApiReply ApiRouter::deleteDroplet(const ApiRequest &request)
{
    const qint64 id = idAfter(normalizedPath(request.path), u"/v2/droplets/");
    if (!m_state.deleteDroplet(request.token, id))
        return notFound();
    ApiReply reply; // 204 with DO's content-type and an empty body
    reply.status = 204;
    return reply;
}

ApiReply ApiRouter::getAction(const ApiRequest &request)
{
    const qint64 id = idAfter(normalizedPath(request.path), u"/v2/actions/");
    const std::optional<FakeAction> action = m_state.readAction(request.token, id);
    if (!action)
        return notFound();
    return jsonReply(200, QJsonObject{{QStringLiteral("action"), actionJson(*action)}});
}

} // namespace dopool::fakedo
