// AccountSelector on real parts (MemoryStore, DoApiClient over loopback, fake DO server):
// the order of both policies on the demo pool, fresh numbers from DO deciding, refresh in
// waves that grow, in order (never one round trip per full account, never two GETs of every
// candidate), NoAccount vs AllFull, skipped
// accounts and why, and atomic reservations when selectors race for the last slot.
#include "SelectionTestUtil.h"
#include "engine/AccountSelector.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

using namespace dopool;
using namespace dopool::engine;
using namespace dopool::testing;

namespace {

// Runs one select() and waits (event loop, no sleep) up to 15 s for its answer; empty when none
// came. The answer is shared with the callback, which may outlive a wait that failed.
std::optional<Result<Selection>> selectAndWait(AccountSelector &selector, bool reserve,
                                               const QString &taskId, const QSet<QString> &exclude)
{
    const auto answer = std::make_shared<std::optional<Result<Selection>>>();
    selector.select(reserve ? AccountSelector::Mode::Reserve : AccountSelector::Mode::Preview,
                    taskId, exclude,
                    [answer](Result<Selection> result) { answer->emplace(std::move(result)); });
    if (!QTest::qWaitFor([&answer] { return answer->has_value(); }, 15000))
        return {};
    return *answer;
}

} // namespace

class TestAccountSelector : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> f;

    int requestsFor(const Account &account) const
    {
        RequestFilter filter;
        filter.account = f->server->accountId(fakeToken(tokenOf(account)));
        return f->server->requestCount(filter);
    }
    QHash<QString, int> m_tokens; // account id -> token index
    int tokenOf(const Account &a) const { return m_tokens.value(a.id); }
    Account add(const AccountSpec &spec)
    {
        const int index = int(m_tokens.size()) + 1;
        Account a = addSpec(*f, spec, index);
        m_tokens.insert(a.id, index);
        return a;
    }

