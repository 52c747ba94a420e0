#pragma once

#include <QJsonArray>

namespace dopool::fakedo {

// The fake's DigitalOcean catalogue, in DO's JSON shape (GET /v2/regions, /v2/sizes,
// /v2/images?type=distribution): a realistic handful, the same for every account. fra1 is
// listed but not available, as DO lists regions closed to new droplets.
QJsonArray catalogRegions();
QJsonArray catalogSizes();
QJsonArray catalogDistributionImages();

} // namespace dopool::fakedo
