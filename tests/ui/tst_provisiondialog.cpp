#include "UiTestData.h"
#include "dialogs/ProvisionDialog.h"
#include "dialogs/StatusLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using dopool::ProvisioningTask;
using dopool::TaskStatus;
using dopool::engine::EngineSettings;
using dopool::engine::ProvisionRequest;
using dopool::ui::ProvisionDialog;
using dopool::ui::StatusLabel;
using namespace dopool::testing;

namespace {

QPushButton *provisionButton(const ProvisionDialog &dialog)
{
    return child<QPushButton>(&dialog, "provisionButton");
}

ProvisioningTask runningTask(int attempts)
{
    ProvisioningTask task;
    task.orderId = QStringLiteral("ORD-1");
    task.status = TaskStatus::InProgress;
    task.doAccountId = demoAccount(1).id;
    task.attempts = attempts;
    return task;
}

dopool::api::Size size(const char *slug, int vcpus, int memoryMb, int diskGb, double price,
                       QStringList regions)
{
    dopool::api::Size s;
    s.slug = QLatin1String(slug);
    s.vcpus = vcpus;
    s.memoryMb = memoryMb;
    s.diskGb = diskGb;
    s.priceMonthly = price;
    s.regions = std::move(regions);
    s.available = true;
    s.description = QStringLiteral("Basic");
    return s;
}

// A small hand-made catalogue: sgp1 offers two sizes, nyc3 three, fra1 is closed.
dopool::engine::Catalog catalogue()
{
    dopool::engine::Catalog c;
    c.regions = {{QStringLiteral("sgp1"), QStringLiteral("Singapore 1"), true, {}},
                 {QStringLiteral("nyc3"), QStringLiteral("New York 3"), true, {}},
                 {QStringLiteral("fra1"), QStringLiteral("Frankfurt 1"), false, {}}};
    const QString sgp1 = QStringLiteral("sgp1");
    const QString nyc3 = QStringLiteral("nyc3");
    c.sizes = {size("s-1vcpu-512mb-10gb", 1, 512, 10, 4, {nyc3}),
               size("s-1vcpu-1gb", 1, 1024, 25, 6, {sgp1, nyc3}),
               size("s-2vcpu-4gb", 2, 4096, 80, 24, {sgp1, nyc3})};
    c.images = {{1, QStringLiteral("ubuntu-24-04-x64"), QStringLiteral("Ubuntu"),
                 QStringLiteral("24.04 (LTS) x64"), true},
                {2, QStringLiteral("debian-12-x64"), QStringLiteral("Debian"),
                 QStringLiteral("12 x64"), true},
                {3, QStringLiteral("ubuntu-22-04-x64"), QStringLiteral("Ubuntu"),
                 QStringLiteral("22.04 (LTS) x64"), true}};
    return c;
}

QStringList itemSlugs(const QComboBox *combo)
{
    QStringList slugs;
    for (int i = 0; i < combo->count(); ++i) {
        if (!combo->itemData(i).toString().isEmpty())
            slugs << combo->itemData(i).toString();
    }
    return slugs;
}

} // namespace

class TestProvisionDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pickersOfferTheCatalogue();
    void sizesFollowTheRegion();
    void freeTextStillWorks();
    void completerFiltersByContains();
    void catalogueErrorIsAQuietNote();
    void capacityFollowsTheAccount();
    void outcomeAsksForANewPreview();
    void prefilledWithDefaults();
    void orderIdValidation_data();
    void orderIdValidation();
    void emptyFieldDisablesProvision();
    void requestCarriesTrimmedFields();
    void disabledWhileRunning();
    void previewTexts();
    void previewLoadingAndError();
    void checkAgainEmits();
    void progressNamesTheAccount();
    void createdOutcome();
    void failedOutcome();
    void outcomeError();
    void existingOrderAndAnother();
    void uncertainProgress();
};

