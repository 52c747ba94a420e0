#include "FakeDoServer.h"

#include "FakeDoLogging.h"
#include "HostileReplies.h"
#include "HttpListener.h"
#include "ReplyWriter.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace dopool::fakedo {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    default:
        break;
    }
    return QStringLiteral("OTHER");
}

// "Authorization: Bearer <token>"; header name and scheme are case-insensitive.
QString bearerToken(const QHttpServerRequest &request)
{
    const QList<QPair<QByteArray, QByteArray>> headers = request.headers();
    for (const auto &[name, value] : headers) {
        if (name.compare("authorization", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray v = value.trimmed();
        if (v.size() > 7 && v.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(v.sliced(7).trimmed());
    }
    return {};
}

ApiReply garbageReply()
{
    ApiReply reply; // what a misbehaving proxy in front of the API might send
    reply.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    reply.body = QByteArrayLiteral("<html><body>upstream garbage {\"droplets\": [</body></html>");
    return reply;
}

} // namespace

FakeDoServer::FakeDoServer(QObject *parent)
    : QObject(parent)
    , m_ownClock(std::make_unique<SystemClock>())
    , m_clock(*m_ownClock)
    , m_state(m_clock)
    , m_router(m_state)
{}

FakeDoServer::FakeDoServer(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_state(m_clock)
    , m_router(m_state)
{}

FakeDoServer::~FakeDoServer()
{
    // Close the connections first, while the state their handlers use still exists; their
    // destruction also releases the responders held back for hanging requests.
    m_listener.reset();
    m_hung.clear();
}

bool FakeDoServer::listen(const QHostAddress &address, quint16 port)
{
    if (!address.isLoopback()) {
        qCWarning(lcFakeDo) << "refusing to listen on a non-loopback address" << address;
        return false;
    }
    if (m_listener)
        return false;
    auto listener = std::make_unique<HttpListener>(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            onRequest(request, std::move(responder));
        });
    // Our own QTcpServer for its backlog: with QAbstractHttpServer::listen()'s default of 50,
    // a burst of a few hundred connections (benchmarks) overflows it and clients stall for a
    // one-second SYN retry.
    auto *tcp = new QTcpServer(listener.get());
    tcp->setListenBacklogSize(1024);
    if (!tcp->listen(address, port)) {
        qCWarning(lcFakeDo) << "cannot listen on" << address << port << tcp->errorString();
        return false;
    }
    listener->bind(tcp);
    m_listener = std::move(listener);
    m_address = address;
    m_port = tcp->serverPort();
    qCDebug(lcFakeDo) << "listening on" << baseUrl().toString();
    return true;
}

QUrl FakeDoServer::baseUrl() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString());
    url.setPort(m_port);
    return url;
}

QString FakeDoServer::addAccount(const QString &token, FakeAccount account)
{
    return m_state.addAccount(token, std::move(account));
}

QString FakeDoServer::accountId(const QString &token) const
{
    return m_state.accountId(token);
}

std::optional<FakeAccount> FakeDoServer::account(const QString &token) const
{
    return m_state.account(token);
}

bool FakeDoServer::setDropletCount(const QString &token, int count)
{
    return m_state.setDropletCount(token, count);
}

int FakeDoServer::dropletCount(const QString &token) const
{
    return m_state.dropletCount(token);
}

bool FakeDoServer::setAccountStatus(const QString &token, const QString &status,
                                    const QString &message)
{
    return m_state.setAccountStatus(token, status, message);
}

bool FakeDoServer::setDropletLimit(const QString &token, int limit)
{
    return m_state.setDropletLimit(token, limit);
}

QList<FakeDroplet> FakeDoServer::droplets(const QString &token) const
{
    return m_state.droplets(token);
}

QList<FakeDroplet> FakeDoServer::createdDroplets(const QString &token) const
{
    return m_state.createdDroplets(token);
}

QStringList FakeDoServer::duplicateNames(const QString &token) const
{
    return m_state.duplicateNames(token);
}

void FakeDoServer::setLatencyMs(int msecs)
{
    m_latencyMs = std::max(0, msecs);
}

