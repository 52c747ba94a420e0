// AlertEvaluator on a MemoryStore: raised on entering a state, not repeated while it
// holds, resolved on leaving it, raised again on re-entering; one account full vs all usable
// accounts full; the utilisation threshold's edges; messages an admin can act on. On both
// SQLite and PostgreSQL: NO_USABLE_ACCOUNT when no account is usable (and never together
// with ALL_ACCOUNTS_FULL), DEGRADED_TOO_LONG after the configured time DEGRADED.
#include "EngineTestFixture.h"
#include "TestPostgres.h"
#include "engine/AlertEvaluator.h"

#include <QSignalSpy>
#include <QTest>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;

Q_DECLARE_METATYPE(dopool::AlertKind)

namespace {

struct Spec
{
    Spec() = default;
    Spec(QString n, int l, int a, bool on = true, AccountHealth h = AccountHealth::Healthy,
         QString error = {})
        : name(std::move(n))
        , limit(l)
        , active(a)
        , isActive(on)
        , health(h)
        , lastError(std::move(error))
    {}
    QString name;
    int limit = 25;
    int active = 0;
    bool isActive = true;
    AccountHealth health = AccountHealth::Healthy;
    QString lastError;
};

// "RAISED ACCOUNT_FULL alpha" / "RESOLVED POOL_UTILISATION_HIGH -": comparable in one line.
QString describe(const AlertChange &change, const QList<Account> &accounts)
{
    QString who = QStringLiteral("-");
    for (const Account &a : accounts) {
        if (a.id == change.alert.accountId)
            who = a.name;
    }
    return QStringLiteral("%1 %2 %3")
        .arg(change.raised ? QStringLiteral("RAISED") : QStringLiteral("RESOLVED"),
             alertKindToDb(change.alert.kind), who);
}

} // namespace

Q_DECLARE_METATYPE(Spec)

