#include "UiTestData.h"
#include "dialogs/StatusLabel.h"
#include "settings/PoolKeyBox.h"
#include "settings/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using dopool::Result;
using dopool::engine::SelectionPolicy;
using dopool::testing::child;
using dopool::ui::AppSettings;
using dopool::ui::SettingsDialog;
using dopool::ui::StatusLabel;

namespace {

QPushButton *saveButton(const SettingsDialog &dialog)
{
    return child<QDialogButtonBox>(&dialog, "buttons")->button(QDialogButtonBox::Save);
}

// Answers later, in the dialog's thread, like the engine facade would.
struct FakeTester
{
    Result<void> answer;
    int calls = 0;
    QString lastUrl;

    SettingsDialog::DatabaseTester function()
    {
        return
            [this](const QString &url, QObject *context, std::function<void(Result<void>)> done) {
                ++calls;
                lastUrl = url;
                QTimer::singleShot(0, context, [answer = answer, done] { done(answer); });
            };
    }
};

AppSettings customSettings()
{
    AppSettings s;
    s.syncIntervalSecs = 900;
    s.healthIntervalSecs = 30;
    s.utilisationThresholdPercent = 65;
    s.selectionPolicy = SelectionPolicy::LeastUtilised;
    s.databaseUrl = QStringLiteral("postgresql://dopool@db.internal:5432/pool");
    s.webhookUrl = QStringLiteral("https://hooks.example.com/dopool");
    s.notificationsEnabled = false;
    s.language = QStringLiteral("id");
    s.provisionOrders = true;
    return s;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadAndReadBack_data();
    void loadAndReadBack();
    void controlsHaveTheDocumentedBounds();
    void webhookValidation_data();
    void webhookValidation();
    void changedDatabaseNeedsSuccessfulTest();
    void failedDatabaseTestKeepsSaveDisabled();
    void editingDatabaseAgainResetsTheTest();
    void revertingDatabaseNeedsNoTest();
    void malformedDatabaseUrlIsInvalid();
    void persistenceRoundTrip();
    void badStoredValuesFallBack_data();
    void badStoredValuesFallBack();
    void settingsFileIsOwnerOnly();
    void poolKeyBox_data();
    void poolKeyBox();
};

void TestSettingsDialog::loadAndReadBack_data()
{
    QTest::addColumn<AppSettings>("settings");
    QTest::newRow("defaults") << AppSettings{};
    QTest::newRow("custom") << customSettings();
}

void TestSettingsDialog::loadAndReadBack()
{
    QFETCH(AppSettings, settings);
    SettingsDialog dialog(settings);
    QVERIFY(dialog.settings() == settings);
    QVERIFY(saveButton(dialog)->isEnabled()); // nothing changed, nothing to test
}

void TestSettingsDialog::controlsHaveTheDocumentedBounds()
{
    SettingsDialog dialog{AppSettings{}};
    for (const char *name : {"syncIntervalSpin", "healthIntervalSpin"}) {
        auto *spin = child<QSpinBox>(&dialog, name);
        QCOMPARE(spin->minimum(), AppSettings::minIntervalSecs);
        QCOMPARE(spin->maximum(), AppSettings::maxIntervalSecs);
        QCOMPARE(spin->suffix(), SettingsDialog::tr(" s"));
    }
    auto *threshold = child<QSpinBox>(&dialog, "thresholdSpin");
    QCOMPARE(threshold->minimum(), 1);
    QCOMPARE(threshold->maximum(), 100);
    auto *language = child<QComboBox>(&dialog, "languageCombo");
    QCOMPARE(language->count(), 3);
    QCOMPARE(language->itemData(0).toString(), QString());
    QCOMPARE(language->itemData(1).toString(), QStringLiteral("en"));
    QCOMPARE(language->itemData(2).toString(), QStringLiteral("id"));
    QCOMPARE(child<QComboBox>(&dialog, "policyCombo")->count(), 2);
    // No field takes a secret.
    for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>())
        QVERIFY(edit->echoMode() == QLineEdit::Normal);
}

