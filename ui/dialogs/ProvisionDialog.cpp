#include "ProvisionDialog.h"

#include "CatalogPickers.h"
#include "FieldStack.h"
#include "StatusLabel.h"
#include "model/StatusColours.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace dopool::ui {

using Tone = StatusLabel::Tone;

ProvisionDialog::ProvisionDialog(const dopool::desktop::EngineSettings &defaults, QWidget *parent)
    : QDialog(parent)
{
    buildUi(defaults);
    updateState();
}

QLineEdit *ProvisionDialog::addField(const QString &label, const QString &accessibleName,
                                     const char *name, const QString &value, QWidget *below)
{
    auto *edit = new QLineEdit(value, this);
    edit->setObjectName(QLatin1String(name));
    edit->setAccessibleName(accessibleName);
    auto *caption = new QLabel(label, this);
    caption->setBuddy(edit);
    if (below)
        m_form->addRow(caption, fieldStack({edit, below}, this));
    else
        m_form->addRow(caption, edit);
    connect(edit, &QLineEdit::textChanged, this, &ProvisionDialog::onFieldChanged);
    return edit;
}

void ProvisionDialog::buildUi(const dopool::desktop::EngineSettings &defaults)
{
    setWindowTitle(tr("Provision a droplet"));
    setMinimumWidth(520);

    auto *requestGroup = new QGroupBox(tr("Droplet"), this);
    requestGroup->setAccessibleName(tr("Droplet"));
    auto *requestLayout = new QVBoxLayout(requestGroup);
    m_form = new QFormLayout;
    requestLayout->addLayout(m_form);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_orderIdMessage = new StatusLabel(this);
    m_orderIdMessage->setObjectName(QStringLiteral("orderIdMessage"));
    m_orderIdMessage->setAccessibleName(tr("Order ID message"));
    m_orderIdEdit =
        addField(tr("&Order ID:"), tr("Order ID"), "orderIdEdit", QString(), m_orderIdMessage);
    m_orderIdEdit->setPlaceholderText(tr("The order this droplet is for"));
    m_orderIdEdit->setMaxLength(maxOrderIdLength + 100); // typed past the limit: told, not cut
    m_pickers = new CatalogPickers(defaults, this);
    connect(m_pickers, &CatalogPickers::changed, this, &ProvisionDialog::updateState);
    m_fieldsMessage = new StatusLabel(this);
    m_fieldsMessage->setObjectName(QStringLiteral("fieldsMessage"));
    m_fieldsMessage->setAccessibleName(tr("Droplet fields message"));
    m_catalogNote = new StatusLabel(this);
    m_catalogNote->setObjectName(QStringLiteral("catalogNote"));
    m_catalogNote->setAccessibleName(tr("Catalogue note"));
    m_catalogNote->showMessage(tr("Loading DigitalOcean's regions, sizes and images…"));
    const struct
    {
        QString label;
        QComboBox *combo;
    } pickers[] = {{tr("&Region:"), m_pickers->region()},
                   {tr("&Size:"), m_pickers->size()},
                   {tr("&Image:"), m_pickers->image()}};
    for (const auto &picker : pickers) {
        auto *caption = new QLabel(picker.label, this);
        caption->setBuddy(picker.combo);
        if (picker.combo == m_pickers->image())
            m_form->addRow(caption, fieldStack({picker.combo, m_fieldsMessage}, this));
        else
            m_form->addRow(caption, picker.combo);
    }
    m_waitCheck = new QCheckBox(tr("&Wait until the droplet is active"), this);
    m_waitCheck->setObjectName(QStringLiteral("waitCheck"));
    m_waitCheck->setAccessibleName(tr("Wait until the droplet is active"));
    m_waitCheck->setChecked(true);
    m_form->addRow(QString(), m_waitCheck);
    m_anotherCheck = new QCheckBox(tr("Create &another droplet if the order has one"), this);
    m_anotherCheck->setObjectName(QStringLiteral("anotherCheck"));
    m_anotherCheck->setAccessibleName(tr("Create another droplet if the order has one"));
    m_anotherCheck->setToolTip(tr("Without this, an order that already has a droplet (or one "
                                  "being created) gets that one back and nothing is created."));
    m_form->addRow(QString(), m_anotherCheck);
    // Under the form, not in it: a third wrapping label in the form's rows gets clipped.
    m_catalogRetryButton = new QPushButton(tr("Try again"), requestGroup);
    m_catalogRetryButton->setObjectName(QStringLiteral("catalogRetryButton"));
    m_catalogRetryButton->setAccessibleName(tr("Load DigitalOcean's lists again"));
    m_catalogRetryButton->hide(); // only after a failed load
    connect(m_catalogRetryButton, &QPushButton::clicked, this, [this] {
        m_catalogRetryButton->hide();
        m_catalogNote->showMessage(tr("Loading DigitalOcean's regions, sizes and images…"));
        Q_EMIT catalogRequested();
    });
    auto *catalogRow = new QHBoxLayout;
    catalogRow->addWidget(m_catalogNote, 1);
    catalogRow->addWidget(m_catalogRetryButton, 0, Qt::AlignTop);
    requestLayout->addLayout(catalogRow);
    connect(m_anotherCheck, &QCheckBox::toggled, this, &ProvisionDialog::updateState);

    m_previewGroup = new QGroupBox(tr("Which account"), this);
    m_previewGroup->setObjectName(QStringLiteral("previewGroup"));
    m_previewGroup->setAccessibleName(tr("Which account"));
    m_previewStatus = new StatusLabel(m_previewGroup);
    m_previewStatus->setObjectName(QStringLiteral("previewStatus"));
    m_previewStatus->setAccessibleName(tr("Account preview status"));
    auto makeValue = [this](const char *name, const QString &accessibleName) {
        auto *label = new QLabel(noValue(), m_previewGroup);
        label->setObjectName(QLatin1String(name));
        label->setAccessibleName(accessibleName);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_previewAccount = makeValue("previewAccount", tr("Chosen account"));
    m_previewCapacity = makeValue("previewCapacity", tr("Chosen account capacity"));
    m_previewReason = makeValue("previewReason", tr("Why this account"));
    m_previewSkipped = makeValue("previewSkipped", tr("Skipped accounts"));
    m_checkAgainButton = new QPushButton(tr("Check again"), m_previewGroup);
    m_checkAgainButton->setObjectName(QStringLiteral("checkAgainButton"));
    m_checkAgainButton->setAccessibleName(tr("Check which account again"));
    connect(m_checkAgainButton, &QPushButton::clicked, this, &ProvisionDialog::previewRequested);

    auto *previewForm = new QFormLayout;
    previewForm->addRow(tr("Account:"), m_previewAccount);
    previewForm->addRow(tr("Capacity:"), m_previewCapacity);
    previewForm->addRow(tr("Why:"), m_previewReason);
    previewForm->addRow(tr("Skipped:"), m_previewSkipped);
    auto *previewNote =
        new QLabel(tr("A preview only: the account is chosen again, with live capacity, when "
                      "provisioning starts."),
                   m_previewGroup);
    previewNote->setWordWrap(true);
    previewNote->setEnabled(false); // greyed: a hint, not data
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(previewNote, 1);
    checkRow->addWidget(m_checkAgainButton, 0, Qt::AlignBottom);
    auto *previewLayout = new QVBoxLayout(m_previewGroup);
    previewLayout->addWidget(m_previewStatus);
    previewLayout->addLayout(previewForm);
    previewLayout->addLayout(checkRow);

    m_progress = new StatusLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_progress->setAccessibleName(tr("Provisioning progress"));
    m_outcome = new StatusLabel(this);
    m_outcome->setObjectName(QStringLiteral("outcomeLabel"));
    m_outcome->setAccessibleName(tr("Provisioning outcome"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    m_provisionButton = m_buttons->addButton(tr("&Provision"), QDialogButtonBox::ActionRole);
    m_provisionButton->setObjectName(QStringLiteral("provisionButton"));
    m_provisionButton->setAccessibleName(tr("Provision droplet"));
    m_provisionButton->setDefault(true);
    connect(m_provisionButton, &QPushButton::clicked, this, &ProvisionDialog::provision);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(requestGroup);
    layout->addWidget(m_previewGroup);
    layout->addWidget(m_progress);
    layout->addWidget(m_outcome);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
}

void ProvisionDialog::setPreviewLoading()
{
    m_previewStatus->showMessage(tr("Checking which account would be used…"));
    m_checkAgainButton->setEnabled(false);
}

void ProvisionDialog::setPreview(const dopool::desktop::Selection &selection)
{
    const Account &a = selection.account;
    m_previewed = a;
    if (!a.id.isEmpty())
        m_names.insert(a.id, a.name);
    m_previewAccount->setText(a.isPrimary ? tr("%1 (primary)").arg(a.name) : a.name);
    m_previewCapacity->setText(tr("%1/%2 droplets used, %3 free")
                                   .arg(a.activeDroplets)
                                   .arg(a.dropletLimit)
                                   .arg(a.availableSlots()));
    m_previewReason->setText(selection.reason.isEmpty() ? noValue() : selection.reason);
    m_previewSkipped->setText(
        selection.skipped.isEmpty() ? tr("None") : selection.skipped.join(QLatin1Char('\n')));
    m_previewStatus->clearMessage();
    m_checkAgainButton->setEnabled(true);
}

void ProvisionDialog::updateAccount(const dopool::Account &account)
{
    if (account.id.isEmpty() || account.id != m_previewed.id)
        return;
    m_previewed = account;
    m_names.insert(account.id, account.name);
    m_previewCapacity->setText(tr("%1/%2 droplets used, %3 free")
                                   .arg(account.activeDroplets)
                                   .arg(account.dropletLimit)
                                   .arg(account.availableSlots()));
}

void ProvisionDialog::setCatalog(const dopool::desktop::Catalog &catalog)
{
    m_pickers->setCatalog(catalog);
    m_catalogNote->clearMessage();
    m_catalogRetryButton->hide();
    updateState();
}

void ProvisionDialog::setCatalogError(const QString &message)
{
    m_catalogNote->showMessage(
        tr("DigitalOcean's lists could not be loaded, so type the slugs (%1).").arg(message));
    m_catalogRetryButton->show();
}

void ProvisionDialog::setPreviewError(const QString &message)
{
    m_previewed = {};
    for (QLabel *label : {m_previewAccount, m_previewCapacity, m_previewReason, m_previewSkipped})
        label->setText(noValue());
    m_previewStatus->showMessage(message, Tone::Error);
    m_checkAgainButton->setEnabled(true);
}

void ProvisionDialog::setRunning(bool running)
{
    m_running = running;
    updateState();
}

void ProvisionDialog::setTaskProgress(const dopool::ProvisioningTask &task)
{
    switch (task.status) {
    case TaskStatus::Pending:
        m_progress->showMessage(tr("Starting…"));
        break;
    case TaskStatus::InProgress:
        if (task.doAccountId.isEmpty())
            m_progress->showMessage(
                tr("In progress: choosing an account, attempt %1").arg(std::max(1, task.attempts)));
        else
            m_progress->showMessage(tr("In progress on account %1, attempt %2")
                                        .arg(accountName(task.doAccountId))
                                        .arg(std::max(1, task.attempts)));
        break;
    case TaskStatus::Uncertain:
        m_progress->showMessage(tr("No clear answer from DigitalOcean on account %1: looking for "
                                   "the droplet before anything else is tried…")
                                    .arg(accountName(task.doAccountId)),
                                Tone::Warning);
        break;
    case TaskStatus::Created:
    case TaskStatus::Failed:
        setOutcome(task);
        break;
    case TaskStatus::Waiting: // a queued order's states: not what this dialog provisions
    case TaskStatus::Cancelled:
    case TaskStatus::Unknown:
        break;
    }
}

void ProvisionDialog::setOutcome(const dopool::desktop::ProvisionOutcome &outcome)
{
    const ProvisioningTask &task = outcome.task;
    if (!outcome.existing) {
        setOutcome(task);
        if (task.status == TaskStatus::Created && outcome.dropletStatus != QLatin1String("active"))
            m_outcome->showMessage(m_outcome->text() + QLatin1Char('\n') +
                                       tr("DigitalOcean is still setting it up (status \"%1\").")
                                           .arg(outcome.dropletStatus.isEmpty()
                                                    ? QStringLiteral("new")
                                                    : outcome.dropletStatus),
                                   Tone::Success);
        Q_EMIT outcomeShown();
        return;
    }
    m_progress->clearMessage();
    if (task.status == TaskStatus::Created)
        m_outcome->showMessage(tr("Order %1 already has droplet %2 on account %3; nothing was "
                                  "created. Tick \"Create another\" for a second one.")
                                   .arg(task.orderId)
                                   .arg(task.dropletId)
                                   .arg(accountName(task.doAccountId)),
                               Tone::Warning);
    else
        m_outcome->showMessage(tr("Order %1 already has a droplet being created (task %2); "
                                  "nothing else was created.")
                                   .arg(task.orderId, task.id),
                               Tone::Warning);
    m_createdOrderId = task.orderId;
    m_running = false;
    updateState();
    Q_EMIT outcomeShown();
}

void ProvisionDialog::setOutcome(const dopool::ProvisioningTask &task)
{
    m_progress->clearMessage();
    if (task.status == TaskStatus::Created) {
        QString text = tr("Droplet %1 created on account %2 for order %3.")
                           .arg(task.dropletId)
                           .arg(accountName(task.doAccountId), task.orderId);
        if (!task.error.isEmpty()) // e.g. the create action was still running at the timeout
            text.append(QLatin1Char('\n')).append(tr("Note: %1").arg(task.error));
        m_outcome->showMessage(text, Tone::Success);
        m_createdOrderId = task.orderId;
    } else if (task.status == TaskStatus::Failed) {
        m_outcome->showMessage(tr("Provisioning failed: %1")
                                   .arg(task.error.isEmpty() ? tr("no reason given") : task.error),
                               Tone::Error);
    }
    m_running = false;
    updateState();
}

void ProvisionDialog::setOutcomeError(const QString &message)
{
    m_progress->clearMessage();
    m_outcome->showMessage(tr("Provisioning failed: %1").arg(message), Tone::Error);
    m_running = false;
    updateState();
    Q_EMIT outcomeShown();
}

void ProvisionDialog::setAccountNames(const QHash<QString, QString> &namesById)
{
    m_names.insert(namesById);
}

dopool::desktop::ProvisionRequest ProvisionDialog::request() const
{
    dopool::desktop::ProvisionRequest r;
    r.orderId = m_orderIdEdit->text().trimmed();
    r.region = m_pickers->regionSlug();
    r.size = m_pickers->sizeSlug();
    r.image = m_pickers->imageSlug();
    r.wait = m_waitCheck->isChecked();
    r.another = m_anotherCheck->isChecked();
    return r;
}

bool ProvisionDialog::canProvision() const
{
    const auto r = request();
    return !m_running && !r.orderId.isEmpty() && r.orderId.size() <= maxOrderIdLength &&
           (r.orderId != m_createdOrderId || r.another) && !r.region.isEmpty() &&
           !r.size.isEmpty() && !r.image.isEmpty();
}

void ProvisionDialog::onFieldChanged()
{
    if (sender() == m_orderIdEdit)
        m_orderTouched = true;
    updateState();
}

void ProvisionDialog::provision()
{
    if (!canProvision())
        return;
    m_outcome->clearMessage();
    m_progress->showMessage(tr("Starting…"));
    m_running = true; // before emitting: a second click must not send the order twice
    updateState();
    Q_EMIT provisionRequested(request());
}

void ProvisionDialog::updateState()
{
    const auto r = request();
    if (m_orderTouched && r.orderId.isEmpty())
        m_orderIdMessage->showMessage(tr("The order ID is required."), Tone::Error);
    else if (r.orderId.size() > maxOrderIdLength)
        m_orderIdMessage->showMessage(tr("The order ID is %1 characters long; at most %2 are "
                                         "allowed.")
                                          .arg(r.orderId.size())
                                          .arg(maxOrderIdLength),
                                      Tone::Error);
    else if (!r.orderId.isEmpty() && r.orderId == m_createdOrderId && !r.another)
        m_orderIdMessage->showMessage(tr("This order has its droplet; enter another order ID, or "
                                         "tick \"Create another\" for a second one."),
                                      Tone::Warning);
    else
        m_orderIdMessage->clearMessage();

    const QString mismatch = m_pickers->mismatch();
    if (r.region.isEmpty() || r.size.isEmpty() || r.image.isEmpty())
        m_fieldsMessage->showMessage(tr("Region, size and image are required."), Tone::Error);
    else if (!mismatch.isEmpty())
        m_fieldsMessage->showMessage(mismatch, Tone::Warning); // a hint: DigitalOcean decides
    else
        m_fieldsMessage->clearMessage();

    m_orderIdEdit->setReadOnly(m_running);
    m_pickers->setEditable(!m_running);
    m_waitCheck->setEnabled(!m_running);
    m_anotherCheck->setEnabled(!m_running);
    m_provisionButton->setEnabled(canProvision());
    m_provisionButton->setText(m_running ? tr("Provisioning…") : tr("&Provision"));
}

QString ProvisionDialog::accountName(const QString &accountId) const
{
    if (accountId.isEmpty())
        return noValue();
    return m_names.value(accountId, accountId.left(8));
}

} // namespace dopool::ui
