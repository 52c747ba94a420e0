#pragma once

// Test-only, header-only: a loopback TCP server answering every connection from a script of
// raw bytes, for what the fake DO server (core/fakedo, on QtHttpServer) never sends - a 503,
// a malformed create answer, chunked, split, interim, truncated or garbage answers - and to
// see the exact bytes a request put on the wire.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace dopool::testing {

// An HTTP/1.1 answer with a Content-Length; `headers` each end in CRLF.
inline QByteArray rawAnswer(const QByteArray &statusLine, const QByteArray &headers,
                            const QByteArray &body)
{
    QByteArray bytes = statusLine;
    bytes.append("\r\n").append(headers);
    bytes.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n\r\n");
    return bytes.append(body);
}

// Writes its pieces one per event-loop turn after the whole request arrived; records what
// each connection sent.
struct RawHttpServer
{
    QTcpServer server;
    QList<QByteArray> pieces;
    bool closeAfter = true;
    bool answerAtOnce = false;  // on the first bytes, without waiting for a whole request
    QList<QByteArray> received; // one per connection
    QObject guard;

    // useServer: another listening server (a QSslServer) to answer on instead of `server`.
    explicit RawHttpServer(QTcpServer *useServer = nullptr)
    {
        QTcpServer *tcp = useServer ? useServer : &server;
        QObject::connect(tcp, &QTcpServer::pendingConnectionAvailable, &guard, [this, tcp] {
            while (QTcpSocket *socket = tcp->nextPendingConnection())
                accept(socket);
        });
    }
    QUrl url(const QString &scheme = QStringLiteral("http")) const
    {
        QUrl u;
        u.setScheme(scheme);
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(server.isListening() ? server.serverPort() : 0);
        return u;
    }
    void accept(QTcpSocket *socket)
    {
        const qsizetype index = received.size();
        received.append(QByteArray());
        QObject::connect(socket, &QIODevice::readyRead, &guard, [this, socket, index] {
            received[index].append(socket->readAll());
            const bool due = answerAtOnce || requestComplete(received[index]);
            if (due && !socket->property("answered").toBool()) {
                socket->setProperty("answered", true);
                writeNext(socket, 0);
            }
        });
    }
    static bool requestComplete(const QByteArray &bytes)
    {
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype at = bytes.toLower().indexOf("content-length:");
        const qsizetype length =
            at < 0 ? 0
                   : bytes.mid(at + 15, bytes.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        return bytes.size() >= end + 4 + length;
    }
    void writeNext(QTcpSocket *socket, int index)
    {
        if (index >= pieces.size()) {
            if (closeAfter)
                socket->disconnectFromHost();
            return;
        }
        socket->write(pieces.at(index));
        socket->flush();
        QTimer::singleShot(5, socket, [this, socket, index] { writeNext(socket, index + 1); });
    }
};

} // namespace dopool::testing
