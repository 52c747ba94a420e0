#pragma once

#include "FakeDoTypes.h"

#include <QJsonObject>

namespace dopool::fakedo {

// DigitalOcean's JSON shapes (field names as in DO's OpenAPI description) for the fake's
// objects, so a client parsing the fake parses DO.

QJsonObject accountJson(const FakeAccount &account);
QJsonObject dropletJson(const FakeDroplet &droplet);
QJsonObject actionJson(const FakeAction &action);
// DO's error body: {"id": "...", "message": "..."}.
QByteArray errorBody(const QString &id, const QString &message);

// DO writes times as ISO 8601 in UTC with a Z and whole seconds.
QString doTime(const QDateTime &time);

} // namespace dopool::fakedo
