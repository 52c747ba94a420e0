#include "model/AccountFilterProxy.h"
#include "model/AccountTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace dopool;
using namespace dopool::ui;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);

Account account(const QString &name, const QString &email, int droplets, int limit,
                AccountHealth health, int minutesSinceSync)
{
    Account a;
    a.id = name.toLower().replace(u' ', u'-');
    a.name = name;
    a.email = email;
    a.activeDroplets = droplets;
    a.dropletLimit = limit;
    a.healthStatus = health;
    if (minutesSinceSync >= 0)
        a.lastSyncAt = kNow.addSecs(-60 * minutesSinceSync);
    return a;
}

// The demo pool's three accounts plus one never synced: chosen so that sorting the display text
// gives a different order from sorting the values ("5/25" > "25/25" as text).
QList<Account> pool()
{
    return {account(QStringLiteral("Account 1"), QStringLiteral("do1@webrana.example"), 20, 25,
                    AccountHealth::Healthy, 3),
            account(QStringLiteral("Account 2"), QStringLiteral("ops@other.example"), 5, 25,
                    AccountHealth::Degraded, 120),
            account(QStringLiteral("Account 3"), QStringLiteral("do3@webrana.example"), 25, 25,
                    AccountHealth::Unhealthy, 10),
            account(QStringLiteral("account 10"), QStringLiteral("x@webrana.example"), 9, 100,
                    AccountHealth::Unknown, -1)};
}

QStringList namesInOrder(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, AccountTableModel::NameColumn)
                     .data(AccountTableModel::RawValueRole)
                     .toString();
    return names;
}

} // namespace

class TestAccountTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void displaysWhatAnAdminReads();
    void sortsByRawValues_data();
    void sortsByRawValues();
    void filtersByNameOrEmail_data();
    void filtersByNameOrEmail();
    void upsertAndRemoveKeepRowsKeyedById();
    void upsertManyIsOneUpdate();
    void passesTheModelTester();
};

void TestAccountTableModel::displaysWhatAnAdminReads()
{
    ManualClock clock(kNow);
    AccountTableModel model(clock);
    auto accounts = pool();
    accounts[0].isPrimary = true;
    accounts[2].lastError = QStringLiteral("HTTP 401: Unable to authenticate you");
    model.setAccounts(accounts);
    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role);
    };
    QCOMPARE(cell(0, AccountTableModel::NameColumn).toString(), QStringLiteral("Account 1 ★"));
    QCOMPARE(cell(0, AccountTableModel::CapacityColumn).toString(), QStringLiteral("20/25 (80%)"));
    QCOMPARE(cell(2, AccountTableModel::CapacityColumn).toString(), QStringLiteral("25/25 (100%)"));
    QCOMPARE(cell(1, AccountTableModel::HealthColumn).toString(), QStringLiteral("Degraded"));
    QCOMPARE(cell(0, AccountTableModel::LastSyncColumn).toString(), QStringLiteral("3 min ago"));
    QCOMPARE(cell(1, AccountTableModel::LastSyncColumn).toString(), QStringLiteral("2 h ago"));
    QCOMPARE(cell(3, AccountTableModel::LastSyncColumn).toString(), QStringLiteral("never"));
    QCOMPARE(cell(2, AccountTableModel::LastErrorColumn).toString(),
             QStringLiteral("HTTP 401: Unable to authenticate you"));
    QVERIFY(!cell(0, AccountTableModel::NameColumn, Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(cell(0, AccountTableModel::NameColumn, AccountTableModel::AccountIdRole).toString(),
             QStringLiteral("account-1"));
    // Time passes: the relative columns follow the clock.
    clock.advance(3600 * 1000);
    QCOMPARE(cell(0, AccountTableModel::LastSyncColumn).toString(), QStringLiteral("1 h ago"));
}

void TestAccountTableModel::sortsByRawValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("capacity ascending")
        << int(AccountTableModel::CapacityColumn) << Qt::AscendingOrder
        << QStringList{QStringLiteral("account 10"), QStringLiteral("account 2"),
                       QStringLiteral("account 1"), QStringLiteral("account 3")};
    QTest::newRow("capacity descending")
        << int(AccountTableModel::CapacityColumn) << Qt::DescendingOrder
        << QStringList{QStringLiteral("account 3"), QStringLiteral("account 1"),
                       QStringLiteral("account 2"), QStringLiteral("account 10")};
    QTest::newRow("health: attention first")
        << int(AccountTableModel::HealthColumn) << Qt::AscendingOrder
        << QStringList{QStringLiteral("account 3"), QStringLiteral("account 2"),
                       QStringLiteral("account 10"), QStringLiteral("account 1")};
    QTest::newRow("last sync: never first, then oldest")
        << int(AccountTableModel::LastSyncColumn) << Qt::AscendingOrder
        << QStringList{QStringLiteral("account 10"), QStringLiteral("account 2"),
                       QStringLiteral("account 3"), QStringLiteral("account 1")};
    QTest::newRow("name, case-insensitive")
        << int(AccountTableModel::NameColumn) << Qt::AscendingOrder
        << QStringList{QStringLiteral("account 1"), QStringLiteral("account 10"),
                       QStringLiteral("account 2"), QStringLiteral("account 3")};
}

