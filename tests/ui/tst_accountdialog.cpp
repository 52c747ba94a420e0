#include "UiTestData.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/StatusLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using dopool::Result;
using dopool::api::AccountInfo;
using dopool::testing::child;
using dopool::ui::AccountDialog;
using dopool::ui::StatusLabel;

namespace {

const QString kToken = QStringLiteral("dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef");

// Answers like the engine facade would: later, in the dialog's thread, never synchronously.
struct FakeVerifier
{
    Result<AccountInfo> answer = dopool::testing::demoInfo(1);
    int calls = 0;
    QString lastToken;

    AccountDialog::Verifier function()
    {
        return [this](const QString &token, QObject *context,
                      std::function<void(Result<AccountInfo>)> done) {
            ++calls;
            lastToken = token;
            QTimer::singleShot(0, context, [answer = answer, done] { done(answer); });
        };
    }
};

QPushButton *saveButton(const AccountDialog &dialog)
{
    return child<QDialogButtonBox>(&dialog, "buttons")->button(QDialogButtonBox::Save);
}

bool messageShown(const AccountDialog &dialog, const char *name)
{
    auto *label = child<StatusLabel>(&dialog, name);
    return label->isVisibleTo(&dialog) && !label->text().isEmpty();
}

// A dialog wired to a FakeVerifier and shown, as the main window opens it.
struct VerifyingDialog
{
    explicit VerifyingDialog(AccountDialog::Mode mode = AccountDialog::Mode::Add,
                             const std::optional<dopool::Account> &account = std::nullopt)
        : dialog(mode)
    {
        dialog.setVerifier(verifier.function());
        if (account)
            dialog.setAccount(*account);
        dialog.show();
    }
    QLineEdit *nameEdit() const { return child<QLineEdit>(&dialog, "nameEdit"); }
    QLineEdit *tokenEdit() const { return child<QLineEdit>(&dialog, "tokenEdit"); }
    // The input of a valid new account: "Account 1" with kToken.
    void typeValidInput() const
    {
        nameEdit()->setText(QStringLiteral("Account 1"));
        tokenEdit()->setText(kToken);
    }
    void clickVerify() const
    {
        QTest::mouseClick(child<QPushButton>(&dialog, "verifyButton"), Qt::LeftButton);
    }

    FakeVerifier verifier;
    AccountDialog dialog;
};

} // namespace

class TestAccountDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validation_data();
    void validation();
    void verifySuccessShowsInfoAndEnablesSave();
    void verifyFailureShowsErrorAndKeepsSaveDisabled();
    void editingTokenAfterVerifyDisablesSave();
    void answerForAnEditedTokenIsIgnored();
    void showToggleSwitchesEchoMode();
    void editModeFillsFieldsAndEmptyTokenIsSavable();
    void editModeNewTokenNeedsVerify();
    void saveErrorIsShownAndKeepsInput();
    void tokenNeverAppearsInLabels();
};

void TestAccountDialog::validation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("nameMessage");
    QTest::addColumn<bool>("tokenError");
    QTest::addColumn<bool>("savableAfterVerify");

    QTest::newRow("empty name") << QString() << kToken << true << false << false;
    QTest::newRow("blank name") << QStringLiteral("   ") << kToken << true << false << false;
    QTest::newRow("name too long")
        << QString(101, QLatin1Char('a')) << kToken << true << false << false;
    QTest::newRow("name of 100") << QString(100, QLatin1Char('a')) << kToken << false << false
                                 << true;
    QTest::newRow("token with space")
        << QStringLiteral("Account 1") << QStringLiteral("dop_v1 0123") << false << true << false;
    QTest::newRow("empty token") << QStringLiteral("Account 1") << QString() << false << true
                                 << false;
    QTest::newRow("valid") << QStringLiteral("Account 1") << kToken << false << false << true;
    QTest::newRow("valid, padded token")
        << QStringLiteral("  Account 1 ") << QStringLiteral("  %1 ").arg(kToken) << false << false
        << true;
}

