#include "DesktopTestSupport.h"
#include "VerifyOk.h"
#include "common/Clock.h"
#include "crypto/KeyFile.h"
#include "crypto/KeyProvider.h"
#include "demo/DemoPool.h"
#include "pool/PoolKey.h"
#include "store/StoreFactory.h"

#include <QFile>
#include <QSignalSpy>
#include <QTimeZone>

using namespace dopool;
using namespace dopool::testing;

Q_DECLARE_METATYPE(dopool::ErrorKind)

class TestPoolClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensAndListsAccountsFromTheEngineThread();
    void addVerifiedAccountSyncsItsCount();
    void verifyRejectsBadTokens_data();
    void verifyRejectsBadTokens();
    void staleEditIsAConflictAndSavesNothing();
    void primaryMovesAndDeleteRemoves();
    void syncAllReportsProgressAndPerAccountErrors();
    void changesArriveBeforeTheAnswer_data();
    void changesArriveBeforeTheAnswer();
    void previewAndProvision();
    void provisionSameOrderTwice();
    void detailAndDroplets();
    void openFailures_data();
    void openFailures();
    void testDatabase_data();
    void testDatabase();
    void demoModeSeedsThePlansAccounts();
    void theInjectedClockDatesWhatTheWorkerWrites();
    void keyRotatedElsewhereFencesTheDesktop();
    void requestsBeforeOpenAnswerNotOpen();
    void requestsToAGoneClientAnswerNotOpen();
};

void TestPoolClient::opensAndListsAccountsFromTheEngineThread()
{
    DesktopFixture f;
    f.client = std::make_unique<desktop::PoolClient>(f.config(), &f.secrets);
    QSignalSpy reset(f.client->events(), &desktop::PoolEvents::accountsReset);
    Answer<desktop::PoolInfo> opened;
    f.client->open(&f.context, opened.callback());
    QVERIFY(opened.wait());
    DOPOOL_VERIFY_OK(*opened);
    QCOMPARE((*opened)->backend, QStringLiteral("sqlite"));
    QVERIFY(!(*opened)->demo);
    QCOMPARE((*opened)->keyFingerprint.size(), 19);
    QTRY_COMPARE(reset.count(), 1);
    QVERIFY(reset.at(0).at(0).value<QList<Account>>().isEmpty());
}

void TestPoolClient::addVerifiedAccountSyncsItsCount()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    QSignalSpy changed(f.client->events(), &desktop::PoolEvents::accountsChanged);
    const auto added = f.addAccount(QStringLiteral("Account 1"), fakedo::demoToken(1), true);
    DOPOOL_VERIFY_OK(added);
    QCOMPARE(added->email, QStringLiteral("do1@webrana.example"));
    QCOMPARE(added->dropletLimit, 25);
    QVERIFY(!added->encryptedToken.contains(fakedo::demoToken(1)));
    // The add is followed by a sync: the row gets DO's droplet count (sync results come
    // coalesced, as accountsChanged).
    QTRY_VERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant> &args) {
        const auto accounts = args.at(0).value<QList<Account>>();
        return std::any_of(accounts.cbegin(), accounts.cend(),
                           [](const Account &a) { return a.activeDroplets == 20; });
    }));
}

void TestPoolClient::verifyRejectsBadTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("unknown to DO")
        << QStringLiteral("dop_v1_%1").arg(QString(64, u'a')) << ErrorKind::Auth;
    QTest::newRow("white space") << QStringLiteral("dop v1") << ErrorKind::Validation;
    QTest::newRow("empty") << QString() << ErrorKind::Validation;
}

void TestPoolClient::verifyRejectsBadTokens()
{
    QFETCH(QString, token);
    QFETCH(ErrorKind, kind);
    DesktopFixture f;
    QVERIFY(f.open());
    Answer<api::AccountInfo> verified;
    f.client->call(&desktop::PoolWorker::verifyToken, token).then(&f.context, verified.callback());
    QVERIFY(verified.wait());
    QVERIFY(!*verified);
    QCOMPARE((*verified).error().kind, kind);
    QVERIFY(!(*verified).error().message.isEmpty());
    if (!token.isEmpty())
        QVERIFY(!(*verified).error().message.contains(token));
}

