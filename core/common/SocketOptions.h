#pragma once

#include <QtGlobal>

// Socket options Qt has no API for; SocketOptions_posix.cpp or SocketOptions_win.cpp.
namespace dopool {

// Makes the next close of the connected socket descriptor an abortive one (SO_LINGER with a
// zero timeout): the peer gets a TCP RST instead of a FIN. False if the option was refused.
bool setAbortiveClose(qintptr socketDescriptor);

} // namespace dopool