void TestProvisionDialog::prefilledWithDefaults()
{
    ProvisionDialog dialog{EngineSettings{}};
    QCOMPARE(child<QLineEdit>(&dialog, "regionEdit")->text(), QStringLiteral("sgp1"));
    QCOMPARE(child<QLineEdit>(&dialog, "sizeEdit")->text(), QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(child<QLineEdit>(&dialog, "imageEdit")->text(), QStringLiteral("ubuntu-24-04-x64"));
    QVERIFY(child<QLineEdit>(&dialog, "orderIdEdit")->text().isEmpty());
    QVERIFY(!provisionButton(dialog)->isEnabled());
}

void TestProvisionDialog::orderIdValidation_data()
{
    QTest::addColumn<QString>("orderId");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("blank") << QStringLiteral("   ") << false;
    QTest::newRow("101 characters") << QString(101, QLatin1Char('7')) << false;
    QTest::newRow("100 characters") << QString(100, QLatin1Char('7')) << true;
    QTest::newRow("100 characters plus padding")
        << QStringLiteral("  %1  ").arg(QString(100, QLatin1Char('7'))) << true;
    QTest::newRow("plain") << QStringLiteral("ORD-2025-0413") << true;
}

void TestProvisionDialog::orderIdValidation()
{
    QFETCH(QString, orderId);
    QFETCH(bool, valid);
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    auto *edit = child<QLineEdit>(&dialog, "orderIdEdit");
    edit->setText(QStringLiteral("x"));
    edit->setText(orderId);
    QCOMPARE(provisionButton(dialog)->isEnabled(), valid);
    auto *message = child<StatusLabel>(&dialog, "orderIdMessage");
    QCOMPARE(message->isVisibleTo(&dialog), !valid);
    if (!valid)
        QCOMPARE(message->tone(), StatusLabel::Tone::Error);
}

void TestProvisionDialog::emptyFieldDisablesProvision()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QVERIFY(provisionButton(dialog)->isEnabled());
    child<QLineEdit>(&dialog, "imageEdit")->setText(QStringLiteral("  "));
    QVERIFY(!provisionButton(dialog)->isEnabled());
    QVERIFY(child<StatusLabel>(&dialog, "fieldsMessage")->isVisibleTo(&dialog));
}

void TestProvisionDialog::requestCarriesTrimmedFields()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    QSignalSpy spy(&dialog, &ProvisionDialog::provisionRequested);
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("  ORD-2025-0413 "));
    child<QLineEdit>(&dialog, "regionEdit")->setText(QStringLiteral(" nyc3"));
    child<QLineEdit>(&dialog, "sizeEdit")->setText(QStringLiteral("s-2vcpu-2gb "));
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    const auto request = spy.at(0).at(0).value<ProvisionRequest>();
    QCOMPARE(request.orderId, QStringLiteral("ORD-2025-0413"));
    QCOMPARE(request.region, QStringLiteral("nyc3"));
    QCOMPARE(request.size, QStringLiteral("s-2vcpu-2gb"));
    QCOMPARE(request.image, QStringLiteral("ubuntu-24-04-x64"));
}

void TestProvisionDialog::disabledWhileRunning()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    QSignalSpy spy(&dialog, &ProvisionDialog::provisionRequested);
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton);
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton); // impatient second click
    QCOMPARE(spy.count(), 1);
    dialog.setRunning(true);
    QVERIFY(dialog.isRunning());
    QVERIFY(!provisionButton(dialog)->isEnabled());
    QVERIFY(child<QLineEdit>(&dialog, "orderIdEdit")->isReadOnly());
    auto *close = child<QDialogButtonBox>(&dialog, "buttons")->button(QDialogButtonBox::Close);
    QVERIFY(close->isEnabled());
    dialog.setRunning(false);
    QVERIFY(provisionButton(dialog)->isEnabled());
    QVERIFY(!child<QLineEdit>(&dialog, "orderIdEdit")->isReadOnly());
}

void TestProvisionDialog::previewTexts()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setPreview(demoSelection());
    QVERIFY(child<QLabel>(&dialog, "previewAccount")->text().contains(QStringLiteral("Account 1")));
    const QString capacity = child<QLabel>(&dialog, "previewCapacity")->text();
    QVERIFY2(capacity.contains(QStringLiteral("20/25")), qPrintable(capacity));
    QCOMPARE(child<QLabel>(&dialog, "previewReason")->text(),
             QStringLiteral("primary account, 20 of 25 used"));
    QCOMPARE(child<QLabel>(&dialog, "previewSkipped")->text(),
             QStringLiteral("Account 3: full (25/25)"));
}

void TestProvisionDialog::previewLoadingAndError()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    auto *status = child<StatusLabel>(&dialog, "previewStatus");
    auto *checkAgain = child<QPushButton>(&dialog, "checkAgainButton");
    dialog.setPreviewLoading();
    QVERIFY(status->isVisibleTo(&dialog));
    QVERIFY(!checkAgain->isEnabled());
    dialog.setPreviewError(QStringLiteral("all 3 usable accounts are full"));
    QCOMPARE(status->text(), QStringLiteral("all 3 usable accounts are full"));
    QCOMPARE(status->tone(), StatusLabel::Tone::Error);
    QVERIFY(checkAgain->isEnabled());
    dialog.setPreview(demoSelection());
    QVERIFY(!status->isVisibleTo(&dialog));
}

