#pragma once

// Test-only, header-only: the create request the API tests send (a small Ubuntu droplet for
// order 42, tagged, with cloud-config user data).

#include "api/ApiTypes.h"

namespace dopool::testing {

inline dopool::api::CreateDropletRequest sampleCreate()
{
    dopool::api::CreateDropletRequest request;
    request.name = QStringLiteral("order-42");
    request.region = QStringLiteral("fra1");
    request.size = QStringLiteral("s-1vcpu-1gb");
    request.image = QStringLiteral("ubuntu-22-04-x64");
    request.tags = {QStringLiteral("dopool"), QStringLiteral("order:42")};
    request.userData = QStringLiteral("#cloud-config\n");
    return request;
}

} // namespace dopool::testing
