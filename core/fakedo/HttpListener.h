#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <functional>

namespace dopool::fakedo {

// QtHttpServer's transport with every request handed to one callback, together with a
// responder the callback may keep (moved away) and answer later, or never. The lower-level
// QAbstractHttpServer is used rather than QHttpServer's router because the fake routes by
// itself and needs the connection's socket (to reset it, and to notice the client leaving).
class HttpListener final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)>;

    explicit HttpListener(Handler handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace dopool::fakedo