void TestProvisionDialog::checkAgainEmits()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    QSignalSpy spy(&dialog, &ProvisionDialog::previewRequested);
    QTest::mouseClick(child<QPushButton>(&dialog, "checkAgainButton"), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

void TestProvisionDialog::progressNamesTheAccount()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setPreview(demoSelection()); // teaches the dialog Account 1's id
    dialog.setTaskProgress(runningTask(2));
    QCOMPARE(child<StatusLabel>(&dialog, "progressLabel")->text(),
             ProvisionDialog::tr("In progress on account %1, attempt %2")
                 .arg(QStringLiteral("Account 1"))
                 .arg(2));
    ProvisioningTask other = runningTask(3);
    other.doAccountId = demoAccount(2).id;
    dialog.setAccountNames({{demoAccount(2).id, QStringLiteral("Account 2")}});
    dialog.setTaskProgress(other);
    QVERIFY(
        child<StatusLabel>(&dialog, "progressLabel")->text().contains(QStringLiteral("Account 2")));
}

void TestProvisionDialog::createdOutcome()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    dialog.setPreview(demoSelection());
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton);
    ProvisioningTask task = runningTask(1);
    task.status = TaskStatus::Created;
    task.dropletId = 471230981;
    dialog.setOutcome(task);
    auto *outcome = child<StatusLabel>(&dialog, "outcomeLabel");
    QVERIFY(outcome->text().contains(QStringLiteral("471230981")));
    QVERIFY(outcome->text().contains(QStringLiteral("Account 1")));
    QCOMPARE(outcome->tone(), StatusLabel::Tone::Success);
    QVERIFY(!dialog.isRunning());
    QVERIFY(!child<StatusLabel>(&dialog, "progressLabel")->isVisibleTo(&dialog));
    // The same order again would create a second droplet: a new order id is needed.
    QVERIFY(!provisionButton(dialog)->isEnabled());
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-2"));
    QVERIFY(provisionButton(dialog)->isEnabled());
}

void TestProvisionDialog::failedOutcome()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton);
    ProvisioningTask task = runningTask(3);
    task.status = TaskStatus::Failed;
    task.error = QStringLiteral("all 3 usable accounts are full");
    dialog.setTaskProgress(task); // a FAILED update is the outcome too
    auto *outcome = child<StatusLabel>(&dialog, "outcomeLabel");
    QVERIFY(outcome->text().contains(task.error));
    QCOMPARE(outcome->tone(), StatusLabel::Tone::Error);
    QCOMPARE(outcome->palette().color(QPalette::WindowText),
             StatusLabel::colour(StatusLabel::Tone::Error, QPalette()));
    QVERIFY(provisionButton(dialog)->isEnabled()); // may retry the same order
}

void TestProvisionDialog::outcomeError()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton);
    dialog.setOutcomeError(QStringLiteral("the database is locked"));
    auto *outcome = child<StatusLabel>(&dialog, "outcomeLabel");
    QVERIFY(outcome->text().contains(QStringLiteral("the database is locked")));
    QCOMPARE(outcome->tone(), StatusLabel::Tone::Error);
    QVERIFY(!dialog.isRunning());
    QVERIFY(provisionButton(dialog)->isEnabled());
}

// The order had its droplet: said so (warning, not success); the same order again needs
// "Create another", which the request then carries, as it carries "Wait" (on by default).
void TestProvisionDialog::existingOrderAndAnother()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    dialog.setPreview(demoSelection());
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QVERIFY(dialog.request().wait);
    QVERIFY(!dialog.request().another);
    QTest::mouseClick(provisionButton(dialog), Qt::LeftButton);
    dopool::engine::ProvisionOutcome outcome;
    outcome.task = runningTask(1);
    outcome.task.orderId = QStringLiteral("ORD-1");
    outcome.task.status = TaskStatus::Created;
    outcome.task.dropletId = 471230981;
    outcome.existing = true;
    dialog.setOutcome(outcome);
    auto *label = child<StatusLabel>(&dialog, "outcomeLabel");
    QVERIFY2(label->text().contains(QStringLiteral("471230981")) &&
                 label->text().contains(QStringLiteral("ORD-1")),
             qPrintable(label->text()));
    QCOMPARE(label->tone(), StatusLabel::Tone::Warning);
    QVERIFY(!dialog.isRunning());
    QVERIFY(!provisionButton(dialog)->isEnabled());
    child<QCheckBox>(&dialog, "anotherCheck")->setChecked(true);
    QVERIFY(provisionButton(dialog)->isEnabled());
    QVERIFY(dialog.request().another);
    child<QCheckBox>(&dialog, "waitCheck")->setChecked(false);
    QVERIFY(!dialog.request().wait);
}