void TestPoolClient::staleEditIsAConflictAndSavesNothing()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    const auto added = f.addAccount(QStringLiteral("Account 2"), fakedo::demoToken(2));
    QVERIFY(added);

    desktop::AccountEdit first;
    first.id = added->id;
    first.expectedVersion = added->version;
    first.name = QStringLiteral("Renamed by admin A");
    first.isActive = true;
    Answer<Account> a;
    f.client->call(&desktop::PoolWorker::updateAccount, first).then(&f.context, a.callback());
    QVERIFY(a.wait());
    QVERIFY(*a);

    desktop::AccountEdit second = first; // admin B still saw the old version
    second.name = QStringLiteral("Renamed by admin B");
    Answer<Account> b;
    f.client->call(&desktop::PoolWorker::updateAccount, second).then(&f.context, b.callback());
    QVERIFY(b.wait());
    QVERIFY(!*b);
    QCOMPARE((*b).error().kind, ErrorKind::Conflict);
    QVERIFY((*b).error().message.contains(QStringLiteral("someone else")));

    Answer<desktop::AccountDetail> detail;
    f.client->call(&desktop::PoolWorker::loadDetail, added->id).then(&f.context, detail.callback());
    QVERIFY(detail.wait());
    QCOMPARE((*detail)->account.name, QStringLiteral("Renamed by admin A"));
}

void TestPoolClient::primaryMovesAndDeleteRemoves()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    const auto one = f.addAccount(QStringLiteral("Account 1"), fakedo::demoToken(1), true);
    const auto two = f.addAccount(QStringLiteral("Account 2"), fakedo::demoToken(2));
    QVERIFY(one && two);
    QSignalSpy reset(f.client->events(), &desktop::PoolEvents::accountsReset);
    desktop::AccountEdit edit;
    edit.id = two->id;
    edit.expectedVersion = -1;
    edit.name = two->name;
    edit.isPrimary = true;
    edit.isActive = true;
    Answer<Account> updated;
    f.client->call(&desktop::PoolWorker::updateAccount, edit).then(&f.context, updated.callback());
    QVERIFY(updated.wait());
    QVERIFY(*updated);
    // Both rows changed: the window gets the whole list again.
    QTRY_COMPARE(reset.count(), 1);
    const auto accounts = reset.at(0).at(0).value<QList<Account>>();
    QCOMPARE(std::count_if(accounts.cbegin(), accounts.cend(),
                           [](const Account &a) { return a.isPrimary; }),
             1);

    QSignalSpy removed(f.client->events(), &desktop::PoolEvents::accountRemoved);
    Answer<void> deleted;
    f.client->call(&desktop::PoolWorker::deleteAccount, one->id)
        .then(&f.context, deleted.callback());
    QVERIFY(deleted.wait());
    QVERIFY(*deleted);
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toString(), one->id);
}

// Issue 13: the window updates from the engine's result, so the changed rows must reach the GUI
// thread before the answer of the action that changed them (both are queued, in order).
void TestPoolClient::changesArriveBeforeTheAnswer_data()
{
    QTest::addColumn<QString>("action");
    for (const char *action : {"add", "edit", "delete", "sync", "health", "provision"})
        QTest::newRow(action) << QString::fromLatin1(action);
}

