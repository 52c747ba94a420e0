#pragma once

#include "ApiTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace dopool::api {

// A parsed reply body, or what is wrong with it (for "DigitalOcean sent a reply dopool
// cannot read: <problem>"). Parsing never trusts the body: a missing field or a wrong type
// is a problem, never a crash and never a silently wrong value.
template <typename T> struct Parsed
{
    std::optional<T> value;
    QString problem;
};

// The reply's top-level JSON object, or (nullopt) what is wrong with it in *problem.
std::optional<QJsonObject> replyRootObject(const QByteArray &body, QString *problem);

Parsed<AccountInfo> parseAccount(const QByteArray &body);     // GET /v2/account
Parsed<int> parseDropletCount(const QByteArray &body);        // meta.total of GET /v2/droplets
Parsed<DropletPage> parseDropletPage(const QByteArray &body); // GET /v2/droplets
Parsed<CreatedDroplet> parseCreatedDroplet(const QByteArray &body); // POST /v2/droplets
Parsed<Action> parseAction(const QByteArray &body);                 // GET /v2/actions/{id}

// The JSON body of POST /v2/droplets (single droplet form).
QByteArray createDropletBody(const CreateDropletRequest &request);

} // namespace dopool::api
