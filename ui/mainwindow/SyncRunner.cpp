#include "SyncRunner.h"

#include <QProgressBar>
#include <QStatusBar>

namespace dopool::ui {

SyncRunner::SyncRunner(QStatusBar *statusBar)
    : QObject(statusBar)
{
    m_progress = new QProgressBar(statusBar);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setFormat(tr("%v/%m"));
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    statusBar->addPermanentWidget(m_progress);
}

void SyncRunner::setPool(QPointer<desktop::PoolClient> pool, QObject *scope)
{
    m_pool = std::move(pool);
    m_scope = scope;
    if (m_allRunning) { // the previous pool's run is over for this window
        m_allRunning = false;
        m_progress->hide();
        Q_EMIT busyChanged(false);
    }
}

void SyncRunner::run(desktop::SyncMode mode, const QStringList &ids, const QString &what,
                     int accountCount)
{
    if (!m_pool || !m_scope)
        return;
    const bool all = ids.isEmpty();
    if (all) {
        if (m_allRunning)
            return;
        m_allRunning = true;
        Q_EMIT busyChanged(true);
        m_progress->setRange(0, qMax(1, accountCount));
        m_progress->setValue(0);
        m_progress->show();
    }
    Q_EMIT started(tr("%1…").arg(what));
    desktop::PoolClient::call(m_pool, &desktop::PoolWorker::sync, mode, ids)
        .then(m_scope, [this, all, what](Result<desktop::SyncSummary> summary) {
            if (all) {
                m_allRunning = false;
                Q_EMIT busyChanged(false);
                m_progress->hide();
            }
            if (!summary)
                return Q_EMIT answered(summary.error().message, false);
            Q_EMIT answered(summary->failures == 0
                                ? tr("%1: %n account(s) done", nullptr, summary->accounts).arg(what)
                                : tr("%1: %2 account(s), %3 failed (see the Last error column)")
                                      .arg(what)
                                      .arg(summary->accounts)
                                      .arg(summary->failures),
                            true);
            if (all)
                Q_EMIT allFinished(summary->accounts, summary->failures);
        });
}

void SyncRunner::progress(int finished, int total)
{
    if (!m_allRunning)
        return;
    m_progress->setMaximum(total);
    m_progress->setValue(finished);
}

} // namespace dopool::ui
