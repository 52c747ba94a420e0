#pragma once

#include "ApiRouter.h"

class QHttpServerResponder;
class QTcpSocket;

namespace dopool::fakedo {

// Writes a complete answer header by header: QHttpServerResponder's convenience writes take
// a fixed initializer list, and in Qt 6.4 adding content-type through setHeader() yields a
// second Content-Type. Here each header is written exactly once.
void writeReply(QHttpServerResponder &responder, const ApiReply &reply);

// Drops the connection with a TCP RST and no answer: what a client sees when a load
// balancer or the server dies mid-request.
void resetConnection(QTcpSocket *socket);

} // namespace dopool::fakedo
