#pragma once

#include "EngineContext.h"
#include "ProvisionTypes.h"
#include "TaskDropletLookout.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <functional>
#include <optional>

namespace dopool::engine {

class AccountSelector;
struct Selection;

// One provisioning of one task, from its first attempt to its outcome (the rules are the
// Provisioner's, Provisioner.h): the task as last saved, the accounts tried and why each
// failed, the current attempt's account and slot. It owns its API calls, timers, droplet
// look-ups and action follower (its children), so deleting it cancels all of them.
// Every write is compare-and-set (TaskLog::updateTask): when the row changed under it, the job
// stops with a Conflict and sends nothing more. It deletes itself once done has run.
class ProvisionJob : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        EngineContext context;
        AccountSelector *selector = nullptr; // the provisioner's, shared by its jobs
        WaitRules waitRules;
    };
    using Done = std::function<void(Result<ProvisionOutcome>)>;

    ProvisionJob(Parts parts, ProvisionRequest request, Done done, QObject *parent);

    // A task this instance inserted (IN_PROGRESS, claimed, tag set): save it, then attempt.
    void begin(const ProvisioningTask &task);
    // A task taken from the queue: a queued order waits (WAITING) when no account has room.
    void beginClaimed(const ProvisioningTask &task, TaskClaim how);

Q_SIGNALS:
    void taskUpdated(const dopool::ProvisioningTask &task);
    // Emitted once, just before done runs.
    void ending();

private:
    bool pinToOrdersAccount();
    void resumeAdopted();
    void attempt();
    void onSelected(Result<Selection> selection);
    void sendCreate(const QString &token);
    void onCreateFailed(const api::ApiError &error, int sent);
    TaskDropletLookout::Pace lookingPace(std::function<qint64()> msLeft) const;
    void lookForDroplet(TaskDropletLookout::Pace pace,
                        std::function<void(const TaskDropletLookout::Outcome &)> then);
    void createHappenedAfterAll(const api::Droplet &droplet);
    void lookAfterRefusal();
    void becomeUncertain();
    void leaveUncertain(const QString &lastLook);
    void failOver(const QString &reason);
    void adoptDroplet(const api::Droplet &droplet, qint64 actionId);
    void followAction(qint64 actionId);
    void waitForRoom(Error error);
    void recordFailure(const api::ApiError &error);
    void releaseSlot(bool created);
    Result<QString> token();
    bool save();
    bool saveFirst();
    void succeed();
    void fail(Error error, TaskStatus status = TaskStatus::Failed);
    void finish(Result<ProvisionOutcome> outcome);

    Parts m_parts;
    EngineContext &m_context; // m_parts.context
    ProvisionRequest m_request;
    Done m_done;
    ProvisioningTask m_task;
    bool m_queued = false;  // a queued order: no room makes it WAITING, not FAILED
    bool m_lost = false;    // the row changed under us (compare-and-set): hands off
    QString m_pinned;       // the account the order named (do_account_id), if any
    QSet<QString> m_tried;  // account ids, excluded from later selections
    QStringList m_failures; // "<account>: <what DO answered>", one per tried account
    Account m_account;      // of the current attempt
    std::optional<Reservation> m_reservation;
    api::ApiError m_createError; // of the create whose outcome is unknown
    QString m_dropletStatus;
    bool m_adoptionLogged = false;
};

} // namespace dopool::engine
