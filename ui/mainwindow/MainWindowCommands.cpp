// MainWindow: what the actions do - the dialogs and the requests to the pool.
#include "DetailDock.h"
#include "MainWindow.h"
#include "PoolActions.h"
#include "SyncRunner.h"
#include "detail/AccountDetailView.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/AuditDialog.h"
#include "dialogs/PoolKeyDialog.h"
#include "dialogs/ProvisionDialog.h"
#include "model/AccountTableModel.h"
#include "settings/SettingsDialog.h"

#include <QDialogButtonBox>
#include <QDockWidget>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace dopool::ui {

std::function<void(const QString &, QObject *, std::function<void(Result<desktop::AccountInfo>)>)>
MainWindow::tokenVerifier() const
{
    return [pool = pool()](const QString &token, QObject *context,
                           std::function<void(Result<desktop::AccountInfo>)> done) {
        desktop::PoolClient::call(pool, &desktop::PoolWorker::verifyToken, token)
            .then(context, std::move(done));
    };
}

void MainWindow::addAccount()
{
    if (!m_client || !m_open)
        return;
    auto *dialog = new AccountDialog(AccountDialog::Mode::Add, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setVerifier(tokenVerifier());
    // Save keeps the dialog open until the pool has the account: a refusal (name taken, store
    // down) is shown in the dialog and nothing typed is lost.
    connect(dialog, &AccountDialog::saveRequested, this, [this, dialog, pool = pool()] {
        desktop::PoolClient::call(pool, &desktop::PoolWorker::addAccount, dialog->draft())
            .then(dialog, [this, dialog](Result<Account> added) {
                if (!added) {
                    dialog->setSaveError(added.error().message);
                    return;
                }
                flushSummary();
                showMessage(tr("Account '%1' added").arg(added->name));
                dialog->finishSave();
                selectAccount(added->id);
            });
    });
    dialog->open();
}

void MainWindow::editAccount()
{
    const Account *selected = selectedAccount();
    if (!selected || !m_client)
        return;
    const Account account = *selected;
    auto *dialog = new AccountDialog(AccountDialog::Mode::Edit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAccount(account);
    dialog->setVerifier(tokenVerifier());
    connect(dialog, &AccountDialog::saveRequested, this, [this, dialog, account, pool = pool()] {
        desktop::PoolClient::call(pool, &desktop::PoolWorker::updateAccount, dialog->edit(account))
            .then(dialog, [this, dialog](Result<Account> updated) {
                if (!updated) {
                    dialog->setSaveError(updated.error().message);
                    return;
                }
                flushSummary();
                showMessage(tr("Account '%1' saved").arg(updated->name));
                dialog->finishSave();
            });
    });
    dialog->open();
}

void MainWindow::deleteAccount()
{
    const Account *selected = selectedAccount();
    if (!selected || !m_client)
        return;
    const Account account = *selected;
    const QString question =
        tr("Delete account '%1' (%2) from the pool?\n\nIts droplets on DigitalOcean are not "
           "touched; the pool just stops using the account. Its encrypted token is deleted.")
            .arg(account.name, account.email);
    if (!m_confirm(this, tr("Delete account"), question))
        return;
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::deleteAccount, account.id)
        .then(m_scope, [this, name = account.name](Result<void> deleted) {
            if (!deleted)
                return showError(deleted.error().message);
            flushSummary();
            showMessage(tr("Account '%1' deleted").arg(name));
        });
}

void MainWindow::applyEdit(const Account &account,
                           const std::function<void(desktop::AccountEdit &)> &change,
                           const QString &doneMessage)
{
    desktop::AccountEdit edit = desktop::AccountEdit::of(account);
    change(edit);
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::updateAccount, edit)
        .then(m_scope, [this, doneMessage](Result<Account> updated) {
            if (!updated)
                return showError(updated.error().message);
            flushSummary();
            showMessage(doneMessage);
        });
}

