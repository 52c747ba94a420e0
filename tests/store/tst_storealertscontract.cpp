// The AccountStore contract for alerts: one open alert per kind and account (also when racing),
// listing, refusals. Every test function runs on each backend (initTestCase_data).
#include "StoreFixture.h"

#include <QJsonObject>
#include <QtTest>
#include <algorithm>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

class TestStoreAlertsContract : public QObject, public StoreContractFixture
{
    Q_OBJECT

private slots:
    void initTestCase_data() { addBackendRows(); }
    void init() { startBackend(); }
    void cleanup() { stopBackend(); }

    void alertDedupe_data()
    {
        QTest::addColumn<bool>("poolWide");
        QTest::newRow("per account") << false;
        QTest::newRow("pool-wide") << true;
    }
    void alertDedupe()
    {
        QFETCH(bool, poolWide);
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        const Account beta = mustInsert(*store, sampleAccount(u"beta"_s));
        QVERIFY(!QTest::currentTestFailed());
        const QString account = poolWide ? QString() : alpha.id;
        const AlertKind kind = poolWide ? AlertKind::AllAccountsFull : AlertKind::AccountFull;
        const QDateTime t1 = utc(2026, 1, 2, 3, 4, 5, 6);

        Alert alert = sampleAlert(kind, account, u"first"_s);
        alert.raisedAt = t1;
        const auto first = store->raiseAlert(alert);
        DOPOOL_VERIFY_OK_ONCE(first);
        QVERIFY(first->second);
        QVERIFY(!QUuid::fromString(first->first.id).isNull());
        QCOMPARE(first->first.raisedAt, t1);
        QVERIFY(first->first.isOpen());
        QCOMPARE(first->first.accountId, account);
        QCOMPARE(first->first.message, u"first"_s);

        clock.advance(60'000);
        const auto repeated = store->raiseAlert(sampleAlert(kind, account, u"second"_s));
        DOPOOL_VERIFY_OK_ONCE(repeated);
        QVERIFY(!repeated->second);
        QCOMPARE(repeated->first.id, first->first.id);
        QCOMPARE(repeated->first.message, u"first"_s);
        QCOMPARE(repeated->first.raisedAt, t1);
        QCOMPARE(repeated->first.details, alert.details);

        // Another account, pool-wide vs per account, another kind: separate alerts.
        for (const Alert &independent :
             {sampleAlert(kind, beta.id, u"beta"_s),
              sampleAlert(kind, poolWide ? alpha.id : QString(), u"other scope"_s),
              sampleAlert(AlertKind::AccountUnhealthy, account, u"other kind"_s)}) {
            const auto raised = store->raiseAlert(independent);
            DOPOOL_VERIFY_OK_ONCE(raised);
            QVERIFY2(raised->second, qPrintable(independent.message));
        }

        const QDateTime t2 = clock.now();
        const auto resolved = store->resolveAlert(kind, account, t2);
        DOPOOL_VERIFY_OK_ONCE(resolved);
        QVERIFY(resolved->has_value());
        QCOMPARE((*resolved)->id, first->first.id);
        QCOMPARE((*resolved)->resolvedAt, t2);
        QVERIFY(!(*resolved)->isOpen());
        const auto again = store->resolveAlert(kind, account, t2);
        DOPOOL_VERIFY_OK_ONCE(again);
        QVERIFY(!again->has_value());

        clock.advance(1000);
        const auto reraised = store->raiseAlert(sampleAlert(kind, account, u"third"_s));
        DOPOOL_VERIFY_OK_ONCE(reraised);
        QVERIFY(reraised->second);
        QVERIFY(reraised->first.id != first->first.id);
        QCOMPARE(reraised->first.raisedAt, clock.now()); // none given: the clock's
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts WHERE kind = ?"_s, {alertKindToDb(kind)}), 4);
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts WHERE resolved_at IS NOT NULL"_s), 1);
    }

    void alertList()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        QStringList ids; // newest first
        const QList<Alert> alerts = {
            sampleAlert(AlertKind::AccountFull, alpha.id, u"full"_s),
            sampleAlert(AlertKind::PoolUtilisationHigh, QString(), u"busy"_s),
            sampleAlert(AlertKind::AccountUnhealthy, alpha.id, u"sick"_s),
        };
        for (Alert alert : alerts) {
            alert.raisedAt = clock.now();
            if (alert.kind == AlertKind::AccountUnhealthy)
                alert.details = QJsonObject();
            const auto raised = store->raiseAlert(alert);
            DOPOOL_VERIFY_OK_ONCE(raised);
            ids.prepend(raised->first.id);
            clock.advance(1000);
        }
        DOPOOL_VERIFY_OK_ONCE(store->resolveAlert(AlertKind::PoolUtilisationHigh, QString(), {}));

        const auto idsOf = [&store](bool includeResolved, int limit) {
            QStringList listed;
            const auto result = store->listAlerts(includeResolved, limit);
            if (!result)
                return QStringList{result.error().message};
            for (const Alert &a : *result)
                listed << a.id;
            return listed;
        };
        QCOMPARE(idsOf(true, 0), ids);
        QCOMPARE(idsOf(true, 2), ids.mid(0, 2));
        QCOMPARE(idsOf(false, 0), (QStringList{ids.at(0), ids.at(2)}));

        const auto listed = store->listAlerts(true, 0);
        DOPOOL_VERIFY_OK_ONCE(listed);
        QCOMPARE(listed->at(1).resolvedAt, clock.now());
        QCOMPARE(listed->at(1).kind, AlertKind::PoolUtilisationHigh);
        QCOMPARE(listed->at(2).severity, AlertSeverity::Warning);
        QCOMPARE(listed->at(2).details, alerts.at(0).details);
        QVERIFY(listed->at(0).details.isEmpty());
        // Compact JSON text in the database.
        QCOMPARE(m_backend->column(u"SELECT details FROM alerts WHERE id = ?"_s, {ids.at(2)}),
                 QVariantList{u"{\"limit\":25,\"used\":25}"_s});
        QCOMPARE(m_backend->column(u"SELECT details FROM alerts WHERE id = ?"_s, {ids.at(0)}),
                 QVariantList{u"{}"_s});

        // Alerts about an account go with it.
        DOPOOL_VERIFY_OK_ONCE(store->deleteAccount(alpha.id));
        QCOMPARE(idsOf(true, 0), QStringList{ids.at(1)});
    }