void TestAccountDialog::validation()
{
    QFETCH(QString, name);
    QFETCH(QString, token);
    QFETCH(bool, nameMessage);
    QFETCH(bool, tokenError);
    QFETCH(bool, savableAfterVerify);

    VerifyingDialog d;
    QVERIFY(!saveButton(d.dialog)->isEnabled());
    QVERIFY(!messageShown(d.dialog, "nameMessage")); // nothing red before the user typed

    // Type something first so an empty value counts as edited, as in real use.
    QLineEdit *nameEdit = d.nameEdit();
    QLineEdit *tokenEdit = d.tokenEdit();
    nameEdit->setText(QStringLiteral("x"));
    nameEdit->setText(name);
    tokenEdit->setText(QStringLiteral("x"));
    tokenEdit->setText(token);

    QCOMPARE(messageShown(d.dialog, "nameMessage"), nameMessage);
    auto *tokenMessage = child<StatusLabel>(&d.dialog, "tokenMessage");
    QCOMPARE(tokenMessage->tone() == StatusLabel::Tone::Error &&
                 messageShown(d.dialog, "tokenMessage"),
             tokenError);
    QVERIFY(!saveButton(d.dialog)->isEnabled()); // never savable before a verify in Add mode

    auto *verify = child<QPushButton>(&d.dialog, "verifyButton");
    QCOMPARE(verify->isEnabled(), !tokenError);
    if (verify->isEnabled()) {
        QTest::mouseClick(verify, Qt::LeftButton);
        QTRY_VERIFY(verify->isEnabled());
        QCOMPARE(d.verifier.lastToken, token.trimmed());
    }
    QCOMPARE(saveButton(d.dialog)->isEnabled(), savableAfterVerify);
    QCOMPARE(d.dialog.canSave(), savableAfterVerify);
    if (savableAfterVerify) {
        QCOMPARE(d.dialog.name(), name.trimmed());
        QCOMPARE(d.dialog.token(), token.trimmed());
    }
}

void TestAccountDialog::verifySuccessShowsInfoAndEnablesSave()
{
    VerifyingDialog d;
    d.typeValidInput();

    auto *verify = child<QPushButton>(&d.dialog, "verifyButton");
    QTest::mouseClick(verify, Qt::LeftButton);
    // Running: the button says so and cannot be clicked again.
    QVERIFY(!verify->isEnabled());
    QCOMPARE(verify->text(), AccountDialog::tr("Verifying…"));
    QTest::mouseClick(verify, Qt::LeftButton);
    QCOMPARE(d.verifier.calls, 1);
    QVERIFY(!saveButton(d.dialog)->isEnabled());

    QTRY_VERIFY(d.dialog.verifiedInfo().has_value());
    auto *result = child<StatusLabel>(&d.dialog, "verifyResult");
    QVERIFY(result->isVisibleTo(&d.dialog));
    QCOMPARE(result->tone(), StatusLabel::Tone::Success);
    QVERIFY2(result->text().contains(QStringLiteral("ops+account1@webrana.example")),
             qPrintable(result->text()));
    QVERIFY(result->text().contains(QStringLiteral("25")));
    QVERIFY(result->text().contains(QStringLiteral("active")));
    QCOMPARE(verify->text(), AccountDialog::tr("Verify"));
    QVERIFY(verify->isEnabled());
    QVERIFY(saveButton(d.dialog)->isEnabled());
    QCOMPARE(d.dialog.verifiedInfo()->email, QStringLiteral("ops+account1@webrana.example"));
}

void TestAccountDialog::verifyFailureShowsErrorAndKeepsSaveDisabled()
{
    VerifyingDialog d;
    d.verifier.answer = dopool::makeError(dopool::ErrorKind::Auth,
                                          QStringLiteral("HTTP 401: Unable to authenticate you"));
    d.typeValidInput();
    d.clickVerify();

    auto *result = child<StatusLabel>(&d.dialog, "verifyResult");
    QTRY_VERIFY(result->text().contains(QStringLiteral("Unable to authenticate you")));
    QCOMPARE(result->tone(), StatusLabel::Tone::Error);
    QCOMPARE(result->palette().color(QPalette::WindowText),
             StatusLabel::colour(StatusLabel::Tone::Error, QPalette()));
    QVERIFY(!d.dialog.verifiedInfo());
    QVERIFY(!saveButton(d.dialog)->isEnabled());
    QVERIFY(child<QPushButton>(&d.dialog, "verifyButton")->isEnabled()); // may try again
}

void TestAccountDialog::editingTokenAfterVerifyDisablesSave()
{
    VerifyingDialog d;
    d.typeValidInput();
    QLineEdit *tokenEdit = d.tokenEdit();
    d.clickVerify();
    QTRY_VERIFY(saveButton(d.dialog)->isEnabled());

    tokenEdit->setFocus();
    QTest::keyClick(tokenEdit, Qt::Key_End);
    QTest::keyClicks(tokenEdit, QStringLiteral("x"));
    QVERIFY(!saveButton(d.dialog)->isEnabled());
    QVERIFY(!d.dialog.verifiedInfo());
    QVERIFY(!child<StatusLabel>(&d.dialog, "verifyResult")->isVisibleTo(&d.dialog));
}

void TestAccountDialog::answerForAnEditedTokenIsIgnored()
{
    VerifyingDialog d;
    d.typeValidInput();
    QLineEdit *tokenEdit = d.tokenEdit();
    d.clickVerify();
    tokenEdit->setText(kToken + QStringLiteral("2")); // before the answer arrives
    QCoreApplication::processEvents();                // deliver the (stale) answer
    QCOMPARE(d.verifier.calls, 1);
    QVERIFY(!d.dialog.verifiedInfo());
    QVERIFY(!saveButton(d.dialog)->isEnabled());
}

