#pragma once

#include "EngineContext.h"

#include <QObject>
#include <functional>
#include <memory>

namespace dopool::engine {

class AccountSelector;
struct Selection;

struct ProvisionRequest
{
    QString orderId; // required
    QString region;  // empty: settings.defaultRegion
    QString size;    // empty: settings.defaultSize
    QString image;   // empty: settings.defaultImage
};

// Provisions one droplet with failover, never creating a duplicate:
//  1. task row first (PENDING, then IN_PROGRESS with do_account_id as accounts are tried);
//  2. select + reserve an account (AccountSelector), POST /v2/droplets named
//     "webrana-<first 8 of order id>", tagged "dopool-task-<task id>" so it can be found again;
//  3. 202: finish the reservation as created, record droplet id, follow the create action
//     (GET /v2/actions/{id}) until completed/errored or the poll timeout -> task CREATED;
//  4. 422 droplet limit: record the account as full, release, fail over to the next account;
//     401/403: record UNHEALTHY, release, fail over; 429 / 5xx / timeout / network: the outcome
//     may be unknown - first look the droplet up by its tag (GET /v2/droplets?tag_name=):
//     found -> treat as created; not found -> release, fail over;
//  5. no account left -> task FAILED with the reason (NoAccount / AllFull error).
// The task ends CREATED (with droplet id) or FAILED (with the reason).
//
// Decisions beyond the plan:
//  - the task is CREATED as soon as DO accepted the droplet (202, or found by tag): it exists
//    and is counted. Following the action then only adds to it: "errored" turns the task
//    FAILED; an action still in progress at settings.actionPollTimeoutMs (or one that cannot
//    be read) leaves it CREATED with a note in its error field.
//  - 422 other than the droplet limit, and 404, mean the request itself is wrong (region,
//    size, image): the task is FAILED at once (kind Api), other accounts would refuse it too.
//  - when the tag lookup itself fails, whether the droplet exists is unknown: the task is
//    FAILED (kind Api) naming the account and tag, never retried elsewhere, and the slot
//    stays reserved until it expires (the next sync counts the droplet if it exists).
//  - done gets the final task, or on FAILED the error (NoAccount / AllFull when no account
//    was left, message listing what each tried account answered); taskUpdated carries the
//    FAILED task too.
class Provisioner : public QObject
{
    Q_OBJECT
public:
    explicit Provisioner(EngineContext context, QObject *parent = nullptr);

    void provision(const ProvisionRequest &request,
                   std::function<void(Result<ProvisioningTask>)> done);

Q_SIGNALS:
    void taskUpdated(const dopool::ProvisioningTask &task);

private:
    struct Job;
    void attempt(const std::shared_ptr<Job> &job);
    void onSelected(const std::shared_ptr<Job> &job, Result<Selection> selection);
    void onCreateFailed(const std::shared_ptr<Job> &job, const api::ApiError &error, int sent);
    void lookUpByTag(const std::shared_ptr<Job> &job, const api::ApiError &createError);
    void failOver(const std::shared_ptr<Job> &job, const QString &reason);
    void adoptDroplet(const std::shared_ptr<Job> &job, const api::Droplet &droplet,
                      qint64 actionId);
    void pollAction(const std::shared_ptr<Job> &job);
    void recordFailure(const std::shared_ptr<Job> &job, const api::ApiError &error);
    void releaseSlot(const std::shared_ptr<Job> &job, bool created);
    Result<QString> token(const std::shared_ptr<Job> &job);
    bool save(const std::shared_ptr<Job> &job);
    void succeed(const std::shared_ptr<Job> &job);
    void fail(const std::shared_ptr<Job> &job, Error error);

    EngineContext m_context;
    AccountSelector *m_selector = nullptr; // child
};

} // namespace dopool::engine
