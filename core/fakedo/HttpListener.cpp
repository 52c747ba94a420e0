#include "HttpListener.h"

namespace dopool::fakedo {

HttpListener::HttpListener(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool HttpListener::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_handler(request, makeResponder(request, socket));
    return true; // every request is ours, even unknown paths (answered 404 like DO)
}

void HttpListener::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest() takes every request.
}

} // namespace dopool::fakedo