void TestAccountTableModel::sortsByRawValues()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    ManualClock clock(kNow);
    AccountTableModel model(clock);
    model.setAccounts(pool());
    AccountFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(column, order);
    QCOMPARE(namesInOrder(proxy), expected);
}

void TestAccountTableModel::filtersByNameOrEmail_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("rows");
    QTest::newRow("empty shows all") << QString() << 4;
    QTest::newRow("name, any case") << QStringLiteral("ACCOUNT 1") << 2; // 1 and 10
    QTest::newRow("email domain") << QStringLiteral("webrana") << 3;
    QTest::newRow("email only") << QStringLiteral("ops@") << 1;
    QTest::newRow("surrounding blanks") << QStringLiteral("  other.example ") << 1;
    QTest::newRow("no match") << QStringLiteral("nothing-like-this") << 0;
    QTest::newRow("health text is not searched") << QStringLiteral("Healthy") << 0;
}

void TestAccountTableModel::filtersByNameOrEmail()
{
    QFETCH(QString, search);
    QFETCH(int, rows);
    ManualClock clock(kNow);
    AccountTableModel model(clock);
    model.setAccounts(pool());
    AccountFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setSearchText(search);
    QCOMPARE(proxy.rowCount(), rows);
}

void TestAccountTableModel::upsertAndRemoveKeepRowsKeyedById()
{
    ManualClock clock(kNow);
    AccountTableModel model(clock);
    model.setAccounts(pool());
    AccountFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AccountTableModel::CapacityColumn, Qt::AscendingOrder);

    Account changed = model.accounts().at(1); // Account 2: 5/25 -> 24/25
    changed.activeDroplets = 24;
    model.upsertAccount(changed);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowOf(changed.id), 1);
    // The proxy re-sorted the row as the value changed.
    QCOMPARE(namesInOrder(proxy).at(2), QStringLiteral("account 2"));

    Account added = account(QStringLiteral("Account 5"), QStringLiteral("a5@x.example"), 0, 10,
                            AccountHealth::Healthy, 0);
    model.upsertAccount(added);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(namesInOrder(proxy).first(), QStringLiteral("account 5"));

    model.removeAccount(model.accounts().at(0).id);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowOf(QStringLiteral("account-1")), -1);
    QCOMPARE(model.rowOf(added.id), 3);
    model.removeAccount(QStringLiteral("no-such-id")); // nothing happens
    QCOMPARE(model.rowCount(), 4);
}

// A sync's batch: one dataChanged over the changed rows, one insert for a new account, the
// proxy re-sorted once - not one signal per account.
void TestAccountTableModel::upsertManyIsOneUpdate()
{
    ManualClock clock(kNow);
    AccountTableModel model(clock);
    model.setAccounts(pool());
    AccountFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(AccountTableModel::CapacityColumn, Qt::AscendingOrder);
    QSignalSpy changedSpy(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy insertedSpy(&model, &QAbstractItemModel::rowsInserted);

    Account second = model.accounts().at(1); // Account 2: 5/25 -> 24/25
    second.activeDroplets = 24;
    Account third = model.accounts().at(2); // Account 3: 25/25 -> 0/25
    third.activeDroplets = 0;
    const Account added = account(QStringLiteral("Account 5"), QStringLiteral("a5@x.example"), 1,
                                  10, AccountHealth::Healthy, 0);
    model.upsertAccounts({second, added, third});

    QCOMPARE(changedSpy.size(), 1);
    QCOMPARE(changedSpy.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changedSpy.first().at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(insertedSpy.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.accounts().at(1).activeDroplets, 24);
    QCOMPARE(model.accounts().at(2).activeDroplets, 0);
    QCOMPARE(model.rowOf(added.id), 4);
    QCOMPARE(namesInOrder(proxy).first(), QStringLiteral("account 3"));
    QCOMPARE(namesInOrder(proxy).last(), QStringLiteral("account 2"));
    model.upsertAccounts({});
    QCOMPARE(changedSpy.size(), 1);
}

void TestAccountTableModel::passesTheModelTester()
{
    ManualClock clock(kNow);
    AccountTableModel model(clock);
    AccountFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccounts(pool());
    proxy.sort(AccountTableModel::CapacityColumn);
    proxy.setSearchText(QStringLiteral("webrana"));
    model.removeAccount(QStringLiteral("account-3"));
    model.refreshTimes();
    QCOMPARE(proxy.rowCount(), 2);
}

QTEST_MAIN(TestAccountTableModel)
#include "tst_accounttablemodel.moc"
