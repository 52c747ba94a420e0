#pragma once

#include "common/Error.h"
#include "crypto/SecretStore.h"

#include <QProcessEnvironment>
#include <memory>

namespace dopool::desktop {

// The system keychain the desktop keeps the pool key in, under the service the environment
// names (DOPOOL_KEYCHAIN_SERVICE, else "dopool"; see QtKeychainSecretStore). A malformed
// service name is an error. Lives in the GUI thread; PoolClient hops to it.
Result<std::unique_ptr<SecretStore>> openKeychain(const QProcessEnvironment &env);

} // namespace dopool::desktop
