#include "DoApiClient.h"

#include "ApiCall.h"
#include "ApiJson.h"
#include "ApiLogging.h"
#include "CatalogJson.h"
#include "OneShotHttp.h"
#include "common/ApiBaseUrl.h"
#include "common/Translate.h"

#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>

namespace dopool::api {

namespace {

constexpr int MaxPerPage = 200; // DO's limit
// A catalogue longer than this is a server that never stops saying "next".
constexpr int MaxCatalogPages = 50;

RandomSource defaultRandom()
{
    auto generator = std::make_shared<QRandomGenerator>(QRandomGenerator::securelySeeded());
    return [generator] {
        return generator->generateDouble();
    };
}

RetryScheduler defaultScheduler()
{
    return [](int delayMs, QObject *context, std::function<void()> fire) {
        QTimer::singleShot(delayMs, context, std::move(fire));
    };
}

std::optional<ApiError> checkBaseUrl(const QUrl &url)
{
    if (isSafeTransportUrl(url))
        return std::nullopt;
    return refusedRequest(
        CoreTr::tr("refusing to send API tokens to '%1': only https, or plain http to "
                   "a loopback host, is allowed")
            .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
}

// Turns a raw outcome into the caller's ApiResult: the body parsed, or why not. Runs queued
// on the context, after the call object is gone: captures nothing of the client.
template <typename T, typename Parse> ApiDone finisher(Parse parse, ApiCallback<T> done)
{
    return [parse, done = std::move(done)](ApiOutcome outcome) {
        if (outcome.error) {
            done(ApiResult<T>(std::move(*outcome.error), outcome.rateLimit, outcome.attempts));
            return;
        }
        Parsed<T> parsed = parse(outcome.body);
        if (!parsed.value) {
            ApiError error = malformedReply(outcome.httpStatus, parsed.problem);
            qCInfo(lcApi).noquote() << error.message;
            done(ApiResult<T>(std::move(error), outcome.rateLimit, outcome.attempts));
            return;
        }
        done(ApiResult<T>(std::move(*parsed.value), outcome.rateLimit, outcome.attempts));
    };
}

} // namespace

// One catalogue listing read page after page; lives as long as its requests (the page
// callbacks hold it), never refers to itself.
template <typename T> struct PagedFetch
{
    QString token;
    QObject *context = nullptr;
    QString path;
    QUrlQuery query;
    Parsed<CatalogPage<T>> (*parse)(const QByteArray &, int) = nullptr;
    ApiCallback<QList<T>> done;
    QList<T> items;
    int attempts = 0;
};

DoApiClient::DoApiClient(QUrl baseUrl, Options options, Dependencies dependencies, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_options(options)
    , m_managers(options.networkManagers, dependencies.namFactory, this)
    , m_postTransport(dependencies.postTransport ? std::move(dependencies.postTransport)
                                                 : oneShotPostTransport())
    , m_refusal(checkBaseUrl(m_baseUrl))
    , m_jobs(new QObject(this))
{
    m_settings.host = m_baseUrl.host();
    m_settings.timeoutMs = std::max(1, options.timeoutMs);
    m_settings.retry.maxTries = std::max(1, options.maxTries);
    m_settings.retry.backoffBaseMs = options.backoffBaseMs;
    m_settings.retry.backoffMaxMs = options.backoffMaxMs;
    m_settings.retry.maxRetryAfterSecs = options.maxRetryAfterSecs;
    m_settings.random = dependencies.random ? std::move(dependencies.random) : defaultRandom();
    m_settings.scheduler =
        dependencies.scheduler ? std::move(dependencies.scheduler) : defaultScheduler();
    m_settings.clock = dependencies.clock ? dependencies.clock : &m_systemClock;
    m_settings.managers = &m_managers;
    if (m_refusal)
        qCWarning(lcApi).noquote() << m_refusal->message;
}

DoApiClient::~DoApiClient()
{
    // Jobs first, without a callback: they refer to the settings and managers, which go next.
    delete m_jobs;
}

QUrl DoApiClient::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString fullPath = url.path();
    while (fullPath.endsWith(QLatin1Char('/')))
        fullPath.chop(1);
    fullPath.append(path);
    url.setPath(fullPath);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

std::optional<ApiError> DoApiClient::checkToken(const QString &token) const
{
    if (token.isEmpty())
        return refusedRequest(CoreTr::tr("no DigitalOcean API token was given"));
    if (!isSendableToken(token)) {
        return refusedRequest(CoreTr::tr("the API token contains spaces, line breaks or non-ASCII "
                                         "characters and cannot be sent; check how it was pasted"));
    }
    return std::nullopt;
}

template <typename T, typename Parse>
void DoApiClient::send(const QString &token, QObject *context, QByteArray method,
                       const QString &path, const QUrlQuery &query, QByteArray body,
                       qint64 maxReplyBytes, Parse parse, ApiCallback<T> done,
                       std::optional<ApiError> invalidInput)
{
    ApiRequest request;
    request.maxReplyBytes = maxReplyBytes;
    request.retryable = method == "GET";
    request.method = std::move(method);
    request.url = endpoint(path, query);
    request.body = std::move(body);

    auto finish = finisher<T>(parse, std::move(done));

    // Without a context the call lives as long as the client.
    QObject *owner = context ? context : this;
    // A POST must never be sent twice: its own transport (see OneShotHttp.h), never the
    // managers, which may re-send it.
    ApiJob *job = request.method == "POST" ? m_postTransport(m_settings, std::move(request), token,
                                                             owner, std::move(finish), m_jobs)
                                           : new ApiCall(m_settings, std::move(request), token,
                                                         owner, std::move(finish), m_jobs);
    if (m_refusal)
        job->refuse(*m_refusal);
    else if (const std::optional<ApiError> bad = checkToken(token))
        job->refuse(*bad);
    else if (invalidInput)
        job->refuse(*invalidInput);
    else
        job->start();
}

void DoApiClient::getAccount(const QString &token, QObject *context, ApiCallback<AccountInfo> done)
{
    send<AccountInfo>(token, context, "GET", QStringLiteral("/v2/account"), {}, {},
                      ReplyLimit::Account, &parseAccount, std::move(done));
}

void DoApiClient::countDroplets(const QString &token, QObject *context, ApiCallback<int> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("1"));
    send<int>(token, context, "GET", QStringLiteral("/v2/droplets"), query, {},
              ReplyLimit::DropletCount, &parseDropletCount, std::move(done));
}

void DoApiClient::listDroplets(const QString &token, const DropletQuery &dropletQuery,
                               QObject *context, ApiCallback<DropletPage> done)
{
    QUrlQuery query;
    if (!dropletQuery.tagName.isEmpty()) {
        // Percent-encoded by hand: QUrlQuery would leave '+' alone, which servers read as ' '.
        query.addQueryItem(QStringLiteral("tag_name"),
                           QString::fromLatin1(QUrl::toPercentEncoding(dropletQuery.tagName)));
    }
    query.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, dropletQuery.page)));
    query.addQueryItem(QStringLiteral("per_page"),
                       QString::number(std::clamp(dropletQuery.perPage, 1, MaxPerPage)));
    send<DropletPage>(token, context, "GET", QStringLiteral("/v2/droplets"), query, {},
                      ReplyLimit::DropletPage, &parseDropletPage, std::move(done));
}

