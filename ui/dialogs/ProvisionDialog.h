#pragma once

#include "engine/AccountSelector.h"
#include "engine/EngineContext.h"
#include "engine/Provisioner.h"
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

    explicit ProvisionDialog(const dopool::engine::EngineSettings &defaults,
                             QWidget *parent = nullptr);

    void setPreviewLoading();
    void setPreview(const dopool::engine::Selection &selection);
    void setPreviewError(const QString &message);

    // Provision is disabled while running. Clicking it starts "running" at once (no double
    // submit); setOutcome / setOutcomeError end it, as does setRunning(false).
    void setRunning(bool running);
    void setTaskProgress(const dopool::ProvisioningTask &task);
    void setOutcome(const dopool::ProvisioningTask &task);
    void setOutcome(const dopool::engine::ProvisionOutcome &outcome);
    void setOutcomeError(const QString &message);

    // Names for the account ids in task updates (the preview's account is known already).
    void setAccountNames(const QHash<QString, QString> &namesById);

    // Trimmed fields; wait (until active) and another (a second droplet for the order) from
    // their check boxes.
    dopool::engine::ProvisionRequest request() const;
    bool isRunning() const { return m_running; }
    bool canProvision() const;

Q_SIGNALS:
    void previewRequested();
    void provisionRequested(const dopool::engine::ProvisionRequest &request);

private:
    void buildUi(const dopool::engine::EngineSettings &defaults);
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
    QLineEdit *m_regionEdit = nullptr;
    QLineEdit *m_sizeEdit = nullptr;
    QLineEdit *m_imageEdit = nullptr;
    StatusLabel *m_fieldsMessage = nullptr;
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