void TestSettingsDialog::webhookValidation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("https") << QStringLiteral("https://hooks.example.com/x?key=1") << true;
    QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080/hook") << true;
    QTest::newRow("http remote") << QStringLiteral("http://hooks.example.com/x") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://hooks.example.com/x") << false;
    QTest::newRow("not a url") << QStringLiteral("hooks example") << false;
}

void TestSettingsDialog::webhookValidation()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    SettingsDialog dialog{AppSettings{}};
    dialog.show();
    child<QLineEdit>(&dialog, "webhookEdit")->setText(url);
    QCOMPARE(saveButton(dialog)->isEnabled(), valid);
    auto *message = child<StatusLabel>(&dialog, "validationMessage");
    QCOMPARE(message->isVisibleTo(&dialog), !valid);
    if (!valid)
        QVERIFY(message->text().contains(QStringLiteral("webhook")));
}

void TestSettingsDialog::changedDatabaseNeedsSuccessfulTest()
{
    FakeTester tester;
    SettingsDialog dialog{AppSettings{}};
    dialog.setDatabaseTester(tester.function());
    dialog.show();
    child<QLineEdit>(&dialog, "databaseEdit")->setText(QStringLiteral(" sqlite:/tmp/pool.sqlite "));
    QVERIFY(!saveButton(dialog)->isEnabled());

    auto *test = child<QPushButton>(&dialog, "testDatabaseButton");
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(!test->isEnabled()); // running
    auto *status = child<StatusLabel>(&dialog, "databaseStatus");
    QTRY_COMPARE(status->tone(), StatusLabel::Tone::Success);
    QCOMPARE(status->text(), SettingsDialog::tr("Connected"));
    QCOMPARE(tester.lastUrl, QStringLiteral("sqlite:/tmp/pool.sqlite"));
    QVERIFY(saveButton(dialog)->isEnabled());
    QCOMPARE(dialog.settings().databaseUrl, QStringLiteral("sqlite:/tmp/pool.sqlite"));
}

void TestSettingsDialog::failedDatabaseTestKeepsSaveDisabled()
{
    FakeTester tester;
    tester.answer = dopool::makeError(dopool::ErrorKind::Store,
                                      QStringLiteral("could not connect to db.internal:5432"));
    SettingsDialog dialog{AppSettings{}};
    dialog.setDatabaseTester(tester.function());
    dialog.show();
    child<QLineEdit>(&dialog, "databaseEdit")
        ->setText(QStringLiteral("postgresql://dopool@db.internal:5432/pool"));
    QTest::mouseClick(child<QPushButton>(&dialog, "testDatabaseButton"), Qt::LeftButton);
    auto *status = child<StatusLabel>(&dialog, "databaseStatus");
    QTRY_COMPARE(status->tone(), StatusLabel::Tone::Error);
    QVERIFY(status->text().contains(QStringLiteral("could not connect")));
    QVERIFY(!saveButton(dialog)->isEnabled());
}

void TestSettingsDialog::editingDatabaseAgainResetsTheTest()
{
    FakeTester tester;
    SettingsDialog dialog{AppSettings{}};
    dialog.setDatabaseTester(tester.function());
    dialog.show();
    auto *edit = child<QLineEdit>(&dialog, "databaseEdit");
    edit->setText(QStringLiteral("sqlite:/tmp/a.sqlite"));
    QTest::mouseClick(child<QPushButton>(&dialog, "testDatabaseButton"), Qt::LeftButton);
    QTRY_VERIFY(saveButton(dialog)->isEnabled());
    edit->setText(QStringLiteral("sqlite:/tmp/b.sqlite"));
    QVERIFY(!saveButton(dialog)->isEnabled());

    // An answer for the old text, arriving after the edit, does not count either.
    QTest::mouseClick(child<QPushButton>(&dialog, "testDatabaseButton"), Qt::LeftButton);
    edit->setText(QStringLiteral("sqlite:/tmp/c.sqlite"));
    QCoreApplication::processEvents();
    QCOMPARE(tester.calls, 2);
    QVERIFY(!saveButton(dialog)->isEnabled());
}