void TestProvisionDialog::uncertainProgress()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.show();
    dialog.setPreview(demoSelection());
    ProvisioningTask task = runningTask(1);
    task.status = TaskStatus::Uncertain;
    dialog.setTaskProgress(task);
    auto *progress = child<StatusLabel>(&dialog, "progressLabel");
    QVERIFY2(progress->text().contains(QStringLiteral("Account 1")), qPrintable(progress->text()));
    QCOMPARE(progress->tone(), StatusLabel::Tone::Warning);
}

void TestProvisionDialog::pickersOfferTheCatalogue()
{
    ProvisionDialog dialog{EngineSettings{}};
    auto *note = child<StatusLabel>(&dialog, "catalogNote");
    QVERIFY(!note->text().isEmpty()); // loading
    dialog.setCatalog(catalogue());
    QVERIFY(note->text().isEmpty());
    auto *region = child<QComboBox>(&dialog, "regionCombo");
    auto *sizeCombo = child<QComboBox>(&dialog, "sizeCombo");
    auto *image = child<QComboBox>(&dialog, "imageCombo");
    QVERIFY(region->isEditable() && sizeCombo->isEditable() && image->isEditable());
    QCOMPARE(itemSlugs(region), QStringList({QStringLiteral("sgp1"), QStringLiteral("nyc3")}));
    QCOMPARE(region->currentText(), QStringLiteral("sgp1 — Singapore 1"));
    QCOMPARE(itemSlugs(sizeCombo),
             QStringList({QStringLiteral("s-1vcpu-1gb"), QStringLiteral("s-2vcpu-4gb")}));
    QCOMPARE(sizeCombo->currentText(), QStringLiteral("s-1vcpu-1gb — 1 vCPU, 1 GB, 25 GB — $6/mo"));
    // Grouped by distribution in the catalogue's order, a separator between the groups.
    QCOMPARE(itemSlugs(image),
             QStringList({QStringLiteral("ubuntu-24-04-x64"), QStringLiteral("ubuntu-22-04-x64"),
                          QStringLiteral("debian-12-x64")}));
    QCOMPARE(image->count(), 4);
    QCOMPARE(image->currentText(), QStringLiteral("Ubuntu 24.04 (LTS) x64 — ubuntu-24-04-x64"));
    const ProvisionRequest r = dialog.request();
    QCOMPARE(r.region, QStringLiteral("sgp1"));
    QCOMPARE(r.size, QStringLiteral("s-1vcpu-1gb"));
    QCOMPARE(r.image, QStringLiteral("ubuntu-24-04-x64"));
    QVERIFY(!child<StatusLabel>(&dialog, "fieldsMessage")->isVisibleTo(&dialog));
}

void TestProvisionDialog::sizesFollowTheRegion()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setCatalog(catalogue());
    auto *region = child<QComboBox>(&dialog, "regionCombo");
    auto *sizeCombo = child<QComboBox>(&dialog, "sizeCombo");
    sizeCombo->setCurrentIndex(sizeCombo->findData(QStringLiteral("s-2vcpu-4gb")));
    region->setCurrentIndex(region->findData(QStringLiteral("nyc3")));
    QCOMPARE(itemSlugs(sizeCombo),
             QStringList({QStringLiteral("s-1vcpu-512mb-10gb"), QStringLiteral("s-1vcpu-1gb"),
                          QStringLiteral("s-2vcpu-4gb")}));
    QCOMPARE(dialog.request().size, QStringLiteral("s-2vcpu-4gb")); // the choice survives
    QCOMPARE(dialog.request().region, QStringLiteral("nyc3"));

    // A size sgp1 does not offer: kept as typed, with a warning that does not block.
    sizeCombo->setCurrentIndex(sizeCombo->findData(QStringLiteral("s-1vcpu-512mb-10gb")));
    region->setCurrentIndex(region->findData(QStringLiteral("sgp1")));
    QCOMPARE(dialog.request().size, QStringLiteral("s-1vcpu-512mb-10gb"));
    auto *message = child<StatusLabel>(&dialog, "fieldsMessage");
    QVERIFY2(message->text().contains(QStringLiteral("s-1vcpu-512mb-10gb")),
             qPrintable(message->text()));
    QCOMPARE(message->tone(), StatusLabel::Tone::Warning);
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QVERIFY(provisionButton(dialog)->isEnabled());
}

