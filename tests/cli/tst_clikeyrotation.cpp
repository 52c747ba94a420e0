// rotate-key while other instances run, on the throwaway PostgreSQL: an instance opened
// before the rotation writes nothing more (its store is fenced), dopool-cli serve stops its
// rounds and raises POOL_KEY_OUT_OF_DATE (stored and sent to the webhook), an instance whose
// keychain holds the new key adopts it, and every token still opens with the new key - here
// and in the order-service's Node code.
#include "CliRunner.h"
#include "TestKeys.h"
#include "TestPostgres.h"
#include "WebhookReceiver.h"
#include "crypto/QtKeychainSecretStore.h"
#include "fakedo/FakeDoServer.h"
#include "pool/PoolKey.h"
#include "pool/PoolKeyWatch.h"
#include "pool/PoolSession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace dopool;

namespace {
const QString kOld = dopool::testkeys::hexKey(u"1");
const QString kNew = dopool::testkeys::hexKey(u"2");
QByteArray token(int n)
{
    return dopool::testkeys::numberedToken(n, '4');
}
EncryptionKey keyOf(const QString &hex)
{
    return *EncryptionKey::fromHex(hex);
}

// The alert kinds raised in the webhook's bodies.
QStringList raisedKinds(const WebhookReceiver &webhook)
{
    QStringList kinds;
    for (const QJsonObject &body : webhook.bodies) {
        if (body.value(QStringLiteral("event")).toString() == QLatin1String("alert.raised"))
            kinds << body.value(QStringLiteral("alert"))
                         .toObject()
                         .value(QStringLiteral("kind"))
                         .toString();
    }
    return kinds;
}
} // namespace

class TestCliKeyRotation : public QObject
{
    Q_OBJECT

    CliRunner m_cli;
    std::unique_ptr<fakedo::FakeDoServer> m_fakeDo;

    QStringList common(const testing::TestPostgres &pg) const
    {
        return {QStringLiteral("--db"), pg.url().displayString(), QStringLiteral("--api-base"),
                m_fakeDo->baseUrl().toString()};
    }
    CliResult cli(const testing::TestPostgres &pg, const QString &keyHex, const QStringList &args,
                  const QByteArray &in = {}) const
    {
        CliRunner runner = m_cli;
        runner.setEnv(QStringLiteral("ENCRYPTION_KEY"), keyHex);
        const CliResult r = runner.runWithEventLoop(common(pg) + args, in);
        if (r.crashed)
            qFatal("dopool-cli crashed");
        return r;
    }
    void addAccounts(const testing::TestPostgres &pg, int count)
    {
        for (int n = 1; n <= count; ++n) {
            fakedo::FakeAccount account;
            account.email = QStringLiteral("r%1@example.com").arg(n);
            m_fakeDo->addAccount(QString::fromLatin1(token(n)), account);
            const CliResult r =
                cli(pg, kOld,
                    {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                     QStringLiteral("R%1").arg(n), QStringLiteral("--token-stdin")},
                    token(n) + '\n');
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
    }
    CliResult rotate(const testing::TestPostgres &pg)
    {
        CliRunner runner = m_cli;
        runner.setEnv(QStringLiteral("ENCRYPTION_KEY"), kOld);
        runner.setEnv(QStringLiteral("NEW_KEY"), kNew);
        return runner.run(common(pg) + QStringList{QStringLiteral("rotate-key"),
                                                   QStringLiteral("--new-key-env"),
                                                   QStringLiteral("NEW_KEY")});
    }
    // Every stored token, decrypted by the order-service's EncryptionService with keyHex.
    static QStringList decryptWithNode(testing::TestPostgres &pg, const QString &keyHex)
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty()) {
            if (qEnvironmentVariable("DOPOOL_REQUIRE_NODE") == u"1")
                qFatal("node is not on PATH and DOPOOL_REQUIRE_NODE=1");
            return {QStringLiteral("(node missing)")};
        }
        QByteArray input;
        for (const QVariant &c :
             pg.column(QStringLiteral("SELECT access_token FROM do_accounts ORDER BY name")))
            input += c.toString().toUtf8() + '\n';
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ENCRYPTION_KEY"), keyHex);
        process.setProcessEnvironment(env);
        process.start(node, {QStringLiteral(DOPOOL_TEST_SOURCE_DIR "/support/node/"
                                                                   "encryption_service.js"),
                             QStringLiteral("decrypt")});
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
            return {QStringLiteral("(node failed)")};
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed().split(u'\n');
    }
    static PoolSession::Options sessionOptions(const testing::TestPostgres &pg,
                                               const QString &envKey, SecretStore *secrets,
                                               const Clock *clock)
    {
        PoolSession::Options options;
        options.url = pg.url();
        if (!envKey.isEmpty())
            options.env.insert(QStringLiteral("ENCRYPTION_KEY"), envKey);
        options.secrets = secrets;
        options.clock = clock;
        return options;
    }
    static bool openSession(PoolSession &session)
    {
        std::optional<Result<void>> opened;
        session.open(PoolSession::KeyUse::Verify, [&](Result<void> r) { opened = r; });
        if (!QTest::qWaitFor([&] { return opened.has_value(); }, 30000))
            return false;
        if (!opened->ok())
            qWarning("open: %s", qPrintable(opened->error().message));
        return opened->ok();
    }

