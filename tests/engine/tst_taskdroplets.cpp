// The DO tags a provisioned droplet carries (TaskDroplets.h): the order tag holds only DO's tag
// characters, at most 255 of them, is the order id itself when it can be, and never the same
// for two orders.
#include "engine/TaskDroplets.h"

#include <QRegularExpression>
#include <QTest>

using namespace dopool::engine;

class TestTaskDroplets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderTagIsValid_data()
    {
        QTest::addColumn<QString>("orderId");
        QTest::addColumn<QString>("expected"); // empty: only checked for validity
        QTest::newRow("uuid") << QStringLiteral("0a1b2c3d-4e5f-6789-abcd-ef0123456789")
                              << QStringLiteral(
                                     "dopool-order-0a1b2c3d-4e5f-6789-abcd-ef0123456789");
        QTest::newRow("letters, digits, ':' and '_'")
            << QStringLiteral("ORD_2026:17") << QStringLiteral("dopool-order-ORD_2026:17");
        QTest::newRow("trimmed") << QStringLiteral("  order-1 ")
                                 << QStringLiteral("dopool-order-order-1");
        QTest::newRow("slash and dot") << QStringLiteral("shop/orders.17") << QString();
        QTest::newRow("spaces and non-ASCII")
            << QStringLiteral("pesanan nomor 17 — Jakarta") << QString();
        QTest::newRow("very long") << QStringLiteral("x").repeated(400) << QString();
        QTest::newRow("very long, invalid") << QStringLiteral("x.").repeated(300) << QString();
    }
    void orderTagIsValid()
    {
        QFETCH(QString, orderId);
        QFETCH(QString, expected);
        const QString tag = orderTag(orderId);
        static const QRegularExpression valid(QStringLiteral("^dopool-order-[A-Za-z0-9:_-]+$"));
        QVERIFY2(valid.match(tag).hasMatch(), qPrintable(tag));
        QVERIFY(tag.size() <= 255);
        if (!expected.isEmpty())
            QCOMPARE(tag, expected);
    }

    void distinctOrdersGetDistinctTags()
    {
        // The same readable form, different orders.
        QVERIFY(orderTag(QStringLiteral("a.b")) != orderTag(QStringLiteral("a/b")));
        QVERIFY(orderTag(QStringLiteral("a.b")) != orderTag(QStringLiteral("a_b")));
        QVERIFY(orderTag(QStringLiteral("x").repeated(300)) !=
                orderTag(QStringLiteral("x").repeated(301)));
        QCOMPARE(orderTag(QStringLiteral("a.b")), orderTag(QStringLiteral("a.b")));
    }

    void taskTagNamesTheTask()
    {
        QCOMPARE(taskTag(QStringLiteral("2203f051-2fab-4d4e-b78c-a9e0d612ac60")),
                 QStringLiteral("dopool-task-2203f051-2fab-4d4e-b78c-a9e0d612ac60"));
    }
};

QTEST_GUILESS_MAIN(TestTaskDroplets)
#include "tst_taskdroplets.moc"
