#include "DesktopKeychain.h"

#include "crypto/QtKeychainSecretStore.h"

namespace dopool::desktop {

Result<std::unique_ptr<SecretStore>> openKeychain(const QProcessEnvironment &env)
{
    const auto service = QtKeychainSecretStore::serviceFromEnvironment(env);
    if (!service)
        return service.error();
    return std::unique_ptr<SecretStore>(std::make_unique<QtKeychainSecretStore>(*service));
}

} // namespace dopool::desktop
