#pragma once

#include "ApiJson.h"

namespace dopool::api {

// The catalogue listings (GET /v2/regions, /v2/sizes, /v2/images), one page each. The next
// page is read from links.pages.next as a page number only: the client asks for it at its own
// base URL, so a link pointing elsewhere can never carry the token off.
Parsed<CatalogPage<Region>> parseRegionPage(const QByteArray &body, int page);
Parsed<CatalogPage<Size>> parseSizePage(const QByteArray &body, int page);
Parsed<CatalogPage<Image>> parseImagePage(const QByteArray &body, int page);

} // namespace dopool::api
