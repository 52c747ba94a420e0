#include "BackupController.h"

#include "desktop/PoolClient.h"

#include <QAction>
#include <QDate>
#include <QFileDialog>
#include <QMenu>

namespace dopool::ui {

namespace {

QString chooseWithDialog(QWidget *parent, bool save)
{
    const QString filter = BackupController::tr("Pool backups (*.jsonl);;All files (*)");
    if (save) {
        // No overwrite question: the backup is never written over a file (refused, saying so).
        return QFileDialog::getSaveFileName(parent, BackupController::tr("Back up the pool"),
                                            QStringLiteral("dopool-backup-%1.jsonl")
                                                .arg(QDate::currentDate().toString(Qt::ISODate)),
                                            filter, nullptr, QFileDialog::DontConfirmOverwrite);
    }
    return QFileDialog::getOpenFileName(parent, BackupController::tr("Restore a pool backup"),
                                        QString(), filter);
}

} // namespace

BackupController::BackupController(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_chooser(chooseWithDialog)
{
    setObjectName(QStringLiteral("backupController"));
    m_backUp = new QAction(tr("&Back Up…"), this);
    m_backUp->setObjectName(QStringLiteral("backUpAction"));
    const QString what = tr("Back up every table of the pool to a new file (tokens stay "
                            "encrypted; the key is not in it)");
    m_backUp->setStatusTip(what);
    m_backUp->setToolTip(what);
    connect(m_backUp, &QAction::triggered, this, &BackupController::backUp);
}

void BackupController::addToMenu(QMenu *menu, QAction *before)
{
    menu->insertAction(before, m_backUp);
    menu->insertSeparator(before);
}

void BackupController::backUp()
{
    if (!m_pool || m_busy)
        return;
    const QString path = m_chooser(m_window, true);
    if (path.isEmpty())
        return;
    m_busy = true;
    Q_EMIT message(tr("Backing up the pool to %1…").arg(path));
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::backupPool, path)
        .then(m_scope, [this, path](Result<desktop::BackupSummary> written) {
            m_busy = false;
            if (!written) {
                Q_EMIT failed(written.error().message);
                return;
            }
            Q_EMIT message(tr("Backed up %n row(s) to %1 (%2 bytes, mode 0600). Keep the pool key "
                              "apart: it is not in the backup.",
                              nullptr, int(written->rows()))
                               .arg(path)
                               .arg(written->bytes));
        });
}

void BackupController::restore()
{
    if (!m_pool || m_busy)
        return;
    const QString path = m_chooser(m_window, false);
    if (path.isEmpty())
        return;
    m_busy = true;
    Q_EMIT message(tr("Restoring the pool from %1…").arg(path));
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::restorePool, path)
        .then(m_scope, [this, path](Result<desktop::RestoreSummary> outcome) {
            m_busy = false;
            if (!outcome) {
                Q_EMIT failed(outcome.error().message);
                return;
            }
            Q_EMIT message(
                tr("Restored %n row(s) from %1.", nullptr, int(outcome->rows())).arg(path));
            Q_EMIT restored();
        });
}

} // namespace dopool::ui