void TestProvisionDialog::freeTextStillWorks()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setCatalog(catalogue());
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    child<QLineEdit>(&dialog, "regionEdit")->setText(QStringLiteral(" tor1 "));
    child<QLineEdit>(&dialog, "imageEdit")->setText(QStringLiteral("7555620"));
    const ProvisionRequest r = dialog.request();
    QCOMPARE(r.region, QStringLiteral("tor1"));
    QCOMPARE(r.image, QStringLiteral("7555620"));
    QVERIFY(provisionButton(dialog)->isEnabled());
    auto *message = child<StatusLabel>(&dialog, "fieldsMessage");
    QVERIFY2(message->text().contains(QStringLiteral("tor1")), qPrintable(message->text()));
    QCOMPARE(message->tone(), StatusLabel::Tone::Warning);
}

void TestProvisionDialog::completerFiltersByContains()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setCatalog(catalogue());
    auto *image = child<QComboBox>(&dialog, "imageCombo");
    QCompleter *completer = image->completer();
    QVERIFY(completer);
    QCOMPARE(completer->filterMode(), Qt::MatchContains);
    QCOMPARE(completer->caseSensitivity(), Qt::CaseInsensitive);
    completer->setCompletionPrefix(QStringLiteral("DEBIAN"));
    QCOMPARE(completer->completionCount(), 1);
    QVERIFY(completer->currentCompletion().contains(QStringLiteral("debian-12-x64")));
    completer->setCompletionPrefix(QStringLiteral("lts"));
    QCOMPARE(completer->completionCount(), 2);
}

void TestProvisionDialog::catalogueErrorIsAQuietNote()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setCatalogError(QStringLiteral("could not reach DigitalOcean"));
    auto *note = child<StatusLabel>(&dialog, "catalogNote");
    QVERIFY2(note->text().contains(QStringLiteral("could not reach DigitalOcean")),
             qPrintable(note->text()));
    QCOMPARE(note->tone(), StatusLabel::Tone::Neutral);
    child<QLineEdit>(&dialog, "orderIdEdit")->setText(QStringLiteral("ORD-1"));
    QVERIFY(provisionButton(dialog)->isEnabled()); // the defaults as free text
    QCOMPARE(dialog.request().size, QStringLiteral("s-1vcpu-1gb"));
    QVERIFY(!child<StatusLabel>(&dialog, "fieldsMessage")->isVisibleTo(&dialog));

    // Try again asks for the lists anew; they arrive and the note and button go.
    auto *retry = child<QPushButton>(&dialog, "catalogRetryButton");
    QVERIFY(retry->isVisibleTo(&dialog));
    QSignalSpy requested(&dialog, &ProvisionDialog::catalogRequested);
    QTest::mouseClick(retry, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QVERIFY(!retry->isVisibleTo(&dialog));
    QVERIFY(note->text().contains(QStringLiteral("Loading")));
    dialog.setCatalog(catalogue());
    QVERIFY(note->text().isEmpty());
    QVERIFY(!retry->isVisibleTo(&dialog));
}

void TestProvisionDialog::capacityFollowsTheAccount()
{
    ProvisionDialog dialog{EngineSettings{}};
    dialog.setPreview(demoSelection());
    auto *capacity = child<QLabel>(&dialog, "previewCapacity");
    QVERIFY(capacity->text().contains(QStringLiteral("20/25")));
    dopool::Account other = demoAccount(2);
    other.activeDroplets = 9;
    dialog.updateAccount(other); // not the one shown
    QVERIFY(capacity->text().contains(QStringLiteral("20/25")));
    dopool::Account shown = demoSelection().account;
    shown.activeDroplets = 21;
    dialog.updateAccount(shown);
    QVERIFY2(capacity->text().contains(QStringLiteral("21/25")), qPrintable(capacity->text()));
    QVERIFY(capacity->text().contains(QStringLiteral("4 free")));
}

void TestProvisionDialog::outcomeAsksForANewPreview()
{
    ProvisionDialog dialog{EngineSettings{}};
    QSignalSpy asked(&dialog, &ProvisionDialog::outcomeShown);
    dialog.setOutcomeError(QStringLiteral("no account"));
    QCOMPARE(asked.size(), 1);
    dopool::engine::ProvisionOutcome outcome;
    outcome.task = runningTask(1);
    outcome.task.status = TaskStatus::Created;
    outcome.task.dropletId = 42;
    outcome.dropletStatus = QStringLiteral("active");
    dialog.setOutcome(outcome);
    QCOMPARE(asked.size(), 2);
    dialog.setTaskProgress(outcome.task); // progress alone does not ask
    QCOMPARE(asked.size(), 2);
}

QTEST_MAIN(TestProvisionDialog)
#include "tst_provisiondialog.moc"
