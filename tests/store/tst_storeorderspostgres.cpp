// What only PostgreSQL has for the order queue: the dopool_orders notifications the
// order-service waits on, the defaults its Prisma INSERT relies on, and the refusal of a
// provisioning_tasks made in another shape (Prisma's camelCase columns, other types).
#include "StoreFixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>

using namespace dopool;
using namespace dopool::testing;
using namespace Qt::StringLiterals;

class TestStoreOrdersPostgres : public QObject
{
    Q_OBJECT

private slots:
    void notifiesOrderChanges();
    void prismaInsertNeedsNoMore();
    void foreignShapeRefused_data();
    void foreignShapeRefused();
};

namespace {

StoreOptions optionsFor(const TestPostgres &pg, const Clock *clock)
{
    StoreOptions o;
    o.url = pg.url();
    o.clock = clock;
    o.connectTimeoutSec = 5;
    return o;
}

QJsonObject payloadOf(const QList<QVariant> &notification)
{
    return QJsonDocument::fromJson(notification.at(2).toString().toUtf8()).object();
}

} // namespace

void TestStoreOrdersPostgres::notifiesOrderChanges()
{
    DOPOOL_TEST_POSTGRES(pg);
    SystemClock clock;
    OpenResult opened = openStore(optionsFor(pg, &clock));
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    AccountStore &store = *opened.store;

    QSqlDatabase listener = pg.connection();
    QVERIFY(listener.driver()->subscribeToNotification(u"dopool_orders"_s));
    QSignalSpy spy(listener.driver(), &QSqlDriver::notification);

    const auto queued = store.enqueueOrder(OrderRequest{u"order-n"_s, {}, {}, {}});
    DOPOOL_VERIFY_OK(queued);
    QTRY_COMPARE(spy.size(), 1);
    QJsonObject payload = payloadOf(spy.takeFirst());
    QCOMPARE(payload.value(u"id"_s).toString(), queued->id);
    QCOMPARE(payload.value(u"order_id"_s).toString(), u"order-n"_s);
    QCOMPARE(payload.value(u"status"_s).toString(), u"PENDING"_s);

    // A claim changes the status; a lease renewal does not, and is not announced.
    const auto claimed = store.claimNextOrder(u"me"_s, clock.now().addSecs(30), WaitingRows::Due);
    DOPOOL_VERIFY_OK(claimed);
    QVERIFY(claimed->has_value());
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(payloadOf(spy.takeFirst()).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
    QCOMPARE(*store.renewClaims(u"me"_s, clock.now().addSecs(60)), 1);
    QCOMPARE(pg.exec(u"DELETE FROM provisioning_tasks WHERE id = ?"_s, {queued->id}), QString());
    QTRY_COMPARE(spy.size(), 1);
    payload = payloadOf(spy.takeFirst());
    QCOMPARE(payload.value(u"status"_s).toString(), u"IN_PROGRESS"_s); // the deleted row's
    QCOMPARE(payload.value(u"id"_s).toString(), queued->id);
    listener.driver()->unsubscribeFromNotification(u"dopool_orders"_s);
}

// Prisma's create() sends what the model has no default for: id, order_id, status (and
// updated_at, @updatedAt); the database fills in the rest.
void TestStoreOrdersPostgres::prismaInsertNeedsNoMore()
{
    DOPOOL_TEST_POSTGRES(pg);
    SystemClock clock;
    OpenResult opened = openStore(optionsFor(pg, &clock));
    QVERIFY2(opened.store, qPrintable(opened.failure.error.message));
    QCOMPARE(pg.exec(u"INSERT INTO provisioning_tasks (id, order_id, status) "
                     "VALUES (gen_random_uuid(), 'order-p', 'PENDING')"_s),
             QString());
    const auto claimed =
        opened.store->claimNextOrder(u"me"_s, clock.now().addSecs(30), WaitingRows::Due);
    DOPOOL_VERIFY_OK(claimed);
    QVERIFY(claimed->has_value());
    QCOMPARE((*claimed)->orderId, u"order-p"_s);
    QCOMPARE((*claimed)->attempts, 0);
    QVERIFY(!(*claimed)->extra);
    QVERIFY((*claimed)->createdAt.isValid());
}

void TestStoreOrdersPostgres::foreignShapeRefused_data()
{
    QTest::addColumn<QString>("ddl");
    QTest::addColumn<QStringList>("named"); // in the error
    QTest::newRow("Prisma camelCase, no @map")
        << u"CREATE TABLE provisioning_tasks (id uuid PRIMARY KEY, \"orderId\" text NOT NULL, "
           "status text NOT NULL, \"doAccountId\" uuid, \"createdAt\" timestamptz NOT NULL "
           "DEFAULT now(), \"updatedAt\" timestamptz NOT NULL)"_s
        << QStringList{u"\"orderId\""_s, u"order_id is missing"_s, u"@map(\"order_id\")"_s,
                       u"Expected: id uuid, order_id text"_s};
    QTest::newRow("both spellings")
        << u"CREATE TABLE provisioning_tasks (id uuid PRIMARY KEY, order_id text NOT NULL, "
           "\"orderId\" text, status text NOT NULL)"_s
        << QStringList{u"\"orderId\" should be order_id"_s};
    QTest::newRow("incompatible type")
        << u"CREATE TABLE provisioning_tasks (id uuid PRIMARY KEY, order_id integer NOT NULL, "
           "status text NOT NULL)"_s
        << QStringList{u"order_id is integer"_s};
    QTest::newRow("account id as text")
        << u"CREATE TABLE provisioning_tasks (id uuid PRIMARY KEY, order_id text NOT NULL, "
           "status text NOT NULL, do_account_id text)"_s
        << QStringList{u"do_account_id is text, not uuid"_s};
}

void TestStoreOrdersPostgres::foreignShapeRefused()
{
    QFETCH(QString, ddl);
    QFETCH(QStringList, named);
    DOPOOL_TEST_POSTGRES(pg);
    QCOMPARE(pg.exec(ddl), QString());
    const QVariantList before =
        pg.column(u"SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
                  "information_schema.columns WHERE table_name = 'provisioning_tasks'"_s);
    SystemClock clock;
    OpenResult opened = openStore(optionsFor(pg, &clock));
    QVERIFY(!opened.store);
    const QString message = opened.failure.error.message;
    for (const QString &part : named)
        QVERIFY2(message.contains(part), qPrintable(u"missing '"_s + part + u"' in: "_s + message));
    // Refused, not patched: the table is as it was, and nothing of dopool's was created.
    QCOMPARE(pg.column(u"SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
                       "information_schema.columns WHERE table_name = 'provisioning_tasks'"_s),
             before);
    QCOMPARE(pg.column(u"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = "
                       "'do_accounts'"_s)
                 .value(0)
                 .toInt(),
             0);
}

QTEST_GUILESS_MAIN(TestStoreOrdersPostgres)
#include "tst_storeorderspostgres.moc"