private Q_SLOTS:
    void initTestCase() { startLogCapture(); }
    void cleanupTestCase() { stopLogCapture(); }
    void init()
    {
        m_tokens.clear();
        f = startSelectionFixture();
        QVERIFY(f);
    }
    void cleanup()
    {
        f.reset();
        QVERIFY(noTokenLogged(40));
    }

    void planOrderPicksPrimaryWithRoom()
    {
        const QList<Account> plan = {add({QStringLiteral("Account 1"), 20, 25, -1, true}),
                                     add({QStringLiteral("Account 2"), 5, 25}),
                                     add({QStringLiteral("Account 3"), 25, 25})};
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, false, QString(), {});
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().account.name, QStringLiteral("Account 1"));
        QCOMPARE(r->value().account.activeDroplets, 20);
        QVERIFY2(r->value().reason.contains(QLatin1String("primary account, 20 of 25 used")),
                 qPrintable(r->value().reason));
        QCOMPARE(r->value().roundTrips, 1);
        QCOMPARE(r->value().skipped, QStringList{QStringLiteral("Account 3: full (25/25)")});
        QVERIFY(!r->value().reservation);
        QCOMPARE(f->capacity->openReservations(plan.first().id).value(), 0);
    }

    void planOrderFullPrimaryFallsToFewest()
    {
        // Our store still says 20/25 for the primary; DO says it is full now.
        add({QStringLiteral("Account 1"), 25, 25, 20, true});
        add({QStringLiteral("Account 2"), 5, 25});
        add({QStringLiteral("Account 3"), 25, 25});
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().account.name, QStringLiteral("Account 2"));
        QVERIFY(r->value().reason.contains(QLatin1String("fewest active droplets, 5 of 25 used")));
        QVERIFY(r->value().reservation);
        QCOMPARE(r->value().skipped, (QStringList{QStringLiteral("Account 1: full (25/25)"),
                                                  QStringLiteral("Account 3: full (25/25)")}));
        const Account primary = f->accounts->findAccount(QStringLiteral("Account 1")).value();
        QCOMPARE(primary.activeDroplets, 25); // the refresh was recorded
    }

    void leastUtilisedPicksLowestShare()
    {
        add({QStringLiteral("Account 1"), 20, 25, -1, true});
        add({QStringLiteral("Account 2"), 5, 25});
        add({QStringLiteral("Account 3"), 25, 25});
        f->settings.policy = SelectionPolicy::LeastUtilised;
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, false, QString(), {});
        QVERIFY(r.has_value());
        QVERIFY(r->ok());
        QCOMPARE(r->value().account.name, QStringLiteral("Account 2"));
        QCOMPARE(r->value().reason, QStringLiteral("least utilised, 5 of 25 used (20%)"));
    }

    void leastUtilisedTieBreaks()
    {
        // 2/10, 5/25 and 10/50 are all 20%: the primary first, then the name.
        add({QStringLiteral("b-acc"), 2, 10});
        add({QStringLiteral("a-acc"), 5, 25});
        const Account primary = add({QStringLiteral("c-acc"), 10, 50, -1, true});
        f->settings.policy = SelectionPolicy::LeastUtilised;
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> first =
            selectAndWait(selector, false, QString(), {});
        QVERIFY(first.has_value());
        QCOMPARE(first->value().account.name, QStringLiteral("c-acc"));
        const std::optional<Result<Selection>> second =
            selectAndWait(selector, false, QString(), QSet<QString>{primary.id});
        QVERIFY(second.has_value());
        QCOMPARE(second->value().account.name, QStringLiteral("a-acc"));
    }

    void freshNumbersReorder()
    {
        // Stored order says Account 1 (0 used) first; DO says 24 vs 3.
        add({QStringLiteral("Account 1"), 24, 25, 0});
        add({QStringLiteral("Account 2"), 3, 25, 10});
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, false, QString(), {});
        QVERIFY(r.has_value());
        QCOMPARE(r->value().account.name, QStringLiteral("Account 2"));
        QCOMPARE(r->value().account.activeDroplets, 3);
    }

    // Candidates are confirmed in order, in waves of 2, 4, 8...: with the first k full at DO
    // (the store still says they have room) a selection costs at most 2 x (k + 1) GETs, as the
    // fake server counted them, and stays within 3 round trips up to k = 13. HEALTHY
    // candidates (limit known) cost one GET each (their droplet count); UNKNOWN ones a full
    // sync. A candidate that fails (401) is passed over like a full one.
    void wavesGrowPastFullCandidates_data()
    {
        QTest::addColumn<int>("fullInFront");
        QTest::addColumn<int>("failing"); // 1-based position of a 401 candidate, 0: none
        QTest::addColumn<AccountHealth>("health");
        QTest::addColumn<int>("roundTrips");
        QTest::addColumn<int>("gets");
        QTest::addColumn<QString>("chosen");
        const auto healthy = AccountHealth::Healthy;
        QTest::newRow("k=0") << 0 << 0 << healthy << 1 << 2 << QStringLiteral("acc01");
        QTest::newRow("k=1") << 1 << 0 << healthy << 1 << 2 << QStringLiteral("acc02");
        QTest::newRow("k=3") << 3 << 0 << healthy << 2 << 6 << QStringLiteral("acc04");
        QTest::newRow("k=10") << 10 << 0 << healthy << 3 << 14 << QStringLiteral("acc11");
        QTest::newRow("k=1, then unhealthy")
            << 1 << 2 << healthy << 2 << 6 << QStringLiteral("acc03");
        QTest::newRow("k=0, unknown health")
            << 0 << 0 << AccountHealth::Unknown << 1 << 4 << QStringLiteral("acc01");
        QTest::newRow("k=3, unknown health")
            << 3 << 0 << AccountHealth::Unknown << 2 << 12 << QStringLiteral("acc04");
    }
    void wavesGrowPastFullCandidates()
    {
        QFETCH(int, fullInFront);
        QFETCH(int, failing);
        QFETCH(AccountHealth, health);
        QFETCH(int, roundTrips);
        QFETCH(int, gets);
        QFETCH(QString, chosen);
        QList<Account> accounts;
        for (int i = 1; i <= 20; ++i) { // stored 0..19 used, so in this order
            const bool full = i <= fullInFront;
            accounts << add({QStringLiteral("acc%1").arg(i, 2, 10, QLatin1Char('0')),
                             full ? 25 : 10 + i, 25, i - 1, false, health});
        }
        if (failing > 0) {
            f->server->injectFault(fakeToken(tokenOf(accounts.at(failing - 1))),
                                   Fault{FaultKind::Unauthorized});
        }
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().account.name, chosen);
        QVERIFY(r->value().reservation);
        QCOMPARE(r->value().roundTrips, roundTrips);
        RequestFilter get;
        get.method = QStringLiteral("GET");
        QCOMPARE(f->server->requestCount(get), gets);
        QCOMPARE(f->server->requestCount(), gets); // nothing but those GETs
        const int passedOver = fullInFront + (failing > 0 ? 1 : 0);
        if (health == AccountHealth::Healthy) {
            QVERIFY2(gets <= 2 * (passedOver + 1), "over the 2 x (k + 1) budget");
            RequestFilter account;
            account.pathPrefix = QStringLiteral("/v2/account");
            QCOMPARE(f->server->requestCount(account), 0); // limits known: counts only
        }
        QVERIFY(r->value().roundTrips <= 3);
        // Confirmed in order: every account before the chosen one was asked; none after the
        // last wave was.
        for (int i = 0; i < accounts.size(); ++i) {
            const int perAccount = health == AccountHealth::Healthy ? 1 : 2;
            const bool asked = requestsFor(accounts.at(i)) > 0;
            QCOMPARE(asked, i < gets / perAccount);
        }
        // What was learnt is recorded: the full ones are full in the store now.
        for (int i = 0; i < fullInFront; ++i)
            QCOMPARE(f->reload(accounts.at(i).id).activeDroplets, 25);
        if (failing > 0)
            QCOMPARE(f->reload(accounts.at(failing - 1).id).healthStatus, AccountHealth::Unhealthy);
    }

    // The waves are capped by settings.syncConcurrency when it is set.
    void wavesCappedBySyncConcurrency()
    {
        for (int i = 1; i <= 12; ++i) {
            add({QStringLiteral("acc%1").arg(i, 2, 10, QLatin1Char('0')), i <= 6 ? 25 : 10, 25,
                 i - 1, false, AccountHealth::Healthy});
        }
        f->settings.syncConcurrency = 3; // waves of 2, 3, 3
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, false, QString(), {});
        QVERIFY(r.has_value());
        QVERIFY(r->ok());
        QCOMPARE(r->value().account.name, QStringLiteral("acc07"));
        QCOMPARE(r->value().roundTrips, 3);
        QCOMPARE(f->server->requestCount(), 8);
    }

    // Slots other provisioners hold count with the stored numbers: an account they fill is
    // confirmed last, so it costs nothing while another has room.
    void heldSlotsOrderCandidates()
    {
        const Account held =
            add({QStringLiteral("Account 1"), 24, 25, -1, true, AccountHealth::Healthy});
        const Account second =
            add({QStringLiteral("Account 2"), 5, 25, -1, false, AccountHealth::Healthy});
        const Account third =
            add({QStringLiteral("Account 3"), 6, 25, -1, false, AccountHealth::Healthy});
        const auto reserved =
            f->capacity->reserveSlot(held.id, QString(), f->clock.now().addSecs(60));
        QVERIFY(reserved.ok() && reserved->has_value());
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().account.id, second.id);
        QCOMPARE(requestsFor(held), 0);
        QCOMPARE(requestsFor(second), 1);
        QCOMPARE(requestsFor(third), 1);
        QCOMPARE(r->value().skipped,
                 QStringList{QStringLiteral("Account 1: full (24/25 used + 1 reserved)")});
    }

    // An account the store says is full is still confirmed - last - and chosen when DO says
    // it has room again.
    void storedFullConfirmedLast()
    {
        const Account freed =
            add({QStringLiteral("Account 1"), 20, 25, 25, true, AccountHealth::Healthy});
        add({QStringLiteral("Account 2"), 25, 25, 3, false, AccountHealth::Healthy});
        add({QStringLiteral("Account 3"), 25, 25, 4, false, AccountHealth::Healthy});
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().account.id, freed.id);
        QCOMPARE(r->value().account.activeDroplets, 20);
        QCOMPARE(r->value().roundTrips, 2);
        QCOMPARE(f->server->requestCount(), 3);
    }

    void noAccountWhenNoneUsable_data()
    {
        QTest::addColumn<int>("setup");
        QTest::addColumn<QString>("detail");
        QTest::newRow("empty pool") << 0
                                    << QStringLiteral("0 accounts, none active and healthy "
                                                      "(the pool is empty)");
        QTest::newRow("inactive, unhealthy, degraded")
            << 1 << QStringLiteral("A: inactive; B: UNHEALTHY; C: DEGRADED");
        QTest::newRow("every refresh fails") << 2 << QStringLiteral("A: DigitalOcean rejected");
    }
    void noAccountWhenNoneUsable()
    {
        QFETCH(int, setup);
        QFETCH(QString, detail);
        if (setup == 1) {
            add({QStringLiteral("A"), 0, 25, -1, false, AccountHealth::Healthy, false});
            add({QStringLiteral("B"), 0, 25, -1, false, AccountHealth::Unhealthy});
            add({QStringLiteral("C"), 0, 25, -1, false, AccountHealth::Degraded});
        } else if (setup == 2) {
            for (const QString &name : {QStringLiteral("A"), QStringLiteral("B")}) {
                const Account a = add({name, 0, 25});
                f->server->injectFault(fakeToken(tokenOf(a)), Fault{FaultKind::Unauthorized});
            }
        }
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->error().kind, ErrorKind::NoAccount);
        QCOMPARE(r->error().exitCode(), 3);
        QVERIFY2(r->error().message.startsWith(QLatin1String("no usable account: ")),
                 qPrintable(r->error().message));
        QVERIFY2(r->error().message.contains(detail), qPrintable(r->error().message));
        if (setup == 2) {
            QCOMPARE(f->accounts->findAccount(QStringLiteral("A"))->healthStatus,
                     AccountHealth::Unhealthy);
            QCOMPARE(f->accounts->findAccount(QStringLiteral("B"))->healthStatus,
                     AccountHealth::Unhealthy);
        }
        if (setup == 1)
            QCOMPARE(f->server->requestCount(), 0); // nothing worth asking DO about
    }

    void allFullIsDistinct()
    {
        add({QStringLiteral("A"), 25, 25});
        add({QStringLiteral("B"), 10, 10, 3}); // stored 3/10, DO says full
        add({QStringLiteral("C"), 0, 25, -1, false, AccountHealth::Unhealthy});
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->error().kind, ErrorKind::AllFull);
        QCOMPARE(r->error().exitCode(), 3);
        QCOMPARE(r->error().message,
                 QStringLiteral("all 2 usable accounts are full (B: full (10/10); "
                                "A: full (25/25); not usable: C: UNHEALTHY)"));
    }

    void skipsUnusableAccounts()
    {
        const Account unhealthy =
            add({QStringLiteral("A"), 0, 25, -1, true, AccountHealth::Unhealthy});
        const Account inactive =
            add({QStringLiteral("B"), 0, 25, -1, false, AccountHealth::Healthy, false});
        const Account degraded =
            add({QStringLiteral("C"), 0, 25, -1, false, AccountHealth::Degraded});
        const Account excluded = add({QStringLiteral("D"), 0, 25});
        const Account good = add({QStringLiteral("E"), 7, 25, -1, false, AccountHealth::Healthy});
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r =
            selectAndWait(selector, false, QString(), QSet<QString>{excluded.id});
        QVERIFY(r.has_value());
        QVERIFY(r->ok());
        QCOMPARE(r->value().account.id, good.id);
        QCOMPARE(r->value().skipped,
                 (QStringList{QStringLiteral("A: UNHEALTHY"), QStringLiteral("B: inactive"),
                              QStringLiteral("C: DEGRADED"), QStringLiteral("D: already tried")}));
        for (const Account &a : {unhealthy, inactive, degraded, excluded})
            QCOMPARE(requestsFor(a), 0);
        QCOMPARE(requestsFor(good), 1); // HEALTHY, limit known: its droplet count confirms it
    }

    void failingCandidateSkipped_data()
    {
        QTest::addColumn<FaultKind>("fault");
        QTest::addColumn<AccountHealth>("health");
        QTest::newRow("401") << FaultKind::Unauthorized << AccountHealth::Unhealthy;
        QTest::newRow("403") << FaultKind::Forbidden << AccountHealth::Unhealthy;
        QTest::newRow("500") << FaultKind::ServerError << AccountHealth::Degraded;
        QTest::newRow("reset") << FaultKind::ConnectionReset << AccountHealth::Degraded;
        QTest::newRow("hang") << FaultKind::Hang << AccountHealth::Degraded;
    }
    void failingCandidateSkipped()
    {
        QFETCH(FaultKind, fault);
        QFETCH(AccountHealth, health);
        const Account primary = add({QStringLiteral("Account 1"), 1, 25, -1, true});
        add({QStringLiteral("Account 2"), 5, 25});
        f->server->injectFault(fakeToken(tokenOf(primary)), Fault{fault});
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, QString(), {});
        QVERIFY(r.has_value());
        DOPOOL_VERIFY_OK(*r);
        QCOMPARE(r->value().account.name, QStringLiteral("Account 2"));
        QCOMPARE(r->value().skipped.size(), 1);
        QVERIFY2(r->value().skipped.first().startsWith(QLatin1String("Account 1: ")),
                 qPrintable(r->value().skipped.first()));
        QVERIFY2(
            r->value().skipped.first().endsWith(QStringLiteral("(now %1)").arg(healthToDb(health))),
            qPrintable(r->value().skipped.first()));
        QCOMPARE(f->reload(primary.id).healthStatus, health);
        QCOMPARE(f->capacity->openReservations(primary.id).value(), 0);
    }

    void racingSelectorsShareTheLastSlot_data()
    {
        QTest::addColumn<int>("secondUsed");
        QTest::newRow("loser gets the next account") << 3;
        QTest::newRow("loser gets AllFull") << 25;
    }
    void racingSelectorsShareTheLastSlot()
    {
        QFETCH(int, secondUsed);
        const Account last = add({QStringLiteral("Account 1"), 24, 25, -1, true});
        const Account next = add({QStringLiteral("Account 2"), secondUsed, 25});
        AccountSelector one(f->context());
        AccountSelector two(f->context());
        std::optional<Result<Selection>> a;
        std::optional<Result<Selection>> b;
        one.select(AccountSelector::Mode::Reserve, QString(), {},
                   [&a](Result<Selection> r) { a.emplace(std::move(r)); });
        two.select(AccountSelector::Mode::Reserve, QString(), {},
                   [&b](Result<Selection> r) { b.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(a.has_value() && b.has_value(), 15000);
        QCOMPARE(int(a->ok()) + int(b->ok()), secondUsed < 25 ? 2 : 1);
        const Result<Selection> &winner = a->ok() && a->value().account.id == last.id ? *a : *b;
        const Result<Selection> &loser = &winner == &*a ? *b : *a;
        QVERIFY(winner.ok());
        QCOMPARE(winner.value().account.id, last.id);
        QVERIFY(winner.value().reservation);
        QCOMPARE(f->capacity->openReservations(last.id).value(), 1);
        if (secondUsed < 25) {
            QVERIFY(loser.ok());
            QCOMPARE(loser.value().account.id, next.id);
            QVERIFY(loser.value().skipped.contains(
                QStringLiteral("Account 1: full (24/25 used + 1 reserved)")));
            QCOMPARE(f->capacity->openReservations(next.id).value(), 1);
        } else {
            QVERIFY(!loser.ok());
            QCOMPARE(loser.error().kind, ErrorKind::AllFull);
            QVERIFY2(loser.error().message.contains(QLatin1String("24/25 used + 1 reserved")),
                     qPrintable(loser.error().message));
        }
    }

    void reportCountsOthersReservations()
    {
        const Account primary = add({QStringLiteral("Account 1"), 24, 25, -1, true});
        add({QStringLiteral("Account 2"), 5, 25});
        const auto held =
            f->capacity->reserveSlot(primary.id, QString(), f->clock.now().addSecs(60));
        QVERIFY(held.ok() && held->has_value());
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, false, QString(), {});
        QVERIFY(r.has_value());
        QCOMPARE(r->value().account.name, QStringLiteral("Account 2"));
        QCOMPARE(r->value().skipped,
                 QStringList{QStringLiteral("Account 1: full (24/25 used + 1 reserved)")});
        QCOMPARE(f->capacity->openReservations(primary.id).value(), 1); // a report reserves nothing
    }

    void reservationCarriesTaskAndExpiry()
    {
        const Account a = add({QStringLiteral("Account 1"), 1, 25});
        ProvisioningTask task;
        task.orderId = QStringLiteral("order-1");
        const Result<ProvisioningTask> stored = f->tasks->insertTask(task);
        DOPOOL_VERIFY_OK(stored);
        f->settings.reservationTtlSecs = 90;
        AccountSelector selector(f->context());
        const std::optional<Result<Selection>> r = selectAndWait(selector, true, stored->id, {});
        QVERIFY(r.has_value());
        QVERIFY(r->ok() && r->value().reservation);
        QCOMPARE(r->value().reservation->accountId, a.id);
        QCOMPARE(r->value().reservation->taskId, stored->id);
        QCOMPARE(r->value().reservation->expiresAt, f->clock.now().addSecs(90));
    }

    void destroyedSelectorNeverCallsBack()
    {
        add({QStringLiteral("Account 1"), 1, 25});
        f->server->setLatencyMs(50);
        QSignalSpy received(f->server.get(), &fakedo::FakeDoServer::requestReceived);
        QSignalSpy handled(f->server.get(), &fakedo::FakeDoServer::requestHandled);
        auto selector = std::make_unique<AccountSelector>(f->context());
        int calls = 0;
        selector->select(AccountSelector::Mode::Reserve, QString(), {},
                         [&calls](Result<Selection>) { ++calls; });
        QTRY_COMPARE(received.size(), 2);
        QCOMPARE(handled.size(), 0); // answers held back by the latency
        selector.reset();
        QTRY_COMPARE(handled.size(), 2); // into closed connections
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestAccountSelector)
#include "tst_accountselector.moc"
