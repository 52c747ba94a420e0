// MemoryStore against what the roles it implements document (AccountRecords.h,
// CapacityLedger.h, TaskLog.h, AlertLog.h): the engine's unit tests run on it, so it must keep
// the contracts the SQL store keeps - refusals, ordering, reservations, the count's
// reconciliation, one open task per order, alert dedupe - or those tests prove nothing.

#include "VerifyOk.h"
#include "common/Clock.h"
#include "store/MemoryStore.h"

#include <QTest>
#include <QThread>
#include <QUuid>
#include <algorithm>
#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace dopool;

Q_DECLARE_METATYPE(dopool::ErrorKind)
Q_DECLARE_METATYPE(dopool::AccountObservation)
Q_DECLARE_METATYPE(dopool::TaskStatus)

namespace {

Account sample(const QString &name, int limit = 25, int active = 0)
{
    Account a;
    a.name = name;
    a.email = name + u"@example.com"_s;
    a.encryptedToken = u"iv:tag:cipher-"_s + name;
    a.dropletLimit = limit;
    a.activeDroplets = active;
    return a;
}

ProvisioningTask task(const QString &order, TaskStatus status = TaskStatus::Pending,
                      bool extra = false)
{
    ProvisioningTask t;
    t.orderId = order;
    t.status = status;
    t.extra = extra;
    t.region = u"sgp1"_s;
    return t;
}

Alert alert(AlertKind kind, const QString &accountId = {})
{
    Alert a;
    a.kind = kind;
    a.accountId = accountId;
    a.message = u"watch this"_s;
    return a;
}

} // namespace

class TestMemoryStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<MemoryStore> m_store;

    Account mustInsert(const Account &a)
    {
        const auto inserted = m_store->insertAccount(a);
        if (!inserted) {
            QTest::qFail(qPrintable(inserted.error().message), __FILE__, __LINE__);
            return {};
        }
        return *inserted;
    }
    int open(const QString &accountId)
    {
        const auto held = m_store->openReservations(accountId);
        return held ? *held : -1;
    }
    int active(const QString &accountId)
    {
        const auto found = m_store->findAccount(accountId);
        return found ? found->activeDroplets : -1;
    }
    std::optional<Reservation> reserve(const QString &accountId, const QString &taskId = {})
    {
        const auto reserved = m_store->reserveSlot(accountId, taskId, m_clock->now().addSecs(600));
        if (!reserved) {
            QTest::qFail(qPrintable(reserved.error().message), __FILE__, __LINE__);
            return std::nullopt;
        }
        return *reserved;
    }

