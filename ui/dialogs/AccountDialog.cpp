#include "AccountDialog.h"

#include "FieldStack.h"
#include "StatusLabel.h"
#include "common/Validation.h"
#include "desktop/EngineTypes.h"
#include "model/StatusColours.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace dopool::ui {

namespace {

// Core validation messages start in lower case so they read well after "error: " in the CLI;
// under a field they are sentences.
QString asSentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

} // namespace

AccountDialog::AccountDialog(Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
{
    buildUi();
    updateState();
}

void AccountDialog::buildUi()
{
    setWindowTitle(m_mode == Mode::Add ? tr("Add account") : tr("Edit account"));
    setMinimumWidth(480);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Account name"));
    m_nameEdit->setPlaceholderText(tr("e.g. Account 1"));
    m_nameEdit->setMaxLength(200); // room to type past 100 and be told, not silently cut
    m_nameMessage = new StatusLabel(this);
    m_nameMessage->setObjectName(QStringLiteral("nameMessage"));
    m_nameMessage->setAccessibleName(tr("Account name message"));

    m_tokenEdit = new QLineEdit(this);
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_tokenEdit->setAccessibleName(tr("API token"));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(m_mode == Mode::Add
                                        ? tr("DigitalOcean personal access token")
                                        : tr("Leave empty to keep the current token"));
    m_showTokenButton = new QToolButton(this);
    m_showTokenButton->setObjectName(QStringLiteral("showTokenButton"));
    m_showTokenButton->setAccessibleName(tr("Show token"));
    m_showTokenButton->setText(tr("Show"));
    m_showTokenButton->setToolTip(tr("Show or hide the token while typing"));
    m_showTokenButton->setCheckable(true);
    m_verifyButton = new QPushButton(tr("Verify"), this);
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setAccessibleName(tr("Verify token"));
    m_verifyButton->setToolTip(tr("Ask DigitalOcean whether this token works"));
    auto *tokenRow = new QWidget(this);
    auto *tokenLayout = new QHBoxLayout(tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_tokenEdit, 1);
    tokenLayout->addWidget(m_showTokenButton);
    tokenLayout->addWidget(m_verifyButton);
    m_tokenMessage = new StatusLabel(this);
    m_tokenMessage->setObjectName(QStringLiteral("tokenMessage"));
    m_tokenMessage->setAccessibleName(tr("API token message"));

    m_verifyResult = new StatusLabel(this);
    m_verifyResult->setObjectName(QStringLiteral("verifyResult"));
    m_verifyResult->setAccessibleName(tr("Verification result"));

    m_primaryCheck = new QCheckBox(tr("Primary (used first when choosing an account)"), this);
    m_primaryCheck->setObjectName(QStringLiteral("primaryCheck"));
    m_primaryCheck->setAccessibleName(tr("Primary account"));
    m_activeCheck = new QCheckBox(tr("Active (may receive new droplets)"), this);
    m_activeCheck->setObjectName(QStringLiteral("activeCheck"));
    m_activeCheck->setAccessibleName(tr("Active account"));
    m_activeCheck->setChecked(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_nameEdit); // the mnemonic focuses the field, not its wrapper
    form->addRow(nameLabel, fieldStack({m_nameEdit, m_nameMessage}, this));
    auto *tokenLabel = new QLabel(tr("API &token:"), this);
    tokenLabel->setBuddy(m_tokenEdit);
    form->addRow(tokenLabel, fieldStack({tokenRow, m_tokenMessage, m_verifyResult}, this));
    form->addRow(QString(), m_primaryCheck);
    form->addRow(QString(), m_activeCheck);

    m_storedGroup = new QGroupBox(tr("Stored at the last sync"), this);
    m_storedGroup->setObjectName(QStringLiteral("storedGroup"));
    m_storedGroup->setAccessibleName(tr("Stored account details"));
    m_storedEmail = new QLabel(m_storedGroup);
    m_storedEmail->setObjectName(QStringLiteral("storedEmail"));
    m_storedEmail->setAccessibleName(tr("Stored email"));
    m_storedLimit = new QLabel(m_storedGroup);
    m_storedLimit->setObjectName(QStringLiteral("storedLimit"));
    m_storedLimit->setAccessibleName(tr("Stored droplet limit"));
    m_storedStatus = new QLabel(m_storedGroup);
    m_storedStatus->setObjectName(QStringLiteral("storedStatus"));
    m_storedStatus->setAccessibleName(tr("Stored DigitalOcean status"));
    m_storedStatus->setWordWrap(true);
    for (QLabel *label : {m_storedEmail, m_storedLimit, m_storedStatus}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    auto *storedForm = new QFormLayout(m_storedGroup);
    storedForm->addRow(tr("Email:"), m_storedEmail);
    storedForm->addRow(tr("Droplet limit:"), m_storedLimit);
    storedForm->addRow(tr("DO status:"), m_storedStatus);
    m_storedGroup->setVisible(m_mode == Mode::Edit);

    m_saveError = new StatusLabel(this);
    m_saveError->setObjectName(QStringLiteral("saveError"));
    m_saveError->setAccessibleName(tr("Save error"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save account"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_storedGroup);
    layout->addStretch(1);
    layout->addWidget(m_saveError);
    layout->addWidget(m_buttons);

    connect(m_nameEdit, &QLineEdit::textChanged, this, &AccountDialog::onNameChanged);
    connect(m_tokenEdit, &QLineEdit::textChanged, this, &AccountDialog::onTokenChanged);
    connect(m_showTokenButton, &QToolButton::toggled, this, &AccountDialog::onShowTokenToggled);
    connect(m_verifyButton, &QPushButton::clicked, this, &AccountDialog::verify);
    // Save asks; the dialog closes only when the pool has stored it (finishSave), so a
    // refusal (name taken, store down) is shown here and nothing typed is lost.
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!canSave())
            return;
        setSaveError(QString());
        Q_EMIT saveRequested();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void AccountDialog::setAccount(const dopool::Account &account)
{
    m_nameEdit->setText(account.name);
    m_primaryCheck->setChecked(account.isPrimary);
    m_activeCheck->setChecked(account.isActive);
    const QString none = noValue();
    m_storedEmail->setText(account.email.isEmpty() ? none : account.email);
    m_storedLimit->setText(QString::number(account.dropletLimit));
    QString status = account.doStatus.isEmpty() ? none : account.doStatus;
    if (!account.doStatusMessage.isEmpty())
        status.append(QStringLiteral(" — ")).append(account.doStatusMessage);
    m_storedStatus->setText(status);
    m_nameTouched = false;
    m_nameMessage->clearMessage();
    updateState();
}

void AccountDialog::setVerifier(Verifier verifier)
{
    m_verifier = std::move(verifier);
    updateState();
}

void AccountDialog::setSaveError(const QString &message)
{
    if (message.isEmpty())
        m_saveError->clearMessage();
    else
        m_saveError->showMessage(withoutToken(message), StatusLabel::Tone::Error);
}

QString AccountDialog::name() const
{
    return m_nameEdit->text().trimmed();
}

QString AccountDialog::token() const
{
    return m_tokenEdit->text().trimmed();
}

bool AccountDialog::isPrimary() const
{
    return m_primaryCheck->isChecked();
}

bool AccountDialog::isActive() const
{
    return m_activeCheck->isChecked();
}

std::optional<dopool::desktop::AccountInfo> AccountDialog::verifiedInfo() const
{
    return m_verifiedInfo;
}

bool AccountDialog::canSave() const
{
    if (!validateAccountName(m_nameEdit->text()))
        return false;
    if (m_mode == Mode::Edit && token().isEmpty())
        return true;
    return validateToken(token()).ok() && m_verifiedInfo.has_value();
}

void AccountDialog::onNameChanged()
{
    m_nameTouched = true;
    m_saveError->clearMessage();
    updateState();
}

void AccountDialog::onTokenChanged()
{
    // Any edit makes an earlier verification (or one still running) about another token.
    ++m_generation;
    m_verifying = false;
    m_verifiedInfo.reset();
    m_verifyResult->clearMessage();
    m_tokenTouched = true;
    m_saveError->clearMessage();
    updateState();
}

void AccountDialog::onShowTokenToggled(bool show)
{
    m_tokenEdit->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    m_showTokenButton->setText(show ? tr("Hide") : tr("Show"));
    m_showTokenButton->setAccessibleName(show ? tr("Hide token") : tr("Show token"));
}

void AccountDialog::verify()
{
    if (!m_verifier || m_verifying || !validateToken(token()))
        return;
    m_verifying = true;
    m_verifyResult->showMessage(tr("Asking DigitalOcean about this token…"));
    updateState();
    const quint64 generation = m_generation;
    QPointer<AccountDialog> self(this);
    m_verifier(token(), this,
               [self, generation](dopool::Result<dopool::desktop::AccountInfo> result) {
                   if (self)
                       self->takeVerification(generation, result);
               });
}

void AccountDialog::takeVerification(quint64 generation,
                                     const dopool::Result<dopool::desktop::AccountInfo> &result)
{
    if (generation != m_generation || !m_verifying)
        return; // the token was edited meanwhile: this answer is about another one
    m_verifying = false;
    if (result) {
        m_verifiedInfo = result.value();
        showVerifiedInfo(result.value());
    } else {
        m_verifiedInfo.reset();
        m_verifyResult->showMessage(
            tr("Verification failed: %1").arg(withoutToken(result.error().message)),
            StatusLabel::Tone::Error);
    }
    updateState();
}

void AccountDialog::showVerifiedInfo(const dopool::desktop::AccountInfo &info)
{
    QStringList lines;
    lines << tr("Token verified.");
    lines << tr("Email: %1").arg(info.email.isEmpty() ? noValue() : info.email);
    lines << tr("Droplet limit: %1").arg(info.dropletLimit);
    QString status = tr("DO status: %1").arg(info.status.isEmpty() ? noValue() : info.status);
    if (!info.statusMessage.isEmpty())
        status.append(QStringLiteral(" — ")).append(info.statusMessage);
    lines << status;
    // A locked or warned account can still be added, but the admin should see it at once.
    const bool healthy = info.status.isEmpty() || info.status == QLatin1String("active");
    m_verifyResult->showMessage(lines.join(QLatin1Char('\n')),
                                healthy ? StatusLabel::Tone::Success : StatusLabel::Tone::Warning);
}

void AccountDialog::updateState()
{
    const auto nameOk = validateAccountName(m_nameEdit->text());
    if (m_nameTouched && !nameOk)
        m_nameMessage->showMessage(asSentence(nameOk.error().message), StatusLabel::Tone::Error);
    else
        m_nameMessage->clearMessage();

    const QString tokenText = token();
    const auto tokenOk = validateToken(tokenText);
    const bool tokenOptional = m_mode == Mode::Edit && tokenText.isEmpty();
    if (m_tokenTouched && !tokenOptional && !tokenOk)
        m_tokenMessage->showMessage(asSentence(tokenOk.error().message), StatusLabel::Tone::Error);
    else if (tokenOk && !m_verifying && m_verifyResult->text().isEmpty())
        m_tokenMessage->showMessage(tr("Verify the token before saving."));
    else
        m_tokenMessage->clearMessage();

    m_verifyButton->setEnabled(m_verifier && !m_verifying && tokenOk.ok());
    m_verifyButton->setText(m_verifying ? tr("Verifying…") : tr("Verify"));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(canSave());
}

QString AccountDialog::withoutToken(const QString &text) const
{
    const QString secret = token();
    if (secret.size() < 4)
        return text; // too short to be a token; masking would garble ordinary words
    QString masked = text;
    masked.replace(secret, maskToken(secret));
    return masked;
}

desktop::AccountDraft AccountDialog::draft() const
{
    desktop::AccountDraft draft;
    draft.name = name();
    draft.token = token();
    draft.isPrimary = isPrimary();
    draft.isActive = isActive();
    draft.verified = verifiedInfo();
    return draft;
}

desktop::AccountEdit AccountDialog::edit(const Account &original) const
{
    desktop::AccountEdit edit = desktop::AccountEdit::of(original);
    edit.name = name();
    edit.newToken = token();
    edit.isPrimary = isPrimary();
    edit.isActive = isActive();
    edit.verified = verifiedInfo();
    return edit;
}

} // namespace dopool::ui
