#pragma once

#include "EngineContext.h"
#include "ProvisionTypes.h"

#include <QObject>
#include <QTimer>
#include <functional>

namespace dopool::engine {

class AccountSelector;
class ProvisionJob;
class UncertainTasks;

// Provisions one droplet per order, with failover, never creating a duplicate:
//  0. unless request.another, an order that has an open task (PENDING, IN_PROGRESS, UNCERTAIN,
//     CREATED) gets that task back (existing): one droplet per order. The store enforces it
//     across processes (a unique index): of two concurrent provisioners of one order only one
//     inserts a task, the other returns it. An UNCERTAIN one is looked for again first
//     (UncertainTasks); if that makes it FAILED, a new task is started;
//  1. task row first (PENDING, then IN_PROGRESS with do_account_id as accounts are tried);
//  2. select + reserve an account (AccountSelector), POST /v2/droplets named
//     "webrana-<first 8 of order id>", tagged with its task ("dopool-task-<task id>") and its
//     order ("dopool-order-<order id>") so it can be found again (TaskDroplets.h);
//  3. 202: finish the reservation as created, record the droplet id -> task CREATED; with
//     request.wait, follow the create action (GET /v2/actions/{id}) until completed/errored or
//     the poll timeout;
//  4. 422 droplet limit: record the account as full, release, fail over to the next account;
//     401/403: record UNHEALTHY, release, fail over; 429: DO refused it, but the droplet is
//     looked for once by its tags before failing over;
//  5. 5xx / timeout / reset / unreadable answer: the outcome is unknown - the task becomes
//     UNCERTAIN and the droplet is looked for by its tags on that account for
//     settings.uncertainWindowMs (pauses from uncertainIntervalMs, doubling): found -> CREATED;
//     not found in the window -> the task is left UNCERTAIN with its slot still reserved and
//     done gets an Api error saying so. It is never tried on another account: a duplicate is
//     worse than a delay. Later rounds settle it (UncertainTasks);
//  6. no account left -> task FAILED with the reason (NoAccount / AllFull error).
//
// Further rules (docs/behaviour.md#one-droplet-per-order has them for admins):
//  - following the action only adds to a CREATED task: "errored" turns it FAILED; an action
//    still in progress at settings.actionPollTimeoutMs (or one that cannot be read) leaves it
//    CREATED with a note in its error field.
//  - 422 other than the droplet limit, and 404, mean the request itself is wrong (region,
//    size, image): the task is FAILED at once (kind Api), other accounts would refuse it too.
//  - done gets the final outcome, or the error (FAILED: NoAccount / AllFull when no account
//    was left, message listing what each tried account answered; UNCERTAIN: Api);
//    taskUpdated carries every state the task goes through.
//
// Ownership (the order-intake contract, docs/order-service.md): every task this provisioner
// writes carries its claim (claimed_by = context.claimer(), a lease renewed while it works),
// and every write is compare-and-set (TaskLog::updateTask): when the row changed under it (an
// adopter took it over, the order-service wrote it) the job stops at once with a Conflict and
// sends nothing more.
class Provisioner : public QObject
{
    Q_OBJECT
public:
    explicit Provisioner(EngineContext context, QObject *parent = nullptr);

    void provision(const ProvisionRequest &request,
                   std::function<void(Result<ProvisionOutcome>)> done);

    using Claim = TaskClaim;
    // Provisions a task claimed from the queue (OrderQueue), IN_PROGRESS and claimed by this
    // instance. Its own account (do_account_id, set by the order-service) pins it there; an
    // unknown or inactive one, or an order id no droplet name can be made of, fails it. No
    // account with room (all full, none usable, DO's droplet limit everywhere): the task goes
    // back to the queue as WAITING with the reason (claim released, next_attempt_at per
    // waitRules) and done gets it; FAILED only past waitRules.maxWaitSecs. An adopted task
    // whose claimer had chosen an account is looked for by tags until the uncertain grace
    // since the claimer's last write has passed before anything is sent (ProvisionJob).
    void provisionClaimed(const ProvisioningTask &task, Claim how,
                          std::function<void(Result<ProvisionOutcome>)> done);
    void setWaitRules(WaitRules rules) { m_waitRules = rules; }
    int jobsInFlight() const { return m_jobs; }

Q_SIGNALS:
    void taskUpdated(const dopool::ProvisioningTask &task);

private:
    // The order's first task is inserted at most this many times: a concurrent provisioner
    // of the same order wins the unique index, and the next try finds its task.
    static constexpr int kInsertTries = 3;
    void start(const ProvisionRequest &request, const ProvisioningTask &draft,
               std::function<void(Result<ProvisionOutcome>)> done, int triesLeft);
    void takeExisting(const ProvisionRequest &request, const ProvisioningTask &draft,
                      const ProvisioningTask &task,
                      std::function<void(Result<ProvisionOutcome>)> done, int triesLeft);
    ProvisionJob *newJob(const ProvisionRequest &request,
                         std::function<void(Result<ProvisionOutcome>)> done);
    void renewClaims();

    EngineContext m_context;               // its api, cipher, clock and settings
    TaskLog &m_tasks;                      // the role it reads the order's tasks from, bound once
    AccountSelector *m_selector = nullptr; // child
    UncertainTasks *m_uncertain = nullptr; // child
    WaitRules m_waitRules;
    int m_jobs = 0;              // under way (their claims are renewed)
    QTimer *m_renewal = nullptr; // renews the claims while jobs are under way
};

} // namespace dopool::engine
