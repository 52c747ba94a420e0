#pragma once

#include "ApiJob.h"
#include "ApiResult.h"
#include "ApiTypes.h"
#include "NamPool.h"
#include "RetryPolicy.h"
#include "common/Clock.h"

#include <QObject>
#include <QUrl>
#include <QUrlQuery>
#include <memory>
#include <optional>

namespace dopool::api {

template <typename T> struct PagedFetch;

// Tuning of a DoApiClient (DoApiClient::Options).
struct ClientOptions
{
    // Per try, from handing the request to Qt (time queued for a connection included) to
    // the last byte of the answer.
    int timeoutMs = 15000;
    int maxTries = 4; // GETs: tries in all, the first included
    int backoffBaseMs = 500;
    int backoffMaxMs = 8000;
    int maxRetryAfterSecs = 60; // a longer wait is reported as RateLimited, not waited
    // QNetworkAccessManagers to spread requests over (6 connections per host each; made on
    // first use, so a client that sends a few requests opens a few).
    int networkManagers = 64;
};

// What a DoApiClient uses from outside, injectable for tests (DoApiClient::Dependencies).
struct ClientDependencies
{
    RandomSource random;          // [0, 1) jitter; default: a securely seeded generator
    NamFactory namFactory;        // the GETs' managers; default: plain QNetworkAccessManager
    RetryScheduler scheduler;     // default: QTimer::singleShot
    const Clock *clock = nullptr; // for HTTP-date retry-after; default: the system clock
    // What carries a POST (createDroplet), which must never be sent twice; default:
    // oneShotPostTransport(), a connection of its own per request (OneShotHttp.h). Not the
    // managers above, whatever namFactory is: a test of a create goes through what users run.
    PostTransport postTransport;
};

// Asynchronous client of the DigitalOcean API v2 endpoints the pool uses.
//
// Every call takes the account's token and a context object living in the client's thread.
// The callback always runs later from the event loop, never from inside the call; if the
// context is destroyed first, the request is aborted and the callback never runs. Destroying the
// client cancels its pending calls the same way. The token goes only into the Authorization header:
// never into a URL, a log line or an error message.
//
// GETs are retried on transient failures (rate limit, 5xx, timeout, unreachable) with
// exponential backoff and jitter, honouring retry-after. createDroplet() is never retried:
// after a timeout or a 5xx the droplet may exist, and only the caller can find out (by tag).
class DoApiClient final : public QObject
{
    Q_OBJECT
public:
    using Options = ClientOptions;
    using Dependencies = ClientDependencies;

    // baseUrl: e.g. https://api.digitalocean.com, already checked by parseApiBaseUrl(). It is
    // checked again: with anything but https (or plain http to loopback) every call fails
    // with kind Other and nothing is sent.
    explicit DoApiClient(QUrl baseUrl, Options options = {}, Dependencies dependencies = {},
                         QObject *parent = nullptr);
    ~DoApiClient() override;

    // GET /v2/account
    void getAccount(const QString &token, QObject *context, ApiCallback<AccountInfo> done);
    // GET /v2/droplets?per_page=1 -> meta.total: the account's droplet count, cheaply.
    void countDroplets(const QString &token, QObject *context, ApiCallback<int> done);
    // GET /v2/droplets?tag_name=&page=&per_page=
    void listDroplets(const QString &token, const DropletQuery &query, QObject *context,
                      ApiCallback<DropletPage> done);
    // POST /v2/droplets (DO answers 202). Sent once, never retried - not even by Qt: QNAM in
    // Qt 6.4 silently re-sends a request whose connection dropped before the answer, which
    // for a create means a duplicate droplet, so creates go through Dependencies::postTransport
    // (a OneShotHttp per create) instead.
    void createDroplet(const QString &token, const CreateDropletRequest &request, QObject *context,
                       ApiCallback<CreatedDroplet> done);
    // GET /v2/actions/{actionId}
    void getAction(const QString &token, qint64 actionId, QObject *context,
                   ApiCallback<Action> done);

    // The catalogue, every page (links.pages.next) of per_page=200 each, in DO's order:
    // GET /v2/regions
    void listRegions(const QString &token, QObject *context, ApiCallback<QList<Region>> done);
    // GET /v2/sizes
    void listSizes(const QString &token, QObject *context, ApiCallback<QList<Size>> done);
    // GET /v2/images?type=distribution: the public OS images.
    void listDistributionImages(const QString &token, QObject *context,
                                ApiCallback<QList<Image>> done);

    const QUrl &baseUrl() const { return m_baseUrl; }
    const Options &options() const { return m_options; }
    // Why every call is refused (unsafe base URL), if it is.
    const std::optional<ApiError> &refusal() const { return m_refusal; }
    // Requests the client can have on the wire at once: 6 HTTP/1.1 connections per host for
    // each of options().networkManagers (HTTP/2 multiplexes more over one).
    int connectionCapacity() const { return NamPool::kConnectionsPerManager * m_managers.size(); }
    // Managers made so far (they are made on first use, up to options().networkManagers).
    int networkManagersCreated() const { return m_managers.created(); }

private:
    template <typename T, typename Parse>
    void send(const QString &token, QObject *context, QByteArray method, const QString &path,
              const QUrlQuery &query, QByteArray body, qint64 maxReplyBytes, Parse parse,
              ApiCallback<T> done, std::optional<ApiError> invalidInput = std::nullopt);
    template <typename T, typename ParsePage>
    void listCatalog(const QString &token, QObject *context, const QString &path,
                     const QUrlQuery &query, ParsePage parse, ApiCallback<QList<T>> done);
    template <typename T> void fetchPage(std::shared_ptr<PagedFetch<T>> fetch, int page);
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    std::optional<ApiError> checkToken(const QString &token) const;

    QUrl m_baseUrl;
    Options m_options;
    SystemClock m_systemClock;
    NamPool m_managers;
    CallSettings m_settings;
    PostTransport m_postTransport;
    std::optional<ApiError> m_refusal;
    // Parent of every job in flight, deleted first of all in ~DoApiClient: the jobs refer to
    // the settings and the managers.
    QObject *m_jobs;
};

} // namespace dopool::api
