#pragma once

#include "common/Error.h"

#include <QDateTime>
#include <QUrl>
#include <optional>

class QObject;

namespace dopool {
class AccountStore;
class TokenCipher;
} // namespace dopool

namespace dopool::desktop {

// What `dopool --demo` puts in place of DigitalOcean and the admin's accounts. The one
// implementation (core/demo, demo::backend()) runs the fake DO API; only the app and the
// demo's tests link it, so the rest of the shipped GUI cannot reach the fake server.
// Called in the worker's thread.
class DemoBackend
{
public:
    virtual ~DemoBackend() = default;

    // The demo's DO API, listening on loopback (owned by parent); nullopt without a port.
    virtual std::optional<QUrl> startApi(int latencyMs, QObject *parent) const = 0;
    // The demo's accounts, with their history, in a pool that has none yet.
    virtual Result<void> seed(AccountStore &store, const TokenCipher &cipher,
                              const QDateTime &now) const = 0;
};

} // namespace dopool::desktop
