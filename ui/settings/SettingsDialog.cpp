#include "SettingsDialog.h"

#include "desktop/EngineTypes.h"
#include "dialogs/FieldStack.h"
#include "dialogs/StatusLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dopool::ui {

using Tone = StatusLabel::Tone;

namespace {

QLabel *makeNote(const QString &text, QWidget *parent)
{
    auto *note = new QLabel(text, parent);
    note->setWordWrap(true);
    note->setEnabled(false);                 // greyed: a hint, not a setting
    QSizePolicy policy = note->sizePolicy(); // the field column's full width, not a narrow hint
    policy.setHorizontalPolicy(QSizePolicy::Expanding);
    note->setSizePolicy(policy);
    return note;
}

QSpinBox *makeSeconds(const QString &accessibleName, const char *name, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    spin->setAccessibleName(accessibleName);
    spin->setRange(AppSettings::minIntervalSecs, AppSettings::maxIntervalSecs);
    spin->setSuffix(SettingsDialog::tr(" s"));
    spin->setMinimumWidth(120);
    return spin;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &current, QWidget *parent)
    : QDialog(parent)
    , m_current(current)
{
    buildUi();
    load(current);
    updateState();
}

void SettingsDialog::buildUi()
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(540);

    // --- Schedule and selection ---
    auto *engineGroup = new QGroupBox(tr("Sync and selection"), this);
    engineGroup->setAccessibleName(engineGroup->title());
    m_syncInterval = makeSeconds(tr("Sync interval in seconds"), "syncIntervalSpin", engineGroup);
    m_healthInterval =
        makeSeconds(tr("Health check interval in seconds"), "healthIntervalSpin", engineGroup);
    m_policy = new QComboBox(engineGroup);
    m_policy->setObjectName(QStringLiteral("policyCombo"));
    m_policy->setAccessibleName(tr("Account selection policy"));
    m_policy->addItem(tr("Plan order (primary first)"),
                      desktop::selectionPolicyName(desktop::SelectionPolicy::PlanOrder));
    m_policy->addItem(tr("Least utilised first"),
                      desktop::selectionPolicyName(desktop::SelectionPolicy::LeastUtilised));
    auto *engineForm = new QFormLayout(engineGroup);
    engineForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    engineForm->addRow(tr("S&ync every:"), m_syncInterval);
    engineForm->addRow(tr("&Check health every:"), m_healthInterval);
    engineForm->addRow(tr("Choose &accounts by:"), m_policy);
    // The order queue (issue #20): `dopool-cli serve` provisions it; a desktop only when asked.
    m_provisionOrders =
        new QCheckBox(tr("&Provision queued orders from this desktop"), engineGroup);
    m_provisionOrders->setObjectName(QStringLiteral("provisionOrdersCheck"));
    m_provisionOrders->setAccessibleName(tr("Provision queued orders from this desktop"));
    m_provisionOrders->setToolTip(
        tr("Off: this desktop shows the order queue and acts on it only when you ask; "
           "dopool-cli serve provisions the orders. Turn it on only on a machine that "
           "stays on and online."));
    engineForm->addRow(QString(), m_provisionOrders);

    // --- Alerts ---
    auto *alertsGroup = new QGroupBox(tr("Alerts"), this);
    alertsGroup->setAccessibleName(alertsGroup->title());
    m_threshold = new QSpinBox(alertsGroup);
    m_threshold->setObjectName(QStringLiteral("thresholdSpin"));
    m_threshold->setAccessibleName(tr("Pool utilisation alert threshold in percent"));
    m_threshold->setRange(1, 100);
    m_threshold->setSuffix(tr(" %"));
    m_threshold->setMinimumWidth(120);
    m_notifications = new QCheckBox(tr("Show desktop notifications"), alertsGroup);
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_notifications->setAccessibleName(tr("Desktop notifications"));
    m_webhook = new QLineEdit(alertsGroup);
    m_webhook->setObjectName(QStringLiteral("webhookEdit"));
    m_webhook->setAccessibleName(tr("Alert webhook URL"));
    m_webhook->setPlaceholderText(tr("Empty: no webhook"));
    auto *alertsForm = new QFormLayout(alertsGroup);
    alertsForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    alertsForm->addRow(tr("Alert when the pool is &over:"), m_threshold);
    alertsForm->addRow(tr("&Webhook URL:"), m_webhook);
    alertsForm->addRow(QString(), m_notifications);