void TestPoolClient::changesArriveBeforeTheAnswer()
{
    QFETCH(QString, action);
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    // The sync that follows an add reports through accountChanged too: let it land first, so
    // that nothing from before the action is taken for its result.
    bool firstSync = false;
    // Sync results come as one accountsChanged list per batch (issue 14), edits as single rows.
    auto settle = connect(f.client->events(), &desktop::PoolEvents::accountChanged, &f.context,
                          [&firstSync](const Account &a) { firstSync = a.lastSyncAt.isValid(); });
    auto settleMany = connect(f.client->events(), &desktop::PoolEvents::accountsChanged, &f.context,
                              [&firstSync](const QList<Account> &accounts) {
                                  for (const Account &a : accounts)
                                      firstSync = firstSync || a.lastSyncAt.isValid();
                              });
    const auto one = f.addAccount(QStringLiteral("Account 1"), fakedo::demoToken(1), true);
    QVERIFY(one);
    QTRY_VERIFY_WITH_TIMEOUT(firstSync, 10000);
    disconnect(settle);
    disconnect(settleMany);
    f.server.setDropletCount(fakedo::demoToken(1), 22); // what the sync finds
    QStringList arrived;                                // in the GUI thread, in arrival order
    connect(f.client->events(), &desktop::PoolEvents::accountChanged, &f.context,
            [&arrived](const Account &a) {
                arrived << QStringLiteral("changed:%1:%2").arg(a.name).arg(a.activeDroplets);
            });
    connect(f.client->events(), &desktop::PoolEvents::accountsChanged, &f.context,
            [&arrived](const QList<Account> &accounts) {
                for (const Account &a : accounts)
                    arrived << QStringLiteral("changed:%1:%2").arg(a.name).arg(a.activeDroplets);
            });
    connect(f.client->events(), &desktop::PoolEvents::accountRemoved, &f.context,
            [&arrived](const QString &) { arrived << QStringLiteral("removed"); });
    connect(f.client->events(), &desktop::PoolEvents::accountsReset, &f.context,
            [&arrived](const QList<Account> &) { arrived << QStringLiteral("reset"); });
    QStringList atAnswer;
    bool answered = false;
    bool ok = false;
    auto answer = [&](bool success) {
        atAnswer = arrived;
        answered = true;
        ok = success;
    };
    if (action == u"add") {
        Answer<api::AccountInfo> verified;
        f.client->call(&desktop::PoolWorker::verifyToken, fakedo::demoToken(2))
            .then(&f.context, verified.callback());
        QVERIFY(verified.wait() && *verified);
        desktop::AccountDraft draft;
        draft.name = QStringLiteral("Account 2");
        draft.token = fakedo::demoToken(2);
        draft.verified = (*verified).value();
        f.client->call(&desktop::PoolWorker::addAccount, draft)
            .then(&f.context, [&](Result<Account> r) { answer(r.ok()); });
    } else if (action == u"edit") {
        desktop::AccountEdit edit;
        edit.id = one->id;
        edit.name = QStringLiteral("Account 1b");
        edit.isPrimary = true;
        edit.isActive = false;
        f.client->call(&desktop::PoolWorker::updateAccount, edit)
            .then(&f.context, [&](Result<Account> r) { answer(r.ok()); });
    } else if (action == u"delete") {
        f.client->call(&desktop::PoolWorker::deleteAccount, one->id)
            .then(&f.context, [&](Result<void> r) { answer(r.ok()); });
    } else if (action == u"sync" || action == u"health") {
        f.client
            ->call(&desktop::PoolWorker::sync,
                   action == u"sync" ? engine::SyncService::Mode::Sync
                                     : engine::SyncService::Mode::HealthCheck,
                   QStringList{one->id})
            .then(&f.context, [&](Result<desktop::SyncSummary> r) { answer(r.ok()); });
    } else {
        engine::ProvisionRequest request;
        request.orderId = QStringLiteral("ORD-13");
        f.client->call(&desktop::PoolWorker::provision, request)
            .then(&f.context, [&](Result<engine::ProvisionOutcome> r) { answer(r.ok()); });
    }
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QVERIFY(ok);
    // The row the action produced, by its content: a new name, a new account (no count before
    // its first sync), the count DO reports now (22), that count and the new droplet
    // (provision confirms the live count first), or the row gone.
    QString expected = QStringLiteral("changed:Account 1:20"); // health: same count, new check
    if (action == u"delete")
        expected = QStringLiteral("removed");
    else if (action == u"edit")
        expected = QStringLiteral("changed:Account 1b:20");
    else if (action == u"add")
        expected = QStringLiteral("changed:Account 2:0");
    else if (action == u"sync")
        expected = QStringLiteral("changed:Account 1:22");
    else if (action == u"provision")
        expected = QStringLiteral("changed:Account 1:23");
    QVERIFY2(atAnswer.contains(expected),
             qPrintable(QStringLiteral("at the answer: [%1]").arg(atAnswer.join(u','))));
}

