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

// Sync (GET /v2/account + GET /v2/droplets?per_page=1, issued concurrently) or health check
// (GET /v2/account only) of many accounts at once, at most settings.syncConcurrency in flight;
// a slow or failing account never holds up the others beyond its own timeout. Results are
// written with AccountStore::recordObservation (capacity, DO identity, rate limit, health).
class SyncService : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Sync,
        HealthCheck
    };

    explicit SyncService(EngineContext context, QObject *parent = nullptr);

    // One outcome per account, in the order given. Never calls done synchronously.
    void run(Mode mode, const QList<Account> &accounts,
             std::function<void(QList<SyncOutcome>)> done);
    // Every account in the store (inactive ones included: an admin wants to know them too).
    void runAll(Mode mode, std::function<void(Result<QList<SyncOutcome>>)> done);

Q_SIGNALS:
    void accountFinished(const dopool::engine::SyncOutcome &outcome);
    void progress(int finished, int total);

private:
    struct Batch;
    struct Pending;
    void pump(const std::shared_ptr<Batch> &batch);
    void startAccount(const std::shared_ptr<Batch> &batch, qsizetype index);
    void completeAccount(const std::shared_ptr<Batch> &batch, qsizetype index,
                         const Pending &pending);
    void finishAccount(const std::shared_ptr<Batch> &batch, qsizetype index, SyncOutcome outcome);

    EngineContext m_context;
};

} // namespace dopool::engine