    void alertRefused()
    {
        auto store = open();
        QVERIFY(store);
        const auto malformed = store->raiseAlert(sampleAlert(AlertKind::AccountFull, u"x"_s, {}));
        QVERIFY(!malformed);
        QCOMPARE(malformed.error().kind, ErrorKind::Validation);
        const auto unknown = store->raiseAlert(
            sampleAlert(AlertKind::AccountFull, u"6a1f0c2e-5b1d-4f7a-9c3e-2d8b7a6f5e4d"_s, {}));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
        const auto resolveMalformed = store->resolveAlert(AlertKind::AccountFull, u"x"_s, {});
        QVERIFY(!resolveMalformed);
        QCOMPARE(resolveMalformed.error().kind, ErrorKind::Validation);
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts"_s), 0);
    }

    // The database itself keeps a second open alert of a kind/account out (what makes raising
    // atomic across processes), and lets any number of resolved ones in.
    void alertUniqueOpenIndex()
    {
        auto store = open();
        QVERIFY(store);
        const Account alpha = mustInsert(*store, sampleAccount(u"alpha"_s));
        QVERIFY(!QTest::currentTestFailed());
        for (const QString &account : {alpha.id, QString()}) {
            const auto raised =
                store->raiseAlert(sampleAlert(AlertKind::AccountFull, account, u"m"_s));
            DOPOOL_VERIFY_OK_ONCE(raised);
            const QVariant accountValue =
                account.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(account);
            const QString insert =
                u"INSERT INTO alerts (id, kind, severity, account_id, message, raised_at, "
                "resolved_at) VALUES (?, 'ACCOUNT_FULL', 'WARNING', ?, 'raw', "
                "'2026-01-01T00:00:00.000Z', ?)"_s;
            QVERIFY(!m_backend
                         ->exec(insert, {QUuid::createUuid().toString(QUuid::WithoutBraces),
                                         accountValue, QVariant(QMetaType::fromType<QString>())})
                         .isEmpty());
            for (int i = 0; i < 2; ++i) {
                const QString resolvedRow =
                    m_backend->exec(insert, {QUuid::createUuid().toString(QUuid::WithoutBraces),
                                             accountValue, u"2026-01-01T00:01:00.000Z"_s});
                QVERIFY2(resolvedRow.isEmpty(), qPrintable(resolvedRow));
            }
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts WHERE resolved_at IS NULL"_s), 2);
    }

    // Stores on separate connections raise the same alert at once: exactly one is new.
    void concurrentAlertRaisers()
    {
        constexpr int kThreads = 8;
        QVERIFY(open());
        const StoreOptions opts = options();
        std::latch start(kThreads);
        QStringList errors[kThreads];
        QString ids[kThreads];
        bool isNew[kThreads] = {};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                OpenResult opened = openStore(opts);
                start.arrive_and_wait();
                if (!opened.store) {
                    errors[i] << opened.failure.error.message;
                    return;
                }
                const auto raised = opened.store->raiseAlert(
                    sampleAlert(AlertKind::AllAccountsFull, QString(), u"all full"_s));
                if (!raised) {
                    errors[i] << raised.error().message;
                    return;
                }
                ids[i] = raised->first.id;
                isNew[i] = raised->second;
            });
        }
        for (std::thread &t : threads)
            t.join();
        int raisedNew = 0;
        for (int i = 0; i < kThreads; ++i) {
            QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i].join(u"; "_s)));
            QCOMPARE(ids[i], ids[0]);
            raisedNew += isNew[i] ? 1 : 0;
        }
        QCOMPARE(raisedNew, 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM alerts"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreAlertsContract)
#include "tst_storealertscontract.moc"