void TestPoolClient::syncAllReportsProgressAndPerAccountErrors()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    for (int n = 1; n <= 3; ++n)
        QVERIFY(f.addAccount(QStringLiteral("Account %1").arg(n), fakedo::demoToken(n)));
    fakedo::Fault fault;
    fault.kind = fakedo::FaultKind::Unauthorized;
    f.server.injectFault(fakedo::demoToken(3), fault);

    QSignalSpy progress(f.client->events(), &desktop::PoolEvents::syncProgress);
    QSignalSpy changed(f.client->events(), &desktop::PoolEvents::accountsChanged);
    Answer<desktop::SyncSummary> summary;
    f.client->call(&desktop::PoolWorker::sync, engine::SyncService::Mode::Sync, QStringList())
        .then(&f.context, summary.callback());
    QVERIFY(summary.wait());
    QVERIFY(*summary);
    QCOMPARE((*summary)->accounts, 3);
    QCOMPARE((*summary)->failures, 1);
    QTRY_VERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 3);
    QCOMPARE(progress.last().at(1).toInt(), 3);
    // All three came, coalesced (one event per 50 ms of the run, not one per account).
    QTRY_VERIFY(!changed.isEmpty());
    QList<Account> synced;
    for (const QList<QVariant> &args : std::as_const(changed))
        synced << args.at(0).value<QList<Account>>();
    // (The adds' own syncs may report here too: each account at least once, the latest last.)
    QSet<QString> names;
    for (const Account &a : std::as_const(synced))
        names.insert(a.name);
    QCOMPARE(names, (QSet<QString>{QStringLiteral("Account 1"), QStringLiteral("Account 2"),
                                   QStringLiteral("Account 3")}));
    const auto failed = std::find_if(synced.crbegin(), synced.crend(), [](const Account &a) {
        return a.name == QStringLiteral("Account 3");
    });
    QVERIFY(failed != synced.crend());
    const Account account3 = *failed;
    QCOMPARE(account3.healthStatus, AccountHealth::Unhealthy);
    QVERIFY2(account3.lastError.contains(QStringLiteral("401")), qPrintable(account3.lastError));
}

void TestPoolClient::previewAndProvision()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    QVERIFY(f.addAccount(QStringLiteral("Account 1"), fakedo::demoToken(1), true));
    QVERIFY(f.addAccount(QStringLiteral("Account 3"), fakedo::demoToken(3)));
    Answer<engine::Selection> preview;
    f.client->call(&desktop::PoolWorker::previewSelection).then(&f.context, preview.callback());
    QVERIFY(preview.wait());
    DOPOOL_VERIFY_OK(*preview);
    QCOMPARE((*preview)->account.name, QStringLiteral("Account 1"));
    QVERIFY(!(*preview)->reason.isEmpty());
    QVERIFY(!(*preview)->reservation.has_value()); // a preview reserves nothing

    QSignalSpy updates(f.client->events(), &desktop::PoolEvents::taskUpdated);
    engine::ProvisionRequest request;
    request.orderId = QStringLiteral("order-12345678");
    request.wait = true; // as the dialog asks by default
    Answer<engine::ProvisionOutcome> task;
    f.client->call(&desktop::PoolWorker::provision, request).then(&f.context, task.callback());
    QVERIFY(task.wait(30000));
    DOPOOL_VERIFY_OK(*task);
    QCOMPARE((*task)->task.status, TaskStatus::Created);
    QVERIFY((*task)->task.dropletId > 0);
    QCOMPARE((*task)->dropletStatus, QStringLiteral("active"));
    QTRY_VERIFY(!updates.isEmpty());
    QCOMPARE(f.server.createdDroplets(fakedo::demoToken(1)).size(), 1);
}