void MainWindow::setPrimary()
{
    const Account *selected = selectedAccount();
    if (!selected || !m_client || selected->isPrimary)
        return;
    applyEdit(
        *selected, [](desktop::AccountEdit &edit) { edit.isPrimary = true; },
        tr("'%1' is now the primary account").arg(selected->name));
}

void MainWindow::toggleActive()
{
    const Account *selected = selectedAccount();
    if (!selected || !m_client)
        return;
    const bool activate = !selected->isActive;
    applyEdit(
        *selected, [activate](desktop::AccountEdit &edit) { edit.isActive = activate; },
        activate ? tr("'%1' activated").arg(selected->name)
                 : tr("'%1' deactivated: no new droplets go there").arg(selected->name));
}

void MainWindow::runSync(desktop::SyncMode mode, const QStringList &ids, const QString &what)
{
    if (m_open)
        m_sync->run(mode, ids, what, m_model->rowCount());
}

void MainWindow::syncSelected()
{
    if (const Account *account = selectedAccount())
        runSync(desktop::SyncMode::Sync, {account->id}, tr("Sync of '%1'").arg(account->name));
}

void MainWindow::syncAll()
{
    runSync(desktop::SyncMode::Sync, {}, tr("Sync All"));
}

void MainWindow::checkHealthSelected()
{
    if (const Account *account = selectedAccount())
        runSync(desktop::SyncMode::HealthCheck, {account->id},
                tr("Health check of '%1'").arg(account->name));
}

void MainWindow::checkHealthAll()
{
    runSync(desktop::SyncMode::HealthCheck, {}, tr("Health check of all accounts"));
}