class TestAlertEvaluator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<testing::TestPostgres> m_pg; // outlives f's store
    std::unique_ptr<EngineFixture> f;
    QList<Account> m_accounts;

    // A fresh fixture on backend ("sqlite" | "postgresql"); false when the test must stop
    // (failed, or skipped for want of PostgreSQL).
    bool onBackend(const QString &backend)
    {
        f.reset();
        m_pg.reset();
        if (backend == QLatin1String("postgresql")) {
            if (!testing::TestPostgres::isConfigured()) {
                if (testing::TestPostgres::isRequired())
                    QTest::qFail("DOPOOL_REQUIRE_PG=1 but DOPOOL_TEST_PG_URL is not set", __FILE__,
                                 __LINE__);
                else
                    QTest::qSkip("needs PostgreSQL: run through scripts/test-env.sh", __FILE__,
                                 __LINE__);
                return false;
            }
            m_pg = std::make_unique<testing::TestPostgres>();
            if (!m_pg->isValid()) {
                QTest::qFail(qPrintable(m_pg->errorString()), __FILE__, __LINE__);
                return false;
            }
        }
        f = std::make_unique<EngineFixture>();
        f->onDatabase = true;
        if (m_pg)
            f->databaseUrl = m_pg->url();
        return f->setUp();
    }

    // Records a health observation (with its history row), as a health check does.
    void observe(const QString &name, AccountHealth health, const QString &error = {})
    {
        for (Account &a : m_accounts) {
            if (a.name != name)
                continue;
            AccountObservation seen;
            seen.at = f->clock.now();
            seen.health = health;
            seen.healthReason = error.isEmpty() ? QStringLiteral("test") : error;
            seen.lastError = error;
            seen.healthChecked = true;
            const auto updated = f->capacity->recordObservation(a.id, seen);
            DOPOOL_VERIFY_OK(updated);
            a = *updated;
            return;
        }
        QFAIL("no such account");
    }

    // The store only: the evaluator never talks to DO.
    void setUpPool(const QList<Spec> &specs)
    {
        m_accounts.clear();
        int n = 0;
        for (const Spec &spec : specs) {
            Account a;
            a.name = spec.name;
            a.dropletLimit = spec.limit;
            a.activeDroplets = spec.active;
            a.isActive = spec.isActive;
            a.healthStatus = spec.health;
            a.lastError = spec.lastError;
            m_accounts << f->addAccount(a, fakeToken(++n), {}, false);
        }
    }

    void set(const QString &name, int active, AccountHealth health = AccountHealth::Healthy)
    {
        for (Account &a : m_accounts) {
            if (a.name != name)
                continue;
            Account current = f->reload(a.id);
            current.activeDroplets = active;
            current.healthStatus = health;
            const auto updated = f->accounts->updateAccount(current);
            DOPOOL_VERIFY_OK(updated);
            a = *updated;
            return;
        }
        QFAIL("no such account");
    }

    QStringList evaluate(AlertEvaluator &evaluator)
    {
        const auto changes = evaluator.evaluate();
        if (!changes) {
            QTest::qFail(qPrintable(changes.error().message), __FILE__, __LINE__);
            return {};
        }
        QStringList described;
        for (const AlertChange &change : *changes)
            described << describe(change, m_accounts);
        return described;
    }

    QStringList openAlerts()
    {
        const auto alerts = f->alerts->listAlerts(false, 100);
        if (!alerts) {
            QTest::qFail(qPrintable(alerts.error().message), __FILE__, __LINE__);
            return {};
        }
        QStringList described;
        for (const Alert &alert : *alerts)
            described << describe(AlertChange{alert, true}, m_accounts);
        described.sort();
        return described;
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<EngineFixture>();
        QVERIFY(f->setUp());
    }
    void cleanup()
    {
        f.reset();
        m_pg.reset();
    }

    void lifecycle()
    {
        setUpPool({{QStringLiteral("alpha"), 25, 24}, {QStringLiteral("beta"), 25, 5}});
        QVERIFY(!QTest::currentTestFailed());
        AlertEvaluator evaluator(f->context());
        QSignalSpy changed(&evaluator, &AlertEvaluator::alertChanged);

        QCOMPARE(evaluate(evaluator), QStringList());

        // Entering: raised once, with the time and a message naming the account.
        f->clock.advance(60'000);
        set(QStringLiteral("alpha"), 25);
        QCOMPARE(evaluate(evaluator), QStringList{QStringLiteral("RAISED ACCOUNT_FULL alpha")});
        QCOMPARE(changed.size(), 1);
        const auto raised = qvariant_cast<AlertChange>(changed.first().first());
        QVERIFY(raised.raised);
        QCOMPARE(raised.alert.message, QStringLiteral("Account 'alpha' is full (25/25 droplets)"));
        QCOMPARE(raised.alert.severity, AlertSeverity::Warning);
        QCOMPARE(raised.alert.raisedAt, f->clock.now());
        QVERIFY(!raised.alert.id.isEmpty());

        // Holding: never repeated, by this evaluator or another process's.
        for (int minute = 0; minute < 3; ++minute) {
            f->clock.advance(60'000);
            QCOMPARE(evaluate(evaluator), QStringList());
        }
        AlertEvaluator other(f->context());
        QCOMPARE(evaluate(other), QStringList());
        QCOMPARE(changed.size(), 1);

        // Leaving: resolved.
        f->clock.advance(60'000);
        set(QStringLiteral("alpha"), 20);
        QCOMPARE(evaluate(evaluator), QStringList{QStringLiteral("RESOLVED ACCOUNT_FULL alpha")});
        const auto resolved = qvariant_cast<AlertChange>(changed.last().first());
        QVERIFY(!resolved.raised);
        QCOMPARE(resolved.alert.id, raised.alert.id);
        QCOMPARE(resolved.alert.resolvedAt, f->clock.now());
        QCOMPARE(openAlerts(), QStringList());
        QCOMPARE(evaluate(evaluator), QStringList());

        // Re-entering: a new alert.
        f->clock.advance(60'000);
        set(QStringLiteral("alpha"), 26); // DO may report more than the limit
        QCOMPARE(evaluate(evaluator), QStringList{QStringLiteral("RAISED ACCOUNT_FULL alpha")});
        const auto again = qvariant_cast<AlertChange>(changed.last().first());
        QVERIFY(again.alert.id != raised.alert.id);
        QCOMPARE(again.alert.message, QStringLiteral("Account 'alpha' is full (26/25 droplets)"));
        const auto all = f->alerts->listAlerts(true, 100);
        DOPOOL_VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
    }

    void fullStates_data()
    {
        using H = AccountHealth;
        QTest::addColumn<QList<Spec>>("pool");
        QTest::addColumn<QStringList>("expected"); // open alerts, sorted
        const QString a = QStringLiteral("a");
        const QString b = QStringLiteral("b");
        const QString c = QStringLiteral("c");
        // Threshold 0.8 throughout; utilisation kept at or under it unless the row says.
        QTest::newRow("one of two full") << QList<Spec>{{a, 10, 10}, {b, 100, 10}}
                                         << QStringList{QStringLiteral("RAISED ACCOUNT_FULL a")};
        QTest::newRow("all usable full")
            << QList<Spec>{{a, 10, 10}, {b, 10, 10}, {c, 100, 0, true, H::Unhealthy}}
            << QStringList{QStringLiteral("RAISED ACCOUNT_FULL a"),
                           QStringLiteral("RAISED ACCOUNT_FULL b"),
                           QStringLiteral("RAISED ACCOUNT_UNHEALTHY c"),
                           QStringLiteral("RAISED ALL_ACCOUNTS_FULL -")};
        QTest::newRow("UNKNOWN is usable, DEGRADED is not: all usable full")
            << QList<Spec>{{a, 10, 10, true, H::Unknown},
                           {b, 10, 10, true, H::Degraded},
                           {c, 1000, 0, false}}
            << QStringList{QStringLiteral("RAISED ACCOUNT_FULL a"),
                           QStringLiteral("RAISED ACCOUNT_FULL b"),
                           QStringLiteral("RAISED ALL_ACCOUNTS_FULL -"),
                           QStringLiteral("RAISED POOL_UTILISATION_HIGH -")};
        QTest::newRow("room only on a DEGRADED account does not help the next order")
            << QList<Spec>{{a, 10, 10}, {b, 100, 10, true, H::Degraded}}
            << QStringList{QStringLiteral("RAISED ACCOUNT_FULL a"),
                           QStringLiteral("RAISED ALL_ACCOUNTS_FULL -")};
        QTest::newRow("a full unhealthy account is not usable: the healthy one has room")
            << QList<Spec>{{a, 10, 10, true, H::Unhealthy}, {b, 100, 10}}
            << QStringList{QStringLiteral("RAISED ACCOUNT_FULL a"),
                           QStringLiteral("RAISED ACCOUNT_UNHEALTHY a")};
        QTest::newRow("no usable account at all is not 'all full' but 'no usable account'")
            << QList<Spec>{{a, 10, 10, true, H::Unhealthy}, {b, 10, 0, false}}
            << QStringList{QStringLiteral("RAISED ACCOUNT_FULL a"),
                           QStringLiteral("RAISED ACCOUNT_UNHEALTHY a"),
                           QStringLiteral("RAISED NO_USABLE_ACCOUNT -"),
                           QStringLiteral("RAISED POOL_UTILISATION_HIGH -")};
        QTest::newRow("an inactive full account is not watched")
            << QList<Spec>{{a, 10, 10, false}, {b, 100, 10}} << QStringList();
        QTest::newRow("an inactive unhealthy account still is")
            << QList<Spec>{{a, 10, 0, false, H::Unhealthy}, {b, 100, 10}}
            << QStringList{QStringLiteral("RAISED ACCOUNT_UNHEALTHY a")};
        QTest::newRow("empty pool") << QList<Spec>{} << QStringList();
    }
    void fullStates()
    {
        QFETCH(QList<Spec>, pool);
        QFETCH(QStringList, expected);
        setUpPool(pool);
        QVERIFY(!QTest::currentTestFailed());
        AlertEvaluator evaluator(f->context());
        QStringList changes = evaluate(evaluator);
        changes.sort();
        QCOMPARE(changes, expected);
        QCOMPARE(openAlerts(), expected);
        QCOMPARE(evaluate(evaluator), QStringList());
    }

    void messages()
    {
        setUpPool({{QStringLiteral("alpha"), 25, 25},
                   {QStringLiteral("beta"), 25, 25},
                   {QStringLiteral("gamma"), 25, 25},
                   {QStringLiteral("delta"), 25, 0, true, AccountHealth::Unhealthy,
                    QStringLiteral("DigitalOcean rejected the token (401 Unauthorized)")}});
        QVERIFY(!QTest::currentTestFailed());
        AlertEvaluator evaluator(f->context());
        const auto changes = evaluator.evaluate();
        DOPOOL_VERIFY_OK(changes);
        QHash<AlertKind, Alert> byKind;
        for (const AlertChange &c : *changes)
            byKind.insert(c.alert.kind, c.alert);
        QCOMPARE(byKind.value(AlertKind::AllAccountsFull).message,
                 QStringLiteral("All 3 usable accounts are full"));
        QCOMPARE(byKind.value(AlertKind::AllAccountsFull).severity, AlertSeverity::Critical);
        QVERIFY(byKind.value(AlertKind::AllAccountsFull).accountId.isEmpty());
        QCOMPARE(byKind.value(AlertKind::AccountUnhealthy).message,
                 QStringLiteral("Account 'delta' is unhealthy: DigitalOcean rejected the token "
                                "(401 Unauthorized)"));
        // 75/100 is under the default 80%: no utilisation alert here.
        QVERIFY(!byKind.contains(AlertKind::PoolUtilisationHigh));
    }

    void utilisationThreshold_data()
    {
        QTest::addColumn<int>("active"); // of 100 droplets (two accounts of 50)
        QTest::addColumn<double>("threshold");
        QTest::addColumn<QString>("message"); // empty: no alert
        QTest::newRow("79% under 80%") << 79 << 0.8 << QString();
        QTest::newRow("exactly 80% is not above 80%") << 80 << 0.8 << QString();
        QTest::newRow("81% above 80%")
            << 81 << 0.8 << QStringLiteral("Pool utilisation 81% is above the 80% threshold");
        QTest::newRow("84% above 80%")
            << 84 << 0.8 << QStringLiteral("Pool utilisation 84% is above the 80% threshold");
        QTest::newRow("exactly 70% is not above 70%") << 70 << 0.7 << QString();
        QTest::newRow("71% above 70%")
            << 71 << 0.7 << QStringLiteral("Pool utilisation 71% is above the 70% threshold");
        QTest::newRow("98% above 95%")
            << 98 << 0.95 << QStringLiteral("Pool utilisation 98% is above the 95% threshold");
        QTest::newRow("threshold 0: any droplet")
            << 1 << 0.0 << QStringLiteral("Pool utilisation 1% is above the 0% threshold");
        QTest::newRow("threshold 0, empty pool") << 0 << 0.0 << QString();
    }
    void utilisationThreshold()
    {
        QFETCH(int, active);
        QFETCH(double, threshold);
        QFETCH(QString, message);
        // Split so neither account is full (no other alert muddles the result)...
        const int first = std::min(active, 49);
        setUpPool({{QStringLiteral("a"), 50, first},
                   {QStringLiteral("b"), 50, active - first},
                   // ...and an inactive account's droplets and limit do not count.
                   {QStringLiteral("off"), 1000, 0, false}});
        QVERIFY(!QTest::currentTestFailed());
        f->settings.utilisationThreshold = threshold;
        AlertEvaluator evaluator(f->context());
        const auto changes = evaluator.evaluate();
        DOPOOL_VERIFY_OK(changes);
        if (message.isEmpty()) {
            QCOMPARE(changes->size(), 0);
            return;
        }
        QCOMPARE(changes->size(), 1);
        const Alert &alert = changes->first().alert;
        QCOMPARE(alert.kind, AlertKind::PoolUtilisationHigh);
        QCOMPARE(alert.severity, AlertSeverity::Warning);
        QCOMPARE(alert.message, message);
        QCOMPARE(alert.details.value(QLatin1String("activeDroplets")).toInt(), active);
        QCOMPARE(alert.details.value(QLatin1String("dropletLimit")).toInt(), 100);
        QCOMPARE(alert.details.value(QLatin1String("threshold")).toDouble(), threshold);
    }

    void noUsableAccount_data()
    {
        using H = AccountHealth;
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QList<Spec>>("pool");
        QTest::addColumn<QString>("critical"); // the one critical alert open, or none
        QTest::addColumn<QString>("message");
        const QString a = QStringLiteral("a");
        const QString b = QStringLiteral("b");
        const QString c = QStringLiteral("c");
        const QString noUsable = QStringLiteral("NO_USABLE_ACCOUNT");
        for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            auto row = [&backend](const char *name) {
                return &QTest::addRow("%s: %s", qPrintable(backend), name);
            };
            *row("all UNHEALTHY") << backend
                                  << QList<Spec>{{a, 10, 0, true, H::Unhealthy},
                                                 {b, 10, 0, true, H::Unhealthy}}
                                  << noUsable
                                  << QStringLiteral("No available account: none of the 2 accounts "
                                                    "can take a droplet (0 inactive, 2 unhealthy, "
                                                    "0 degraded)");
            *row("all inactive") << backend << QList<Spec>{{a, 10, 0, false}, {b, 10, 0, false}}
                                 << noUsable
                                 << QStringLiteral("No available account: none of the 2 accounts "
                                                   "can take a droplet (2 inactive, 0 unhealthy, 0 "
                                                   "degraded)");
            *row("DEGRADED, full and inactive mixed")
                << backend
                << QList<Spec>{{a, 10, 0, true, H::Degraded},
                               {b, 10, 10, true, H::Degraded},
                               {c, 10, 10, false}}
                << noUsable
                << QStringLiteral("No available account: none of the 3 accounts can take a "
                                  "droplet (1 inactive, 0 unhealthy, 2 degraded)");
            *row("usable but full is ALL_ACCOUNTS_FULL, not both")
                << backend << QList<Spec>{{a, 10, 10}, {b, 100, 0, true, H::Degraded}}
                << QStringLiteral("ALL_ACCOUNTS_FULL")
                << QStringLiteral("The only usable account is full");
            *row("one usable account with room")
                << backend
                << QList<Spec>{{a, 10, 0, true, H::Unhealthy}, {b, 10, 0, true, H::Unknown}}
                << QString() << QString();
            *row("no accounts at all") << backend << QList<Spec>{} << QString() << QString();
        }
    }
    void noUsableAccount()
    {
        QFETCH(QString, backend);
        QFETCH(QList<Spec>, pool);
        QFETCH(QString, critical);
        QFETCH(QString, message);
        if (!onBackend(backend))
            return;
        f->settings.utilisationThreshold = 1.0; // keep the pool-wide percentage out of it
        setUpPool(pool);
        QVERIFY(!QTest::currentTestFailed());
        AlertEvaluator evaluator(f->context());
        QSignalSpy changed(&evaluator, &AlertEvaluator::alertChanged);
        const auto changes = evaluator.evaluate();
        DOPOOL_VERIFY_OK(changes);
        QStringList criticals;
        for (const AlertChange &change : *changes) {
            if (change.alert.severity != AlertSeverity::Critical)
                continue;
            QVERIFY(change.raised);
            QVERIFY(change.alert.accountId.isEmpty());
            criticals << alertKindToDb(change.alert.kind);
            QCOMPARE(change.alert.message, message);
        }
        QCOMPARE(criticals, critical.isEmpty() ? QStringList() : QStringList{critical});
        // Stored (what status, the alerts list and the other instances read) and emitted
        // (what the tray and the webhook get) alike, and raised once.
        const auto open = f->alerts->listAlerts(false, 100);
        DOPOOL_VERIFY_OK(open);
        const qsizetype storedCriticals =
            std::count_if(open->begin(), open->end(), [&critical](const Alert &alert) {
                return alert.severity == AlertSeverity::Critical &&
                       alertKindToDb(alert.kind) == critical;
            });
        QCOMPARE(storedCriticals, critical.isEmpty() ? 0 : 1);
        QCOMPARE(changed.size(), changes->size());
        QCOMPARE(evaluate(evaluator), QStringList());

        if (critical != QLatin1String("NO_USABLE_ACCOUNT"))
            return;
        // An account coming back resolves it.
        Account back = f->reload(m_accounts.first().id);
        back.isActive = true;
        back.healthStatus = AccountHealth::Healthy;
        back.activeDroplets = 0;
        const auto updated = f->accounts->updateAccount(back);
        DOPOOL_VERIFY_OK(updated);
        QVERIFY(evaluate(evaluator).contains(QStringLiteral("RESOLVED NO_USABLE_ACCOUNT -")));
    }

    void degradedTooLong_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("afterSecs");
        for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            QTest::addRow("%s: default 30 min", qPrintable(backend)) << backend << 1800;
            QTest::addRow("%s: 2 min", qPrintable(backend)) << backend << 120;
        }
    }
    void degradedTooLong()
    {
        QFETCH(QString, backend);
        QFETCH(int, afterSecs);
        if (!onBackend(backend))
            return;
        if (afterSecs != EngineSettings().degradedAlertAfterSecs)
            f->settings.degradedAlertAfterSecs = afterSecs;
        QCOMPARE(f->settings.degradedAlertAfterSecs, afterSecs);
        // A healthy account with room keeps NO_USABLE_ACCOUNT out of it.
        setUpPool({{QStringLiteral("steady"), 10, 0}, {QStringLiteral("slow"), 10, 0}});
        QVERIFY(!QTest::currentTestFailed());
        AlertEvaluator evaluator(f->context());
        observe(QStringLiteral("slow"), AccountHealth::Degraded,
                QStringLiteral("rate limited (429) three times in a row"));
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(evaluate(evaluator), QStringList());

        // Still DEGRADED (checked again, no transition) one second short of the limit: quiet.
        f->clock.advance(qint64(afterSecs) * 1000 - 1000);
        observe(QStringLiteral("slow"), AccountHealth::Degraded,
                QStringLiteral("rate limited (429) three times in a row"));
        QCOMPARE(evaluate(evaluator), QStringList());

        f->clock.advance(1000);
        QSignalSpy changed(&evaluator, &AlertEvaluator::alertChanged);
        QCOMPARE(evaluate(evaluator), QStringList{QStringLiteral("RAISED DEGRADED_TOO_LONG slow")});
        const auto raised = qvariant_cast<AlertChange>(changed.first().first());
        QCOMPARE(raised.alert.severity, AlertSeverity::Warning);
        QCOMPARE(raised.alert.message,
                 QStringLiteral("Account 'slow' has been degraded for %1 min: rate limited (429) "
                                "three times in a row")
                     .arg(afterSecs / 60));
        // Held: never repeated.
        f->clock.advance(600'000);
        QCOMPARE(evaluate(evaluator), QStringList());

        // Healthy again: resolved; DEGRADED again later starts a new count.
        observe(QStringLiteral("slow"), AccountHealth::Healthy);
        QCOMPARE(evaluate(evaluator),
                 QStringList{QStringLiteral("RESOLVED DEGRADED_TOO_LONG slow")});
        f->clock.advance(60'000);
        observe(QStringLiteral("slow"), AccountHealth::Degraded);
        f->clock.advance(qint64(afterSecs) * 1000 - 1000);
        QCOMPARE(evaluate(evaluator), QStringList());
    }

    void leavingAllFullResolvesOnlyThat()
    {
        setUpPool({{QStringLiteral("a"), 10, 10}, {QStringLiteral("b"), 10, 10}});
        QVERIFY(!QTest::currentTestFailed());
        f->settings.utilisationThreshold = 1.0; // keep the pool-wide percentage out of it
        AlertEvaluator evaluator(f->context());
        QCOMPARE(evaluate(evaluator).size(), 3);
        set(QStringLiteral("b"), 9);
        QCOMPARE(evaluate(evaluator),
                 (QStringList{QStringLiteral("RESOLVED ACCOUNT_FULL b"),
                              QStringLiteral("RESOLVED ALL_ACCOUNTS_FULL -")}));
        QCOMPARE(openAlerts(), QStringList{QStringLiteral("RAISED ACCOUNT_FULL a")});
        // b turning unhealthy leaves a as the only usable account, and it is full.
        set(QStringLiteral("b"), 9, AccountHealth::Unhealthy);
        QCOMPARE(evaluate(evaluator), (QStringList{QStringLiteral("RAISED ACCOUNT_UNHEALTHY b"),
                                                   QStringLiteral("RAISED ALL_ACCOUNTS_FULL -")}));
        const auto open = f->alerts->listAlerts(false, 100);
        DOPOOL_VERIFY_OK(open);
        for (const Alert &alert : *open) {
            if (alert.kind == AlertKind::AllAccountsFull)
                QCOMPARE(alert.message, QStringLiteral("The only usable account is full"));
        }
    }
};

QTEST_GUILESS_MAIN(TestAlertEvaluator)
#include "tst_alertevaluator.moc"