// The desktop's provision path (PoolClient -> PoolWorker -> engine) keeps one droplet per
// order: the same order again is the same task and no POST; "another" makes a second.
void TestPoolClient::provisionSameOrderTwice()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    QVERIFY(f.addAccount(QStringLiteral("Account 1"), fakedo::demoToken(1), true));
    engine::ProvisionRequest request;
    request.orderId = QStringLiteral("order-twice-1");
    Answer<engine::ProvisionOutcome> first;
    Answer<engine::ProvisionOutcome> second;
    // Both sent before either is answered: a double click.
    f.client->call(&desktop::PoolWorker::provision, request).then(&f.context, first.callback());
    f.client->call(&desktop::PoolWorker::provision, request).then(&f.context, second.callback());
    QVERIFY(first.wait(30000));
    QVERIFY(second.wait(30000));
    DOPOOL_VERIFY_OK(*first);
    DOPOOL_VERIFY_OK(*second);
    QVERIFY(!(*first)->existing);
    QVERIFY((*second)->existing);
    QCOMPARE((*second)->task.id, (*first)->task.id);
    QCOMPARE(f.server.requestCount({QStringLiteral("POST"), {}, {}}), 1);
    QCOMPARE(f.server.createdDroplets(fakedo::demoToken(1)).size(), 1);

    request.another = true;
    Answer<engine::ProvisionOutcome> third;
    f.client->call(&desktop::PoolWorker::provision, request).then(&f.context, third.callback());
    QVERIFY(third.wait(30000));
    QVERIFY(*third);
    QVERIFY(!(*third)->existing);
    QVERIFY((*third)->task.extra);
    QCOMPARE(f.server.requestCount({QStringLiteral("POST"), {}, {}}), 2);
    QCOMPARE(f.server.createdDroplets(fakedo::demoToken(1)).size(), 2);
}

void TestPoolClient::detailAndDroplets()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    const auto added = f.addAccount(QStringLiteral("Account 1"), fakedo::demoToken(1));
    QVERIFY(added);
    Answer<desktop::SyncSummary> synced;
    f.client
        ->call(&desktop::PoolWorker::sync, engine::SyncService::Mode::Sync, QStringList{added->id})
        .then(&f.context, synced.callback());
    QVERIFY(synced.wait());

    Answer<desktop::AccountDetail> detail;
    f.client->call(&desktop::PoolWorker::loadDetail, added->id).then(&f.context, detail.callback());
    QVERIFY(detail.wait());
    QVERIFY(*detail);
    QVERIFY(!(*detail)->capacityHistory.isEmpty());
    QCOMPARE((*detail)->capacityHistory.last().activeDroplets, 20);

    Answer<api::DropletPage> page;
    f.client->call(&desktop::PoolWorker::listDroplets, added->id, 2, 15)
        .then(&f.context, page.callback());
    QVERIFY(page.wait());
    QVERIFY(*page);
    QCOMPARE((*page)->total, 20);
    QCOMPARE((*page)->droplets.size(), 5);

    Answer<api::AccountInfo> live;
    f.client->call(&desktop::PoolWorker::liveIdentity, added->id).then(&f.context, live.callback());
    QVERIFY(live.wait());
    QVERIFY(*live);
    QCOMPARE((*live)->email, QStringLiteral("do1@webrana.example"));
}

void TestPoolClient::openFailures_data()
{
    QTest::addColumn<QString>("dbPath");
    QTest::addColumn<QString>("key");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("malformed key") << QString() << QStringLiteral("nothex") << ErrorKind::Crypto;
    QTest::newRow("unwritable database")
        << QStringLiteral("/proc/dopool/pool.sqlite") << testKeyHex() << ErrorKind::Store;
}

