#pragma once

#include "FakeDoState.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace dopool::fakedo {

struct ApiRequest
{
    QString method; // upper case
    QString path;
    QUrlQuery query;
    QByteArray body;
    QString token; // the bearer token; empty when there was none
};

// A complete HTTP answer, before the transport adds ratelimit headers and writes it.
struct ApiReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json; charset=utf-8");
    QList<QPair<QByteArray, QByteArray>> headers; // beyond content-type/-length/ratelimit
};

// Which operation a method + path is (also what a Fault can be restricted to).
Endpoint classifyEndpoint(const QString &method, const QString &path);

// DO's canned error answers, shared by the router and the fault injector.
ApiReply unauthorizedReply();
ApiReply forbiddenReply();
ApiReply tooManyRequestsReply(int retryAfterSeconds);
ApiReply serverErrorReply();
ApiReply gatewayTimeoutReply(); // 504 from the load balancer in front of the API: HTML

// The DO API subset on top of a FakeDoState: account, droplets list/create/get/delete,
// actions, and the catalogue (regions, sizes, distribution images). Authentication has happened
// before: request.token names a known account.
class ApiRouter
{
public:
    explicit ApiRouter(FakeDoState &state)
        : m_state(state)
    {}

    // baseUrl makes the hrefs in links point back at this server.
    ApiReply handle(const ApiRequest &request, Endpoint endpoint, const QUrl &baseUrl);

private:
    ApiReply account(const ApiRequest &request);
    ApiReply listDroplets(const ApiRequest &request, const QUrl &baseUrl);
    ApiReply createDroplet(const ApiRequest &request, const QUrl &baseUrl);
    ApiReply getDroplet(const ApiRequest &request);
    ApiReply deleteDroplet(const ApiRequest &request);
    ApiReply getAction(const ApiRequest &request);
    // GET /v2/regions, /v2/sizes, /v2/images: `all` paged as DO pages (per_page, links.pages).
    ApiReply catalogPage(const ApiRequest &request, const QUrl &baseUrl, const QString &key,
                         const QJsonArray &all);

    FakeDoState &m_state;
};

} // namespace dopool::fakedo
