// Renders the dialogs and the detail view, filled with the demo accounts, to PNG files in
// <build>/tests/screenshots/ (look at them when changing a layout) and checks each is a real
// picture: the size it should be, and more than a handful of colours. Before the grab, each
// row reads the widgets' own text: the error, state or value the picture must show is there
// (and a token only masked).

#include "TestLanguage.h"
#include "UiTestData.h"
#include "VerifyOk.h"
#include "api/DoApiClient.h"
#include "common/Translate.h"
#include "crypto/QtKeychainSecretStore.h"
#include "crypto/TokenMask.h"
#include "demo/DemoPool.h"
#include "desktop/PoolClient.h"
#include "detail/AccountDetailView.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/ProvisionDialog.h"
#include "fakedo/FakeDoServer.h"
#include "help/AboutDialog.h"
#include "history/PoolHistoryView.h"
#include "mainwindow/AlertBanner.h"
#include "model/OrderFilterProxy.h"
#include "model/OrderTableModel.h"
#include "orders/OrdersView.h"
#include "settings/PoolKeyBox.h"
#include "settings/SettingsDialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

using namespace dopool;
using namespace dopool::ui;
using namespace dopool::testing;

namespace {

QString screenshotPath(const QString &name)
{
    const QDir dir(QCoreApplication::applicationDirPath());
    dir.mkpath(QStringLiteral("screenshots"));
    return dir.filePath(QStringLiteral("screenshots/%1.png").arg(name));
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

// Every text the widget shows a reader, as shown: visible labels, line edits (masked as they
// display), buttons, combo boxes and group titles, one per line.
QString shownText(const QWidget &widget)
{
    QStringList parts;
    if (const auto *label = qobject_cast<const QLabel *>(&widget))
        parts << label->text();
    for (const QWidget *w : widget.findChildren<QWidget *>()) {
        if (!w->isVisibleTo(&widget))
            continue;
        if (const auto *label = qobject_cast<const QLabel *>(w))
            parts << label->text();
        else if (const auto *edit = qobject_cast<const QLineEdit *>(w))
            parts << edit->displayText();
        else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            parts << button->text();
        else if (const auto *combo = qobject_cast<const QComboBox *>(w))
            parts << combo->currentText();
        else if (const auto *group = qobject_cast<const QGroupBox *>(w))
            parts << group->title();
    }
    return parts.join(u'\n');
}

// What one picture must show (each text somewhere in its widgets) and must not (a token in
// clear, a password).
struct Shows
{
    Shows() = default;
    Shows(QStringList shown, QStringList notShown = {})
        : texts(std::move(shown))
        , never(std::move(notShown))
    {}
    QStringList texts;
    QStringList never;
};

// Shows the widget at the size it would open at (or the given one), lets layouts settle,
// reads what it shows, grabs it.
void render(QWidget &widget, const QString &name, QSize size = QSize(), const Shows &shows = {})
{
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QCoreApplication::processEvents(); // let messages shown before show() reach the layouts
    if (size.isValid())
        widget.resize(size);
    else
        widget.adjustSize(); // what a dialog opens at: its size hint, at least its minimum
    QCoreApplication::processEvents();
    const QString shown = shownText(widget);
    for (const QString &text : shows.texts)
        QVERIFY2(
            shown.contains(text),
            qPrintable(
                QStringLiteral("%1 does not show \"%2\"; it shows:\n%3").arg(name, text, shown)));
    for (const QString &text : shows.never)
        QVERIFY2(!shown.contains(text),
                 qPrintable(QStringLiteral("%1 shows \"%2\"").arg(name, text)));
    const QPixmap pixmap = widget.grab();
    const QString path = screenshotPath(name);
    QFile::remove(path);
    QVERIFY(pixmap.save(path, "PNG"));
    const QImage written(path);
    QVERIFY2(!written.isNull(), qPrintable(path));
    QCOMPARE(written.size(), pixmap.size());
    QVERIFY2(distinctColours(written) > 8, qPrintable(path));
    QVERIFY(written.width() >= widget.minimumWidth());
    // Every control a screen reader can reach has a name (the inner parts of spin boxes,
    // combo boxes and tables - editors, headers - speak for their owner).
    for (const QWidget *control : widget.findChildren<QWidget *>()) {
        const bool isControl = qobject_cast<const QAbstractButton *>(control) ||
                               qobject_cast<const QLineEdit *>(control) ||
                               qobject_cast<const QAbstractSpinBox *>(control) ||
                               qobject_cast<const QComboBox *>(control) ||
                               qobject_cast<const QAbstractItemView *>(control);
        const bool inner = qobject_cast<const QAbstractSpinBox *>(control->parentWidget()) ||
                           qobject_cast<const QComboBox *>(control->parentWidget()) ||
                           qobject_cast<const QAbstractItemView *>(control->parentWidget());
        if (isControl && !inner && control->isVisibleTo(&widget))
            QVERIFY2(!control->accessibleName().isEmpty(),
                     qPrintable(QStringLiteral("%1: %2 \"%3\" has no accessible name")
                                    .arg(name, QLatin1String(control->metaObject()->className()),
                                         control->objectName())));
    }
    // No wrapped text cut off at the bottom (a form sizing a label by its hint does that).
    for (const QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->isVisible() && label->wordWrap() && !label->text().isEmpty())
            QVERIFY2(
                label->height() >= label->heightForWidth(label->width()),
                qPrintable(
                    QStringLiteral("%1: clipped label \"%2\"").arg(name, label->text().left(40))));
    }
    qInfo("rendered %s (%dx%d)", qPrintable(path), written.width(), written.height());
}

AccountDialog::Verifier verifierAnswering(Result<api::AccountInfo> answer)
{
    return [answer](const QString &, QObject *context,
                    std::function<void(Result<api::AccountInfo>)> done) {
        QTimer::singleShot(0, context, [answer, done] { done(answer); });
    };
}

} // namespace

class TestDialogRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accountDialogAddVerified();
    void accountDialogAddInvalid();
    void accountDialogEdit();
    void accountDetailView_data();
    void accountDetailView();
    void provisionDialog();
    void provisionDialogFailed();
    void provisionDialogPickers();
    void provisionDialogWithoutCatalogue();
    void settingsDialog();
    void poolKeyBox();
    void keyProblemBanner();
    void poolHistory_data();
    void poolHistory();
    void aboutDialog_data();
    void aboutDialog();
    void ordersView_data();
    void ordersView();
};

void TestDialogRender::accountDialogAddVerified()
{
    AccountDialog dialog(AccountDialog::Mode::Add);
    dialog.setVerifier(verifierAnswering(demoInfo(2)));
    dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Account 2"));
    const QString token =
        QStringLiteral("dop_v1_4f6c0e5b2a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b");
    dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(token);
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("verifyButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.verifiedInfo().has_value());
    render(dialog, QStringLiteral("account-dialog-add"), QSize(),
           {{QStringLiteral("Token verified."), QStringLiteral("Email: ") + demoInfo(2).email,
             QStringLiteral("Account 2")},
            {token}});
}

void TestDialogRender::accountDialogAddInvalid()
{
    AccountDialog dialog(AccountDialog::Mode::Add);
    const QString token =
        QStringLiteral("dop_v1_0000000000000000000000000000000000000000000000000000000000001234");
    // An error that quotes the token: the dialog shows it masked.
    dialog.setVerifier(verifierAnswering(
        makeError(ErrorKind::Auth, QStringLiteral("DigitalOcean refused the token %1 (HTTP 401): "
                                                  "Unable to authenticate you")
                                       .arg(token))));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->setText(QStringLiteral("x"));
    name->clear();
    dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(token);
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("verifyButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.findChild<QPushButton *>(QStringLiteral("verifyButton"))->isEnabled());
    render(dialog, QStringLiteral("account-dialog-add-invalid"), QSize(),
           {{QStringLiteral("Verification failed: DigitalOcean refused the token ") +
             maskToken(token) + QStringLiteral(" (HTTP 401)")},
            {token}});
}

void TestDialogRender::accountDialogEdit()
{
    AccountDialog dialog(AccountDialog::Mode::Edit);
    dialog.setAccount(demoAccount(3));
    dialog.setSaveError(QStringLiteral("Could not save: an account named \"Account 3\" exists "
                                       "already"));
    render(dialog, QStringLiteral("account-dialog-edit"), QSize(),
           {{QStringLiteral("Could not save: an account named \"Account 3\" exists already"),
             QStringLiteral("Account 3"), demoAccount(3).email}});
}

void TestDialogRender::accountDetailView_data()
{
    QTest::addColumn<int>("tab");
    QTest::addColumn<QString>("name");
    QTest::newRow("overview") << 0 << QStringLiteral("account-detail-overview");
    QTest::newRow("droplets") << 1 << QStringLiteral("account-detail-droplets");
    QTest::newRow("utilisation") << 2 << QStringLiteral("account-detail-utilisation");
    QTest::newRow("health") << 3 << QStringLiteral("account-detail-health");
    QTest::newRow("tasks") << 4 << QStringLiteral("account-detail-tasks");
}

void TestDialogRender::accountDetailView()
{
    QFETCH(int, tab);
    QFETCH(QString, name);
    AccountDetailView view;
    Account account = demoAccount(1);
    account.lastError = QStringLiteral("HTTP 503 from /v2/droplets, retried");
    view.setAccount(account);
    view.setLiveIdentity(demoInfo(1));
    view.setHealthHistory(demoHealthEvents());
    view.setCapacityHistory(demoCapacity(24));
    view.setTasks(demoTasks());
    view.setDroplets(demoDroplets(20, 45), 1, 20);
    view.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentIndex(tab);
    render(view, name, QSize(640, 560), {{account.name}});
}

void TestDialogRender::provisionDialog()
{
    ProvisionDialog dialog{engine::EngineSettings{}};
    dialog.setPreview(demoSelection());
    dialog.findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
        ->setText(QStringLiteral("ORD-2025-0413"));
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("provisionButton")),
                      Qt::LeftButton);
    ProvisioningTask task;
    task.orderId = QStringLiteral("ORD-2025-0413");
    task.status = TaskStatus::InProgress;
    task.doAccountId = demoAccount(1).id;
    task.attempts = 1;
    dialog.setTaskProgress(task);
    render(dialog, QStringLiteral("provision-dialog-running"), QSize(),
           {{QStringLiteral("ORD-2025-0413")}});

    task.status = TaskStatus::Created;
    task.dropletId = 471230981;
    dialog.setOutcome(task);
    render(dialog, QStringLiteral("provision-dialog-created"), QSize(),
           {{QStringLiteral("471230981")}});
}