void TestPoolClient::openFailures()
{
    QFETCH(QString, dbPath);
    QFETCH(QString, key);
    QFETCH(ErrorKind, kind);
    DesktopFixture f;
    auto cfg = f.config();
    if (!dbPath.isEmpty())
        cfg.database.path = dbPath;
    cfg.env.insert(QStringLiteral("ENCRYPTION_KEY"), key);
    f.client = std::make_unique<desktop::PoolClient>(cfg, &f.secrets);
    Answer<desktop::PoolInfo> opened;
    f.client->open(&f.context, opened.callback());
    QVERIFY(opened.wait());
    QVERIFY(!*opened);
    QCOMPARE((*opened).error().kind, kind);
    QVERIFY(!(*opened).error().message.isEmpty());
}

void TestPoolClient::testDatabase_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::newRow("new sqlite file") << QStringLiteral("sqlite:%1/other.sqlite") << true;
    QTest::newRow("not a url") << QStringLiteral("mysql://x") << false;
    QTest::newRow("password in url")
        << QStringLiteral("postgresql://u:secret@127.0.0.1/db") << false;
    QTest::newRow("nobody listening")
        << QStringLiteral("postgresql://nobody@127.0.0.1:1/db?connect_timeout=2") << false;
}

void TestPoolClient::testDatabase()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    DesktopFixture f;
    QVERIFY(f.open());
    Answer<void> tested;
    f.client->testDatabase(url.contains(QStringLiteral("%1")) ? url.arg(f.dir.path()) : url,
                           &f.context, tested.callback());
    QVERIFY(tested.wait(15000));
    QCOMPARE((*tested).ok(), ok);
    if (!ok) {
        QVERIFY(!(*tested).error().message.isEmpty());
        QVERIFY(!(*tested).error().message.contains(QStringLiteral("secret")));
    }
}

void TestPoolClient::demoModeSeedsThePlansAccounts()
{
    DesktopFixture f;
    auto cfg = f.config();
    cfg.demo = demo::backend();
    cfg.env.remove(QStringLiteral("ENCRYPTION_KEY"));
    f.client = std::make_unique<desktop::PoolClient>(cfg, &f.secrets);
    QSignalSpy reset(f.client->events(), &desktop::PoolEvents::accountsReset);
    Answer<desktop::PoolInfo> opened;
    f.client->open(&f.context, opened.callback());
    QVERIFY(opened.wait());
    DOPOOL_VERIFY_OK(*opened);
    QVERIFY((*opened)->demo);
    QCOMPARE((*opened)->apiBase.host(), QStringLiteral("127.0.0.1"));
    QTRY_COMPARE(reset.count(), 1);
    const auto accounts = reset.at(0).at(0).value<QList<Account>>();
    QCOMPARE(accounts.size(), 3);
    QList<int> counts;
    for (const Account &account : accounts)
        counts << account.activeDroplets;
    QCOMPARE(counts, (QList<int>{20, 5, 25}));

    // Days of history come with it, through the store: the account chart and the pool chart
    // have something to show at once, and both end where the table starts.
    for (int n = 0; n < 3; ++n) {
        Answer<desktop::AccountDetail> detail;
        f.client->call(&desktop::PoolWorker::loadDetail, accounts.at(n).id)
            .then(&f.context, detail.callback());
        QVERIFY(detail.wait());
        QVERIFY(*detail);
        const QList<CapacitySample> &history = (*detail)->capacityHistory;
        QCOMPARE(history.size(), demo::kHistoryHours + 1);
        QVERIFY(history.first().at.secsTo(history.last().at) >= 3600 * 71);
        QCOMPARE(history.last().activeDroplets, counts.at(n));
        QVERIFY(std::any_of(history.cbegin(), history.cend(), [&](const CapacitySample &s) {
            return s.activeDroplets != counts.at(n); // a story, not a flat line
        }));
    }
    Answer<QList<desktop::PoolHistoryPoint>> pool;
    f.client->call(&desktop::PoolWorker::loadPoolHistory, 7).then(&f.context, pool.callback());
    QVERIFY(pool.wait());
    QVERIFY(*pool);
    QVERIFY((*pool)->size() >= demo::kHistoryHours);
    QCOMPARE((*pool)->last().used, 50);
    QCOMPARE((*pool)->last().limit, 75);
    QVERIFY((*pool)->first().used < 50); // the pool filled up over the days shown

    // Nothing of the demo reached the keychain given to the client.
    Answer<std::optional<QString>> key;
    f.secrets.read(QStringLiteral("encryption-key"), &f.context, key.callback());
    QVERIFY(key.wait());
    QVERIFY(*key && !(*key)->has_value());
}

