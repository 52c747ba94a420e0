#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace dopool::fakedo {

// The fake's DigitalOcean catalogue, in DO's JSON shape (GET /v2/regions, /v2/sizes,
// /v2/images?type=distribution): a realistic handful, the same for every account. fra1 is
// listed but not available, as DO lists regions closed to new droplets.
QJsonArray catalogRegions();
QJsonArray catalogSizes();
QJsonArray catalogDistributionImages();

// What a droplet embeds, in the same shape. A size slug outside the catalogue (the fake
// creates droplets of any slug) gets a size object derived from the slug; an unknown region
// slug a closed region of that name; an image slug outside the catalogue nullopt.
QJsonObject catalogSize(const QString &slug);
QJsonObject catalogRegion(const QString &slug);
std::optional<QJsonObject> catalogImage(const QString &slug);

} // namespace dopool::fakedo
