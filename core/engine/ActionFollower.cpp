#include "ActionFollower.h"

#include "common/Translate.h"

#include <QTimer>
#include <algorithm>

namespace dopool::engine {

ActionFollower::ActionFollower(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void ActionFollower::follow(const Account &account, qint64 actionId,
                            std::function<void(Outcome)> done)
{
    m_account = account;
    m_actionId = actionId;
    m_done = std::move(done);
    m_polling.start();
    QTimer::singleShot(std::max(1, m_context.settings.actionPollIntervalMs), this,
                       &ActionFollower::poll);
}

void ActionFollower::poll()
{
    const int interval = std::max(1, m_context.settings.actionPollIntervalMs);
    const Result<QString> token = m_context.cipher->decrypt(m_account.encryptedToken);
    if (!token) {
        end({Ending::NotFollowed, CoreTr::tr("cannot decrypt the token of account '%1': %2")
                                      .arg(m_account.name, token.error().message)});
        return;
    }
    m_context.api->getAction(
        *token, m_actionId, this, [this, interval](api::ApiResult<api::Action> result) {
            if (result.ok() && result->status == QLatin1String("completed")) {
                end({Ending::Completed, QString()});
                return;
            }
            if (result.ok() && result->status == QLatin1String("errored")) {
                end({Ending::Errored, QString()});
                return;
            }
            const bool timeLeft =
                m_polling.elapsed() + interval < m_context.settings.actionPollTimeoutMs;
            if ((result.ok() || result.error().isTransient()) && timeLeft) {
                QTimer::singleShot(interval, this, &ActionFollower::poll);
                return;
            }
            end({Ending::NotFollowed,
                 result.ok()
                     ? CoreTr::tr("droplet created; its create action was still in progress "
                                  "after %1 s and is no longer followed")
                           .arg(QString::number(m_polling.elapsed() / 1000.0, 'f', 1))
                     : CoreTr::tr("droplet created; its create action could not be followed: %1")
                           .arg(result.error().message)});
        });
}

void ActionFollower::end(Outcome outcome)
{
    auto done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(std::move(outcome)); // last: it may delete this follower
}

} // namespace dopool::engine