void MainWindow::provision()
{
    if (!m_client || !m_open)
        return;
    desktop::EngineSettings defaults = m_client->config().engine;
    auto *dialog = new ProvisionDialog(defaults, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<desktop::PoolClient> pool = this->pool();
    auto preview = [dialog, pool] {
        dialog->setPreviewLoading();
        desktop::PoolClient::call(pool, &desktop::PoolWorker::previewSelection)
            .then(dialog, [dialog](Result<desktop::Selection> selection) {
                if (!selection)
                    return dialog->setPreviewError(selection.error().message);
                dialog->setPreview(*selection);
            });
    };
    connect(dialog, &ProvisionDialog::previewRequested, this, preview);
    // Every task's changes arrive here (the queue, other instances): only this run's order.
    connect(m_client->events(), &desktop::PoolEvents::taskUpdated, dialog,
            [dialog](const ProvisioningTask &task) {
                if (dialog->isRunning() && task.orderId == dialog->request().orderId)
                    dialog->setTaskProgress(task);
            });
    connect(m_client->events(), &desktop::PoolEvents::accountChanged, dialog,
            &ProvisionDialog::updateAccount);
    // After an outcome the "Which account" block is asked again: the count has changed, and
    // the next droplet may go elsewhere.
    connect(dialog, &ProvisionDialog::outcomeShown, this, preview);
    // The lists from the engine's cache (an hour); Try again reads them anew.
    auto loadCatalog = [dialog, pool](bool refresh) {
        desktop::PoolClient::call(pool, &desktop::PoolWorker::catalog, refresh)
            .then(dialog, [dialog](Result<desktop::Catalog> catalog) {
                if (!catalog)
                    return dialog->setCatalogError(catalog.error().message);
                dialog->setCatalog(*catalog);
            });
    };
    connect(dialog, &ProvisionDialog::catalogRequested, this, [loadCatalog] { loadCatalog(true); });
    loadCatalog(false);
    connect(dialog, &ProvisionDialog::provisionRequested, this,
            [this, dialog, pool](const desktop::ProvisionRequest &request) {
                dialog->setRunning(true);
                desktop::PoolClient::call(pool, &desktop::PoolWorker::provision, request)
                    .then(dialog, [this, dialog](Result<desktop::ProvisionOutcome> outcome) {
                        // The account's new row came before this answer: the table, pool
                        // bar and banner show it now, not at the next round.
                        flushSummary();
                        dialog->setRunning(false);
                        Q_EMIT provisionFinished(outcome.ok());
                        if (!outcome) {
                            dialog->setOutcomeError(outcome.error().message);
                            showError(outcome.error().message);
                            return;
                        }
                        dialog->setOutcome(*outcome);
                        const ProvisioningTask &task = outcome->task;
                        showMessage(
                            outcome->existing
                                ? tr("Order %1 already has its droplet; nothing was created")
                                      .arg(task.orderId)
                                : tr("Droplet %1 created for order %2")
                                      .arg(task.dropletId)
                                      .arg(task.orderId));
                    });
            });
    dialog->open();
    preview();
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDatabaseTester([pool = pool()](const QString &url, QObject *context,
                                              std::function<void(Result<void>)> done) {
        if (!pool)
            return done(desktop::poolNotOpen());
        pool->testDatabase(url, context, std::move(done));
    });
    connect(dialog, &SettingsDialog::accepted, this, [this, dialog] {
        const AppSettings saved = dialog->settings();
        setSettings(saved);
        Q_EMIT settingsSaved(saved);
    });
    dialog->open();
}

void MainWindow::openPoolKey()
{
    if (!m_client || m_info.keyFingerprint.isEmpty())
        return;
    auto *dialog = new PoolKeyDialog(pool(), m_info.keyFingerprint, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_keyFileChooser)
        dialog->keyBox()->setFileChooser(m_keyFileChooser);
    dialog->open();
}

void MainWindow::showDetails()
{
    if (const Account *account = selectedAccount())
        m_details->show(account->id);
}

void MainWindow::importEnvToken()
{
    if (!m_client || !m_open)
        return;
    // The app's environment as it started (DesktopApp), not whatever the process has now.
    const QString token = m_envToken;
    if (token.isEmpty())
        return showError(tr("DO_ACCESS_TOKEN is not set"));
    showMessage(tr("Verifying DO_ACCESS_TOKEN with DigitalOcean…"));
    desktop::PoolClient::call(m_client, &desktop::PoolWorker::verifyToken, token)
        .then(m_scope, [this, token](Result<desktop::AccountInfo> info) {
            if (!info)
                return showError(tr("DO_ACCESS_TOKEN: %1").arg(info.error().message));
            desktop::AccountDraft draft;
            draft.name = QStringLiteral("Primary");
            draft.token = token;
            draft.isPrimary = true;
            draft.verified = *info;
            // m_scope: still the pool the token was verified with.
            desktop::PoolClient::call(m_client, &desktop::PoolWorker::addAccount, draft)
                .then(m_scope, [this](Result<Account> added) {
                    // Once, like dopool-cli import-env: a token already in the pool is not added
                    // again.
                    if (!added && added.error().kind == ErrorKind::Conflict)
                        return showMessage(tr("DO_ACCESS_TOKEN: %1").arg(added.error().message));
                    if (!added)
                        return showError(added.error().message);
                    showMessage(
                        tr("DO_ACCESS_TOKEN imported as primary account '%1'").arg(added->name));
                });
        });
}

} // namespace dopool::ui

namespace dopool::ui {

void MainWindow::showAudit()
{
    if (!m_client || !m_open)
        return;
    auto *dialog = new AuditDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const Account *account = selectedAccount())
        dialog->setAccountChoice(account->id, account->name);
    auto load = [dialog, pool = pool()] {
        dialog->setLoading();
        desktop::PoolClient::call(pool, &desktop::PoolWorker::listAudit, dialog->accountFilter(),
                                  500)
            .then(dialog, [dialog](Result<QList<AuditEntry>> entries) {
                if (!entries)
                    return dialog->setError(entries.error().message);
                dialog->setEntries(*entries);
            });
    };
    connect(dialog, &AuditDialog::refreshRequested, this, load);
    // Another admin's change shows up while the log is open.
    connect(m_client->events(), &desktop::PoolEvents::auditChanged, dialog, load);
    dialog->show();
    load();
}

} // namespace dopool::ui