void TestDialogRender::provisionDialogFailed()
{
    ProvisionDialog dialog{engine::EngineSettings{}};
    dialog.setPreviewError(QStringLiteral("all 3 usable accounts are full: Account 1: full "
                                          "(25/25), Account 2: full (25/25), Account 3: full "
                                          "(25/25)"));
    dialog.findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
        ->setText(QStringLiteral("ORD-2025-0414"));
    dialog.setOutcomeError(QStringLiteral("all 3 usable accounts are full"));
    render(dialog, QStringLiteral("provision-dialog-failed"), QSize(),
           {{QStringLiteral("all 3 usable accounts are full")}});
}

// The catalogue as the fake DO server serves it, read over loopback by the real client.
std::optional<engine::Catalog> fakeCatalogue()
{
    const QString token = QStringLiteral("dop_v1_") + QString(64, u'c');
    fakedo::FakeDoServer server;
    if (!server.listen())
        return std::nullopt;
    server.addAccount(token, fakedo::FakeAccount{});
    api::DoApiClient client(server.baseUrl());
    QObject context;
    engine::Catalog catalog;
    int answers = 0;
    bool ok = true;
    client.listRegions(token, &context, [&](api::ApiResult<QList<api::Region>> r) {
        ++answers;
        ok = ok && r.ok();
        if (r)
            catalog.regions = r.value();
    });
    client.listSizes(token, &context, [&](api::ApiResult<QList<api::Size>> r) {
        ++answers;
        ok = ok && r.ok();
        if (r)
            catalog.sizes = r.value();
    });
    client.listDistributionImages(token, &context, [&](api::ApiResult<QList<api::Image>> r) {
        ++answers;
        ok = ok && r.ok();
        if (r)
            catalog.images = r.value();
    });
    if (!QTest::qWaitFor([&] { return answers == 3; }, 10000) || !ok)
        return std::nullopt;
    catalog.accountName = QStringLiteral("Account 1");
    return catalog;
}

