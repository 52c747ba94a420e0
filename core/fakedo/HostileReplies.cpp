#include "HostileReplies.h"

#include "FakeDoLogging.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace dopool::fakedo {

namespace {

// What a terminal or a log must never receive raw: a colour and a screen clear, a bell, a
// forged log line after CR/LF, and a right-to-left override.
const QString kEscapes = QStringLiteral(
    "\x1b[31m\x1b[2J\x07\r\n2026-01-01T00:00:00.000 info dopool.cli: all good \u202Eevil");

QString escapedValue(const QString &value)
{
    return value + kEscapes;
}

QString overlongValue(const QString &value, int chars)
{
    return value + QString(std::max(0, chars - int(value.size())), u'x');
}

using Rewrite = QString (*)(const QString &value, const QString &field, const QString &token);

QString rewriteEscapes(const QString &value, const QString &, const QString &)
{
    return escapedValue(value);
}

QString rewriteOverlong(const QString &value, const QString &field, const QString &)
{
    if (field == QLatin1String("email"))
        return QString(300, u'a') + QStringLiteral("@overlong.example"); // DO's limit is 255
    if (field == QLatin1String("status_message"))
        return overlongValue(value, 5000);
    return overlongValue(value, 1000);
}

QString rewriteTokenEcho(const QString &value, const QString &field, const QString &token)
{
    if (field == QLatin1String("email"))
        return token + QStringLiteral("@echo.example");
    return QStringLiteral("%1 (your token is %2)").arg(value, token);
}

void rewriteFields(QJsonObject &object, const QStringList &fields, Rewrite rewrite,
                   const QString &token)
{
    for (const QString &field : fields) {
        if (object.value(field).isString())
            object.insert(field, rewrite(object.value(field).toString(), field, token));
    }
}

void rewriteArray(QJsonObject &root, const QString &key, const QStringList &fields, Rewrite rewrite,
                  const QString &token)
{
    QJsonArray items = root.value(key).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        rewriteFields(item, fields, rewrite, token);
        items.replace(i, item);
    }
    root.insert(key, items);
}

Rewrite rewriteFor(FaultKind kind)
{
    switch (kind) {
    case FaultKind::HostileEscapes:
        return &rewriteEscapes;
    case FaultKind::HostileOverlong:
        return &rewriteOverlong;
    case FaultKind::HostileTokenEcho:
        return &rewriteTokenEcho;
    default:
        return nullptr;
    }
}

// The parts of a huge answer: it starts with `head`, repeats `unit` and ends with `tail`.
struct HugeShape
{
    QByteArray head;
    QByteArray unit;
    QByteArray tail;
};

HugeShape hugeShape(Endpoint endpoint)
{
    auto listing = [](const char *key, const QByteArray &item) {
        return HugeShape{QByteArray("{\"") + key + "\":[", item + ',',
                         item + "],\"links\":{},\"meta\":{\"total\":1}}"};
    };
    switch (endpoint) {
    case Endpoint::Account:
        return HugeShape{
            "{\"account\":{\"droplet_limit\":25,\"email\":\"huge@example.com\",\"uuid\":"
            "\"0123456789abcdef0123456789abcdef01234567\",\"status\":\"active\","
            "\"email_verified\":true,\"status_message\":\"",
            "AAAAAAAAAAAAAAAA", "\"}}"};
    case Endpoint::DropletsList:
        return listing("droplets",
                       "{\"id\":1,\"name\":\"huge\",\"status\":\"active\",\"tags\":[]}");
    case Endpoint::Regions:
        return listing("regions",
                       "{\"slug\":\"hug1\",\"name\":\"Huge\",\"available\":true,\"sizes\":[]}");
    case Endpoint::Sizes:
        return listing("sizes", "{\"slug\":\"s-huge\",\"vcpus\":1,\"memory\":1024,\"disk\":25,"
                                "\"price_monthly\":6,\"available\":true,\"regions\":[]}");
    case Endpoint::Images:
        return listing("images",
                       "{\"id\":1,\"slug\":\"huge\",\"name\":\"Huge\",\"distribution\":\"X\"}");
    default:
        return HugeShape{"{\"padding\":\"", "AAAAAAAAAAAAAAAA", "\"}"};
    }
}

// One huge answer on its way out.
struct HugeStream
{
    std::shared_ptr<QHttpServerResponder> responder; // kept alive while writing
    QPointer<QTcpSocket> socket;
    QByteArray piece; // units, about kPieceBytes of them
    qint64 unitsLeft = 0;
    qint64 unitsPerPiece = 0;
    QByteArray tail;
    bool chunked = false;
    bool done = false;
};

