#pragma once

// What a store test needs around a database (StoreFixture): a clock it controls, stores
// opened on the backend's database, and counts read behind the store's back. And what every
// store contract test (tests/store/tst_store*contract.cpp) derives from (StoreContractFixture):
// its initTestCase_data() rows "sqlite" and "postgresql", and a fresh database of the row's
// backend for each test function. Header-only (the support library does not link the store).

#include "StoreBackends.h"
#include "StoreTestData.h"
#include "TestPostgres.h"
#include "common/Clock.h"
#include "store/Migrations.h"
#include "store/StoreFactory.h"

#include <QSqlDatabase>
#include <QTest>
#include <memory>
#include <optional>

namespace dopool::testing {

// The store's own connections (the tests' raw ones are named differently).
inline int storeConnectionCount()
{
    int count = 0;
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (name.startsWith(u"dopool-sqlite-"_s) || name.startsWith(u"dopool-pg-"_s))
            ++count;
    }
    return count;
}

// What every check needs: a clock it controls and stores on the backend's database.
class StoreFixture
{
public:
    explicit StoreFixture(StoreBackend &backend)
        : m_backend(&backend)
    {}

    ManualClock clock;

    StoreOptions options() const
    {
        StoreOptions o;
        o.url = m_backend->url();
        o.clock = &clock;
        o.busyTimeoutMs = 3000;
        o.connectTimeoutSec = 5;
        return o;
    }

    // Records a failure and returns null when the store does not open.
    std::unique_ptr<AccountStore> open()
    {
        OpenResult opened = openStore(options());
        if (!opened.store)
            QTest::qFail(qPrintable(u"openStore: "_s + opened.failure.error.message), __FILE__,
                         __LINE__);
        return std::move(opened.store);
    }

    Account mustInsert(AccountStore &store, const Account &account)
    {
        auto inserted = store.insertAccount(account);
        if (!inserted) {
            QTest::qFail(qPrintable(u"insertAccount: "_s + inserted.error().message), __FILE__,
                         __LINE__);
            return {};
        }
        return *inserted;
    }

    int count(const QString &sql, const QVariantList &values = {})
    {
        const QVariantList column = m_backend->column(sql, values);
        return column.isEmpty() ? -1 : column.first().toInt();
    }
    int activeDroplets(const QString &accountId)
    {
        return count(u"SELECT active_droplets FROM do_accounts WHERE id = ?"_s, {accountId});
    }
    // Reservations still holding a slot (a confirmed one is a droplet, counted in active_droplets).
    int reservationRows(const QString &accountId)
    {
        return count(u"SELECT COUNT(*) FROM droplet_reservations WHERE account_id = ? "
                     "AND confirmed_at IS NULL"_s,
                     {accountId});
    }
    static int openCount(AccountStore &store, const QString &accountId)
    {
        const auto held = store.openReservations(accountId);
        if (!held)
            qWarning("openReservations: %s", qPrintable(held.error().message));
        return held ? *held : -1;
    }
    std::optional<Reservation> mustReserve(AccountStore &store, const QString &accountId,
                                           qint64 forMs = 60'000, const QString &taskId = {})
    {
        const auto reserved = store.reserveSlot(accountId, taskId, clock.now().addMSecs(forMs));
        if (!reserved) {
            QTest::qFail(qPrintable(u"reserveSlot: "_s + reserved.error().message), __FILE__,
                         __LINE__);
            return std::nullopt;
        }
        return *reserved;
    }

protected:
    StoreFixture() = default;

    StoreBackend *m_backend = nullptr;
};

// The base of every store contract test: its initTestCase_data() rows "sqlite" and "postgresql",
// and a fresh database of the row's backend for each test function (init/cleanup). Every test
// function then runs once on a fresh SQLite file and once on a throwaway PostgreSQL database,
// which fails (not skips) when DOPOOL_REQUIRE_PG=1 and no server is there. QtTest finds these
// slots through the derived test's meta-object.
class StoreContractFixture : public QObject, public StoreFixture
{
    Q_OBJECT

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        clock.set(ManualClock().now());
        if (backend == u"postgresql"_s) {
            DOPOOL_NEED_POSTGRES_SERVER();
            m_postgres = std::make_unique<TestPostgres>();
            QVERIFY2(m_postgres->isValid(), qPrintable(m_postgres->errorString()));
            m_ownBackend = std::make_unique<PostgresTestBackend>(*m_postgres);
        } else {
            auto sqlite = std::make_unique<SqliteTestBackend>();
            QVERIFY(sqlite->isValid());
            m_ownBackend = std::move(sqlite);
        }
        m_backend = m_ownBackend.get();
    }

    void cleanup()
    {
        m_backend = nullptr;
        m_ownBackend.reset();
        m_postgres.reset(); // drops the database
    }

private:
    std::unique_ptr<TestPostgres> m_postgres;
    std::unique_ptr<StoreBackend> m_ownBackend;
};

} // namespace dopool::testing