void TestDialogRender::provisionDialogPickers()
{
    const std::optional<engine::Catalog> catalog = fakeCatalogue();
    QVERIFY(catalog);
    ProvisionDialog dialog{engine::EngineSettings{}};
    dialog.setPreview(demoSelection());
    dialog.setCatalog(*catalog);
    dialog.findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
        ->setText(QStringLiteral("ORD-2025-0415"));
    auto *region = dialog.findChild<QComboBox *>(QStringLiteral("regionCombo"));
    auto *size = dialog.findChild<QComboBox *>(QStringLiteral("sizeCombo"));
    auto *image = dialog.findChild<QComboBox *>(QStringLiteral("imageCombo"));
    QVERIFY(region && size && image);
    // The defaults (sgp1, s-1vcpu-1gb, ubuntu-24-04-x64) picked from the lists.
    QCOMPARE(region->currentData().toString(), QStringLiteral("sgp1"));
    QCOMPARE(size->currentData().toString(), QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(size->currentText(), QStringLiteral("s-1vcpu-1gb — 1 vCPU, 1 GB, 25 GB — $6/mo"));
    QCOMPARE(image->currentData().toString(), QStringLiteral("ubuntu-24-04-x64"));
    QCOMPARE(region->count(), 5); // fra1 is not open for new droplets
    render(dialog, QStringLiteral("provision-dialog-pickers"));

    // The size list as an admin opens it, over the dialog.
    size->showPopup();
    QVERIFY(QTest::qWaitFor([size] { return size->view()->isVisible(); }, 5000));
    QCoreApplication::processEvents();
    QWidget *popup = size->view()->window();
    QPixmap withPopup = dialog.grab();
    {
        QPainter painter(&withPopup);
        painter.drawPixmap(popup->mapToGlobal(QPoint(0, 0)) - dialog.mapToGlobal(QPoint(0, 0)),
                           popup->grab());
    }
    const QString path = screenshotPath(QStringLiteral("provision-dialog-size-list"));
    QFile::remove(path);
    QVERIFY(withPopup.save(path, "PNG"));
    size->hidePopup();
}

void TestDialogRender::provisionDialogWithoutCatalogue()
{
    ProvisionDialog dialog{engine::EngineSettings{}};
    dialog.setPreview(demoSelection());
    dialog.setCatalogError(QStringLiteral("Could not read DigitalOcean's catalogue with account "
                                          "'Account 1': could not reach DigitalOcean at "
                                          "api.digitalocean.com"));
    dialog.findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
        ->setText(QStringLiteral("ORD-2025-0416"));
    render(dialog, QStringLiteral("provision-dialog-no-catalogue"), QSize(),
           {{QStringLiteral("could not reach DigitalOcean at api.digitalocean.com")}});
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("catalogRetryButton"))->isVisible());
}

