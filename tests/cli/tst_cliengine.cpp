// dopool-cli against the project's fake DigitalOcean API over loopback: token verification,
// sync, health, select, provision with failover, tasks, status and alerts, with the demo
// three accounts (20/25 primary, 5/25, 25/25).
#include "FakeDoCliFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool::fakedo;

class TestCliEngine : public QObject, public FakeDoCliFixture
{
    Q_OBJECT

public:
    TestCliEngine()
        : FakeDoCliFixture('9', 4)
    {}

private:
    CliResult add(const QString &name, int n, const QStringList &extra = {})
    {
        return run(QStringList{QStringLiteral("--json"), QStringLiteral("account"),
                               QStringLiteral("add"), QStringLiteral("--name"), name,
                               QStringLiteral("--token-stdin")} +
                       extra,
                   token(n) + '\n');
    }
    QJsonDocument json(const QStringList &args)
    {
        const CliResult r = run(QStringList{QStringLiteral("--json")} + args);
        return QJsonDocument::fromJson(r.out);
    }
    void addPlanAccounts()
    {
        const int counts[] = {20, 5, 25};
        for (int n = 1; n <= 3; ++n) {
            FakeAccount account;
            account.email = QStringLiteral("do%1@webrana.example").arg(n);
            account.droplets = counts[n - 1];
            m_do->addAccount(QString::fromLatin1(token(n)), account);
            const CliResult r =
                add(QStringLiteral("Account %1").arg(n), n,
                    n == 1 ? QStringList{QStringLiteral("--primary")} : QStringList{});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
    }

private Q_SLOTS:
    void init() { startFakeDo(); }
    void cleanup() { stopFakeDo(); }

    void addVerifiesTokenWithDigitalOcean()
    {
        FakeAccount account;
        account.email = QStringLiteral("verified@webrana.example");
        account.dropletLimit = 40;
        account.droplets = 7;
        m_do->addAccount(QString::fromLatin1(token(1)), account);
        const CliResult r = add(QStringLiteral("Verified"), 1);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject added = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(added.value(QStringLiteral("email")).toString(),
                 QStringLiteral("verified@webrana.example"));
        QCOMPARE(added.value(QStringLiteral("dropletLimit")).toInt(), 40);
        QCOMPARE(added.value(QStringLiteral("activeDroplets")).toInt(), 7);
        QCOMPARE(added.value(QStringLiteral("doStatus")).toString(), QStringLiteral("active"));
    }

    void rejectedOrUnreachableTokenWritesNothing()
    {
        // Unknown to DO: rejected (401), exit 4, nothing stored.
        CliResult r = add(QStringLiteral("Bad"), 4);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.errText().contains(QStringLiteral("401")), qPrintable(r.errText()));
        QCOMPARE(json({QStringLiteral("account"), QStringLiteral("list")}).array().size(), 0);

        // DO unreachable is not an invalid token.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString dead = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        r = m_cli.runWithEventLoop({QStringLiteral("--db"), m_db, QStringLiteral("--api-base"),
                                    dead, QStringLiteral("account"), QStringLiteral("add"),
                                    QStringLiteral("--name"), QStringLiteral("X"),
                                    QStringLiteral("--token-stdin")},
                                   token(1) + '\n');
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.errText().contains(QStringLiteral("reach"), Qt::CaseInsensitive),
                 qPrintable(r.errText()));
        QVERIFY(!r.errText().contains(QStringLiteral("401")));
        QCOMPARE(json({QStringLiteral("account"), QStringLiteral("list")}).array().size(), 0);
    }

    void syncHealthSelectStatus()
    {
        addPlanAccounts();
        // Capacity changes at DO; sync brings it in.
        m_do->setDropletCount(QString::fromLatin1(token(2)), 6);
        m_do->clearLog();
        CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("--all")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray results =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(1).toObject().value(QStringLiteral("activeDroplets")).toInt(), 6);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("healthStatus")).toString(),
                 QStringLiteral("HEALTHY"));
        QCOMPARE(m_do->requestCount(), 6); // two requests per account

        r = run({QStringLiteral("health"), QStringLiteral("Account 2")});
        QCOMPARE(r.exitCode, 0);

        // plan-order: the primary (20/25) has room, so it is chosen.
        const QJsonObject selected = json({QStringLiteral("select")}).object();
        QCOMPARE(selected.value(QStringLiteral("account"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Account 1"));
        m_cli.setEnv(QStringLiteral("DOPOOL_SELECTION_POLICY"), QStringLiteral("least-utilised"));
        QCOMPARE(json({QStringLiteral("select")})
                     .object()
                     .value(QStringLiteral("account"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Account 2"));
        m_cli.unsetEnv(QStringLiteral("DOPOOL_SELECTION_POLICY"));

        const QJsonObject status = json({QStringLiteral("status")}).object();
        QCOMPARE(status.value(QStringLiteral("accounts")).toInt(), 3);
        QCOMPARE(status.value(QStringLiteral("activeDroplets")).toInt(), 51);
        QCOMPARE(status.value(QStringLiteral("dropletLimit")).toInt(), 75);
        QCOMPARE(status.value(QStringLiteral("fullAccounts")).toInt(), 1);

        // Account 3 is full: an open alert, shown once however often sync runs.
        QCOMPARE(run({QStringLiteral("sync"), QStringLiteral("--all")}).exitCode, 0);
        const QJsonArray alerts = json({QStringLiteral("alerts")}).array();
        int full = 0;
        for (const QJsonValue &a : alerts)
            full += a.toObject().value(QStringLiteral("kind")).toString() ==
                            QLatin1String("ACCOUNT_FULL")
                        ? 1
                        : 0;
        QCOMPARE(full, 1);
    }

    void syncFailureIsReportedPerAccount()
    {
        addPlanAccounts();
        m_do->injectFault(QString::fromLatin1(token(2)),
                          Fault{FaultKind::Unauthorized, Endpoint::Any, -1, 1});
        const CliResult r =
            run({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("--all")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.errText().count(u'\n'), 1);
        const QJsonObject account2 =
            json({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Account 2")})
                .object();
        QCOMPARE(account2.value(QStringLiteral("healthStatus")).toString(),
                 QStringLiteral("UNHEALTHY"));
        const QJsonObject account1 =
            json({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Account 1")})
                .object();
        QCOMPARE(account1.value(QStringLiteral("healthStatus")).toString(),
                 QStringLiteral("HEALTHY"));
    }

    void provisionWithFailoverThenAllFull()
    {
        addPlanAccounts();
        // DO says the primary is full although the pool still thinks 20/25 (failover end to end).
        m_do->setDropletCount(QString::fromLatin1(token(1)), 25);
        CliResult r = run({QStringLiteral("--json"), QStringLiteral("provision"),
                           QStringLiteral("--order-id"),
                           QStringLiteral("0a1b2c3d-4e5f-6789-abcd-ef0123456789")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject task = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(task.value(QStringLiteral("status")).toString(), QStringLiteral("CREATED"));
        QCOMPARE(task.value(QStringLiteral("dropletName")).toString(),
                 QStringLiteral("webrana-0a1b2c3d"));
        QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(2))).size(), 1);
        QCOMPARE(m_do->overLimitAttempts(), 0);
        QCOMPARE(json({QStringLiteral("tasks")}).array().size(), 1);

        // Now fill account 2 as well: every usable account is full -> exit 3, says so.
        m_do->setDropletCount(QString::fromLatin1(token(2)), 25);
        r = run(
            {QStringLiteral("provision"), QStringLiteral("--order-id"), QStringLiteral("order-2")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.errText().contains(QStringLiteral("full")), qPrintable(r.errText()));
        r = run({QStringLiteral("select")});
        QCOMPARE(r.exitCode, 3);
        const QJsonArray tasks = json({QStringLiteral("tasks")}).array();
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks.at(0).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("FAILED"));
        int duplicates = 0;
        for (int n = 1; n <= 3; ++n)
            duplicates += int(m_do->duplicateNames(QString::fromLatin1(token(n))).size());
        QCOMPARE(duplicates, 0);
    }

    int posts() const { return m_do->requestCount({QStringLiteral("POST"), {}, {}}); }

    // One droplet per order: the same order again returns its task (exit 0, same droplet, says
    // so) without a create; --another makes a second on purpose; --wait waits until active.
    void provisionSameOrderTwice()
    {
        addPlanAccounts();
        const QStringList provision{QStringLiteral("provision"), QStringLiteral("--order-id"),
                                    QStringLiteral("order-twice")};
        CliResult r = run(QStringList{QStringLiteral("--json")} + provision);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject first = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(first.value(QStringLiteral("existing")).toBool(), false);
        QCOMPARE(first.value(QStringLiteral("dropletStatus")).toString(), QStringLiteral("new"));
        QCOMPARE(m_do->requestCount({QStringLiteral("GET"), QStringLiteral("/v2/actions"), {}}), 0);

        r = run(provision);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("already has task") &&
                     r.out.contains(QByteArray::number(
                         qint64(first.value(QStringLiteral("dropletId")).toDouble()))),
                 r.out.constData());
        r = run(QStringList{QStringLiteral("--json")} + provision);
        const QJsonObject second = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(second.value(QStringLiteral("existing")).toBool(), true);
        QCOMPARE(second.value(QStringLiteral("id")).toString(),
                 first.value(QStringLiteral("id")).toString());
        QCOMPARE(second.value(QStringLiteral("dropletId")).toDouble(),
                 first.value(QStringLiteral("dropletId")).toDouble());
        QCOMPARE(posts(), 1);
        QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(1))).size(), 1);

        r = run(QStringList{QStringLiteral("--json")} + provision +
                QStringList{QStringLiteral("--another"), QStringLiteral("--wait")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject another = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(another.value(QStringLiteral("existing")).toBool(), false);
        QCOMPARE(another.value(QStringLiteral("extra")).toBool(), true);
        QCOMPARE(another.value(QStringLiteral("dropletStatus")).toString(),
                 QStringLiteral("active"));
        QVERIFY(another.value(QStringLiteral("dropletId")).toDouble() !=
                first.value(QStringLiteral("dropletId")).toDouble());
        QCOMPARE(posts(), 2);
        QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(1))).size(), 2);
        r = run({QStringLiteral("tasks")});
        QVERIFY2(r.out.contains("[extra]"), r.out.constData());
    }

    // The create gets a 504 and DO carries it out later: within the look-up window it is found
    // (exit 0, first account, one droplet). When it never lands: exit 4, the task UNCERTAIN,
    // nothing tried elsewhere, and provisioning the order again creates nothing either.
    void provisionAmbiguousCreate_data()
    {
        QTest::addColumn<int>("landsAfterMs");
        QTest::newRow("lands 300 ms after the 504") << 300;
        QTest::newRow("never lands") << -1;
    }
    void provisionAmbiguousCreate()
    {
        QFETCH(int, landsAfterMs);
        addPlanAccounts();
        Fault late{FaultKind::LateCreate504, Endpoint::DropletCreate, 1};
        late.createDelayMs = landsAfterMs;
        m_do->injectFault(QString::fromLatin1(token(1)), late);
        m_cli.setEnv(QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS"),
                     landsAfterMs < 0 ? QStringLiteral("800") : QStringLiteral("20000"));
        const QStringList provision{QStringLiteral("provision"), QStringLiteral("--order-id"),
                                    QStringLiteral("order-504")};
        CliResult r = run(provision);
        if (landsAfterMs >= 0) {
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(1))).size(), 1);
            QVERIFY2(r.out.contains("Account 1"), r.out.constData());
        } else {
            QCOMPARE(r.exitCode, 4);
            QVERIFY2(r.errText().contains(QStringLiteral("UNCERTAIN")), qPrintable(r.errText()));
            QCOMPARE(r.errText().count(u'\n'), 1);
            const QJsonArray tasks = json({QStringLiteral("tasks")}).array();
            QCOMPARE(tasks.size(), 1);
            QCOMPARE(tasks.at(0).toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("UNCERTAIN"));
            r = run(provision);
            QCOMPARE(r.exitCode, 4);
            QVERIFY2(r.errText().contains(QStringLiteral("UNCERTAIN")), qPrintable(r.errText()));
            QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(1))).size(), 0);
        }
        QCOMPARE(posts(), 1);
        QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(2))).size(), 0);
        m_cli.setEnv(QStringLiteral("DOPOOL_UNCERTAIN_WINDOW_MS"), QStringLiteral("120000"));
    }

    // Every fault the fake DO API can inject, as an admin running the CLI sees it: the exit code,
    // the health it leaves behind, and that provisioning on the only account gives up cleanly.
    void faultMatrix_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("health");
        QTest::newRow("401") << int(FaultKind::Unauthorized) << QStringLiteral("UNHEALTHY");
        QTest::newRow("403") << int(FaultKind::Forbidden) << QStringLiteral("UNHEALTHY");
        QTest::newRow("429") << int(FaultKind::TooManyRequests) << QStringLiteral("DEGRADED");
        QTest::newRow("500") << int(FaultKind::ServerError) << QStringLiteral("DEGRADED");
        QTest::newRow("hang") << int(FaultKind::Hang) << QStringLiteral("DEGRADED");
        QTest::newRow("garbage body") << int(FaultKind::GarbageBody) << QStringLiteral("DEGRADED");
        QTest::newRow("connection reset")
            << int(FaultKind::ConnectionReset) << QStringLiteral("DEGRADED");
    }
    void faultMatrix()
    {
        QFETCH(int, fault);
        QFETCH(QString, health);
        FakeAccount account;
        account.email = QStringLiteral("faulty@webrana.example");
        m_do->addAccount(QString::fromLatin1(token(1)), account);
        QCOMPARE(add(QStringLiteral("Faulty"), 1).exitCode, 0);
        m_do->injectFault(QString::fromLatin1(token(1)),
                          Fault{FaultKind(fault), Endpoint::Any, -1, 1});
        m_cli.setEnv(QStringLiteral("DOPOOL_API_TIMEOUT_MS"), QStringLiteral("700"));

        CliResult r = run({QStringLiteral("sync"), QStringLiteral("Faulty")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.errText().count(u'\n'), 1);
        const QJsonObject after =
            json({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Faulty")})
                .object();
        QCOMPARE(after.value(QStringLiteral("healthStatus")).toString(), health);
        QVERIFY(!after.value(QStringLiteral("lastError")).toString().isEmpty());

        // The only account cannot take the droplet: no usable account (exit 3), nothing created.
        r = run({QStringLiteral("provision"), QStringLiteral("--order-id"),
                 QStringLiteral("fault-order")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(m_do->createdDroplets(QString::fromLatin1(token(1))).size(), 0);
        m_cli.setEnv(QStringLiteral("DOPOOL_API_TIMEOUT_MS"), QStringLiteral("2000"));
    }

    void noUsableAccountIsDistinctFromAllFull()
    {
        addPlanAccounts();
        for (const char *name : {"Account 1", "Account 2", "Account 3"})
            QCOMPARE(run({QStringLiteral("account"), QStringLiteral("update"),
                          QString::fromLatin1(name), QStringLiteral("--inactive")})
                         .exitCode,
                     0);
        const CliResult r = run({QStringLiteral("--json"), QStringLiteral("select")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(QJsonDocument::fromJson(r.out)
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("no-usable-account"));
    }
};

QTEST_GUILESS_MAIN(TestCliEngine)
#include "tst_cliengine.moc"
