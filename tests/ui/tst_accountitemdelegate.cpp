#include "model/AccountItemDelegate.h"
#include "model/AccountTableModel.h"
#include "model/CapacityBarPainter.h"
#include "model/StatusColours.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace dopool;
using namespace dopool::ui;

class TestAccountItemDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void barColour_data();
    void barColour();
    void paintsTheCapacityBar_data();
    void paintsTheCapacityBar();
    void paintsTheHealthBadge();
};

void TestAccountItemDelegate::barColour_data()
{
    QTest::addColumn<int>("used");
    QTest::addColumn<int>("limit");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<QRgb>("expected");
    QTest::newRow("5/25 green") << 5 << 25 << 0.8 << StatusColours::ok;
    QTest::newRow("19/25 green") << 19 << 25 << 0.8 << StatusColours::ok;
    QTest::newRow("20/25 amber at 80%") << 20 << 25 << 0.8 << StatusColours::warning;
    QTest::newRow("24/25 amber") << 24 << 25 << 0.8 << StatusColours::warning;
    QTest::newRow("25/25 red") << 25 << 25 << 0.8 << StatusColours::critical;
    QTest::newRow("over the limit red") << 27 << 25 << 0.8 << StatusColours::critical;
    QTest::newRow("no limit red") << 0 << 0 << 0.8 << StatusColours::critical;
    QTest::newRow("custom threshold 90%: 20/25 green") << 20 << 25 << 0.9 << StatusColours::ok;
}

void TestAccountItemDelegate::barColour()
{
    QFETCH(int, used);
    QFETCH(int, limit);
    QFETCH(double, threshold);
    QFETCH(QRgb, expected);
    QCOMPARE(CapacityBarPainter::barColour(used, limit, threshold).rgb(), QColor(expected).rgb());
}

namespace {

// Renders one cell of a one-account model with the delegate into an image.
QImage renderCell(const Account &account, int column, QSize size = {200, 28})
{
    ManualClock clock;
    AccountTableModel model(clock);
    model.setAccounts({account});
    AccountItemDelegate delegate;
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = QRect(QPoint(0, 0), size);
    option.palette = QApplication::palette();
    option.font = QApplication::font();
    option.state = QStyle::State_Enabled;
    delegate.paint(&painter, option, model.index(0, column));
    painter.end();
    return image;
}

// How many pixels are close to colour (the bar is drawn with some transparency on white).
int pixelsNear(const QImage &image, QColor colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.hue() - colour.hue()) <= 12 && pixel.saturation() > 90)
                ++count;
        }
    }
    return count;
}

} // namespace

void TestAccountItemDelegate::paintsTheCapacityBar_data()
{
    QTest::addColumn<int>("used");
    QTest::addColumn<QRgb>("colour");
    QTest::addColumn<double>("minShare"); // of the cell that is coloured (the bar is ~70%)
    QTest::addColumn<double>("maxShare");
    QTest::newRow("5/25") << 5 << StatusColours::ok << 0.08 << 0.20;
    QTest::newRow("20/25") << 20 << StatusColours::warning << 0.40 << 0.58;
    QTest::newRow("25/25") << 25 << StatusColours::critical << 0.59 << 0.72;
}

void TestAccountItemDelegate::paintsTheCapacityBar()
{
    QFETCH(int, used);
    QFETCH(QRgb, colour);
    QFETCH(double, minShare);
    QFETCH(double, maxShare);
    Account account;
    account.id = QStringLiteral("a");
    account.activeDroplets = used;
    account.dropletLimit = 25;
    const QImage image = renderCell(account, AccountTableModel::CapacityColumn);
    const double share = double(pixelsNear(image, QColor(colour))) / (200 * 28);
    QVERIFY2(share >= minShare && share <= maxShare, qPrintable(QString::number(share)));
    // The other two colours are absent.
    for (QRgb other : {StatusColours::ok, StatusColours::warning, StatusColours::critical}) {
        if (other != colour)
            QCOMPARE(pixelsNear(image, QColor(other)), 0);
    }
}

void TestAccountItemDelegate::paintsTheHealthBadge()
{
    Account account;
    account.id = QStringLiteral("a");
    account.healthStatus = AccountHealth::Unhealthy;
    const QImage unhealthy = renderCell(account, AccountTableModel::HealthColumn);
    QVERIFY(pixelsNear(unhealthy, QColor(StatusColours::critical)) > 200);
    account.healthStatus = AccountHealth::Healthy;
    const QImage healthy = renderCell(account, AccountTableModel::HealthColumn);
    QVERIFY(pixelsNear(healthy, QColor(StatusColours::ok)) > 200);
    QCOMPARE(pixelsNear(healthy, QColor(StatusColours::critical)), 0);
}

QTEST_MAIN(TestAccountItemDelegate)
#include "tst_accountitemdelegate.moc"
