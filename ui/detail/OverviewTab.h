#pragma once

#include "desktop/EngineTypes.h"
#include "model/Account.h"

#include <QScrollArea>
#include <optional>

class QFormLayout;
class QLabel;

namespace dopool::ui {

// The detail view's Overview tab: DigitalOcean identity, limits, API rate limit and health of
// one account - the stored values, replaced by DO's live answer where it has one.
class OverviewTab : public QScrollArea
{
    Q_OBJECT
public:
    explicit OverviewTab(QWidget *parent = nullptr);

    // No account: every value a dash.
    void showAccount(const std::optional<Account> &account,
                     const std::optional<desktop::AccountInfo> &live);

private:
    QLabel *addValue(QFormLayout *form, const QString &label, const char *objectName);
    void showNothing();

    QLabel *m_email = nullptr;
    QLabel *m_doUuid = nullptr;
    QLabel *m_team = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_statusMessage = nullptr;
    QLabel *m_dropletLimit = nullptr;
    QLabel *m_activeDroplets = nullptr;
    QLabel *m_availableSlots = nullptr;
    QLabel *m_floatingIpLimit = nullptr;
    QLabel *m_volumeLimit = nullptr;
    QLabel *m_rateLimit = nullptr;
    QLabel *m_rateLimitReset = nullptr;
    QLabel *m_health = nullptr;
    QLabel *m_lastSync = nullptr;
    QLabel *m_lastHealthCheck = nullptr;
    QLabel *m_lastError = nullptr;
    QLabel *m_failures = nullptr;
};

} // namespace dopool::ui
