#include "SocketOptions.h"

#include <winsock2.h>

namespace dopool {

bool setAbortiveClose(qintptr socketDescriptor)
{
    if (socketDescriptor < 0)
        return false;
    // closesocket() after a zero linger timeout resets the connection, as on POSIX.
    linger option{};
    option.l_onoff = 1;
    option.l_linger = 0;
    return ::setsockopt(SOCKET(socketDescriptor), SOL_SOCKET, SO_LINGER,
                        reinterpret_cast<const char *>(&option), int(sizeof option)) == 0;
}

} // namespace dopool
