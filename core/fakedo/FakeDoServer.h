#pragma once

#include "ApiRouter.h"
#include "FakeDoState.h"
#include "FakeDoTypes.h"
#include "FaultInjector.h"
#include "RequestLog.h"
#include "common/Clock.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>
#include <optional>
#include <vector>

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace dopool::fakedo {

class HttpListener;

// The project's fake DigitalOcean API on a loopback port, for tests, the GUI's demo mode and
// benchmarks. It serves DO's JSON for GET /v2/account, GET/POST /v2/droplets,
// GET/DELETE /v2/droplets/{id} and GET /v2/actions/{id}, enforces droplet limits with DO's
// 422, sends ratelimit-* headers, and can be told to be slow or to fail (per token, per
// endpoint, for the next N requests). Each request is logged by fake account uuid — never by
// token. Single-threaded: use it from the thread that created it.
class FakeDoServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeDoServer(QObject *parent = nullptr);                     // system clock
    explicit FakeDoServer(const Clock &clock, QObject *parent = nullptr); // clock must outlive
    ~FakeDoServer() override;

    // Loopback addresses only: the fake receives tokens. Port 0 picks a free port.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // "http://127.0.0.1:PORT"; empty before listen()

    // --- accounts (keyed by token; the token never leaves the server) ---
    QString addAccount(const QString &token, FakeAccount account = {}); // returns the uuid
    QString accountId(const QString &token) const;                      // uuid or "unknown"
    std::optional<FakeAccount> account(const QString &token) const;
    bool setDropletCount(const QString &token, int count);
    int dropletCount(const QString &token) const; // -1 for an unknown token
    bool setAccountStatus(const QString &token, const QString &status, const QString &message = {});
    bool setDropletLimit(const QString &token, int limit);
    QList<FakeDroplet> droplets(const QString &token) const;
    QList<FakeDroplet> createdDroplets(const QString &token) const; // via POST, deleted too
    QStringList duplicateNames(const QString &token) const;         // among current droplets

    // --- behaviour ---
    void setLatencyMs(int msecs);                       // every request
    void setLatencyMs(const QString &token, int msecs); // this token; overrides the global one
    void clearLatency(const QString &token);
    void injectFault(const QString &token, Fault fault);
    void clearFaults(const QString &token);
    void setActionCompletionDelay(std::optional<qint64> msecs); // see FakeDoState
    void setRateLimit(int perHour);                             // default 5000

    // --- request log ---
    QList<RequestRecord> requests() const { return m_log.records(); }
    int requestCount(const RequestFilter &filter = {}) const { return m_log.count(filter); }
    int overLimitAttempts(const QString &token) const;
    int overLimitAttempts() const;  // all accounts
    void clearLog();                // records and over-limit counters
    int hangingRequests() const;    // answers held back by Hang / CreateThenHang
    int pendingLateCreates() const; // LateCreate* creates that have not landed yet

Q_SIGNALS:
    // On arrival, after the request took effect but before any latency (outcome and status
    // not known yet): lets a test act while an answer is held back.
    void requestReceived(const dopool::fakedo::RequestRecord &record);
    // After the answer went out (or was deliberately withheld), latency included.
    void requestHandled(const dopool::fakedo::RequestRecord &record);

private:
    struct Plan
    {
        ApiReply reply;
        Outcome outcome = Outcome::Answered;
        qint64 hugeBodyBytes = 0; // HostileHugeBody: streamed instead of reply.body
        bool hugeBodyChunked = false;
        Endpoint endpoint = Endpoint::Unknown;
    };
    struct HungRequest
    {
        QObject *socket = nullptr; // identity only: compared, never dereferenced
        std::shared_ptr<QHttpServerResponder> responder;
    };

    void onRequest(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    Plan plan(const ApiRequest &request, Endpoint endpoint);
    void deliver(const std::shared_ptr<QHttpServerResponder> &responder,
                 const QPointer<QTcpSocket> &socket, const Plan &plan, RequestRecord record);
    void keepHanging(QTcpSocket *socket, const std::shared_ptr<QHttpServerResponder> &responder);
    void landLater(const ApiRequest &request, Endpoint endpoint, int delayMs);
    int latencyFor(const QString &token) const;

    std::unique_ptr<Clock> m_ownClock;
    const Clock &m_clock;
    FakeDoState m_state;
    ApiRouter m_router;
    FaultInjector m_faults;
    RequestLog m_log;
    int m_latencyMs = 0;
    QHash<QString, int> m_tokenLatencyMs;
    std::vector<HungRequest> m_hung;
    int m_lateCreates = 0;
    QHostAddress m_address;
    quint16 m_port = 0;
    std::unique_ptr<HttpListener> m_listener;
};

} // namespace dopool::fakedo