// The worker's time is the clock it is given (read in the engine thread), not the system's:
// the demo's history ends at that clock's now, and the detail view reads back from it.
void TestPoolClient::theInjectedClockDatesWhatTheWorkerWrites()
{
    const QDateTime fixed(QDate(2025, 6, 1), QTime(12, 0), QTimeZone::utc());
    const ManualClock clock(fixed); // not changed while the worker runs
    DesktopFixture f;
    auto cfg = f.config();
    cfg.demo = demo::backend();
    cfg.env.remove(QStringLiteral("ENCRYPTION_KEY"));
    f.client = std::make_unique<desktop::PoolClient>(cfg, &f.secrets, nullptr, &clock);
    QSignalSpy reset(f.client->events(), &desktop::PoolEvents::accountsReset);
    Answer<desktop::PoolInfo> opened;
    f.client->open(&f.context, opened.callback());
    QVERIFY(opened.wait());
    DOPOOL_VERIFY_OK(*opened);
    QTRY_COMPARE(reset.count(), 1);
    const auto accounts = reset.at(0).at(0).value<QList<Account>>();
    QVERIFY(!accounts.isEmpty());
    Answer<desktop::AccountDetail> detail;
    f.client->call(&desktop::PoolWorker::loadDetail, accounts.at(0).id)
        .then(&f.context, detail.callback());
    QVERIFY(detail.wait());
    QVERIFY(*detail);
    const QList<CapacitySample> &history = (*detail)->capacityHistory;
    QCOMPARE(history.size(), demo::kHistoryHours + 1);
    QCOMPARE(history.last().at, fixed);
}

// Another process rotates the pool's key: this desktop (its key from the keychain) writes
// nothing more and says so, until the new key is imported from a file; the export of the
// current key makes a new owner-only file and never overwrites one.
void TestPoolClient::keyRotatedElsewhereFencesTheDesktop()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    desktop::DesktopConfig cfg = f.config();
    cfg.env.remove(QStringLiteral("ENCRYPTION_KEY")); // a generated key, in the (memory) keychain
    QVERIFY(f.open(cfg));
    const auto seeds = fakedo::demoAccounts();
    QVERIFY(f.addAccount(QStringLiteral("First"), seeds.at(0).token).ok());

    // Export: a new file, owner only, never over an existing one.
    const QString exported = QDir(f.dir.path()).filePath(QStringLiteral("old.key"));
    Answer<QString> done;
    f.client->call(&desktop::PoolWorker::exportKey, exported).then(&f.context, done.callback());
    QVERIFY(done.wait() && (*done).ok());
    QCOMPARE(QFile::permissions(exported), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ReadUser | QFileDevice::WriteUser);
    Answer<QString> again;
    f.client->call(&desktop::PoolWorker::exportKey, exported).then(&f.context, again.callback());
    QVERIFY(again.wait() && !(*again).ok());

    // Another process rotates (a second connection to the same pool).
    const EncryptionKey oldKey = *readKeyFile(exported);
    const EncryptionKey newKey = *EncryptionKey::fromHex(QString(64, u'9'));
    {
        ManualClock clock;
        StoreOptions options;
        options.clock = &clock;
        options.url = cfg.database;
        auto other = std::move(openStore(options).store);
        QVERIFY(other);
        QCOMPARE(*rotatePoolKey(*other, TokenCipher(oldKey), TokenCipher(newKey)), 1);
    }
    QSignalSpy problem(f.client->events(), &desktop::PoolEvents::keyProblemChanged);
    // SQLite has no change feed: the watch's own check finds it within its interval.
    QTRY_VERIFY_WITH_TIMEOUT(!problem.isEmpty(), 15000);
    QVERIFY(problem.last().first().toString().contains(newKey.fingerprint()));
    const auto refused = f.addAccount(QStringLiteral("Second"), seeds.at(1).token);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::KeyMismatch);

    // A wrong key file is refused; the pool's new key is taken and the desktop writes again.
    Answer<QString> wrong;
    f.client->call(&desktop::PoolWorker::importKey, exported).then(&f.context, wrong.callback());
    QVERIFY(wrong.wait() && !(*wrong).ok());
    const QString newFile = QDir(f.dir.path()).filePath(QStringLiteral("new.key"));
    QVERIFY(writeKeyFile(newFile, newKey).ok());
    Answer<QString> imported;
    f.client->call(&desktop::PoolWorker::importKey, newFile).then(&f.context, imported.callback());
    QVERIFY(imported.wait());
    DOPOOL_VERIFY_OK(*imported);
    QCOMPARE(**imported, newKey.fingerprint());
    QTRY_VERIFY_WITH_TIMEOUT(problem.last().first().toString().isEmpty(), 15000);
    QVERIFY(f.addAccount(QStringLiteral("Second"), seeds.at(1).token).ok());
    QCOMPARE(f.secrets.entries.value(KeyProvider::keychainEntry(newKey.fingerprint())),
             newKey.toHex());
}

