#pragma once

#include "desktop/EngineTypes.h"
#include "model/Account.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dopool::ui {

class CatalogPickers;
class StatusLabel;

// Provisions one droplet for an order. Passive: it collects the request, shows which account
// the selector would use (previewRequested -> setPreview...), emits provisionRequested and then
// shows what the caller reports (setTaskProgress, setOutcome / setOutcomeError).
// Close never cancels anything: a provisioning already sent finishes in the engine.
class ProvisionDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int maxOrderIdLength = 100;

    explicit ProvisionDialog(const dopool::desktop::EngineSettings &defaults,
                             QWidget *parent = nullptr);

    void setPreviewLoading();
    void setPreview(const dopool::desktop::Selection &selection);
    void setPreviewError(const QString &message);

    // Provision is disabled while running. Clicking it starts "running" at once (no double
    // submit); setOutcome / setOutcomeError end it, as does setRunning(false).
    void setRunning(bool running);
    void setTaskProgress(const dopool::ProvisioningTask &task);
    void setOutcome(const dopool::ProvisioningTask &task);
    void setOutcome(const dopool::desktop::ProvisionOutcome &outcome);
    void setOutcomeError(const QString &message);

    // DigitalOcean's catalogue for the Region, Size and Image pickers; without it (not loaded
    // yet, or the error) they take typed slugs, with a quiet note saying why.
    void setCatalog(const dopool::desktop::Catalog &catalog);
    void setCatalogError(const QString &message);
    // An account's row changed in the pool: the "Which account" block shows its new count at
    // once if it is the account shown there.
    void updateAccount(const dopool::Account &account);

    // Names for the account ids in task updates (the preview's account is known already).
    void setAccountNames(const QHash<QString, QString> &namesById);

    // Trimmed fields; wait (until active) and another (a second droplet for the order) from
    // their check boxes.
    dopool::desktop::ProvisionRequest request() const;
    bool isRunning() const { return m_running; }
    bool canProvision() const;

Q_SIGNALS:
    void previewRequested();
    void provisionRequested(const dopool::desktop::ProvisionRequest &request);
    // Try again after a failed catalogue load: read DigitalOcean's lists anew.
    void catalogRequested();
    // An outcome (created, existing, failed) is shown: the account preview is out of date.
    void outcomeShown();

private:
    void buildUi(const dopool::desktop::EngineSettings &defaults);
    // below: an inline message shown under the field (may be null)
    QLineEdit *addField(const QString &label, const QString &accessibleName, const char *name,
                        const QString &value, QWidget *below = nullptr);
    void onFieldChanged();
    void provision();
    void updateState();
    QString accountName(const QString &accountId) const;

    bool m_running = false;
    bool m_orderTouched = false;
    QString m_createdOrderId; // provisioned already: the same order again needs a new id
    QHash<QString, QString> m_names;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_orderIdEdit = nullptr;
    StatusLabel *m_orderIdMessage = nullptr;
    CatalogPickers *m_pickers = nullptr;
    StatusLabel *m_fieldsMessage = nullptr;
    StatusLabel *m_catalogNote = nullptr;
    QPushButton *m_catalogRetryButton = nullptr;
    dopool::Account m_previewed; // the account the "Which account" block shows
    QCheckBox *m_waitCheck = nullptr;
    QCheckBox *m_anotherCheck = nullptr;

    QGroupBox *m_previewGroup = nullptr;
    StatusLabel *m_previewStatus = nullptr;
    QLabel *m_previewAccount = nullptr;
    QLabel *m_previewCapacity = nullptr;
    QLabel *m_previewReason = nullptr;
    QLabel *m_previewSkipped = nullptr;
    QPushButton *m_checkAgainButton = nullptr;

    StatusLabel *m_progress = nullptr;
    StatusLabel *m_outcome = nullptr;
    QPushButton *m_provisionButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace dopool::ui
