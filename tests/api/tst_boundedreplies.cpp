// Hostile answers through both transports of the real client (issue #24): ApiCall (QNAM, the
// GETs) and OneShotHttp (the POST), against the fake DO's hostile fault modes over loopback.
// A 200 MB answer is refused while it is read and memory stays bounded; strings are bounded
// and made inert before anyone sees them.
#include "api/DoApiClient.h"
#include "common/TextSafety.h"
#include "fakedo/FakeDoServer.h"

#include <QFile>
#include <QTest>
#include <optional>

using namespace dopool;
using namespace dopool::api;
using namespace dopool::fakedo;

namespace {

const QString kToken = QStringLiteral("dop_v1_") + QString(60, u'7') + QStringLiteral("b0a1");

template <typename T> struct Capture
{
    std::optional<ApiResult<T>> result;
    ApiCallback<T> callback()
    {
        return [this](ApiResult<T> r) {
            result.emplace(std::move(r));
        };
    }
};

// Peak resident memory of this process since the last reset, in MB; -1 where unknown.
long peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
    }
    return -1;
}

void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5"); // Linux: resets VmHWM to the current RSS
}

} // namespace

class TestBoundedReplies : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDoServer> m_server;
    std::unique_ptr<DoApiClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeDoServer>();
        QVERIFY(m_server->listen());
        FakeAccount account;
        account.email = QStringLiteral("sammy@example.com");
        m_server->addAccount(kToken, account);
        ClientOptions options;
        options.timeoutMs = 20000;
        options.maxTries = 1;
        m_client = std::make_unique<DoApiClient>(m_server->baseUrl(), options);
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void hugeAnswerIsRefusedWhileRead_data()
    {
        QTest::addColumn<bool>("post");
        QTest::addColumn<bool>("declareLength");
        QTest::newRow("GET (ApiCall), chunked") << false << false;
        QTest::newRow("GET (ApiCall), Content-Length") << false << true;
        QTest::newRow("POST (OneShotHttp), chunked") << true << false;
        QTest::newRow("POST (OneShotHttp), Content-Length") << true << true;
    }

    void hugeAnswerIsRefusedWhileRead()
    {
        QFETCH(bool, post);
        QFETCH(bool, declareLength);
        Fault huge{FaultKind::HostileHugeBody, post ? Endpoint::DropletCreate : Endpoint::Account};
        huge.bodyBytes = 200LL * 1024 * 1024;
        huge.declareLength = declareLength;
        m_server->injectFault(kToken, huge);

        resetPeakRss();
        const long before = peakRssMb();
        QObject context;
        std::optional<ApiError> error;
        if (post) {
            Capture<CreatedDroplet> capture;
            CreateDropletRequest request;
            request.name = QStringLiteral("d1");
            request.region = QStringLiteral("sgp1");
            request.size = QStringLiteral("s-1vcpu-1gb");
            request.image = QStringLiteral("ubuntu-24-04-x64");
            m_client->createDroplet(kToken, request, &context, capture.callback());
            QTRY_VERIFY_WITH_TIMEOUT(capture.result.has_value(), 30000);
            QVERIFY(!capture.result->ok());
            error = capture.result->error();
        } else {
            Capture<AccountInfo> capture;
            m_client->getAccount(kToken, &context, capture.callback());
            QTRY_VERIFY_WITH_TIMEOUT(capture.result.has_value(), 30000);
            QVERIFY(!capture.result->ok());
            error = capture.result->error();
        }
        const long after = peakRssMb();
        QCOMPARE(error->kind, ApiErrorKind::MalformedReply);
        QVERIFY2(error->message.contains(QStringLiteral("larger than")),
                 qPrintable(error->message));
        QCOMPARE(error->toError().exitCode(), 4);
        if (before >= 0) {
            // The fake streams in pieces and the client stops at its limit: the whole process
            // (server and client) grows by a few MB, never by the 200 MB sent its way.
            qInfo("peak RSS %ld MB before, %ld MB after a 200 MB answer", before, after);
            QVERIFY2(after - before < 60,
                     qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        }
    }

    void stringsAreBoundedAndInert_data()
    {
        QTest::addColumn<FaultKind>("kind");
        QTest::newRow("escapes") << FaultKind::HostileEscapes;
        QTest::newRow("over-long") << FaultKind::HostileOverlong;
        QTest::newRow("token echo") << FaultKind::HostileTokenEcho;
    }

    void stringsAreBoundedAndInert()
    {
        QFETCH(FaultKind, kind);
        m_server->injectFault(kToken, Fault{kind, Endpoint::Account});
        m_server->injectFault(kToken, Fault{kind, Endpoint::Regions});
        QObject context;
        Capture<AccountInfo> account;
        m_client->getAccount(kToken, &context, account.callback());
        Capture<QList<Region>> regions;
        m_client->listRegions(kToken, &context, regions.callback());
        QTRY_VERIFY(account.result.has_value() && regions.result.has_value());
        QVERIFY(account.result->ok() && regions.result->ok());
        const AccountInfo &info = account.result->value();
        QStringList strings{info.email, info.uuid, info.status, info.statusMessage};
        for (const Region &r : regions.result->value())
            strings << r.slug << r.name;
        for (const QString &s : std::as_const(strings)) {
            QVERIFY2(!containsUnsafeCharacters(s), qPrintable(escapeForTerminal(s)));
            QVERIFY2(!s.contains(kToken), "the token came back");
        }
        QVERIFY(characterCount(info.email) <= FieldLimit::Email);
        QVERIFY(characterCount(info.statusMessage) <= FieldLimit::StatusMessage);
        QVERIFY(characterCount(info.uuid) <= FieldLimit::Slug);
        if (kind == FaultKind::HostileOverlong) {
            QVERIFY(!info.cutFields.isEmpty());
            QVERIFY2(info.cutFields.first().contains(QStringLiteral("email")),
                     qPrintable(info.cutFields.join(u';')));
        }
    }
};

QTEST_GUILESS_MAIN(TestBoundedReplies)
#include "tst_boundedreplies.moc"
