#pragma once

#include "ApiRouter.h"
#include "FakeDoTypes.h"

#include <QPointer>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace dopool::fakedo {

// The fake DO as a hostile or broken server (FaultKind::Hostile*, docs/security.md): what a
// compromised proxy, a bug at DO or an attacker on the path could send. Kept here so that
// every later change of the client stays tested against it.

bool isHostileFault(FaultKind kind);

// The normal answer rewritten for kind (HostileEscapes, HostileOverlong, HostileTokenEcho):
// the strings of the endpoint's objects (account email, uuid, status and status_message;
// droplet names; region, size and image slugs and names) carry escape codes, forged log lines
// and bidi overrides, or are far over any sane length, or echo the request's bearer token.
// Error answers and endpoints without strings are returned unchanged.
ApiReply hostileReply(FaultKind kind, const ApiReply &normal, Endpoint endpoint,
                      const QString &token);

// HostileHugeBody: a 200 answer of exactly `bytes` bytes of valid JSON for the endpoint (one
// endless status_message for the account, an endless array for a listing), written in
// pieces as the client reads, so the fake itself never holds more than a piece of it.
// Stops when the client goes away. chunked: no Content-Length, the body in chunks.
void streamHugeBody(const std::shared_ptr<QHttpServerResponder> &responder,
                    const QPointer<QTcpSocket> &socket, Endpoint endpoint, qint64 bytes,
                    bool chunked, const QList<QPair<QByteArray, QByteArray>> &headers);

} // namespace dopool::fakedo
