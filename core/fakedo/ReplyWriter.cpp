#include "ReplyWriter.h"

#include "common/SocketOptions.h"

#include <QHttpServerResponder>
#include <QTcpSocket>

namespace dopool::fakedo {

void writeReply(QHttpServerResponder &responder, const ApiReply &reply)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(reply.body.size()));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeBody(reply.body); // also ends the header block, even for an empty body
}

void resetConnection(QTcpSocket *socket)
{
    // Without the option the peer would see an orderly close (FIN) instead of the reset.
    setAbortiveClose(socket->socketDescriptor());
    socket->abort();
}

} // namespace dopool::fakedo