void TestDialogRender::settingsDialog()
{
    AppSettings current;
    current.webhookUrl = QStringLiteral("https://hooks.webrana.example/dopool");
    SettingsDialog dialog(current);
    dialog.setDatabaseTester(
        [](const QString &, QObject *context, std::function<void(Result<void>)> done) {
            QTimer::singleShot(0, context, [done] {
                done(makeError(ErrorKind::Store,
                               QStringLiteral("could not connect to db.internal:5432: connection "
                                              "refused")));
            });
        });
    dialog.findChild<QLineEdit *>(QStringLiteral("databaseEdit"))
        ->setText(QStringLiteral("postgresql://dopool@db.internal:5432/pool"));
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testDatabaseButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.findChild<QPushButton *>(QStringLiteral("testDatabaseButton"))->isEnabled());
    render(dialog, QStringLiteral("settings-dialog"), QSize(),
           {{QStringLiteral("could not connect to db.internal:5432: connection refused")}});
}

void TestDialogRender::poolKeyBox()
{
    QWidget window;
    window.setWindowTitle(QStringLiteral("Pool Key"));
    window.setMinimumWidth(520);
    auto *keyBox = new PoolKeyBox(
        QStringLiteral("2c9f-4dc4-d716-3c69"),
        [](const QString &, QObject *context, std::function<void(Result<QString>)> done) {
            QTimer::singleShot(0, context, [done] { done(QStringLiteral("2c9f-4dc4-d716-3c69")); });
        },
        {}, &window);
    keyBox->setFileChooser(
        [](QWidget *, bool) { return QStringLiteral("/home/admin/dopool-pool-key.txt"); });
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(keyBox);
    window.show();
    QTest::mouseClick(keyBox->findChild<QPushButton *>(QStringLiteral("exportKeyButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(keyBox->statusText().contains(QStringLiteral("Wrote the key")));
    render(window, QStringLiteral("pool-key"), QSize(),
           {{QStringLiteral("2c9f-4dc4-d716-3c69"), QStringLiteral("Wrote the key")}});
}

void TestDialogRender::keyProblemBanner()
{
    QWidget window;
    window.setMinimumWidth(900);
    auto *banner = new AlertBanner(&window);
    banner->setKeyProblem(QStringLiteral(
        "this instance's pool key (fingerprint e8c9-0601-2fbf-baf4) is out of date: the pool's "
        "key was rotated to fingerprint 0e35-4a01-e3e0-7497"));
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(banner);
    QVERIFY(banner->isCritical());
    render(window, QStringLiteral("key-problem-banner"), QSize(),
           {{QStringLiteral("the pool's key was rotated to fingerprint 0e35-4a01-e3e0-7497")}});
}

void TestDialogRender::poolHistory_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("id") << QStringLiteral("id");
}

// View -> Pool History on the demo pool as `dopool --demo` opens it: the engine thread, the
// built-in fake DO API and the days of history the demo comes with.
void TestDialogRender::poolHistory()
{
    QFETCH(QString, language);
    Language lang(language);
    QVERIFY(language == QLatin1String("en") || lang.loaded());
    MemorySecretStore secrets;
    desktop::DesktopConfig config;
    config.demo = demo::backend();
    config.schedule = false;
    desktop::PoolClient client(config, &secrets);
    QObject context;
    std::optional<Result<desktop::PoolInfo>> opened;
    client.open(&context, [&](Result<desktop::PoolInfo> info) { opened = std::move(info); });
    QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
    DOPOOL_VERIFY_OK(*opened);

    PoolHistoryView view;
    std::optional<Result<QList<desktop::PoolHistoryPoint>>> points;
    client.call(&desktop::PoolWorker::loadPoolHistory, view.days())
        .then(&context,
              [&](Result<QList<desktop::PoolHistoryPoint>> answer) { points = std::move(answer); });
    QTRY_VERIFY_WITH_TIMEOUT(points.has_value(), 20000);
    QVERIFY(*points);
    view.setHistory(**points, 0.8);
    QVERIFY(view.isShowingChart());
    QVERIFY(view.summaryText().contains(QStringLiteral("50")));
    render(view, QStringLiteral("pool-history-%1").arg(language), QSize(760, 440));
}

void TestDialogRender::aboutDialog_data()
{
    poolHistory_data();
}

void TestDialogRender::aboutDialog()
{
    QFETCH(QString, language);
    Language lang(language);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dopool-64.png")));
    desktop::PoolInfo pool;
    pool.backend = QStringLiteral("postgresql");
    pool.location = QStringLiteral("postgresql://dopool:not-shown@db.internal:5432/pool");
    pool.keyFingerprint = QStringLiteral("2c9f-4dc4-d716-3c69");
    AboutDialog dialog(AboutInfo::current(pool));
    render(dialog, QStringLiteral("about-dialog-%1").arg(language), QSize(),
           {{QStringLiteral("2c9f-4dc4-d716-3c69")}, {QStringLiteral("not-shown")}});
}

void TestDialogRender::ordersView_data()
{
    poolHistory_data();
}

// View -> Orders with an order in every status: what the admin reads, in both languages.
void TestDialogRender::ordersView()
{
    QFETCH(QString, language);
    Language lang(language);
    QVERIFY(language == QLatin1String("en") || lang.loaded());
    const ManualClock clock(demoNow());
    OrdersView view(clock);
    view.model()->setDefaults(QStringLiteral("sgp1"), QStringLiteral("s-1vcpu-1gb"),
                              QStringLiteral("ubuntu-24-04-x64"));
    view.model()->setAccountNames({{demoAccount(1).id, QStringLiteral("Account 1")},
                                   {demoAccount(2).id, QStringLiteral("Account 2")}});
    view.model()->setTasks(demoOrders());
    view.setPoolOpen(true);
    view.selectTask(QStringLiteral("task-0415")); // the failed one: Retry enabled
    view.showMessage(
        OrdersView::tr("Order %1 is queued again").arg(QStringLiteral("ORD-2025-0412")),
        StatusLabel::Tone::Success);
    render(view, QStringLiteral("orders-dock-%1").arg(language), QSize(1240, 330));

    // What the widgets say, not only that they drew something.
    const QAbstractItemModel *model = view.table()->model();
    QStringList statuses;
    for (int row = 0; row < model->rowCount(); ++row)
        statuses << model->index(row, OrderTableModel::StatusColumn).data().toString();
    const bool english = language == QLatin1String("en");
    QCOMPARE(statuses.contains(QStringLiteral("waiting for capacity")), english);
    QCOMPARE(statuses.contains(QStringLiteral("failed")), english);
    QCOMPARE(int(statuses.size()), 7);
    QCOMPARE(QSet<QString>(statuses.cbegin(), statuses.cend()).size(), 7); // seven words
    const QString errorHeader =
        model->headerData(OrderTableModel::ErrorColumn, Qt::Horizontal).toString();
    QCOMPARE(errorHeader == QStringLiteral("Error or reason"), english);
    QCOMPARE(view.countText() == QStringLiteral("Orders: 7"), english);
    QVERIFY(view.countText().contains(QLatin1Char('7')));
    auto *retry = child<QPushButton>(&view, "retryOrderButton");
    auto *cancel = child<QPushButton>(&view, "cancelOrderButton");
    QVERIFY(retry->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(retry->text() == QStringLiteral("Re&try"), english);
    // The columns fit their headers in this language; the waiting reason is not cut to nothing.
    QHeaderView *header = view.table()->horizontalHeader();
    for (int column = 0; column < header->count() - 1; ++column)
        QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column),
                 qPrintable(model->headerData(column, Qt::Horizontal).toString()));
    QVERIFY(header->sectionSize(OrderTableModel::ErrorColumn) > 150);
    // The status filter offers every status in words, after "all".
    auto *filter = child<QComboBox>(&view, "orderStatusFilter");
    QCOMPARE(filter->count(), 8);
    filter->setCurrentIndex(filter->findData(QStringLiteral("WAITING")));
    QCOMPARE(model->rowCount(), 1);
}

QTEST_MAIN(TestDialogRender)
#include "tst_dialogrender.moc"
