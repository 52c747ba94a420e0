#pragma once

// Test-only, header-only (one tst_*.cpp per executable): what the DoApiClient tests share
// - canned DO bodies, a callback capture, the log capture that proves the token never
// appears in a log line, and a fixture that builds a client whose GETs go to fake network
// managers (an explicit in-process fake, FakeNetworkAccessManager.h) and whose creates go,
// as users' do, over the production one-shot transport to a real server over loopback: the
// project's fake DO server, or a RawHttpServer for answers it never sends.

#include "FakeNetworkAccessManager.h"
#include "RawHttpServer.h"
#include "SampleRequests.h"
#include "api/DoApiClient.h"
#include "common/Clock.h"
#include "fakedo/FakeDoServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <memory>

Q_DECLARE_METATYPE(dopool::api::ApiErrorKind)

namespace dopool::testing {

using namespace dopool;
using namespace dopool::api;

inline const QString Secret =
    QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
inline const QString Token = QStringLiteral("dop_v1_") + Secret;
inline const QUrl Base(QStringLiteral("https://api.example.test"));
inline const QString Host = QStringLiteral("api.example.test");

// Every line logged while the tests run (Qt's and ours), to prove the token never appears.
inline QStringList g_logLines;
inline QtMessageHandler g_previousHandler = nullptr;

inline void captureMessages(QtMsgType type, const QMessageLogContext &context,
                            const QString &message)
{
    g_logLines.append(message);
    const bool worthShowing = type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg;
    if (worthShowing && g_previousHandler)
        g_previousHandler(type, context, message);
}

inline const QByteArray AccountBody = R"({"account": {"droplet_limit": 25, "floating_ip_limit": 5,
    "email": "sammy@digitalocean.com", "uuid": "b6fr89dbf6d9156cace5f3c78dc9851d957381ef",
    "email_verified": true, "status": "active", "status_message": " "}})";
inline const QByteArray DropletsBody = R"({"droplets": [{"id": 3164444, "name": "example.com",
    "status": "active", "created_at": "2020-07-21T18:37:44Z", "region": {"slug": "nyc3"},
    "size_slug": "s-1vcpu-1gb", "image": {"slug": "ubuntu-20-04-x64"}, "tags": ["dopool"]}],
    "links": {}, "meta": {"total": 7}})";
inline const QByteArray CreatedBody =
    R"({"droplet": {"id": 3164444, "name": "order-42", "status": "new",
    "tags": ["dopool"]}, "links": {"actions": [{"id": 7515, "rel": "create",
    "href": "https://api.example.test/v2/actions/7515"}]}})";
inline const QByteArray ActionBody = R"({"action": {"id": 7515, "status": "in-progress",
    "type": "create", "resource_id": 3164444, "resource_type": "droplet"}})";
inline const QByteArray ServerErrorBody =
    R"({"id": "server_error", "message": "Unexpected server-side error"})";

inline QByteArray doError(const char *id, const QString &message)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), QString::fromLatin1(id));
    object.insert(QLatin1String("message"), message);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

template <typename T> struct Capture
{
    std::optional<ApiResult<T>> result;
    int calls = 0;
    ApiCallback<T> callback()
    {
        return [this](ApiResult<T> r) {
            ++calls;
            result.emplace(std::move(r));
        };
    }
};

// client.createDroplet(token, request) and its one outcome, waited for up to 10 s; an outcome
// that never came is returned as a refusal saying so.
inline ApiResult<CreatedDroplet> createAndWait(DoApiClient &client, const QString &token = Token,
                                               const CreateDropletRequest &request = sampleCreate())
{
    Capture<CreatedDroplet> capture;
    QObject context; // gone on return: nothing can call back into `capture` later
    client.createDroplet(token, request, &context, capture.callback());
    if (!QTest::qWaitFor([&capture] { return capture.result.has_value(); }, 10000)) {
        return ApiResult<CreatedDroplet>(
            refusedRequest(QStringLiteral("test: no outcome within 10 s")), {}, 0);
    }
    return std::move(*capture.result);
}

// For QVERIFY2: why a call failed, empty when it did not.
template <typename T> QString failureOf(const ApiResult<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// The per-test fixture: a fresh fake script, a client on fake managers, a pinned random
// source (0.25), a manual clock and a scheduler that records each retry delay and fires at
// once. Test classes derive from it; QtTest finds its four hooks (log capture around the run,
// a fresh client around each test function) through the derived test's meta-object, so a
// test source that uses it includes "moc_ClientTestHarness.cpp". The client's POSTs take the
// default (production) transport: a test of a create points the client at fakeDo() or
// rawServer() with makeClient(url).
class ClientHarness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { startLogCapture(); }
    void init() { setUpClient(); }
    void cleanup() { tearDownClient(); }
    void cleanupTestCase() { stopLogCapture(); }

protected:
    static void startLogCapture()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("dopool.api.debug=true"));
        g_previousHandler = qInstallMessageHandler(captureMessages);
    }
    static void stopLogCapture() { qInstallMessageHandler(g_previousHandler); }

    void setUpClient()
    {
        m_script = std::make_shared<dopool::testing::Script>();
        m_delays.clear();
        m_realScheduler = false;
        m_options = DoApiClient::Options();
        m_options.timeoutMs = 5000;
        m_options.backoffBaseMs = 100;
        m_options.backoffMaxMs = 1000;
        g_logLines.clear();
        makeClient();
    }

    void tearDownClient()
    {
        m_client.reset();
        m_raw.reset();
        m_fakeDo.reset();
        // The token never shows up in any log line, whatever the test did.
        for (const QString &line : std::as_const(g_logLines))
            QVERIFY2(!line.contains(Secret), qPrintable(QStringLiteral("token in log: ") + line));
    }

    void makeClient(const QUrl &base = Base)
    {
        DoApiClient::Dependencies deps;
        deps.random = [] {
            return 0.25;
        };
        deps.namFactory = dopool::testing::factory(m_script);
        deps.clock = &m_clock;
        if (!m_realScheduler) {
            // Records the delay, then fires at once: no test waits out a backoff.
            deps.scheduler = [this](int delayMs, QObject *context, std::function<void()> fire) {
                m_delays.append(delayMs);
                QTimer::singleShot(0, context, std::move(fire));
            };
        }
        m_client = std::make_unique<DoApiClient>(base, m_options, std::move(deps));
    }

    // The fake DO server on a loopback port, started on first use with an account for Token.
    fakedo::FakeDoServer &fakeDo()
    {
        if (!m_fakeDo) {
            m_fakeDo = std::make_unique<fakedo::FakeDoServer>();
            if (!m_fakeDo->listen())
                qFatal("the fake DO server cannot listen on loopback");
            m_fakeDo->addAccount(Token);
        }
        return *m_fakeDo;
    }

    // A loopback server answering every connection with `pieces`, then closing.
    RawHttpServer &rawServer(QList<QByteArray> pieces)
    {
        m_raw = std::make_unique<RawHttpServer>();
        m_raw->pieces = std::move(pieces);
        if (!m_raw->server.listen(QHostAddress::LocalHost))
            qFatal("the raw HTTP server cannot listen on loopback");
        return *m_raw;
    }

    std::shared_ptr<dopool::testing::Script> m_script;
    ManualClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    QList<int> m_delays; // every retry delay the client asked for
    bool m_realScheduler = false;
    DoApiClient::Options m_options;
    std::unique_ptr<DoApiClient> m_client;
    std::unique_ptr<fakedo::FakeDoServer> m_fakeDo;
    std::unique_ptr<RawHttpServer> m_raw;
};

} // namespace dopool::testing
