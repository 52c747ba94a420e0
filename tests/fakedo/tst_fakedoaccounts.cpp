// The fake DO server's account sources: the --accounts JSON file and the --demo accounts.
#include "VerifyOk.h"
#include "fakedo/AccountsFile.h"
#include "fakedo/FakeDoServer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dopool::fakedo;

class TestFakeDoAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAccounts()
    {
        const auto result = parseAccountsJson(R"([
            {"token": "dop_v1_x1", "email": "a@example.com", "dropletLimit": 10, "droplets": 4,
             "status": "warning", "statusMessage": "billing"},
            {"token": "dop_v1_x2"}
        ])");
        DOPOOL_VERIFY_OK(result);
        QCOMPARE(result->size(), 2);
        const SeedAccount &a = result->at(0);
        QCOMPARE(a.token, QStringLiteral("dop_v1_x1"));
        QCOMPARE(a.account.email, QStringLiteral("a@example.com"));
        QCOMPARE(a.account.dropletLimit, 10);
        QCOMPARE(a.account.droplets, 4);
        QCOMPARE(a.account.status, QStringLiteral("warning"));
        QCOMPARE(a.account.statusMessage, QStringLiteral("billing"));
        const SeedAccount &b = result->at(1); // defaults
        QCOMPARE(b.account.dropletLimit, 25);
        QCOMPARE(b.account.droplets, 0);
        QCOMPARE(b.account.status, QStringLiteral("active"));
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("[{");
        QTest::newRow("not an array") << QByteArray(R"({"token":"t"})");
        QTest::newRow("entry not an object") << QByteArray(R"(["t"])");
        QTest::newRow("no token") << QByteArray(R"([{"email":"a@example.com"}])");
        QTest::newRow("bad status") << QByteArray(R"([{"token":"t","status":"gone"}])");
        QTest::newRow("negative droplets") << QByteArray(R"([{"token":"t","droplets":-1}])");
    }
    void rejectsBadFiles()
    {
        QFETCH(QByteArray, json);
        const auto result = parseAccountsJson(json);
        QVERIFY(!result.ok());
        QVERIFY(!result.error().message.isEmpty());
        QVERIFY(!result.error().message.contains(u"dop_v1_")); // no token in messages
    }

    void loadsFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("accounts.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([{"token":"dop_v1_file","droplets":2}])");
        file.close();
        const auto result = loadAccountsFile(path);
        QVERIFY(result.ok());
        QCOMPARE(result->first().account.droplets, 2);
        QVERIFY(!loadAccountsFile(dir.filePath(QStringLiteral("missing.json"))).ok());
    }

    void demoAccountsMatchThePlan()
    {
        const QList<SeedAccount> demo = demoAccounts();
        QCOMPARE(demo.size(), 3);
        // Exactly what scripts/run-demo.sh feeds the CLI: printf 'dop_v1_demo%057d' N.
        QCOMPARE(
            demo.at(0).token,
            QStringLiteral("dop_v1_demo000000000000000000000000000000000000000000000000000000001"));
        QCOMPARE(demo.at(2).token.size(), 11 + 57);
        QCOMPARE(demo.at(2).token.right(2), QStringLiteral("03"));
        const int droplets[] = {20, 5, 25};
        FakeDoServer server;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(demo.at(i).account.dropletLimit, 25);
            QCOMPARE(demo.at(i).account.droplets, droplets[i]);
            QCOMPARE(demo.at(i).account.email, QStringLiteral("do%1@webrana.example").arg(i + 1));
            server.addAccount(demo.at(i).token, demo.at(i).account);
            QCOMPARE(server.dropletCount(demo.at(i).token), droplets[i]);
        }
    }
};

QTEST_GUILESS_MAIN(TestFakeDoAccounts)
#include "tst_fakedoaccounts.moc"
