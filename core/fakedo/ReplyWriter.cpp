#include "ReplyWriter.h"

#include <QHttpServerResponder>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

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
#ifdef Q_OS_UNIX
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger lingerOpt{1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOpt, sizeof lingerOpt);
    }
#endif
    socket->abort();
}

} // namespace dopool::fakedo