void TestAccountDialog::showToggleSwitchesEchoMode()
{
    AccountDialog dialog(AccountDialog::Mode::Add);
    dialog.show();
    auto *tokenEdit = child<QLineEdit>(&dialog, "tokenEdit");
    auto *show = child<QToolButton>(&dialog, "showTokenButton");
    QCOMPARE(tokenEdit->echoMode(), QLineEdit::Password);
    QVERIFY(show->isCheckable());
    QTest::mouseClick(show, Qt::LeftButton);
    QCOMPARE(tokenEdit->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(show, Qt::LeftButton);
    QCOMPARE(tokenEdit->echoMode(), QLineEdit::Password);
}

void TestAccountDialog::editModeFillsFieldsAndEmptyTokenIsSavable()
{
    AccountDialog dialog(AccountDialog::Mode::Edit);
    dopool::Account account = dopool::testing::demoAccount(2);
    account.isActive = false;
    account.doStatus = QStringLiteral("warning");
    account.doStatusMessage = QStringLiteral("payment overdue");
    dialog.setAccount(account);
    dialog.show();

    QCOMPARE(child<QLineEdit>(&dialog, "nameEdit")->text(), QStringLiteral("Account 2"));
    QVERIFY(!child<QCheckBox>(&dialog, "primaryCheck")->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, "activeCheck")->isChecked());
    auto *tokenEdit = child<QLineEdit>(&dialog, "tokenEdit");
    QVERIFY(tokenEdit->text().isEmpty());
    QCOMPARE(tokenEdit->placeholderText(),
             AccountDialog::tr("Leave empty to keep the current token"));
    QCOMPARE(child<QLabel>(&dialog, "storedEmail")->text(), account.email);
    QCOMPARE(child<QLabel>(&dialog, "storedLimit")->text(), QStringLiteral("25"));
    QVERIFY(
        child<QLabel>(&dialog, "storedStatus")->text().contains(QStringLiteral("payment overdue")));

    QVERIFY(saveButton(dialog)->isEnabled());
    QVERIFY(dialog.token().isEmpty());
    QVERIFY(!dialog.isActive());
    QVERIFY(!dialog.verifiedInfo());
}

void TestAccountDialog::editModeNewTokenNeedsVerify()
{
    VerifyingDialog d(AccountDialog::Mode::Edit, dopool::testing::demoAccount(1));
    QLineEdit *tokenEdit = d.tokenEdit();
    tokenEdit->setText(kToken);
    QVERIFY(!saveButton(d.dialog)->isEnabled());
    d.clickVerify();
    QTRY_VERIFY(saveButton(d.dialog)->isEnabled());
    tokenEdit->clear(); // back to "keep the current token"
    QVERIFY(saveButton(d.dialog)->isEnabled());
    QVERIFY(!d.dialog.verifiedInfo());
}

void TestAccountDialog::saveErrorIsShownAndKeepsInput()
{
    AccountDialog dialog(AccountDialog::Mode::Edit);
    dialog.setAccount(dopool::testing::demoAccount(1));
    dialog.show();
    dialog.setSaveError(QStringLiteral("an account named 'Account 1' exists already"));
    auto *error = child<StatusLabel>(&dialog, "saveError");
    QVERIFY(error->isVisibleTo(&dialog));
    QCOMPARE(error->tone(), StatusLabel::Tone::Error);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.name(), QStringLiteral("Account 1"));
    // Fixing the input clears the stale message.
    child<QLineEdit>(&dialog, "nameEdit")->setText(QStringLiteral("Account 1b"));
    QVERIFY(!error->isVisibleTo(&dialog));
}

void TestAccountDialog::tokenNeverAppearsInLabels()
{
    VerifyingDialog d;
    // A careless error message that echoes the token: the d.dialog must mask it.
    d.verifier.answer = dopool::makeError(dopool::ErrorKind::Auth,
                                          QStringLiteral("token %1 was refused").arg(kToken));
    d.typeValidInput();
    QTest::mouseClick(child<QToolButton>(&d.dialog, "showTokenButton"), Qt::LeftButton);
    d.clickVerify();
    QTRY_VERIFY(
        child<StatusLabel>(&d.dialog, "verifyResult")->text().contains(QStringLiteral("refused")));
    d.dialog.setSaveError(QStringLiteral("could not store %1").arg(kToken));

    const auto labels = d.dialog.findChildren<QLabel *>();
    QVERIFY(labels.size() > 5);
    const QString secretPart = kToken.mid(7, 20); // any long piece of it would be a leak
    for (const QLabel *label : labels) {
        QVERIFY2(!label->text().contains(secretPart), qPrintable(label->objectName()));
        QVERIFY(!label->toolTip().contains(secretPart));
        QVERIFY(!label->accessibleName().contains(secretPart));
    }
    QVERIFY(!d.dialog.windowTitle().contains(secretPart));
}

QTEST_MAIN(TestAccountDialog)
#include "tst_accountdialog.moc"