void TestSettingsDialog::revertingDatabaseNeedsNoTest()
{
    SettingsDialog dialog{customSettings()};
    auto *edit = child<QLineEdit>(&dialog, "databaseEdit");
    edit->setText(QStringLiteral("sqlite:/tmp/other.sqlite"));
    QVERIFY(!saveButton(dialog)->isEnabled());
    edit->setText(customSettings().databaseUrl);
    QVERIFY(saveButton(dialog)->isEnabled());
}

void TestSettingsDialog::malformedDatabaseUrlIsInvalid()
{
    FakeTester tester;
    SettingsDialog dialog{AppSettings{}};
    dialog.setDatabaseTester(tester.function());
    dialog.show();
    child<QLineEdit>(&dialog, "databaseEdit")->setText(QStringLiteral("mysql://root@localhost/x"));
    QVERIFY(!saveButton(dialog)->isEnabled());
    QVERIFY(!child<QPushButton>(&dialog, "testDatabaseButton")->isEnabled());
    QVERIFY(child<StatusLabel>(&dialog, "validationMessage")->isVisibleTo(&dialog));
}

void TestSettingsDialog::persistenceRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("dopool.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        customSettings().save(settings);
    }
    QSettings settings(file, QSettings::IniFormat);
    QVERIFY(AppSettings::load(settings) == customSettings());

    // And through the dialog: what it hands back survives a save and a load.
    SettingsDialog dialog{AppSettings::load(settings)};
    child<QSpinBox>(&dialog, "thresholdSpin")->setValue(90);
    child<QComboBox>(&dialog, "languageCombo")->setCurrentIndex(1);
    child<QCheckBox>(&dialog, "notificationsCheck")->setChecked(true);
    QVERIFY(child<QCheckBox>(&dialog, "provisionOrdersCheck")->isChecked());
    child<QCheckBox>(&dialog, "provisionOrdersCheck")->setChecked(false);
    QVERIFY(dialog.canSave());
    dialog.settings().save(settings);
    QSettings reread(file, QSettings::IniFormat);
    const AppSettings loaded = AppSettings::load(reread);
    QCOMPARE(loaded.utilisationThresholdPercent, 90);
    QCOMPARE(loaded.language, QStringLiteral("en"));
    QVERIFY(loaded.notificationsEnabled);
    QVERIFY(!loaded.provisionOrders);
    QVERIFY(loaded == dialog.settings());
    // A laptop is not a server: a fresh install provisions no orders.
    QVERIFY(!AppSettings{}.provisionOrders);
    QSettings empty(dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    QVERIFY(!AppSettings::load(empty).provisionOrders);
}

void TestSettingsDialog::badStoredValuesFallBack_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("sync not a number")
        << QStringLiteral("schedule/syncIntervalSecs") << QVariant(QStringLiteral("soon"));
    QTest::newRow("sync too small") << QStringLiteral("schedule/syncIntervalSecs") << QVariant(1);
    QTest::newRow("health too large")
        << QStringLiteral("schedule/healthIntervalSecs") << QVariant(7 * 24 * 3600);
    QTest::newRow("threshold 0") << QStringLiteral("alerts/utilisationThresholdPercent")
                                 << QVariant(0);
    QTest::newRow("threshold 101")
        << QStringLiteral("alerts/utilisationThresholdPercent") << QVariant(101);
    QTest::newRow("unknown policy")
        << QStringLiteral("selection/policy") << QVariant(QStringLiteral("random"));
    QTest::newRow("unknown language")
        << QStringLiteral("ui/language") << QVariant(QStringLiteral("klingon"));
}