private Q_SLOTS:
    void init()
    {
        // Not on a whole second: what is stored has millisecond precision, no more.
        m_clock = std::make_unique<ManualClock>(
            QDateTime(QDate(2026, 3, 1), QTime(10, 0, 0, 123), Qt::UTC));
        m_store = std::make_unique<MemoryStore>(m_clock.get());
    }

    // --- AccountRecords ---

    void accountsInsertFindList()
    {
        const Account beta = mustInsert(sample(u"beta"_s));
        m_clock->advance(1000);
        const Account alpha = mustInsert(sample(u"alpha"_s));
        QCOMPARE(beta.version, 1);
        QCOMPARE(beta.createdAt, QDateTime(QDate(2026, 3, 1), QTime(10, 0, 0, 123), Qt::UTC));
        QCOMPARE(beta.updatedAt, beta.createdAt);
        QVERIFY(!QUuid::fromString(beta.id).isNull());
        QCOMPARE(beta.id, beta.id.toLower());

        const auto byName = m_store->findAccount(u"alpha"_s);
        DOPOOL_VERIFY_OK(byName);
        QCOMPARE(byName->id, alpha.id);
        const auto byId = m_store->findAccount(beta.id);
        DOPOOL_VERIFY_OK(byId);
        QCOMPARE(byId->name, u"beta"_s);
        // Ids compare exactly, in their stored form: a braced or upper-cased id is a name,
        // and no account may be named like an id (SqlStore's contract, issue #24).
        QVERIFY(!m_store->findAccount(u"{"_s + beta.id.toUpper() + u"}"_s));
        QVERIFY(!m_store->findAccount(beta.id.toUpper()));
        const auto missing = m_store->findAccount(u"gamma"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
        QVERIFY2(missing.error().message.contains(u"gamma"_s), qPrintable(missing.error().message));

        const auto listed = m_store->listAccounts(); // by created_at, then name
        DOPOOL_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->at(0).name, u"beta"_s);
        QCOMPARE(listed->at(1).name, u"alpha"_s);
    }

    void accountRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("empty name") << u"  "_s << u"x@example.com"_s << ErrorKind::Validation;
        QTest::newRow("name of 101")
            << QString(101, u'n') << u"x@example.com"_s << ErrorKind::Validation;
        QTest::newRow("email of 256") << u"fine"_s << QString(256, u'e') << ErrorKind::Validation;
        QTest::newRow("name taken") << u"taken"_s << u"x@example.com"_s << ErrorKind::Conflict;
    }
    void accountRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(ErrorKind, kind);
        mustInsert(sample(u"taken"_s));
        Account a = sample(name);
        a.email = email;
        const auto inserted = m_store->insertAccount(a);
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().kind, kind);
        // And an update to the same values is refused the same way, changing nothing.
        const Account other = mustInsert(sample(u"other"_s));
        Account edited = other;
        edited.name = name;
        edited.email = email;
        const auto updated = m_store->updateAccount(edited);
        QVERIFY(!updated);
        QCOMPARE(updated.error().kind, kind);
        QCOMPARE(m_store->findAccount(other.id)->name, u"other"_s);
        QCOMPARE(m_store->listAccounts()->size(), 2);
    }

    void onePrimary()
    {
        Account first = sample(u"first"_s);
        first.isPrimary = true;
        first = mustInsert(first);
        Account second = sample(u"second"_s);
        second.isPrimary = true;
        second = mustInsert(second);
        const auto old = m_store->findAccount(first.id);
        QVERIFY(!old->isPrimary);
        QCOMPARE(old->version, 2); // a stale editor of the old primary gets a conflict
        QVERIFY(m_store->findAccount(second.id)->isPrimary);
        const auto stale = m_store->updateAccount(first, first.version);
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::Conflict);
    }

    void updateVersionAndLiveState()
    {
        const Account read = mustInsert(sample(u"alpha"_s, 25, 1));
        m_clock->advance(5000);
        // A sync lands while an admin edits: no version bump...
        AccountObservation o;
        o.activeDroplets = 7;
        o.dropletLimit = 30;
        o.health = AccountHealth::Healthy;
        DOPOOL_VERIFY_OK(m_store->recordObservation(read.id, o));
        QCOMPARE(m_store->findAccount(read.id)->version, 1);
        // ...so the edit goes through, and keeps the newer live state rather than the copy's.
        Account edited = read;
        edited.email = u"new@example.com"_s;
        const auto updated = m_store->updateAccount(edited, 1);
        DOPOOL_VERIFY_OK(updated);
        QCOMPARE(updated->version, 2);
        QCOMPARE(updated->email, u"new@example.com"_s);
        QCOMPARE(updated->activeDroplets, 7);
        QCOMPARE(updated->healthStatus, AccountHealth::Healthy);
        QCOMPARE(updated->dropletLimit, 25); // the admin's field: the copy's value is written
        QCOMPARE(updated->createdAt, read.createdAt);
        QCOMPARE(updated->updatedAt, m_clock->now());
        // The same stale copy again: its version is gone.
        const auto again = m_store->updateAccount(edited, 1);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        QVERIFY2(again.error().message.contains(u"version now 2"_s),
                 qPrintable(again.error().message));
        // A copy read after the sync writes its own live state.
        Account fresh = *updated;
        fresh.activeDroplets = 3;
        QCOMPARE(m_store->updateAccount(fresh)->activeDroplets, 3);
        Account ghost = sample(u"ghost"_s);
        ghost.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(m_store->updateAccount(ghost).error().kind, ErrorKind::NotFound);
    }

    void deleteTakesItsStateAlong()
    {
        const Account gone = mustInsert(sample(u"gone"_s, 5, 0));
        const Account kept = mustInsert(sample(u"kept"_s, 5, 0));
        QVERIFY(reserve(gone.id));
        QVERIFY(reserve(kept.id));
        AccountObservation o;
        o.health = AccountHealth::Degraded;
        o.dropletLimit = 5;
        o.activeDroplets = 1;
        DOPOOL_VERIFY_OK(m_store->recordObservation(gone.id, o));
        DOPOOL_VERIFY_OK(m_store->raiseAlert(alert(AlertKind::AccountFull, gone.id)));
        DOPOOL_VERIFY_OK(m_store->raiseAlert(alert(AlertKind::AccountFull, kept.id)));
        ProvisioningTask t = task(u"order-1"_s);
        t.doAccountId = gone.id;
        const auto inserted = m_store->insertTask(t);
        DOPOOL_VERIFY_OK(inserted);

        DOPOOL_VERIFY_OK(m_store->deleteAccount(gone.id));
        QCOMPARE(m_store->findAccount(gone.id).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->healthHistory(gone.id, 10).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->openReservationCounts()->value(gone.id, -1), -1);
        QCOMPARE(m_store->openReservationCounts()->value(kept.id), 1);
        QCOMPARE(m_store->listAlerts(true, 0)->size(), 1);
        const auto orphan = m_store->findTask(inserted->id);
        DOPOOL_VERIFY_OK(orphan);
        QVERIFY(orphan->doAccountId.isEmpty()); // the task stays, with no account
        QCOMPARE(m_store->deleteAccount(gone.id).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->deleteAccount(u"not-a-uuid"_s).error().kind, ErrorKind::NotFound);
    }

    // --- CapacityLedger: observations ---

    void observation_data()
    {
        QTest::addColumn<AccountObservation>("observation");
        QTest::addColumn<int>("healthRows");
        QTest::addColumn<int>("capacityRows");
        AccountObservation capacity;
        capacity.dropletLimit = 30;
        capacity.activeDroplets = 4;
        capacity.succeeded = true;
        capacity.email = u"do@example.com"_s;
        capacity.doUuid = u"do-uuid"_s;
        capacity.doStatus = u"active"_s;
        QTest::newRow("a full sync: capacity history, no health change") << capacity << 0 << 1;
        AccountObservation countOnly;
        countOnly.activeDroplets = 2;
        QTest::newRow("a count alone: no capacity history") << countOnly << 0 << 0;
        AccountObservation sick;
        sick.health = AccountHealth::Unhealthy;
        sick.healthReason = u"HTTP 401: token invalid"_s;
        sick.consecutiveFailures = 3;
        sick.lastError = u"HTTP 401"_s;
        sick.healthChecked = true;
        QTest::newRow("a health change: one history row") << sick << 1 << 0;
        AccountObservation same;
        same.health = AccountHealth::Unknown; // what a new account has
        same.healthChecked = true;
        QTest::newRow("the same health: no row") << same << 0 << 0;
        AccountObservation limits;
        limits.rateLimitLimit = 5000;
        limits.rateLimitRemaining = 4999;
        limits.rateLimitReset = QDateTime(QDate(2026, 3, 1), QTime(11, 0, 0, 456), Qt::UTC);
        limits.succeeded = true;
        limits.lastError = u"kept despite success"_s;
        QTest::newRow("rate limits; an explicit error wins over success") << limits << 0 << 0;
    }
    void observation()
    {
        QFETCH(AccountObservation, observation);
        QFETCH(int, healthRows);
        QFETCH(int, capacityRows);
        Account before = sample(u"alpha"_s, 25, 1);
        before.lastError = u"old failure"_s;
        before = mustInsert(before);
        m_clock->advance(60'000);
        const auto after = m_store->recordObservation(before.id, observation);
        DOPOOL_VERIFY_OK(after);
        const QDateTime at = m_clock->now();

        Account expected = before;
        if (observation.dropletLimit)
            expected.dropletLimit = *observation.dropletLimit;
        if (observation.activeDroplets)
            expected.activeDroplets = *observation.activeDroplets;
        if (observation.email)
            expected.email = *observation.email;
        if (observation.doUuid)
            expected.doUuid = *observation.doUuid;
        if (observation.doStatus)
            expected.doStatus = *observation.doStatus;
        if (observation.health)
            expected.healthStatus = *observation.health;
        if (observation.consecutiveFailures)
            expected.consecutiveFailures = *observation.consecutiveFailures;
        if (observation.lastError)
            expected.lastError = *observation.lastError;
        else if (observation.succeeded)
            expected.lastError.clear();
        if (observation.rateLimitLimit)
            expected.rateLimitLimit = *observation.rateLimitLimit;
        if (observation.rateLimitRemaining)
            expected.rateLimitRemaining = *observation.rateLimitRemaining;
        if (observation.rateLimitReset)
            expected.rateLimitReset = *observation.rateLimitReset;
        if (observation.healthChecked)
            expected.lastHealthCheck = at;
        if (observation.succeeded)
            expected.lastSyncAt = at;

        QCOMPARE(after->dropletLimit, expected.dropletLimit);
        QCOMPARE(after->activeDroplets, expected.activeDroplets);
        QCOMPARE(after->email, expected.email);
        QCOMPARE(after->doUuid, expected.doUuid);
        QCOMPARE(after->doStatus, expected.doStatus);
        QCOMPARE(after->healthStatus, expected.healthStatus);
        QCOMPARE(after->consecutiveFailures, expected.consecutiveFailures);
        QCOMPARE(after->lastError, expected.lastError);
        QCOMPARE(after->rateLimitLimit, expected.rateLimitLimit);
        QCOMPARE(after->rateLimitRemaining, expected.rateLimitRemaining);
        QCOMPARE(after->rateLimitReset, expected.rateLimitReset);
        QCOMPARE(after->lastHealthCheck, expected.lastHealthCheck);
        QCOMPARE(after->lastSyncAt, expected.lastSyncAt);
        QCOMPARE(after->updatedAt, at);
        QCOMPARE(after->version, before.version); // the engine's writes bump no version
        QCOMPARE(m_store->findAccount(before.id)->updatedAt, at);

        const auto health = m_store->healthHistory(before.id, 0);
        DOPOOL_VERIFY_OK(health);
        QCOMPARE(health->size(), healthRows);
        if (healthRows) {
            QCOMPARE(health->first().from, AccountHealth::Unknown);
            QCOMPARE(health->first().to, *observation.health);
            QCOMPARE(health->first().reason, observation.healthReason);
            QCOMPARE(health->first().at, at);
        }
        const auto capacity = m_store->capacityHistory(before.id, {});
        DOPOOL_VERIFY_OK(capacity);
        QCOMPARE(capacity->size(), capacityRows);
        if (capacityRows)
            QCOMPARE(capacity->first().activeDroplets, *observation.activeDroplets);
    }

    void observationRefused()
    {
        const Account a = mustInsert(sample(u"alpha"_s));
        AccountObservation longEmail;
        longEmail.email = QString(256, u'e');
        QCOMPARE(m_store->recordObservation(a.id, longEmail).error().kind, ErrorKind::Validation);
        const QString ghost = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(m_store->recordObservation(ghost, {}).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->recordObservation(u"alpha"_s, {}).error().kind, ErrorKind::NotFound);
        // A batch: the failing one carries its error, the others are recorded.
        AccountObservation count;
        count.activeDroplets = 9;
        const auto results = m_store->recordObservations({{ghost, count}, {a.id, count}});
        QCOMPARE(results.size(), 2);
        QVERIFY(!results.at(0));
        QCOMPARE(results.at(0).error().kind, ErrorKind::NotFound);
        DOPOOL_VERIFY_OK(results.at(1));
        QCOMPARE(active(a.id), 9);
    }

    void historyOrder()
    {
        const Account a = mustInsert(sample(u"alpha"_s));
        const QDateTime start = m_clock->now();
        const AccountHealth path[] = {AccountHealth::Healthy, AccountHealth::Degraded,
                                      AccountHealth::Unhealthy};
        for (AccountHealth h : path) {
            m_clock->advance(1000);
            AccountObservation o;
            o.health = h;
            o.dropletLimit = 10;
            o.activeDroplets = int(h);
            DOPOOL_VERIFY_OK(m_store->recordObservation(a.id, o));
        }
        const auto newestFirst = m_store->healthHistory(a.id, 2);
        DOPOOL_VERIFY_OK(newestFirst);
        QCOMPARE(newestFirst->size(), 2);
        QCOMPARE(newestFirst->at(0).to, AccountHealth::Unhealthy);
        QCOMPARE(newestFirst->at(1).to, AccountHealth::Degraded);
        QVERIFY(newestFirst->at(0).id > newestFirst->at(1).id);
        const auto since = m_store->capacityHistory(a.id, start.addMSecs(1500)); // oldest first
        DOPOOL_VERIFY_OK(since);
        QCOMPARE(since->size(), 2);
        QVERIFY(since->at(0).at < since->at(1).at);
    }

    // --- CapacityLedger: reservations ---

    void reserveRespectsLimit_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("active");
        QTest::addColumn<bool>("isActive");
        QTest::addColumn<int>("granted");
        QTest::newRow("room for three") << 5 << 2 << true << 3;
        QTest::newRow("full") << 5 << 5 << true << 0;
        QTest::newRow("over the limit") << 5 << 7 << true << 0;
        QTest::newRow("inactive") << 5 << 0 << false << 0;
    }
    void reserveRespectsLimit()
    {
        QFETCH(int, limit);
        QFETCH(int, active);
        QFETCH(bool, isActive);
        QFETCH(int, granted);
        Account a = sample(u"alpha"_s, limit, active);
        a.isActive = isActive;
        a = mustInsert(a);
        int reserved = 0;
        for (int i = 0; i < limit + 2; ++i) {
            const auto r = reserve(a.id);
            if (r) {
                ++reserved;
                QCOMPARE(r->accountId, a.id);
                QCOMPARE(r->expiresAt, m_clock->now().addSecs(600));
            }
        }
        QCOMPARE(reserved, granted);
        QCOMPARE(open(a.id), granted);
        QCOMPARE(m_store->openReservationCounts()->value(a.id), granted);
    }

    void reservationsExpire()
    {
        const Account a = mustInsert(sample(u"alpha"_s, 1, 0));
        QVERIFY(reserve(a.id));
        QVERIFY(!reserve(a.id));
        m_clock->advance(600'000); // expired exactly now
        QCOMPARE(open(a.id), 0);
        QVERIFY(m_store->openReservationCounts()->isEmpty());
        const auto again = reserve(a.id); // the crashed provisioner's slot came back
        QVERIFY(again);
    }

    void reserveRefused_data()
    {
        QTest::addColumn<QString>("account"); // "" = the real one
        QTest::addColumn<QString>("taskId");
        QTest::addColumn<int>("expiresInMs");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("account not a uuid")
            << u"alpha"_s << QString() << 1000 << ErrorKind::NotFound;
        QTest::newRow("no such account")
            << QUuid::createUuid().toString() << QString() << 1000 << ErrorKind::NotFound;
        QTest::newRow("task not a uuid")
            << QString() << u"task-1"_s << 1000 << ErrorKind::Validation;
        QTest::newRow("expires now") << QString() << QString() << 0 << ErrorKind::Validation;
        QTest::newRow("expired") << QString() << QString() << -1 << ErrorKind::Validation;
    }
    void reserveRefused()
    {
        QFETCH(QString, account);
        QFETCH(QString, taskId);
        QFETCH(int, expiresInMs);
        QFETCH(ErrorKind, kind);
        const Account a = mustInsert(sample(u"alpha"_s));
        const auto r = m_store->reserveSlot(account.isEmpty() ? a.id : account, taskId,
                                            m_clock->now().addMSecs(expiresInMs));
        QVERIFY(!r);
        QCOMPARE(r.error().kind, kind);
        QCOMPARE(open(a.id), 0);
    }

    void finishReservation_data()
    {
        QTest::addColumn<bool>("created");
        QTest::addColumn<int>("activeAfter");
        QTest::newRow("droplet created: counted at once") << true << 3;
        QTest::newRow("no droplet: the slot is given back") << false << 2;
    }
    void finishReservation()
    {
        QFETCH(bool, created);
        QFETCH(int, activeAfter);
        const Account a = mustInsert(sample(u"alpha"_s, 3, 2));
        const auto r = reserve(a.id);
        QVERIFY(r);
        QVERIFY(!reserve(a.id)); // 2 active + 1 held of 3
        DOPOOL_VERIFY_OK(m_store->finishReservation(r->id, created));
        QCOMPARE(active(a.id), activeAfter);
        QCOMPARE(open(a.id), 0);
        QCOMPARE(reserve(a.id).has_value(), !created);
        const auto twice = m_store->finishReservation(r->id, created);
        QVERIFY(!twice);
        QCOMPARE(twice.error().kind, ErrorKind::NotFound);
        QCOMPARE(active(a.id), activeAfter);
    }

    // recordObservation reconciles a count with the droplets confirmed meanwhile.
    void countReconciliation()
    {
        const Account a = mustInsert(sample(u"alpha"_s, 10, 4));
        const QDateTime asked = m_clock->now(); // a sync's GET /v2/droplets goes out
        m_clock->advance(1000);
        const auto r = reserve(a.id);
        QVERIFY(r);
        DOPOOL_VERIFY_OK(m_store->finishReservation(r->id, true)); // 5 now
        m_clock->advance(1000);
        AccountObservation before; // DO's answer: 4, the new droplet not in it yet
        before.at = asked;
        before.activeDroplets = 4;
        QCOMPARE(m_store->recordObservation(a.id, before)->activeDroplets, 5);
        AccountObservation after; // asked after the confirmation: includes it
        after.at = m_clock->now();
        after.activeDroplets = 5;
        QCOMPARE(m_store->recordObservation(a.id, after)->activeDroplets, 5);
        AccountObservation stale; // overtaken by a newer count: ignored
        stale.at = asked;
        stale.activeDroplets = 1;
        stale.dropletLimit = 1;
        const auto kept = m_store->recordObservation(a.id, stale);
        QCOMPARE(kept->activeDroplets, 5);
        QCOMPARE(kept->dropletLimit, 10);
        AccountObservation later; // the confirmation is done with: DO's count stands
        later.at = m_clock->now().addSecs(1);
        later.activeDroplets = 3;
        QCOMPARE(m_store->recordObservation(a.id, later)->activeDroplets, 3);
    }

    void finishTaskReservations()
    {
        const Account a = mustInsert(sample(u"alpha"_s, 10, 0));
        const QString taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(reserve(a.id, taskId));
        QVERIFY(reserve(a.id, taskId));
        QVERIFY(reserve(a.id));
        QCOMPARE(*m_store->finishTaskReservations(taskId, true), 2);
        QCOMPARE(active(a.id), 2);
        QCOMPARE(open(a.id), 1);
        QCOMPARE(*m_store->finishTaskReservations(taskId, true), 0);
        QCOMPARE(*m_store->finishTaskReservations(u"not-a-task"_s, false), 0);
    }

    // Atomic in-process: threads racing for the last slots never get more than there are.
    void concurrentReservers()
    {
        const Account a = mustInsert(sample(u"alpha"_s, 7, 2));
        std::atomic<int> granted = 0;
        std::atomic<int> failed = 0;
        QList<QThread *> threads;
        for (int t = 0; t < 8; ++t) {
            threads << QThread::create([&] {
                for (int i = 0; i < 20; ++i) {
                    const auto r = m_store->reserveSlot(a.id, {}, m_clock->now().addSecs(60));
                    if (!r)
                        ++failed;
                    else if (r->has_value())
                        ++granted;
                }
            });
        }
        for (QThread *t : std::as_const(threads))
            t->start();
        for (QThread *t : std::as_const(threads)) {
            QVERIFY(t->wait(60'000));
            delete t;
        }
        QCOMPARE(failed.load(), 0);
        QCOMPARE(granted.load(), 5);
        QCOMPARE(open(a.id), 5);
    }

    // --- TaskLog ---

    void oneOpenTaskPerOrder_data()
    {
        QTest::addColumn<TaskStatus>("first");
        QTest::addColumn<bool>("secondExtra");
        QTest::addColumn<bool>("conflict");
        QTest::newRow("pending holds the order") << TaskStatus::Pending << false << true;
        QTest::newRow("in progress holds it") << TaskStatus::InProgress << false << true;
        QTest::newRow("uncertain holds it") << TaskStatus::Uncertain << false << true;
        QTest::newRow("created holds it") << TaskStatus::Created << false << true;
        QTest::newRow("failed does not") << TaskStatus::Failed << false << false;
        QTest::newRow("an extra is exempt") << TaskStatus::Created << true << false;
    }
    void oneOpenTaskPerOrder()
    {
        QFETCH(TaskStatus, first);
        QFETCH(bool, secondExtra);
        QFETCH(bool, conflict);
        DOPOOL_VERIFY_OK(m_store->insertTask(task(u"order-1"_s, first)));
        DOPOOL_VERIFY_OK(m_store->insertTask(task(u"order-2"_s))); // another order: no matter
        const auto second =
            m_store->insertTask(task(u"order-1"_s, TaskStatus::Pending, secondExtra));
        QCOMPARE(!second.ok(), conflict);
        if (conflict) {
            QCOMPARE(second.error().kind, ErrorKind::Conflict);
            QVERIFY2(second.error().message.contains(u"order-1"_s),
                     qPrintable(second.error().message));
        }
        QCOMPARE(m_store->orderTasks(u" order-1 "_s)->size(), conflict ? 1 : 2);
    }

    void updateIntoSecondOpenTask()
    {
        const auto failed = m_store->insertTask(task(u"order-1"_s, TaskStatus::Failed));
        DOPOOL_VERIFY_OK(failed);
        DOPOOL_VERIFY_OK(m_store->insertTask(task(u"order-1"_s, TaskStatus::Pending)));
        ProvisioningTask reopened = *failed;
        reopened.status = TaskStatus::Pending;
        const auto refused = m_store->updateTask(reopened);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Conflict);
        QCOMPARE(m_store->findTask(failed->id)->status, TaskStatus::Failed);
    }

    void taskRefused_data()
    {
        QTest::addColumn<QString>("order");
        QTest::addColumn<QString>("account");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("no order") << u" "_s << QString() << ErrorKind::Validation;
        QTest::newRow("account not a uuid") << u"o"_s << u"alpha"_s << ErrorKind::Validation;
        QTest::newRow("no such account")
            << u"o"_s << QUuid::createUuid().toString() << ErrorKind::NotFound;
    }
    void taskRefused()
    {
        QFETCH(QString, order);
        QFETCH(QString, account);
        QFETCH(ErrorKind, kind);
        ProvisioningTask t = task(order);
        t.doAccountId = account;
        const auto inserted = m_store->insertTask(t);
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().kind, kind);
        QVERIFY(m_store->listTasks(0)->isEmpty());
    }

    void taskUpdateAndLists()
    {
        const Account a = mustInsert(sample(u"alpha"_s));
        ProvisioningTask t = task(u"order-1"_s);
        t.doAccountId = u"{"_s + a.id.toUpper() + u"}"_s;
        const auto first = m_store->insertTask(t);
        DOPOOL_VERIFY_OK(first);
        QCOMPARE(first->doAccountId, a.id); // canonical
        QCOMPARE(first->createdAt, m_clock->now());
        m_clock->advance(1000);
        const auto second = m_store->insertTask(task(u"order-2"_s, TaskStatus::Uncertain));
        m_clock->advance(1000);
        const auto third = m_store->insertTask(task(u"order-3"_s, TaskStatus::Uncertain));
        DOPOOL_VERIFY_OK(second);
        DOPOOL_VERIFY_OK(third);

        ProvisioningTask done = *first;
        done.status = TaskStatus::Created;
        done.dropletId = 42;
        done.attempts = 2;
        const auto updated = m_store->updateTask(done);
        DOPOOL_VERIFY_OK(updated);
        QCOMPARE(updated->createdAt, first->createdAt);
        QCOMPARE(updated->updatedAt, m_clock->now());
        QCOMPARE(m_store->findTask(first->id)->dropletId, 42);

        const auto newest = m_store->listTasks(2);
        QCOMPARE(newest->size(), 2);
        QCOMPARE(newest->at(0).id, third->id);
        QCOMPARE(newest->at(1).id, second->id);
        const auto uncertain = m_store->tasksWithStatus(TaskStatus::Uncertain, 0); // oldest first
        QCOMPARE(uncertain->size(), 2);
        QCOMPARE(uncertain->at(0).id, second->id);
        QCOMPARE(m_store->tasksWithStatus(TaskStatus::Uncertain, 1)->size(), 1);

        QCOMPARE(m_store->findTask(u"nope"_s).error().kind, ErrorKind::NotFound);
        ProvisioningTask ghost = done;
        ghost.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(m_store->updateTask(ghost).error().kind, ErrorKind::NotFound);
    }

    // --- OrderQueue (the same contract as tests/store/tst_storeorderscontract.cpp) ---

    void orderQueue()
    {
        const QString me = u"instance-a"_s;
        const auto lease = [this] {
            return m_clock->now().addSecs(30);
        };
        DOPOOL_VERIFY_OK(m_store->enqueueOrder(OrderRequest{u"order-1"_s, u"nyc3"_s, {}, {}}));
        QCOMPARE(m_store->enqueueOrder(OrderRequest{u"order-1"_s, {}, {}, {}}).error().kind,
                 ErrorKind::Conflict);
        m_clock->advance(10);
        DOPOOL_VERIFY_OK(m_store->enqueueOrder(OrderRequest{u"order-2"_s, {}, {}, {}}));
        auto claimed = m_store->claimNextOrder(me, lease(), WaitingRows::Due);
        DOPOOL_VERIFY_OK(claimed);
        QVERIFY(claimed->has_value());
        QCOMPARE((*claimed)->orderId, u"order-1"_s);
        QCOMPARE((*claimed)->status, TaskStatus::InProgress);
        QCOMPARE((*claimed)->claimedBy, me);

        // Compare-and-set: a stale copy is refused.
        ProvisioningTask waiting = **claimed;
        ProvisioningTask stale = **claimed;
        waiting.status = TaskStatus::Waiting;
        waiting.claimedBy.clear();
        waiting.nextAttemptAt = m_clock->now().addSecs(60);
        DOPOOL_VERIFY_OK(m_store->updateTask(waiting));
        stale.status = TaskStatus::Failed;
        QCOMPARE(m_store->updateTask(stale).error().kind, ErrorKind::Conflict);

        // order-2 is PENDING; order-1 WAITING until its time, or until capacity appears.
        claimed = m_store->claimNextOrder(me, lease(), WaitingRows::Due);
        QCOMPARE((*claimed)->orderId, u"order-2"_s);
        QVERIFY(!m_store->claimNextOrder(me, lease(), WaitingRows::Due)->has_value());
        QCOMPARE((*m_store->claimNextOrder(me, lease(), WaitingRows::All))->orderId, u"order-1"_s);

        // Leases: renewed, then adopted once expired.
        m_clock->advance(20'000);
        QCOMPARE(*m_store->renewClaims(me, lease()), 2);
        m_clock->advance(31'000);
        const auto adopted = m_store->adoptExpiredClaim(u"instance-b"_s, lease());
        QVERIFY(adopted->has_value());
        QCOMPARE((*adopted)->claimedBy, u"instance-b"_s);

        // Cancel and retry.
        DOPOOL_VERIFY_OK(m_store->enqueueOrder(OrderRequest{u"order-3"_s, {}, {}, {}}));
        QCOMPARE(m_store->cancelOrder(u"order-1"_s).error().kind, ErrorKind::Conflict);
        QCOMPARE(m_store->cancelOrder(u"order-3"_s)->status, TaskStatus::Cancelled);
        QCOMPARE(m_store->cancelOrder(u"nope"_s).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->retryOrder(u"order-3"_s)->status, TaskStatus::Pending);
        QCOMPARE(m_store->retryOrder(u"order-3"_s).error().kind, ErrorKind::Conflict);

        // A status dopool does not know: listed, never claimed, failed with its text.
        const ProvisioningTask odd = m_store->insertForeignRow(task(u"order-q"_s), u"QUEUED"_s);
        QCOMPARE(odd.status, TaskStatus::Unknown);
        QCOMPARE(m_store->listOrders(OrderFilter{{u"QUEUED"_s}, 0})->size(), 1);
        const auto failed = m_store->failUnknownStatuses();
        QCOMPARE(failed->size(), 1);
        QVERIFY(failed->first().error.contains(u"'QUEUED'"_s));

        const auto summary = m_store->queueSummary();
        DOPOOL_VERIFY_OK(summary);
        QCOMPARE(summary->count(TaskStatus::Pending), 1);
        QCOMPARE(summary->count(TaskStatus::InProgress), 2);
        QCOMPARE(summary->count(TaskStatus::Cancelled), 1);
        QCOMPARE(summary->count(TaskStatus::Failed), 1);
    }

    // --- AlertLog ---

    void alertDedupe_data()
    {
        QTest::addColumn<bool>("perAccount");
        QTest::newRow("pool-wide") << false;
        QTest::newRow("per account") << true;
    }
    void alertDedupe()
    {
        QFETCH(bool, perAccount);
        const Account a = mustInsert(sample(u"alpha"_s));
        const Account b = mustInsert(sample(u"beta"_s));
        const AlertKind kind = perAccount ? AlertKind::AccountFull : AlertKind::AllAccountsFull;
        const QString account = perAccount ? a.id : QString();
        const auto raised = m_store->raiseAlert(alert(kind, account));
        DOPOOL_VERIFY_OK(raised);
        QVERIFY(raised->second);
        QCOMPARE(raised->first.raisedAt, m_clock->now());
        m_clock->advance(1000);
        const auto again = m_store->raiseAlert(alert(kind, account));
        DOPOOL_VERIFY_OK(again);
        QVERIFY(!again->second);
        QCOMPARE(again->first.id, raised->first.id);
        if (perAccount) // another account's is another alert
            QVERIFY(m_store->raiseAlert(alert(kind, b.id))->second);
        QVERIFY(m_store->raiseAlert(alert(AlertKind::AccountUnhealthy, a.id))->second);

        const auto resolved = m_store->resolveAlert(kind, account, {});
        DOPOOL_VERIFY_OK(resolved);
        QVERIFY(resolved->has_value());
        QCOMPARE((*resolved)->id, raised->first.id);
        QCOMPARE((*resolved)->resolvedAt, m_clock->now());
        QVERIFY(!m_store->resolveAlert(kind, account, {})->has_value());
        const auto reraised = m_store->raiseAlert(alert(kind, account));
        QVERIFY(reraised->second);
        QVERIFY(reraised->first.id != raised->first.id);
    }

    void alertListAndRefusals()
    {
        const Account a = mustInsert(sample(u"alpha"_s));
        DOPOOL_VERIFY_OK(m_store->raiseAlert(alert(AlertKind::AccountFull, a.id)));
        m_clock->advance(1000);
        DOPOOL_VERIFY_OK(m_store->raiseAlert(alert(AlertKind::PoolUtilisationHigh)));
        m_clock->advance(1000);
        DOPOOL_VERIFY_OK(m_store->raiseAlert(alert(AlertKind::NoUsableAccount)));
        DOPOOL_VERIFY_OK(m_store->resolveAlert(AlertKind::AccountFull, a.id, m_clock->now()));
        const auto open = m_store->listAlerts(false, 0);
        QCOMPARE(open->size(), 2);
        QCOMPARE(open->at(0).kind, AlertKind::NoUsableAccount); // newest first
        const auto all = m_store->listAlerts(true, 0);
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->last().kind, AlertKind::AccountFull);
        QCOMPARE(m_store->listAlerts(true, 1)->size(), 1);

        QCOMPARE(m_store->raiseAlert(alert(AlertKind::AccountFull, u"alpha"_s)).error().kind,
                 ErrorKind::Validation);
        QCOMPARE(m_store->raiseAlert(alert(AlertKind::AccountFull, QUuid::createUuid().toString()))
                     .error()
                     .kind,
                 ErrorKind::NotFound);
        QCOMPARE(m_store->resolveAlert(AlertKind::AccountFull, u"alpha"_s, {}).error().kind,
                 ErrorKind::Validation);
    }
};

QTEST_GUILESS_MAIN(TestMemoryStore)
#include "tst_memorystore.moc"
