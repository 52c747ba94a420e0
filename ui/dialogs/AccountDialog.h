#pragma once

#include "common/Error.h"
#include "desktop/DesktopTypes.h"
#include "model/Account.h"

#include <QDialog>
#include <functional>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace dopool::ui {

class StatusLabel;

// Adds or edits one account. Passive: it checks the input, asks the injected Verifier to try a
// token against DigitalOcean, and hands the result to whoever opened it (name(), token(), ...).
// Saving is the caller's job; a failure comes back through setSaveError() and the dialog stays
// open with everything the user typed.
//
// The token is shown in clear only inside its own field while "Show" is checked; labels never
// carry it (an error echoing it is masked before display).
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Add,
        Edit
    };

    // Checks a token against DigitalOcean (GET /v2/account) and calls done once, in context's
    // thread; never needs to call it synchronously. A result arriving after the token was
    // edited again, or after the dialog closed, is ignored.
    using Verifier =
        std::function<void(const QString &token, QObject *context,
                           std::function<void(dopool::Result<dopool::desktop::AccountInfo>)> done)>;

    explicit AccountDialog(Mode mode, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }

    // Edit mode: fills name, primary and active, and shows what is stored about the account.
    void setAccount(const dopool::Account &account);
    void setVerifier(Verifier verifier);
    void setSaveError(const QString &message);
    // The pool stored what saveRequested asked for: close (accepted).
    void finishSave() { accept(); }

    QString name() const;  // trimmed
    QString token() const; // trimmed; empty in Edit mode = keep the stored token
    bool isPrimary() const;
    bool isActive() const;
    // What DigitalOcean said about the token that will be saved (none when it is not changed).
    std::optional<dopool::desktop::AccountInfo> verifiedInfo() const;
    // What Save asks the pool for, built here once: a new account (Add), or original changed
    // as the fields say (Edit; a stale original is the pool's Conflict, never an overwrite).
    dopool::desktop::AccountDraft draft() const;
    dopool::desktop::AccountEdit edit(const dopool::Account &original) const;

    bool canSave() const;

Q_SIGNALS:
    void saveRequested();

private:
    void buildUi();
    void onNameChanged();
    void onTokenChanged();
    void onShowTokenToggled(bool show);
    void verify();
    void takeVerification(quint64 generation,
                          const dopool::Result<dopool::desktop::AccountInfo> &result);
    void showVerifiedInfo(const dopool::desktop::AccountInfo &info);
    void updateState();
    QString withoutToken(const QString &text) const;

    Mode m_mode;
    Verifier m_verifier;
    std::optional<dopool::desktop::AccountInfo> m_verifiedInfo;
    quint64 m_generation = 0; // bumped by every token edit: stale verifications are dropped
    bool m_verifying = false;
    bool m_nameTouched = false;
    bool m_tokenTouched = false;

    QLineEdit *m_nameEdit = nullptr;
    StatusLabel *m_nameMessage = nullptr;
    QLineEdit *m_tokenEdit = nullptr;
    QToolButton *m_showTokenButton = nullptr;
    QPushButton *m_verifyButton = nullptr;
    StatusLabel *m_tokenMessage = nullptr;
    QCheckBox *m_primaryCheck = nullptr;
    QCheckBox *m_activeCheck = nullptr;
    QGroupBox *m_storedGroup = nullptr; // Edit: what the last sync stored
    QLabel *m_storedEmail = nullptr;
    QLabel *m_storedLimit = nullptr;
    QLabel *m_storedStatus = nullptr;
    StatusLabel *m_verifyResult = nullptr;
    StatusLabel *m_saveError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace dopool::ui
