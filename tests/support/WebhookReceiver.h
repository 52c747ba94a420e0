#pragma once

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

// A webhook endpoint on loopback for tests: collects the JSON bodies POSTed to it and answers 204.
class WebhookReceiver : public QTcpServer
{
public:
    QList<QJsonObject> bodies;

    WebhookReceiver()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    const QByteArray &data = m_buffers[socket];
                    const qsizetype end = data.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const qsizetype lengthAt = data.toLower().indexOf("content-length:");
                    const qsizetype length =
                        lengthAt < 0 ? 0
                                     : data.mid(lengthAt + 15,
                                                data.indexOf("\r\n", lengthAt) - lengthAt - 15)
                                           .trimmed()
                                           .toInt();
                    if (data.size() < end + 4 + length)
                        return;
                    bodies << QJsonDocument::fromJson(data.mid(end + 4, length)).object();
                    socket->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: "
                                  "close\r\n\r\n");
                    socket->disconnectFromHost();
                    m_buffers.remove(socket);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
