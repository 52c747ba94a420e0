#pragma once

#include "EngineContext.h"

#include <QObject>
#include <functional>
#include <memory>

namespace dopool::engine {

struct SyncOutcome
{
    Account account; // as stored after the sync (or as before if the store failed)
    AccountHealth healthBefore = AccountHealth::Unknown;
    std::optional<api::ApiError> apiError; // DO's failure, if any
    std::optional<Error> storeError;       // the store's failure, if any
    bool ok() const { return !apiError && !storeError; }
};

// Sync (GET /v2/account + GET /v2/droplets?per_page=1, issued concurrently), health check
// (GET /v2/account only) or capacity confirmation (see Mode::Confirm) of many accounts at
// once, at most syncBound() in flight; a slow or failing account never holds up the others
// beyond its own timeout. Results are written with CapacityLedger::recordObservation (capacity,
// DO identity, rate limit, health).
class SyncService : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Sync,
        HealthCheck,
        // For selection: GET /v2/droplets?per_page=1 only for a HEALTHY account (its limit and
        // status were read from GET /v2/account by an earlier sync or health check, and change
        // only when DO support changes them); a full Sync for any other (UNKNOWN: never read).
        // A successful count leaves health, last sync and last health check as they were.
        Confirm
    };

    explicit SyncService(EngineContext context, QObject *parent = nullptr);

    // One outcome per account, in the order given. Never calls done synchronously.
    void run(Mode mode, const QList<Account> &accounts,
             std::function<void(QList<SyncOutcome>)> done);
    // Every account in the store (inactive ones included: an admin wants to know them too).
    void runAll(Mode mode, std::function<void(Result<QList<SyncOutcome>>)> done);

    // Accounts in flight at once for a run of `accounts`: settings.syncConcurrency when set
    // (DOPOOL_SYNC_CONCURRENCY), else derived from the work and the client - every account at
    // once, as far as the client's connections carry their two requests each
    // (DoApiClient::connectionCapacity), at most kDerivedSyncBound. Accounts do not share DO's
    // rate limits (they are per token), so the bound only protects this process (sockets,
    // memory, requests queued past their timeout), not DigitalOcean.
    int syncBound(qsizetype accounts) const;
    static constexpr int kDerivedSyncBound = 1000;

Q_SIGNALS:
    void accountFinished(const dopool::engine::SyncOutcome &outcome);
    void progress(int finished, int total);

private:
    struct Batch;
    struct Pending;
    void pump(const std::shared_ptr<Batch> &batch);
    void startAccount(const std::shared_ptr<Batch> &batch, qsizetype index);
    void queueWrite(const std::shared_ptr<Batch> &batch, qsizetype index,
                    const std::shared_ptr<Pending> &pending);
    void writeArrived(const std::shared_ptr<Batch> &batch);
    SyncOutcome judge(const std::shared_ptr<Batch> &batch, qsizetype index, const Pending &pending,
                      std::optional<AccountObservation> &observed);
    void finishAccount(const std::shared_ptr<Batch> &batch, qsizetype index, SyncOutcome outcome);

    static constexpr int kWriteCoalesceMs = 5;
    EngineContext m_context; // its api, cipher, clock and settings
    // The store roles it works with (EngineContext), bound once.
    AccountRecords &m_accounts;
    CapacityLedger &m_capacity;
};

} // namespace dopool::engine
