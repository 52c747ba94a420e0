#pragma once

#include "desktop/PoolClient.h"

#include <QObject>
#include <QPointer>

class QProgressBar;
class QStatusBar;

namespace dopool::ui {

// Sync / Check health, of one account or of all: the request through the pool, and for "all"
// the status bar's progress bar (fed by the pool's syncProgress) and the busy state - one run
// for all at a time. Says what happened through its signals; the window shows them.
class SyncRunner : public QObject
{
    Q_OBJECT
public:
    explicit SyncRunner(QStatusBar *statusBar);

    // The pool and the answers' context, as MainWindow's client rule says (see pool()).
    void setPool(QPointer<desktop::PoolClient> pool, QObject *scope);
    // ids empty: every account (accountCount sizes the progress bar until the first report).
    // what names the run in the messages ("Sync All", "Health check of 'x'").
    void run(desktop::SyncMode mode, const QStringList &ids, const QString &what, int accountCount);
    bool isAllRunning() const { return m_allRunning; }
    // The pool's syncProgress: shown only while a run for all is going.
    void progress(int finished, int total);

Q_SIGNALS:
    void started(const QString &message);
    void busyChanged(bool busy);
    // The answer: the accounts' rows arrived before it.
    void answered(const QString &message, bool ok);
    void allFinished(int accounts, int failures);

private:
    QProgressBar *m_progress = nullptr;
    QPointer<desktop::PoolClient> m_pool;
    QPointer<QObject> m_scope;
    bool m_allRunning = false;
};

} // namespace dopool::ui