void FakeDoServer::setLatencyMs(const QString &token, int msecs)
{
    m_tokenLatencyMs.insert(token, std::max(0, msecs));
}

void FakeDoServer::clearLatency(const QString &token)
{
    m_tokenLatencyMs.remove(token);
}

void FakeDoServer::injectFault(const QString &token, Fault fault)
{
    m_faults.inject(token, fault);
}

void FakeDoServer::clearFaults(const QString &token)
{
    m_faults.clear(token);
}

void FakeDoServer::setActionCompletionDelay(std::optional<qint64> msecs)
{
    m_state.setActionCompletionDelay(msecs);
}

void FakeDoServer::setRateLimit(int perHour)
{
    m_state.setRateLimit(perHour);
}

int FakeDoServer::overLimitAttempts(const QString &token) const
{
    return m_state.overLimitAttempts(token);
}

int FakeDoServer::overLimitAttempts() const
{
    return m_state.totalOverLimitAttempts();
}

void FakeDoServer::clearLog()
{
    m_log.clear();
    m_state.clearOverLimitAttempts();
}

int FakeDoServer::hangingRequests() const
{
    return int(m_hung.size());
}

void FakeDoServer::onRequest(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    ApiRequest api;
    api.method = methodName(request.method());
    api.path = request.url().path();
    api.query = request.query();
    api.body = request.body();
    api.token = bearerToken(request);

    RequestRecord record;
    record.method = api.method;
    record.path = api.path;
    record.query = request.url().query();
    record.account = m_state.accountId(api.token);
    record.endpoint = classifyEndpoint(api.method, api.path);
    record.time = m_clock.now();

    // The world changes when the request arrives; latency only holds the answer back.
    const Plan decided = plan(api, record.endpoint);
    Q_EMIT requestReceived(record);

    // The responder outlives this call (latency, hangs): shared, and always used together
    // with a guard on its socket, which QtHttpServer deletes when the client goes away.
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket(shared->socket());
    const int delay = latencyFor(api.token);
    if (delay <= 0) {
        deliver(shared, socket, decided, std::move(record));
        return;
    }
    // A timer child of this server (not a free single-shot) so that destroying the server
    // cancels pending answers and frees what they hold.
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, timer, shared, socket, decided, record] {
        timer->deleteLater();
        deliver(shared, socket, decided, record);
    });
    timer->start(delay);
}

FakeDoServer::Plan FakeDoServer::plan(const ApiRequest &request, Endpoint endpoint)
{
    const FakeDoState::RateLimit rate = m_state.consumeRequest(request.token);
    Plan p;
    if (!m_state.hasAccount(request.token)) {
        p.reply = unauthorizedReply();
    } else if (const std::optional<Fault> fault = m_faults.take(request.token, endpoint)) {
        switch (fault->kind) {
        case FaultKind::Unauthorized:
            p.reply = unauthorizedReply();
            break;
        case FaultKind::Forbidden:
            p.reply = forbiddenReply();
            break;
        case FaultKind::TooManyRequests:
            p.reply = tooManyRequestsReply(fault->retryAfterSeconds);
            break;
        case FaultKind::ServerError:
            p.reply = serverErrorReply();
            break;
        case FaultKind::Hang:
            p.outcome = Outcome::Hung;
            break;
        case FaultKind::GarbageBody:
            p.reply = garbageReply();
            break;
        case FaultKind::ConnectionReset:
            p.outcome = Outcome::Reset;
            break;
        case FaultKind::CreateThenHang:
            p.reply = m_router.handle(request, endpoint, baseUrl()); // the droplet is created
            p.outcome = Outcome::Hung;
            break;
        case FaultKind::CreateThenReset:
            p.reply = m_router.handle(request, endpoint, baseUrl());
            p.outcome = Outcome::Reset;
            break;
        case FaultKind::LateCreate504:
            p.reply = gatewayTimeoutReply();
            landLater(request, endpoint, fault->createDelayMs);
            break;
        case FaultKind::LateCreateHang:
            p.outcome = Outcome::Hung;
            landLater(request, endpoint, fault->createDelayMs);
            break;
        case FaultKind::HostileEscapes:
        case FaultKind::HostileOverlong:
        case FaultKind::HostileTokenEcho:
            p.reply = hostileReply(fault->kind, m_router.handle(request, endpoint, baseUrl()),
                                   endpoint, request.token);
            break;
        case FaultKind::HostileHugeBody:
            p.hugeBodyBytes = std::max<qint64>(1, fault->bodyBytes);
            p.hugeBodyChunked = !fault->declareLength;
            p.endpoint = endpoint;
            break;
        }
    } else if (rate.exceeded) {
        const qint64 wait = rate.resetEpoch - m_clock.now().toSecsSinceEpoch();
        p.reply = tooManyRequestsReply(int(std::max<qint64>(1, wait)));
    } else {
        p.reply = m_router.handle(request, endpoint, baseUrl());
    }
    p.reply.headers.append({QByteArrayLiteral("ratelimit-limit"), QByteArray::number(rate.limit)});
    p.reply.headers.append(
        {QByteArrayLiteral("ratelimit-remaining"), QByteArray::number(rate.remaining)});
    p.reply.headers.append(
        {QByteArrayLiteral("ratelimit-reset"), QByteArray::number(rate.resetEpoch)});
    return p;
}