QByteArray framed(const HugeStream &stream, const QByteArray &data)
{
    if (!stream.chunked || data.isEmpty())
        return data;
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

constexpr qint64 kPieceBytes = 256 * 1024;

void writeMore(const std::shared_ptr<HugeStream> &stream)
{
    QTcpSocket *socket = stream->socket;
    if (stream->done || !socket || socket->state() != QAbstractSocket::ConnectedState) {
        stream->done = true;
        return;
    }
    // Keep a few pieces queued, never the whole answer.
    while (socket->bytesToWrite() < 4 * kPieceBytes && !stream->done) {
        if (stream->unitsLeft == 0) {
            socket->write(framed(*stream, stream->tail));
            if (stream->chunked)
                socket->write("0\r\n\r\n");
            stream->done = true;
            break;
        }
        if (stream->unitsLeft >= stream->unitsPerPiece) {
            socket->write(framed(*stream, stream->piece));
            stream->unitsLeft -= stream->unitsPerPiece;
        } else {
            const qint64 unitSize = stream->piece.size() / stream->unitsPerPiece;
            socket->write(framed(*stream, stream->piece.left(stream->unitsLeft * unitSize)));
            stream->unitsLeft = 0;
        }
    }
}

} // namespace

bool isHostileFault(FaultKind kind)
{
    return kind == FaultKind::HostileEscapes || kind == FaultKind::HostileOverlong ||
           kind == FaultKind::HostileTokenEcho || kind == FaultKind::HostileHugeBody;
}

ApiReply hostileReply(FaultKind kind, const ApiReply &normal, Endpoint endpoint,
                      const QString &token)
{
    const Rewrite rewrite = rewriteFor(kind);
    if (!rewrite || normal.status < 200 || normal.status > 299)
        return normal;
    QJsonObject root = QJsonDocument::fromJson(normal.body).object();
    switch (endpoint) {
    case Endpoint::Account: {
        QJsonObject account = root.value(QStringLiteral("account")).toObject();
        rewriteFields(account,
                      {QStringLiteral("email"), QStringLiteral("uuid"), QStringLiteral("status"),
                       QStringLiteral("status_message")},
                      rewrite, token);
        root.insert(QStringLiteral("account"), account);
        break;
    }
    case Endpoint::DropletsList:
        rewriteArray(root, QStringLiteral("droplets"), {QStringLiteral("name")}, rewrite, token);
        break;
    case Endpoint::Regions:
        rewriteArray(root, QStringLiteral("regions"),
                     {QStringLiteral("slug"), QStringLiteral("name")}, rewrite, token);
        break;
    case Endpoint::Sizes:
        rewriteArray(root, QStringLiteral("sizes"),
                     {QStringLiteral("slug"), QStringLiteral("description")}, rewrite, token);
        break;
    case Endpoint::Images:
        rewriteArray(
            root, QStringLiteral("images"),
            {QStringLiteral("slug"), QStringLiteral("name"), QStringLiteral("distribution")},
            rewrite, token);
        break;
    default:
        return normal;
    }
    ApiReply reply = normal;
    reply.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return reply;
}

void streamHugeBody(const std::shared_ptr<QHttpServerResponder> &responder,
                    const QPointer<QTcpSocket> &socket, Endpoint endpoint, qint64 bytes,
                    bool chunked, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const HugeShape shape = hugeShape(endpoint);
    auto stream = std::make_shared<HugeStream>();
    stream->responder = responder;
    stream->socket = socket;
    stream->tail = shape.tail;
    stream->chunked = chunked;
    const qint64 fixed = shape.head.size() + shape.tail.size();
    stream->unitsLeft = std::max<qint64>(0, (bytes - fixed) / shape.unit.size());
    stream->unitsPerPiece = std::max<qint64>(1, kPieceBytes / shape.unit.size());
    stream->piece = shape.unit.repeated(stream->unitsPerPiece);
    const qint64 total = fixed + stream->unitsLeft * shape.unit.size();

    responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder->writeHeader(QByteArrayLiteral("Content-Type"),
                           QByteArrayLiteral("application/json; charset=utf-8"));
    if (chunked)
        responder->writeHeader(QByteArrayLiteral("Transfer-Encoding"),
                               QByteArrayLiteral("chunked"));
    else
        responder->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(total));
    for (const auto &[name, value] : headers)
        responder->writeHeader(name, value);
    responder->writeBody(framed(*stream, shape.head)); // ends the header block
    qCDebug(lcFakeDo) << "streaming a huge answer of" << total << "bytes";
    // The connection lives on this lambda: it holds the stream (and the responder) until the
    // socket goes, whichever way.
    QObject::connect(socket.data(), &QTcpSocket::bytesWritten, socket.data(),
                     [stream](qint64) { writeMore(stream); });
    writeMore(stream);
}

} // namespace dopool::fakedo
