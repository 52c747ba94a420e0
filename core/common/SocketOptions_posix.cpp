#include "SocketOptions.h"

#include <sys/socket.h>

namespace dopool {

bool setAbortiveClose(qintptr socketDescriptor)
{
    if (socketDescriptor < 0)
        return false;
    const linger option{1, 0};
    return ::setsockopt(int(socketDescriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option) == 0;
}

} // namespace dopool
