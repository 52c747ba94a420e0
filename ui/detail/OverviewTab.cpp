#include "OverviewTab.h"

#include "AccountDetailView.h"
#include "DetailFormat.h"
#include "model/StatusColours.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace dopool::ui {

using namespace DetailFormat;

OverviewTab::OverviewTab(QWidget *parent)
    : QScrollArea(parent)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    auto *identity = new QGroupBox(AccountDetailView::tr("DigitalOcean identity"), page);
    auto *identityForm = new QFormLayout(identity);
    m_email = addValue(identityForm, AccountDetailView::tr("Email"), "emailValue");
    m_doUuid = addValue(identityForm, AccountDetailView::tr("Account UUID"), "doUuidValue");
    m_team = addValue(identityForm, AccountDetailView::tr("Team"), "teamValue");
    m_status = addValue(identityForm, AccountDetailView::tr("Status"), "statusValue");
    m_statusMessage =
        addValue(identityForm, AccountDetailView::tr("Status message"), "statusMessageValue");

    auto *limits = new QGroupBox(AccountDetailView::tr("Limits"), page);
    auto *limitsForm = new QFormLayout(limits);
    m_dropletLimit =
        addValue(limitsForm, AccountDetailView::tr("Droplet limit"), "dropletLimitValue");
    m_activeDroplets =
        addValue(limitsForm, AccountDetailView::tr("Active droplets"), "activeDropletsValue");
    m_availableSlots =
        addValue(limitsForm, AccountDetailView::tr("Available slots"), "availableSlotsValue");
    m_floatingIpLimit =
        addValue(limitsForm, AccountDetailView::tr("Floating IP limit"), "floatingIpLimitValue");
    m_volumeLimit = addValue(limitsForm, AccountDetailView::tr("Volume limit"), "volumeLimitValue");

    auto *rate = new QGroupBox(AccountDetailView::tr("API rate limit"), page);
    auto *rateForm = new QFormLayout(rate);
    m_rateLimit = addValue(rateForm, AccountDetailView::tr("Remaining"), "rateLimitValue");
    m_rateLimitReset =
        addValue(rateForm, AccountDetailView::tr("Resets at"), "rateLimitResetValue");

    auto *health = new QGroupBox(AccountDetailView::tr("Health"), page);
    auto *healthForm = new QFormLayout(health);
    m_health = addValue(healthForm, AccountDetailView::tr("Health"), "healthValue");
    m_lastSync = addValue(healthForm, AccountDetailView::tr("Last sync"), "lastSyncValue");
    m_lastHealthCheck =
        addValue(healthForm, AccountDetailView::tr("Last health check"), "lastHealthCheckValue");
    m_lastError = addValue(healthForm, AccountDetailView::tr("Last error"), "lastErrorValue");
    m_failures = addValue(healthForm, AccountDetailView::tr("Failures in a row"), "failuresValue");
    setTone(m_lastError, Tone::Error);

    for (QGroupBox *group : {identity, limits, rate, health}) {
        group->setAccessibleName(group->title());
        layout->addWidget(group);
    }
    layout->addStretch(1);

    setObjectName(QStringLiteral("overviewScroll"));
    setAccessibleName(AccountDetailView::tr("Overview"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setWidget(page);
}

QLabel *OverviewTab::addValue(QFormLayout *form, const QString &label, const char *objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(QLatin1String(objectName));
    value->setAccessibleName(label);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(AccountDetailView::tr("%1:").arg(label), value);
    return value;
}

void OverviewTab::showNothing()
{
    for (QLabel *label :
         {m_email, m_doUuid, m_team, m_status, m_statusMessage, m_dropletLimit, m_activeDroplets,
          m_availableSlots, m_floatingIpLimit, m_volumeLimit, m_rateLimit, m_rateLimitReset,
          m_health, m_lastSync, m_lastHealthCheck, m_lastError, m_failures})
        label->setText(noValue());
    setTone(m_status, Tone::Neutral);
    setTone(m_health, Tone::Neutral);
}

void OverviewTab::showAccount(const std::optional<Account> &account,
                              const std::optional<desktop::AccountInfo> &live)
{
    if (!account)
        return showNothing();
    const Account &a = *account;
    const QString none = noValue();
    // Live answers are newer than the last sync; the stored values stand in until one comes.
    const QString email = live && !live->email.isEmpty() ? live->email : a.email;
    const QString uuid = live && !live->uuid.isEmpty() ? live->uuid : a.doUuid;
    const QString status = live && !live->status.isEmpty() ? live->status : a.doStatus;
    const QString statusMessage = live ? live->statusMessage : a.doStatusMessage;
    const int dropletLimit = live && live->dropletLimit > 0 ? live->dropletLimit : a.dropletLimit;

    m_email->setText(orDash(email));
    m_doUuid->setText(orDash(uuid));
    if (live && (!live->teamName.isEmpty() || !live->teamUuid.isEmpty()))
        m_team->setText(
            AccountDetailView::tr("%1 (%2)").arg(orDash(live->teamName), orDash(live->teamUuid)));
    else
        m_team->setText(none);
    m_status->setText(orDash(status));
    setTone(m_status, doStatusTone(status));
    m_statusMessage->setText(orDash(statusMessage));

    m_dropletLimit->setText(QString::number(dropletLimit));
    m_activeDroplets->setText(QString::number(a.activeDroplets));
    m_availableSlots->setText(QString::number(std::max(0, dropletLimit - a.activeDroplets)));
    m_floatingIpLimit->setText(live ? limitText(live->floatingIpLimit) : none);
    m_volumeLimit->setText(live ? limitText(live->volumeLimit) : none);

    if (a.rateLimitRemaining >= 0 || a.rateLimitLimit >= 0)
        m_rateLimit->setText(
            AccountDetailView::tr("%1 of %2 requests")
                .arg(limitText(a.rateLimitRemaining), limitText(a.rateLimitLimit)));
    else
        m_rateLimit->setText(none);
    m_rateLimitReset->setText(timeText(a.rateLimitReset));

    m_health->setText(healthLabel(a.healthStatus));
    setTone(m_health, healthTone(a.healthStatus));
    m_lastSync->setText(timeText(a.lastSyncAt));
    m_lastHealthCheck->setText(timeText(a.lastHealthCheck));
    m_lastError->setText(orDash(a.lastError));
    setTone(m_lastError, a.lastError.isEmpty() ? Tone::Neutral : Tone::Error);
    m_failures->setText(QString::number(a.consecutiveFailures));
}

} // namespace dopool::ui