    // --- Database ---
    auto *databaseGroup = new QGroupBox(tr("Database"), this);
    databaseGroup->setAccessibleName(databaseGroup->title());
    m_database = new QLineEdit(databaseGroup);
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    m_database->setAccessibleName(tr("Database URL"));
    m_database->setPlaceholderText(tr("Empty: the default SQLite file"));
    m_database->setToolTip(
        tr("sqlite:/path/to/pool.sqlite or postgresql://user@host:port/database"));
    m_testButton = new QPushButton(tr("&Test connection"), databaseGroup);
    m_testButton->setObjectName(QStringLiteral("testDatabaseButton"));
    m_testButton->setAccessibleName(tr("Test database connection"));
    m_databaseStatus = new StatusLabel(databaseGroup);
    m_databaseStatus->setObjectName(QStringLiteral("databaseStatus"));
    m_databaseStatus->setAccessibleName(tr("Database connection status"));
    auto *databaseRowWidget = new QWidget(databaseGroup);
    auto *databaseRow = new QHBoxLayout(databaseRowWidget);
    databaseRow->setContentsMargins(0, 0, 0, 0);
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(m_testButton);
    auto *databaseLabel = new QLabel(tr("&URL:"), databaseGroup);
    databaseLabel->setBuddy(m_database);
    auto *databaseForm = new QFormLayout;
    databaseForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    databaseForm->addRow(databaseLabel,
                         fieldStack({databaseRowWidget, m_databaseStatus}, databaseGroup));
    // The long note spans the group: inside the form's field column its wrapped height is
    // estimated from the wrong width and the last line gets cut.
    auto *databaseLayout = new QVBoxLayout(databaseGroup);
    databaseLayout->addLayout(databaseForm);
    databaseLayout->addWidget(
        makeNote(tr("sqlite:/path/to/pool.sqlite or postgresql://user@host:5432/database. No "
                    "password here: PostgreSQL takes it from PGPASSWORD, ~/.pgpass or the "
                    "keychain. A changed database must be tested before saving; it is used "
                    "after a restart."),
                 databaseGroup));

