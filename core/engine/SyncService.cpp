#include "SyncService.h"

#include "EngineLogging.h"
#include "HealthPolicy.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

namespace dopool::engine {

namespace {

// The more recent of two rate-limit readings of one token: the remaining budget only goes
// down within a window, so the lower one was read later (or in a later window).
api::RateLimit latestRateLimit(const api::RateLimit &a, const api::RateLimit &b)
{
    if (!a.isKnown())
        return b;
    if (!b.isKnown())
        return a;
    if (a.reset.isValid() && b.reset.isValid() && a.reset != b.reset)
        return a.reset > b.reset ? a : b;
    return b.remaining >= 0 && (a.remaining < 0 || b.remaining < a.remaining) ? b : a;
}

void applyRateLimit(AccountObservation &observation, const api::RateLimit &rateLimit)
{
    if (rateLimit.limit >= 0)
        observation.rateLimitLimit = rateLimit.limit;
    if (rateLimit.remaining >= 0)
        observation.rateLimitRemaining = rateLimit.remaining;
    if (rateLimit.reset.isValid())
        observation.rateLimitReset = rateLimit.reset;
}

} // namespace

// One run(): the accounts, their outcomes by position, and the queue between them.
struct SyncService::Batch
{
    Mode mode = Mode::Sync;
    QList<Account> accounts;
    QList<SyncOutcome> outcomes;
    std::function<void(QList<SyncOutcome>)> done;
    qsizetype next = 0; // first account not started yet
    int inFlight = 0;
    int finished = 0;
    bool pumping = false; // pump() is on the stack: do not re-enter it
};

// The replies of one account's requests, collected until all are in.
struct SyncService::Pending
{
    std::optional<api::ApiResult<api::AccountInfo>> account;
    std::optional<api::ApiResult<int>> droplets;
    int waiting = 0;
    // When the requests went out: DO's count is at least as new as this, which is what the
    // store needs to reconcile it with droplets created meanwhile (and to drop stale counts).
    QDateTime sentAt;
};

SyncService::SyncService(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{}

void SyncService::run(Mode mode, const QList<Account> &accounts,
                      std::function<void(QList<SyncOutcome>)> done)
{
    auto batch = std::make_shared<Batch>();
    batch->mode = mode;
    batch->accounts = accounts;
    batch->outcomes.resize(accounts.size());
    batch->done = std::move(done);
    // Starting from the event loop keeps the promise that done never runs inside run(), even
    // for an empty list or accounts whose tokens cannot be decrypted.
    QTimer::singleShot(0, this, [this, batch] { pump(batch); });
}

void SyncService::runAll(Mode mode, std::function<void(Result<QList<SyncOutcome>>)> done)
{
    Result<QList<Account>> accounts = m_context.store->listAccounts();
    if (!accounts) {
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("cannot list the accounts to sync: %1").arg(accounts.error().message);
        QTimer::singleShot(0, this,
                           [done = std::move(done), error = accounts.error()] { done(error); });
        return;
    }
    run(mode, *accounts,
        [done = std::move(done)](QList<SyncOutcome> outcomes) { done(std::move(outcomes)); });
}

void SyncService::pump(const std::shared_ptr<Batch> &batch)
{
    if (batch->pumping)
        return;
    batch->pumping = true;
    const int limit = std::max(1, m_context.settings.syncConcurrency);
    while (batch->inFlight < limit && batch->next < batch->accounts.size())
        startAccount(batch, batch->next++);
    batch->pumping = false;
    // After the last outcome, exactly once: done is moved out first, so a done that starts
    // another run (or lands here again through a signal) cannot call it twice.
    if (batch->finished == batch->accounts.size() && batch->done) {
        auto done = std::move(batch->done);
        batch->done = nullptr;
        done(batch->outcomes);
    }
}

void SyncService::startAccount(const std::shared_ptr<Batch> &batch, qsizetype index)
{
    const Account &account = batch->accounts.at(index);
    ++batch->inFlight;

    // Decrypted here, handed to the client (which sends it only in the Authorization
    // header) and dropped when this function returns.
    Result<QString> token = m_context.cipher->decrypt(account.encryptedToken);
    if (!token) {
        SyncOutcome outcome;
        outcome.account = account;
        outcome.healthBefore = account.healthStatus;
        outcome.storeError =
            makeError(token.error().kind, CoreTr::tr("cannot decrypt the token of account "
                                                     "'%1': %2")
                                              .arg(account.name, token.error().message));
        qCWarning(lcEngine).noquote() << outcome.storeError->message;
        finishAccount(batch, index, std::move(outcome));
        return;
    }

    // Owns the requests: deleting it (with the service) aborts them.
    auto *job = new QObject(this);
    auto pending = std::make_shared<Pending>();
    pending->waiting = batch->mode == Mode::Sync ? 2 : 1;
    pending->sentAt = m_context.clock->now();
    auto arrived = [this, batch, index, pending, job] {
        if (--pending->waiting > 0)
            return;
        job->deleteLater();
        completeAccount(batch, index, *pending);
    };
    m_context.api->getAccount(*token, job,
                              [pending, arrived](api::ApiResult<api::AccountInfo> result) {
                                  pending->account.emplace(std::move(result));
                                  arrived();
                              });
    if (batch->mode == Mode::Sync) {
        m_context.api->countDroplets(*token, job, [pending, arrived](api::ApiResult<int> result) {
            pending->droplets.emplace(std::move(result));
            arrived();
        });
    }
}

void SyncService::completeAccount(const std::shared_ptr<Batch> &batch, qsizetype index,
                                  const Pending &pending)
{
    const Account &given = batch->accounts.at(index);
    SyncOutcome outcome;
    outcome.account = given;
    outcome.healthBefore = given.healthStatus;

    const auto &info = *pending.account;
    if (!info.ok())
        outcome.apiError = info.error();
    else if (pending.droplets && !pending.droplets->ok())
        outcome.apiError = pending.droplets->error();

    // The failure count is judged on the stored row, not on the caller's copy, which may be
    // a round old: three strikes must mean three checks.
    Result<Account> current = m_context.store->findAccount(given.id);
    if (!current) {
        outcome.storeError = current.error();
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("sync of account '%1': %2").arg(given.name, current.error().message);
        finishAccount(batch, index, std::move(outcome));
        return;
    }
    outcome.healthBefore = current->healthStatus;

    AccountObservation observation;
    observation.at = pending.sentAt;
    std::optional<QString> doStatus;
    api::RateLimit rateLimit = info.rateLimit();
    if (info.ok()) {
        observation.dropletLimit = info->dropletLimit;
        if (!info->email.isEmpty())
            observation.email = info->email;
        if (!info->uuid.isEmpty())
            observation.doUuid = info->uuid;
        observation.doStatus = info->status;
        observation.doStatusMessage = info->statusMessage.trimmed();
        doStatus = info->status;
    }
    if (pending.droplets) {
        rateLimit = latestRateLimit(rateLimit, pending.droplets->rateLimit());
        if (pending.droplets->ok())
            observation.activeDroplets = pending.droplets->value();
    }
    applyRateLimit(observation, rateLimit);

    const HealthVerdict verdict = judgeHealth(*current, doStatus, outcome.apiError,
                                              m_context.settings.unhealthyAfterFailures);
    observation.health = verdict.health;
    observation.healthReason = verdict.reason;
    observation.consecutiveFailures = verdict.consecutiveFailures;
    observation.lastError = verdict.lastError;
    observation.healthChecked = true;
    observation.succeeded = batch->mode == Mode::Sync && !outcome.apiError;

    if (outcome.apiError) {
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("%1 of account '%2' failed: %3")
                   .arg(batch->mode == Mode::Sync ? CoreTr::tr("sync") : CoreTr::tr("health check"),
                        given.name, outcome.apiError->message);
    }
    if (verdict.health != current->healthStatus) {
        qCInfo(lcEngine).noquote() << CoreTr::tr("account '%1' is now %2 (was %3): %4")
                                          .arg(given.name, healthToDb(verdict.health),
                                               healthToDb(current->healthStatus), verdict.reason);
    }

    Result<Account> recorded = m_context.store->recordObservation(given.id, observation);
    if (recorded) {
        outcome.account = *recorded;
    } else {
        outcome.account = *current;
        outcome.storeError = recorded.error();
        qCWarning(lcEngine).noquote() << CoreTr::tr("cannot record the sync of account '%1': %2")
                                             .arg(given.name, recorded.error().message);
    }
    finishAccount(batch, index, std::move(outcome));
}

void SyncService::finishAccount(const std::shared_ptr<Batch> &batch, qsizetype index,
                                SyncOutcome outcome)
{
    batch->outcomes[index] = outcome;
    --batch->inFlight;
    ++batch->finished;
    // Receivers may delete the service; then the batch ends here, done never runs.
    QPointer<SyncService> self(this);
    Q_EMIT accountFinished(outcome);
    if (self)
        Q_EMIT progress(batch->finished, int(batch->accounts.size()));
    if (self)
        pump(batch); // the next queued account, or done after the last one
}

} // namespace dopool::engine