void TestSettingsDialog::badStoredValuesFallBack()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("dopool.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        AppSettings{}.save(settings);
        settings.setValue(key, value);
        settings.sync();
    }
    QSettings settings(file, QSettings::IniFormat);
    const AppSettings loaded = AppSettings::load(settings);
    QVERIFY(loaded == AppSettings{});
    QVERIFY(loaded.validate().ok());
    SettingsDialog dialog(loaded);
    QVERIFY(dialog.canSave());
}

// The webhook URL may carry an API key: the settings file is the owner's alone, also when an
// older version left it readable by others.
void TestSettingsDialog::settingsFileIsOwnerOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("dopool.ini"));
    {
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("[general]\n");
    }
    QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                            QFile::ReadOther));
    QSettings settings(file, QSettings::IniFormat);
    customSettings().save(settings);
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                       QFileDevice::WriteUser;
    QCOMPARE(QFile::permissions(file), owner);
}

void TestSettingsDialog::poolKeyBox_data()
{
    QTest::addColumn<bool>("exporting");
    QTest::addColumn<QString>("chosen"); // empty: the chooser was cancelled
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QString>("expectStatus");

    QTest::newRow("export") << true << QStringLiteral("/tmp/k.txt") << true
                            << QStringLiteral("Wrote the key ab12-cd34-ef56-7890 to /tmp/k.txt");
    QTest::newRow("export refused")
        << true << QStringLiteral("/tmp/k.txt") << false << QStringLiteral("already exists");
    QTest::newRow("import") << false << QStringLiteral("/tmp/k.txt") << true
                            << QStringLiteral("Imported the key ab12-cd34-ef56-7890");
    QTest::newRow("import refused")
        << false << QStringLiteral("/tmp/k.txt") << false << QStringLiteral("already exists");
    QTest::newRow("cancelled") << true << QString() << true << QString();
}

void TestSettingsDialog::poolKeyBox()
{
    QFETCH(bool, exporting);
    QFETCH(QString, chosen);
    QFETCH(bool, succeeds);
    QFETCH(QString, expectStatus);

    QStringList calls;
    auto action = [&](const char *what) {
        return [&calls, what, succeeds](const QString &path, QObject *context,
                                        std::function<void(Result<QString>)> done) {
            calls << QString::fromLatin1(what) + u':' + path;
            QTimer::singleShot(0, context, [done, succeeds] {
                if (succeeds)
                    done(QStringLiteral("ab12-cd34-ef56-7890"));
                else
                    done(dopool::makeError(dopool::ErrorKind::Usage,
                                           QStringLiteral("/tmp/k.txt already exists")));
            });
        };
    };
    QWidget dialog;
    auto *box = new dopool::ui::PoolKeyBox(QStringLiteral("ab12-cd34-ef56-7890"), action("export"),
                                           action("import"), &dialog);
    bool askedToSave = false;
    box->setFileChooser([&](QWidget *, bool save) {
        askedToSave = save;
        return chosen;
    });
    QCOMPARE(child<QLabel>(&dialog, "keyFingerprint")->text(),
             QStringLiteral("ab12-cd34-ef56-7890"));
    QTest::mouseClick(
        child<QPushButton>(&dialog, exporting ? "exportKeyButton" : "importKeyButton"),
        Qt::LeftButton);
    QCOMPARE(askedToSave, exporting);
    if (chosen.isEmpty()) {
        QVERIFY(calls.isEmpty());
        QVERIFY(box->statusText().isEmpty());
        return;
    }
    QCOMPARE(
        calls,
        QStringList{(exporting ? QStringLiteral("export:") : QStringLiteral("import:")) + chosen});
    QTRY_VERIFY(box->statusText().contains(expectStatus));
    QCOMPARE(child<StatusLabel>(&dialog, "keyStatus")->tone(),
             succeeds ? StatusLabel::Tone::Success : StatusLabel::Tone::Error);
    QVERIFY(child<QPushButton>(&dialog, "exportKeyButton")->isEnabled());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