void DoApiClient::createDroplet(const QString &token, const CreateDropletRequest &request,
                                QObject *context, ApiCallback<CreatedDroplet> done)
{
    send<CreatedDroplet>(token, context, "POST", QStringLiteral("/v2/droplets"), {},
                         createDropletBody(request), ReplyLimit::CreatedDroplet,
                         &parseCreatedDroplet, std::move(done));
}

void DoApiClient::getAction(const QString &token, qint64 actionId, QObject *context,
                            ApiCallback<Action> done)
{
    std::optional<ApiError> invalid;
    if (actionId <= 0)
        invalid = refusedRequest(
            CoreTr::tr("action id %1 is not a valid DigitalOcean action id").arg(actionId));
    send<Action>(token, context, "GET", QStringLiteral("/v2/actions/%1").arg(actionId), {}, {},
                 ReplyLimit::Action, &parseAction, std::move(done), std::move(invalid));
}

template <typename T> void DoApiClient::fetchPage(std::shared_ptr<PagedFetch<T>> fetch, int page)
{
    QUrlQuery query = fetch->query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(MaxPerPage));
    auto parse = [parser = fetch->parse, page](const QByteArray &body) {
        return parser(body, page);
    };
    send<CatalogPage<T>>(
        fetch->token, fetch->context, "GET", fetch->path, query, {}, ReplyLimit::CatalogPage, parse,
        [this, fetch, page](ApiResult<CatalogPage<T>> reply) {
            fetch->attempts += reply.attempts();
            if (!reply) {
                fetch->done(ApiResult<QList<T>>(reply.error(), reply.rateLimit(), fetch->attempts));
                return;
            }
            // DO sends at most per_page items a page: more is a server that is not DO.
            if (reply->items.size() > MaxPerPage) {
                ApiError error = malformedReply(
                    200, CoreTr::tr("a page of %1 has %2 items; DigitalOcean sends at most %3")
                             .arg(fetch->path)
                             .arg(reply->items.size())
                             .arg(MaxPerPage));
                fetch->done(
                    ApiResult<QList<T>>(std::move(error), reply.rateLimit(), fetch->attempts));
                return;
            }
            fetch->items.append(reply->items);
            const int next = reply->nextPage;
            if (next == 0) {
                fetch->done(ApiResult<QList<T>>(std::move(fetch->items), reply.rateLimit(),
                                                fetch->attempts));
                return;
            }
            if (page >= MaxCatalogPages) {
                ApiError error = malformedReply(
                    200,
                    CoreTr::tr("%1 has more than %2 pages").arg(fetch->path).arg(MaxCatalogPages));
                fetch->done(
                    ApiResult<QList<T>>(std::move(error), reply.rateLimit(), fetch->attempts));
                return;
            }
            fetchPage(fetch, next);
        });
}

template <typename T, typename ParsePage>
void DoApiClient::listCatalog(const QString &token, QObject *context, const QString &path,
                              const QUrlQuery &query, ParsePage parse, ApiCallback<QList<T>> done)
{
    auto fetch = std::make_shared<PagedFetch<T>>();
    fetch->token = token;
    fetch->context = context;
    fetch->path = path;
    fetch->query = query;
    fetch->parse = parse;
    fetch->done = std::move(done);
    fetchPage(fetch, 1);
}

void DoApiClient::listRegions(const QString &token, QObject *context,
                              ApiCallback<QList<Region>> done)
{
    listCatalog<Region>(token, context, QStringLiteral("/v2/regions"), {}, &parseRegionPage,
                        std::move(done));
}

void DoApiClient::listSizes(const QString &token, QObject *context, ApiCallback<QList<Size>> done)
{
    listCatalog<Size>(token, context, QStringLiteral("/v2/sizes"), {}, &parseSizePage,
                      std::move(done));
}

void DoApiClient::listDistributionImages(const QString &token, QObject *context,
                                         ApiCallback<QList<Image>> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), QStringLiteral("distribution"));
    listCatalog<Image>(token, context, QStringLiteral("/v2/images"), query, &parseImagePage,
                       std::move(done));
}

} // namespace dopool::api