// PoolClient::call checks the open pool for every operation: the worker's bodies do not.
void TestPoolClient::requestsBeforeOpenAnswerNotOpen()
{
    DesktopFixture f;
    f.client = std::make_unique<desktop::PoolClient>(f.config(), &f.secrets);
    Answer<desktop::AccountDetail> detail;
    f.client->call(&desktop::PoolWorker::loadDetail, QStringLiteral("nope"))
        .then(&f.context, detail.callback());
    Answer<QString> exported;
    f.client->call(&desktop::PoolWorker::exportKey, QStringLiteral("/nonexistent/key"))
        .then(&f.context, exported.callback());
    QVERIFY(detail.wait());
    QVERIFY(exported.wait());
    for (const Error &error : {(*detail).error(), (*exported).error()}) {
        QCOMPARE(error.kind, ErrorKind::Store);
        QCOMPARE(error.message, QStringLiteral("The pool is not open"));
    }
    // The pool opens afterwards as usual: the refusal changed nothing.
    Answer<desktop::PoolInfo> opened;
    f.client->open(&f.context, opened.callback());
    QVERIFY(opened.wait());
    QVERIFY(*opened);
}

// DesktopApp replaces the client when the settings change: a request through the old one,
// made after it is gone or in flight when it went, is answered (not lost) and touches nothing.
void TestPoolClient::requestsToAGoneClientAnswerNotOpen()
{
    DesktopFixture f;
    f.addDemoAccountsToFake();
    QVERIFY(f.open());
    const QPointer<desktop::PoolClient> gone = f.client.get();

    Answer<desktop::SyncSummary> inFlight;
    desktop::PoolClient::call(gone, &desktop::PoolWorker::sync, engine::SyncService::Mode::Sync,
                              QStringList())
        .then(&f.context, inFlight.callback());
    f.client.reset();
    QVERIFY(inFlight.wait());
    QVERIFY(!*inFlight);
    QCOMPARE((*inFlight).error().message, QStringLiteral("The pool is not open"));

    QVERIFY(gone.isNull());
    Answer<void> after;
    desktop::PoolClient::call(gone, &desktop::PoolWorker::deleteAccount, QStringLiteral("x"))
        .then(&f.context, after.callback());
    QVERIFY(after.wait());
    QVERIFY(!*after);
    QCOMPARE((*after).error().kind, ErrorKind::Store);
}

QTEST_MAIN(TestPoolClient)
#include "tst_poolclient.moc"