void FakeDoServer::deliver(const std::shared_ptr<QHttpServerResponder> &responder,
                           const QPointer<QTcpSocket> &socket, const Plan &plan,
                           RequestRecord record)
{
    // Writing to a socket whose client left crashes QtHttpServer 6.4: check first.
    if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
        record.outcome = Outcome::ClientGone;
    } else {
        record.outcome = plan.outcome;
        switch (plan.outcome) {
        case Outcome::Answered:
            if (plan.hugeBodyBytes > 0) {
                streamHugeBody(responder, socket, plan.endpoint, plan.hugeBodyBytes,
                               plan.hugeBodyChunked, plan.reply.headers);
                record.status = 200;
                break;
            }
            writeReply(*responder, plan.reply);
            record.status = plan.reply.status;
            break;
        case Outcome::Hung:
            keepHanging(socket, responder);
            break;
        case Outcome::Reset:
            resetConnection(socket);
            break;
        case Outcome::ClientGone:
            break;
        }
    }
    qCDebug(lcFakeDo).noquote() << record.method << record.path << "account" << record.account
                                << outcomeName(record.outcome) << record.status;
    m_log.append(record);
    Q_EMIT requestHandled(record);
}

// The responder of a hanging request stays alive as long as its connection: released when
// QtHttpServer deletes the socket (client gone) or when this server goes away.
void FakeDoServer::keepHanging(QTcpSocket *socket,
                               const std::shared_ptr<QHttpServerResponder> &responder)
{
    m_hung.push_back(HungRequest{socket, responder});
    connect(socket, &QObject::destroyed, this, [this](QObject *gone) {
        std::erase_if(m_hung, [gone](const HungRequest &h) { return h.socket == gone; });
    });
}

// The create the client was told nothing (or 504) about takes effect later, as DO's backend
// finishing behind its load balancer would: a timer child of this server, so destroying the
// server cancels it.
void FakeDoServer::landLater(const ApiRequest &request, Endpoint endpoint, int delayMs)
{
    if (delayMs < 0)
        return; // never lands
    ++m_lateCreates;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, timer, request, endpoint] {
        timer->deleteLater();
        --m_lateCreates;
        const ApiReply landed = m_router.handle(request, endpoint, baseUrl());
        qCDebug(lcFakeDo) << "late create landed with status" << landed.status;
    });
    timer->start(delayMs);
}

int FakeDoServer::pendingLateCreates() const
{
    return m_lateCreates;
}

int FakeDoServer::latencyFor(const QString &token) const
{
    const auto it = m_tokenLatencyMs.constFind(token);
    return it != m_tokenLatencyMs.cend() ? *it : m_latencyMs;
}

} // namespace dopool::fakedo
