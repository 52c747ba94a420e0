#include "TaskDropletLookout.h"

#include "EngineLogging.h"
#include "TaskDroplets.h"
#include "common/Translate.h"

#include <QTimer>
#include <algorithm>

namespace dopool::engine {

QString TaskDropletLookout::Outcome::lastLook() const
{
    return lookFailed() ? CoreTr::tr("the last look failed: %1").arg(lastLookError)
                        : CoreTr::tr("not found");
}

TaskDropletLookout::TaskDropletLookout(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void TaskDropletLookout::start(const Account &account, const ProvisioningTask &task, Pace pace,
                               std::function<void(Outcome)> done)
{
    m_account = account;
    m_task = task;
    m_pace = std::move(pace);
    m_done = std::move(done);
    m_nextPauseMs = std::max(1, m_pace.firstPauseMs);
    QTimer::singleShot(0, this, &TaskDropletLookout::lookOnce);
}

void TaskDropletLookout::lookOnce()
{
    // Decrypted for this look only, handed to the client (Authorization header), dropped.
    const Result<QString> token = m_context.cipher->decrypt(m_account.encryptedToken);
    if (!token) {
        Outcome failed;
        failed.lastLookError = CoreTr::tr("cannot decrypt the token of account '%1': %2")
                                   .arg(m_account.name, token.error().message);
        QTimer::singleShot(0, this, [this, failed] { looked(failed); });
        return;
    }
    findTaskDroplet(m_context, *token, m_task, this, [this](DropletSearch search) {
        Outcome outcome;
        outcome.droplet = search.droplet;
        outcome.lastLookError = search.error;
        looked(outcome);
    });
}

void TaskDropletLookout::looked(const Outcome &seen)
{
    Outcome outcome = seen;
    const qint64 left = m_pace.msLeft ? m_pace.msLeft() : 0;
    if (outcome.droplet || left <= 0) {
        auto done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(outcome); // last: it may delete this lookout
        return;
    }
    const int pause = int(std::min<qint64>(m_nextPauseMs, left));
    m_nextPauseMs = std::min(m_nextPauseMs * 2, std::max(1, m_pace.maxPauseMs));
    qCDebug(lcEngine).noquote() << CoreTr::tr(
                                       "task %1: droplet tagged %2 %3; looking again in %4 ms")
                                       .arg(m_task.id, m_task.tag, outcome.lastLook(),
                                            QString::number(pause));
    QTimer::singleShot(pause, this, &TaskDropletLookout::lookOnce);
}

} // namespace dopool::engine
