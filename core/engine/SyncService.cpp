#include "SyncService.h"

#include "EngineLogging.h"
#include "HealthPolicy.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/CapacityLedger.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <utility>

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
    int limit = 1;        // accounts in flight at once (syncBound)
    bool pumping = false; // pump() is on the stack: do not re-enter it
    // Accounts whose answers are all in, waiting to be written in one store transaction.
    QList<std::pair<qsizetype, std::shared_ptr<Pending>>> arrived;
    bool flushScheduled = false;
};

// The replies of one account's requests, collected until all are in.
struct SyncService::Pending
{
    std::optional<api::ApiResult<api::AccountInfo>> account;
    std::optional<api::ApiResult<int>> droplets;
    int waiting = 0;
    bool countOnly = false; // Mode::Confirm of an account whose limit is known
    // When the requests went out: DO's count is at least as new as this, which is what the
    // store needs to reconcile it with droplets created meanwhile (and to drop stale counts).
    QDateTime sentAt;
};

SyncService::SyncService(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_accounts(requiredRole(context.accounts))
    , m_capacity(requiredRole(context.capacity))
{}

void SyncService::run(Mode mode, const QList<Account> &accounts,
                      std::function<void(QList<SyncOutcome>)> done)
{
    auto batch = std::make_shared<Batch>();
    batch->mode = mode;
    batch->accounts = accounts;
    batch->outcomes.resize(accounts.size());
    batch->done = std::move(done);
    batch->limit = syncBound(accounts.size());
    // Starting from the event loop keeps the promise that done never runs inside run(), even
    // for an empty list or accounts whose tokens cannot be decrypted.
    QTimer::singleShot(0, this, [this, batch] { pump(batch); });
}

void SyncService::runAll(Mode mode, std::function<void(Result<QList<SyncOutcome>>)> done)
{
    Result<QList<Account>> accounts = m_accounts.listAccounts();
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

int SyncService::syncBound(qsizetype accounts) const
{
    if (m_context.settings.syncConcurrency > 0)
        return m_context.settings.syncConcurrency;
    // As many accounts as the client has connections for (two requests each): more would only
    // wait inside Qt, holding memory and eating into their own timeouts.
    const int connections = m_context.api ? m_context.api->connectionCapacity() : 0;
    const qsizetype onTheWire = std::max(1, connections / 2);
    return int(std::clamp<qsizetype>(std::min(accounts, onTheWire), 1, kDerivedSyncBound));
}

void SyncService::pump(const std::shared_ptr<Batch> &batch)
{
    if (batch->pumping)
        return;
    batch->pumping = true;
    while (batch->inFlight < batch->limit && batch->next < batch->accounts.size())
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
    pending->countOnly =
        batch->mode == Mode::Confirm && account.healthStatus == AccountHealth::Healthy;
    const bool askAccount = !pending->countOnly;
    const bool askDroplets = batch->mode != Mode::HealthCheck;
    pending->waiting = int(askAccount) + int(askDroplets);
    pending->sentAt = m_context.clock->now();
    auto arrived = [this, batch, index, pending, job] {
        if (--pending->waiting > 0)
            return;
        job->deleteLater();
        queueWrite(batch, index, pending);
    };
    if (askAccount) {
        m_context.api->getAccount(*token, job,
                                  [pending, arrived](api::ApiResult<api::AccountInfo> result) {
                                      pending->account.emplace(std::move(result));
                                      arrived();
                                  });
    }
    if (askDroplets) {
        m_context.api->countDroplets(*token, job, [pending, arrived](api::ApiResult<int> result) {
            pending->droplets.emplace(std::move(result));
            arrived();
        });
    }
}

// An account's answers are all in. Its store write waits for the others arriving about now:
// one transaction for all of them (one commit, not one per account), written as soon as every
// account in flight has answered or kWriteCoalesceMs after the first one did.
void SyncService::queueWrite(const std::shared_ptr<Batch> &batch, qsizetype index,
                             const std::shared_ptr<Pending> &pending)
{
    batch->arrived.append({index, pending});
    const bool allIn = batch->arrived.size() >= batch->inFlight;
    if (batch->flushScheduled && !allIn)
        return;
    batch->flushScheduled = true;
    QTimer::singleShot(allIn ? 0 : kWriteCoalesceMs, this, [this, batch] { writeArrived(batch); });
}

void SyncService::writeArrived(const std::shared_ptr<Batch> &batch)
{
    batch->flushScheduled = false;
    if (batch->arrived.isEmpty())
        return; // an earlier scheduled write took them
    const auto arrived = std::exchange(batch->arrived, {});
    QList<SyncOutcome> outcomes;
    QList<std::pair<QString, AccountObservation>> observations;
    QList<qsizetype> written; // positions in outcomes of the observations
    outcomes.reserve(arrived.size());
    for (const auto &[index, pending] : arrived) {
        std::optional<AccountObservation> observation;
        outcomes.append(judge(batch, index, *pending, observation));
        if (observation) {
            observations.append({batch->accounts.at(index).id, *observation});
            written.append(outcomes.size() - 1);
        }
    }
    const QList<Result<Account>> recorded = m_capacity.recordObservations(observations);
    for (qsizetype i = 0; i < written.size(); ++i) {
        SyncOutcome &outcome = outcomes[written.at(i)];
        const Result<Account> &result = recorded.at(i);
        if (result) {
            outcome.account = *result;
        } else {
            outcome.storeError = result.error();
            qCWarning(lcEngine).noquote()
                << CoreTr::tr("cannot record the sync of account '%1': %2")
                       .arg(outcome.account.name, result.error().message);
        }
    }
    // Receivers may delete the service: then the batch ends here.
    QPointer<SyncService> self(this);
    for (qsizetype i = 0; i < arrived.size() && self; ++i)
        finishAccount(batch, arrived.at(i).first, std::move(outcomes[i]));
}

// What the answers say about one account: its outcome (the stored row as it was, to be
// replaced by the recorded one) and the observation to record (none when the row could not
// be read).
SyncOutcome SyncService::judge(const std::shared_ptr<Batch> &batch, qsizetype index,
                               const Pending &pending, std::optional<AccountObservation> &observed)
{
    const Account &given = batch->accounts.at(index);
    SyncOutcome outcome;
    outcome.account = given;
    outcome.healthBefore = given.healthStatus;

    if (pending.account && !pending.account->ok())
        outcome.apiError = pending.account->error();
    else if (pending.droplets && !pending.droplets->ok())
        outcome.apiError = pending.droplets->error();

    // The failure count is judged on the stored row, not on the caller's copy, which may be
    // a round old: three strikes must mean three checks.
    Result<Account> current = m_accounts.findAccount(given.id);
    if (!current) {
        outcome.storeError = current.error();
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("sync of account '%1': %2").arg(given.name, current.error().message);
        return outcome;
    }
    outcome.healthBefore = current->healthStatus;
    outcome.account = *current;

    AccountObservation observation;
    observation.at = pending.sentAt;
    std::optional<QString> doStatus;
    api::RateLimit rateLimit;
    if (pending.account)
        rateLimit = pending.account->rateLimit();
    if (pending.account && pending.account->ok()) {
        const api::AccountInfo &info = pending.account->value();
        observation.dropletLimit = info.dropletLimit;
        if (!info.email.isEmpty())
            observation.email = info.email;
        if (!info.uuid.isEmpty())
            observation.doUuid = info.uuid;
        observation.doStatus = info.status;
        observation.doStatusMessage = info.statusMessage.trimmed();
        doStatus = info.status;
    }
    if (pending.droplets) {
        rateLimit = latestRateLimit(rateLimit, pending.droplets->rateLimit());
        if (pending.droplets->ok())
            observation.activeDroplets = pending.droplets->value();
    }
    applyRateLimit(observation, rateLimit);

    if (pending.countOnly && !outcome.apiError) {
        // A count alone says nothing new about the account's status: health stays as it is.
        observed = observation;
        return outcome;
    }
    QStringList cutFields;
    if (pending.account && pending.account->ok())
        cutFields = pending.account->value().cutFields;
    const HealthVerdict verdict =
        withCutFields(judgeHealth(*current, doStatus, outcome.apiError,
                                  m_context.settings.unhealthyAfterFailures),
                      cutFields);
    observation.health = verdict.health;
    observation.healthReason = verdict.reason;
    observation.consecutiveFailures = verdict.consecutiveFailures;
    observation.lastError = verdict.lastError;
    observation.healthChecked = true;
    observation.succeeded = !pending.countOnly && pending.droplets && !outcome.apiError;

    if (outcome.apiError) {
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("%1 of account '%2' failed: %3")
                   .arg(batch->mode == Mode::HealthCheck ? CoreTr::tr("health check")
                                                         : CoreTr::tr("sync"),
                        given.name, outcome.apiError->message);
    }
    if (verdict.health != current->healthStatus) {
        qCInfo(lcEngine).noquote() << CoreTr::tr("account '%1' is now %2 (was %3): %4")
                                          .arg(given.name, healthToDb(verdict.health),
                                               healthToDb(current->healthStatus), verdict.reason);
    }

    observed = observation;
    return outcome;
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
