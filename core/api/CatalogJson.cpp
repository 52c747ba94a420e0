#include "CatalogJson.h"

#include "JsonFields.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>
#include <limits>

namespace dopool::api {

namespace {

constexpr qint64 IntMax = std::numeric_limits<int>::max();
constexpr qint64 IdMax = qint64(1) << 53;
constexpr double PriceMax = 1e7;

Region readRegion(FieldReader &reader)
{
    Region region;
    region.slug = reader.string("slug", Presence::Required, FieldLimit::Slug);
    region.name = reader.string("name", Presence::Required, FieldLimit::Name);
    region.available = reader.boolean("available", Presence::Required);
    region.sizes = reader.stringList("sizes", Presence::Optional, FieldLimit::Slug);
    return region;
}

Size readSize(FieldReader &reader)
{
    Size size;
    size.slug = reader.string("slug", Presence::Required, FieldLimit::Slug);
    size.vcpus = int(reader.integer("vcpus", Presence::Required, 0, IntMax));
    size.memoryMb = int(reader.integer("memory", Presence::Required, 0, IntMax));
    size.diskGb = int(reader.integer("disk", Presence::Required, 0, IntMax));
    size.priceMonthly = reader.number("price_monthly", Presence::Required, 0, PriceMax);
    size.regions = reader.stringList("regions", Presence::Optional, FieldLimit::Slug);
    size.available = reader.boolean("available", Presence::Required);
    size.description = reader.string("description", Presence::Optional, FieldLimit::Name);
    return size;
}

Image readImage(FieldReader &reader)
{
    Image image;
    image.id = reader.integer("id", Presence::Required, 1, IdMax);
    image.slug = reader.string("slug", Presence::Optional, FieldLimit::Slug); // may be null
    image.distribution = reader.string("distribution", Presence::Optional, FieldLimit::Name);
    image.name = reader.string("name", Presence::Required, FieldLimit::Name);
    image.isPublic = reader.boolean("public", Presence::Optional);
    return image;
}

// links.pages.next -> its page number, which must come after `page`; 0 when there is none.
int nextPageNumber(FieldReader &top, int page)
{
    FieldReader links = top.object("links", Presence::Optional);
    FieldReader pages = links.object("pages", Presence::Optional);
    const QString next = pages.string("next", Presence::Optional, FieldLimit::Url);
    links.absorb(pages);
    top.absorb(links);
    if (next.isEmpty() || !top.ok())
        return 0;
    const QUrl url(next, QUrl::StrictMode);
    bool ok = false;
    const int number = QUrlQuery(url).queryItemValue(QStringLiteral("page")).toInt(&ok);
    if (!url.isValid() || !ok || number <= page) {
        top.fail(CoreTr::tr("links.pages.next does not name a page after page %1").arg(page));
        return 0;
    }
    return number;
}

template <typename T>
Parsed<CatalogPage<T>> parsePage(const QByteArray &body, int page, const char *key,
                                 T (*read)(FieldReader &))
{
    QString problem;
    const std::optional<QJsonObject> root = replyRootObject(body, &problem);
    if (!root)
        return Parsed<CatalogPage<T>>{std::nullopt, problem};
    FieldReader top(*root, QString());
    CatalogPage<T> result;
    const QJsonArray items = top.array(key, Presence::Required);
    result.items.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && top.ok(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i);
        if (!items.at(i).isObject()) {
            top.fail(
                CoreTr::tr("%1 is %2, expected an object").arg(path, jsonTypeName(items.at(i))));
            break;
        }
        FieldReader reader(items.at(i).toObject(), path);
        result.items.append(read(reader));
        top.absorb(reader);
    }
    result.nextPage = nextPageNumber(top, page);
    if (!top.ok())
        return Parsed<CatalogPage<T>>{std::nullopt, top.problem()};
    return Parsed<CatalogPage<T>>{std::move(result), {}};
}

} // namespace

Parsed<CatalogPage<Region>> parseRegionPage(const QByteArray &body, int page)
{
    return parsePage<Region>(body, page, "regions", &readRegion);
}

Parsed<CatalogPage<Size>> parseSizePage(const QByteArray &body, int page)
{
    return parsePage<Size>(body, page, "sizes", &readSize);
}

Parsed<CatalogPage<Image>> parseImagePage(const QByteArray &body, int page)
{
    return parsePage<Image>(body, page, "images", &readImage);
}

} // namespace dopool::api