    // --- Language ---
    auto *languageGroup = new QGroupBox(tr("Language"), this);
    languageGroup->setAccessibleName(languageGroup->title());
    m_language = new QComboBox(languageGroup);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QString());
    // Each language under its own name, so a reader of either finds it.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Bahasa Indonesia"), QStringLiteral("id"));
    auto *languageForm = new QFormLayout(languageGroup);
    languageForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *languageLabel = new QLabel(tr("&Language:"), languageGroup);
    languageLabel->setBuddy(m_language);
    languageForm->addRow(
        languageLabel,
        fieldStack(
            {m_language, makeNote(tr("A language change applies after a restart."), languageGroup)},
            languageGroup));

    m_validation = new StatusLabel(this);
    m_validation->setObjectName(QStringLiteral("validationMessage"));
    m_validation->setAccessibleName(tr("Settings validation message"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(engineGroup);
    layout->addWidget(alertsGroup);
    layout->addWidget(databaseGroup);
    layout->addWidget(languageGroup);
    layout->addWidget(m_validation);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    const auto changed = [this] {
        updateState();
    };
    connect(m_syncInterval, &QSpinBox::valueChanged, this, changed);
    connect(m_healthInterval, &QSpinBox::valueChanged, this, changed);
    connect(m_threshold, &QSpinBox::valueChanged, this, changed);
    connect(m_webhook, &QLineEdit::textChanged, this, changed);
    connect(m_database, &QLineEdit::textChanged, this, &SettingsDialog::onDatabaseChanged);
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::testDatabase);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canSave())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SettingsDialog::load(const AppSettings &s)
{
    m_syncInterval->setValue(s.syncIntervalSecs);
    m_healthInterval->setValue(s.healthIntervalSecs);
    m_threshold->setValue(s.utilisationThresholdPercent);
    m_policy->setCurrentIndex(
        std::max(0, m_policy->findData(desktop::selectionPolicyName(s.selectionPolicy))));
    m_database->setText(s.databaseUrl);
    m_webhook->setText(s.webhookUrl);
    m_notifications->setChecked(s.notificationsEnabled);
    m_provisionOrders->setChecked(s.provisionOrders);
    m_language->setCurrentIndex(std::max(0, m_language->findData(s.language)));
    // Loading is not an edit: the stored database needs no test.
    m_databaseTestedOk = false;
    m_databaseStatus->clearMessage();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_current;
    s.syncIntervalSecs = m_syncInterval->value();
    s.healthIntervalSecs = m_healthInterval->value();
    s.utilisationThresholdPercent = m_threshold->value();
    if (const auto policy = desktop::selectionPolicyFromName(m_policy->currentData().toString()))
        s.selectionPolicy = *policy;
    s.databaseUrl = m_database->text().trimmed();
    s.webhookUrl = m_webhook->text().trimmed();
    s.notificationsEnabled = m_notifications->isChecked();
    s.provisionOrders = m_provisionOrders->isChecked();
    s.language = m_language->currentData().toString();
    return s;
}

void SettingsDialog::setDatabaseTester(DatabaseTester tester)
{
    m_tester = std::move(tester);
    updateState();
}

bool SettingsDialog::databaseChanged() const
{
    return m_database->text().trimmed() != m_current.databaseUrl;
}

bool SettingsDialog::canSave() const
{
    if (!settings().validate())
        return false;
    return !databaseChanged() || m_databaseTestedOk;
}

void SettingsDialog::onDatabaseChanged()
{
    ++m_generation;
    m_testing = false;
    m_databaseTestedOk = false;
    if (databaseChanged())
        m_databaseStatus->showMessage(tr("Test the connection before saving."));
    else
        m_databaseStatus->clearMessage();
    updateState();
}

void SettingsDialog::testDatabase()
{
    if (!m_tester || m_testing)
        return;
    m_testing = true;
    m_databaseStatus->showMessage(tr("Connecting…"));
    updateState();
    const quint64 generation = m_generation;
    QPointer<SettingsDialog> self(this);
    m_tester(m_database->text().trimmed(), this, [self, generation](dopool::Result<void> result) {
        if (self)
            self->takeTestResult(generation, result);
    });
}

void SettingsDialog::takeTestResult(quint64 generation, const dopool::Result<void> &result)
{
    if (generation != m_generation || !m_testing)
        return; // the URL was edited meanwhile: this answer is about another one
    m_testing = false;
    m_databaseTestedOk = result.ok();
    if (result)
        m_databaseStatus->showMessage(tr("Connected"), Tone::Success);
    else
        m_databaseStatus->showMessage(result.error().message, Tone::Error);
    updateState();
}

void SettingsDialog::updateState()
{
    const auto valid = settings().validate();
    if (valid)
        m_validation->clearMessage();
    else
        m_validation->showMessage(valid.error().message, Tone::Error);

    const QString url = m_database->text().trimmed();
    const bool urlParses = url.isEmpty() || DatabaseUrl::parse(url).ok();
    m_testButton->setEnabled(m_tester && !m_testing && urlParses);
    m_testButton->setText(m_testing ? tr("Testing…") : tr("&Test connection"));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(canSave());
}

} // namespace dopool::ui