private Q_SLOTS:
    void init()
    {
        m_fakeDo = std::make_unique<fakedo::FakeDoServer>();
        QVERIFY(m_fakeDo->listen());
    }
    void cleanup() { m_fakeDo.reset(); }

    // A process that kept the pool open across rotate-key writes nothing with its old key.
    void openInstanceIsFenced()
    {
        DOPOOL_TEST_POSTGRES(pg);
        addAccounts(pg, 2);
        SystemClock clock;
        MemorySecretStore keychain;
        PoolSession stale(sessionOptions(pg, kOld, &keychain, &clock));
        QVERIFY(openSession(stale));
        const auto before = stale.store().findAccount(QStringLiteral("R1"));
        QVERIFY(before.ok());

        const CliResult rotated = rotate(pg);
        QVERIFY2(rotated.exitCode == 0, rotated.err.constData());

        // Add and edit from the instance opened before: refused, nothing written.
        Account added;
        added.name = QStringLiteral("Late");
        added.email = QStringLiteral("late@example.com");
        added.encryptedToken = *stale.cipher().encrypt(QString::fromLatin1(token(9)));
        const auto insert = stale.store().insertAccount(added);
        QVERIFY(!insert.ok());
        QCOMPARE(insert.error().kind, ErrorKind::KeyMismatch);
        QCOMPARE(insert.error().exitCode(), 6);
        Account edited = *before;
        edited.email = QStringLiteral("edited@example.com");
        edited.encryptedToken = *stale.cipher().encrypt(QString::fromLatin1(token(8)));
        const auto update = stale.store().updateAccount(edited);
        QVERIFY(!update.ok());
        QCOMPARE(update.error().kind, ErrorKind::KeyMismatch);

        // The watch notices (a key from the environment cannot be refreshed).
        PoolKeyWatch watch(stale, 60000);
        QSignalSpy outOfDate(&watch, &PoolKeyWatch::outOfDate);
        watch.check();
        QTRY_COMPARE_WITH_TIMEOUT(outOfDate.size(), 1, 10000);
        QVERIFY(outOfDate.first().first().toString().contains(keyOf(kNew).fingerprint()));
        QVERIFY(watch.isOutOfDate());

        // The same from dopool-cli processes holding the old key: exit 6.
        CliResult r =
            cli(pg, kOld,
                {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                 QStringLiteral("Late"), QStringLiteral("--email"), QStringLiteral("l@example.com"),
                 QStringLiteral("--no-verify"), QStringLiteral("--token-stdin")},
                token(9) + '\n');
        QCOMPARE(r.exitCode, 6);
        r = cli(pg, kOld,
                {QStringLiteral("account"), QStringLiteral("update"), QStringLiteral("R1"),
                 QStringLiteral("--email"), QStringLiteral("x@example.com")});
        QCOMPARE(r.exitCode, 6);

        // Nothing changed, and every token opens with the new key, here and in Node.
        QCOMPARE(pg.column(QStringLiteral("SELECT count(*) FROM do_accounts")).value(0).toInt(), 2);
        QCOMPARE(pg.column(QStringLiteral("SELECT email FROM do_accounts WHERE name = 'R1'"))
                     .value(0)
                     .toString(),
                 before->email);
        const TokenCipher newCipher(keyOf(kNew));
        const auto rows = *stale.store().listAccounts();
        for (const Account &a : rows)
            QVERIFY(decryptAccountToken(newCipher, a).ok());
        QCOMPARE(decryptWithNode(pg, kNew),
                 (QStringList{QStringLiteral("ok:") + QString::fromLatin1(token(1)),
                              QStringLiteral("ok:") + QString::fromLatin1(token(2))}));
    }

    // An instance whose keychain already holds the new key (rotate-key on this machine) takes
    // it and writes again.
    void keychainInstanceAdoptsTheNewKey()
    {
        DOPOOL_TEST_POSTGRES(pg);
        addAccounts(pg, 1);
        SystemClock clock;
        MemorySecretStore keychain;
        keychain.entries.insert(KeyProvider::keychainEntry(keyOf(kOld).fingerprint()), kOld);
        PoolSession session(sessionOptions(pg, QString(), &keychain, &clock));
        QVERIFY(openSession(session));
        QCOMPARE(session.keySource(), KeyProvider::Source::Keychain);

        QVERIFY(rotate(pg).exitCode == 0);
        keychain.entries.insert(KeyProvider::keychainEntry(keyOf(kNew).fingerprint()), kNew);

        PoolKeyWatch watch(session, 60000);
        QSignalSpy rekeyed(&watch, &PoolKeyWatch::rekeyed);
        QSignalSpy outOfDate(&watch, &PoolKeyWatch::outOfDate);
        watch.check();
        QTRY_COMPARE_WITH_TIMEOUT(rekeyed.size(), 1, 10000);
        QCOMPARE(outOfDate.size(), 0);
        QCOMPARE(session.cipher().key(), keyOf(kNew));
        Account added;
        added.name = QStringLiteral("After");
        added.email = QStringLiteral("after@example.com");
        added.encryptedToken = *session.cipher().encrypt(QString::fromLatin1(token(5)));
        QVERIFY(session.store().insertAccount(added).ok());
        QCOMPARE(decryptWithNode(pg, kNew).size(), 2);
        for (const QString &line : decryptWithNode(pg, kNew))
            QVERIFY2(line.startsWith(u"ok:"), qPrintable(line));
    }

    // dopool-cli serve opened before the rotation: stops its rounds, says so once (stored
    // alert, webhook), and clears the alert when it stops.
    void serveRaisesKeyOutOfDate()
    {
        DOPOOL_TEST_POSTGRES(pg);
        addAccounts(pg, 2);
        WebhookReceiver webhook;
        QVERIFY(webhook.listen(QHostAddress::LocalHost));
        CliRunner runner = m_cli;
        runner.setEnv(QStringLiteral("ENCRYPTION_KEY"), kOld);
        runner.setEnv(QStringLiteral("DOPOOL_WEBHOOK_URL"),
                      QStringLiteral("http://127.0.0.1:%1/hook").arg(webhook.serverPort()));
        std::unique_ptr<QProcess> serve(runner.start(
            common(pg) + QStringList{QStringLiteral("serve"), QStringLiteral("--sync-interval"),
                                     QStringLiteral("1"), QStringLiteral("--health-interval"),
                                     QStringLiteral("1")}));
        const fakedo::RequestFilter lists{QStringLiteral("GET"), QStringLiteral("/v2/droplets"),
                                          QString()};
        QTRY_VERIFY_WITH_TIMEOUT(m_fakeDo->requestCount(lists) >= 2, 30000);

        QVERIFY(rotate(pg).exitCode == 0);
        const auto openAlerts = [&] {
            const CliResult r = cli(pg, kNew, {QStringLiteral("--json"), QStringLiteral("alerts")});
            QStringList kinds;
            for (const QJsonValue &a : QJsonDocument::fromJson(r.out).array())
                kinds << a.toObject().value(QStringLiteral("kind")).toString();
            return kinds;
        };
        QTRY_VERIFY_WITH_TIMEOUT(openAlerts().contains(QStringLiteral("POOL_KEY_OUT_OF_DATE")),
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            raisedKinds(webhook).contains(QStringLiteral("POOL_KEY_OUT_OF_DATE")), 15000);
        QCOMPARE(serve->state(), QProcess::Running);
        // Its rounds have stopped: over several 1 s intervals no new round lists droplets. A
        // round already in flight when the key went stale may still finish (one list per
        // account, kAccounts); a round started since would list them all again. The decisive
        // later event is serve's exit on SIGTERM: it lets the rounds in progress finish first,
        // so after it nothing is in flight and the server's count is final.
        constexpr int kAccounts = 2;
        const int requests = m_fakeDo->requestCount(lists);
        const auto beyondInFlight = [&] {
            return m_fakeDo->requestCount(lists) > requests + kAccounts;
        };
        QVERIFY(!QTest::qWaitFor(beyondInFlight, 4000));
        QCOMPARE(raisedKinds(webhook).count(QStringLiteral("POOL_KEY_OUT_OF_DATE")), 1);

        serve->terminate();
        QVERIFY(QTest::qWaitFor([&] { return serve->state() == QProcess::NotRunning; }, 30000));
        QCOMPARE(serve->exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve->exitCode(), 0);
        QVERIFY2(!beyondInFlight(), qPrintable(QStringLiteral("%1 droplet lists after the key "
                                                              "went stale (at most %2 allowed)")
                                                   .arg(m_fakeDo->requestCount(lists) - requests)
                                                   .arg(kAccounts)));
        const QByteArray log = serve->readAllStandardError();
        QVERIFY2(log.count("out of date") < 5, log.constData()); // said once, not per account
        QVERIFY(!openAlerts().contains(QStringLiteral("POOL_KEY_OUT_OF_DATE")));
    }
};

QTEST_GUILESS_MAIN(TestCliKeyRotation)
#include "tst_clikeyrotation.moc"
