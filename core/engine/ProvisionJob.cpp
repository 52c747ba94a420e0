#include "ProvisionJob.h"

#include "AccountSelector.h"
#include "ActionFollower.h"
#include "EngineLogging.h"
#include "HealthPolicy.h"
#include "TaskDropletLookout.h"
#include "TaskDroplets.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/CapacityLedger.h"
#include "store/TaskLog.h"

#include <QPointer>
#include <QTimer>
#include <algorithm>

namespace dopool::engine {

namespace {

// A create whose answer says nothing about whether it happened.
bool isAmbiguous(api::ApiErrorKind kind)
{
    return kind == api::ApiErrorKind::ServerError || kind == api::ApiErrorKind::Timeout ||
           kind == api::ApiErrorKind::Network || kind == api::ApiErrorKind::MalformedReply;
}

} // namespace

ProvisionJob::ProvisionJob(Parts parts, ProvisionRequest request, Done done, QObject *parent)
    : QObject(parent)
    , m_parts(std::move(parts))
    , m_context(m_parts.context)
    , m_request(std::move(request))
    , m_done(std::move(done))
{}

void ProvisionJob::begin(const ProvisioningTask &task)
{
    m_task = task;
    if (saveFirst())
        attempt();
}

// The job's first write: failing it ends the job (nothing was sent yet).
bool ProvisionJob::saveFirst()
{
    if (save())
        return true;
    if (!m_lost)
        fail(makeError(ErrorKind::Store,
                       CoreTr::tr("cannot save provisioning task %1").arg(m_task.id)));
    return false;
}

void ProvisionJob::beginClaimed(const ProvisioningTask &task, TaskClaim how)
{
    m_queued = true;
    m_task = task;
    ProvisioningTask &t = m_task;
    const QString orderId = t.orderId.trimmed();
    t.region = orDefault(t.region, m_context.settings.defaultRegion);
    t.size = orDefault(t.size, m_context.settings.defaultSize);
    t.image = orDefault(t.image, m_context.settings.defaultImage);
    if (t.tag.isEmpty())
        t.tag = taskTag(t.id);
    if (const std::optional<Error> bad = orderIdProblem(orderId)) {
        fail(*bad);
        return;
    }
    if (t.dropletName.isEmpty())
        t.dropletName = dropletNameOf(orderId);
    if (how == TaskClaim::Adopted) {
        if (!t.doAccountId.isEmpty() && t.attempts > 0) {
            resumeAdopted();
            return;
        }
        // No create was ever recorded, and none is sent before it is (onSelected): the slot
        // the dead claimer may have reserved for it is free again.
        (void)m_context.capacity->finishTaskReservations(t.id, false);
    }
    if (!t.doAccountId.isEmpty() && !pinToOrdersAccount())
        return;
    if (saveFirst())
        attempt();
}

// The order-service's choice of account pins the order there: every other account counts as
// tried. An unknown or inactive one fails the order.
bool ProvisionJob::pinToOrdersAccount()
{
    const Result<Account> pinned = m_context.accounts->findAccount(m_task.doAccountId);
    if (!pinned || !pinned->isActive) {
        fail(makeError(
            ErrorKind::Validation,
            pinned
                ? CoreTr::tr("the order names account '%1', which is not active").arg(pinned->name)
                : CoreTr::tr("the order names account %1, which is not in the pool")
                      .arg(m_task.doAccountId)));
        return false;
    }
    m_pinned = pinned->id;
    if (const Result<QList<Account>> all = m_context.accounts->listAccounts()) {
        for (const Account &a : *all) {
            if (a.id != pinned->id)
                m_tried.insert(a.id);
        }
    }
    return true;
}

// Its claimer stopped renewing its lease after choosing an account, maybe after its create
// went out: the droplet is looked for by its tags first. Found: CREATED. Not found: the
// create may still be on its way (a claimer that froze rather than died, a slow POST), so it
// is looked for until the uncertain grace has passed since the claimer's last write
// (updated_at: adoption leaves it alone), and only then provisioned afresh. The last look
// failed: UNCERTAIN, for the rounds to settle (never a second create on a guess).
void ProvisionJob::resumeAdopted()
{
    const Result<Account> account = m_context.accounts->findAccount(m_task.doAccountId);
    if (!account) {
        fail(account.error(), TaskStatus::Uncertain);
        return;
    }
    m_account = *account;
    qCInfo(lcEngine).noquote()
        << CoreTr::tr("task %1: adopted from an instance that stopped renewing its claim; "
                      "looking for its droplet by tags on '%2'")
               .arg(m_task.id, m_account.name);
    const QDateTime quietAt =
        m_task.updatedAt.addSecs(std::max(0, m_context.settings.uncertainGraceSecs));
    lookForDroplet(
        lookingPace([this, quietAt] {
            return quietAt.isValid() ? m_context.clock->now().msecsTo(quietAt) : 0;
        }),
        [this](const TaskDropletLookout::Outcome &seen) {
            if (seen.droplet) {
                (void)m_context.capacity->finishTaskReservations(m_task.id, true); // the dead one's
                adoptDroplet(*seen.droplet, 0);
                return;
            }
            if (seen.lookFailed()) {
                fail(makeError(ErrorKind::Api,
                               CoreTr::tr("adopted task: looking for its droplet failed (%1); left "
                                          "UNCERTAIN for the next rounds")
                                   .arg(seen.lastLookError)),
                     TaskStatus::Uncertain);
                return;
            }
            (void)m_context.capacity->finishTaskReservations(m_task.id, false); // a fresh start
            m_task.doAccountId.clear();
            if (!saveFirst()) // a store failure fails the task: the job never hangs unfinished
                return;
            attempt();
        });
}

void ProvisionJob::attempt()
{
    // The selector is the provisioner's and may answer after this job was cancelled.
    m_parts.selector->select(AccountSelector::Mode::Reserve, m_task.id, m_tried,
                             [job = QPointer<ProvisionJob>(this)](Result<Selection> selection) {
                                 if (job)
                                     job->onSelected(std::move(selection));
                             });
}

void ProvisionJob::onSelected(Result<Selection> selection)
{
    if (!selection) {
        Error error = selection.error();
        if (!m_failures.isEmpty()) {
            error.message.append(
                CoreTr::tr("; tried before: %1").arg(m_failures.join(QStringLiteral("; "))));
        }
        const bool noRoom = error.kind == ErrorKind::NoAccount || error.kind == ErrorKind::AllFull;
        if (m_queued && noRoom) {
            waitForRoom(std::move(error));
            return;
        }
        fail(std::move(error));
        return;
    }
    m_account = selection->account;
    m_reservation = selection->reservation;
    m_task.status = TaskStatus::InProgress;
    m_task.doAccountId = m_account.id;

    // Decrypted just before use, handed to the client (Authorization header only), dropped.
    const Result<QString> token = this->token();
    if (!token) {
        releaseSlot(false);
        failOver(CoreTr::tr("%1: %2").arg(m_account.name, token.error().message));
        return;
    }
    ++m_task.attempts;
    if (!save()) {
        // Not recorded, not sent: an adopter tells from the row whether a create may have gone
        // out, so nothing goes out that the row does not announce.
        --m_task.attempts;
        if (m_lost)
            return; // not ours any more
        releaseSlot(false);
        fail(makeError(ErrorKind::Store,
                       CoreTr::tr("cannot save provisioning task %1 before creating its droplet; "
                                  "nothing was sent to DigitalOcean")
                           .arg(m_task.id)));
        return;
    }
    sendCreate(*token);
}

void ProvisionJob::sendCreate(const QString &token)
{
    qCInfo(lcEngine).noquote() << CoreTr::tr(
                                      "task %1: creating droplet %2 on account '%3' (attempt %4)")
                                      .arg(m_task.id, m_task.dropletName, m_account.name,
                                           QString::number(m_task.attempts));
    api::CreateDropletRequest create;
    create.name = m_task.dropletName;
    create.region = m_task.region;
    create.size = m_task.size;
    create.image = m_task.image;
    create.tags = {m_task.tag, orderTag(m_task.orderId)};
    m_context.api->createDroplet(token, create, this,
                                 [this](api::ApiResult<api::CreatedDroplet> result) {
                                     if (result.ok())
                                         adoptDroplet(result->droplet, result->actionId);
                                     else
                                         onCreateFailed(result.error(), result.attempts());
                                 });
}

void ProvisionJob::onCreateFailed(const api::ApiError &error, int sent)
{
    const QString reason = CoreTr::tr("%1: %2").arg(m_account.name, error.message);
    switch (error.kind) {
    case api::ApiErrorKind::DropletLimitExceeded: {
        // DO knows better than our numbers: mark it full so nobody else picks it now.
        AccountObservation full;
        full.at = m_context.clock->now();
        full.activeDroplets = std::max(m_account.dropletLimit, m_account.activeDroplets);
        if (Result<Account> r = m_context.capacity->recordObservation(m_account.id, full); !r)
            qCWarning(lcEngine).noquote() << r.error().message;
        releaseSlot(false);
        failOver(reason);
        return;
    }
    case api::ApiErrorKind::Unauthorized:
    case api::ApiErrorKind::Forbidden:
        recordFailure(error); // UNHEALTHY
        releaseSlot(false);
        failOver(reason);
        return;
    case api::ApiErrorKind::Unprocessable:
    case api::ApiErrorKind::NotFound:
        // The request itself is wrong (region, size, image): every account would refuse it.
        releaseSlot(false);
        fail(makeError(ErrorKind::Api,
                       CoreTr::tr("DigitalOcean refused the droplet on account '%1': %2")
                           .arg(m_account.name, error.message)));
        return;
    default:
        break;
    }
    if (sent == 0) { // refused before sending: nothing can exist
        releaseSlot(false);
        failOver(reason);
        return;
    }
    m_createError = error;
    if (isAmbiguous(error.kind)) { // 5xx / timeout / reset / unreadable: outcome unknown
        becomeUncertain();
        return;
    }
    lookAfterRefusal(); // 429: refused, but nothing is sent elsewhere before a look
}

TaskDropletLookout::Pace ProvisionJob::lookingPace(std::function<qint64()> msLeft) const
{
    TaskDropletLookout::Pace pace;
    pace.firstPauseMs = m_context.settings.uncertainIntervalMs;
    pace.maxPauseMs = m_context.settings.uncertainMaxIntervalMs;
    pace.msLeft = std::move(msLeft);
    return pace;
}

// The task's droplet on the current account (TaskDropletLookout), then what was seen.
void ProvisionJob::lookForDroplet(TaskDropletLookout::Pace pace,
                                  std::function<void(const TaskDropletLookout::Outcome &)> then)
{
    auto *lookout = new TaskDropletLookout(m_context, this);
    lookout->start(m_account, m_task, std::move(pace),
                   [lookout, then = std::move(then)](TaskDropletLookout::Outcome seen) {
                       lookout->deleteLater();
                       then(seen);
                   });
}

// The create got an error, yet its droplet is there: it happened after all.
void ProvisionJob::createHappenedAfterAll(const api::Droplet &droplet)
{
    qCInfo(lcEngine).noquote() << CoreTr::tr("task %1: the create on '%2' failed (%3) but the "
                                             "droplet exists (found by its tags)")
                                      .arg(m_task.id, m_account.name, m_createError.message);
    adoptDroplet(droplet, 0);
}

// DO has no idempotency key: before anything is sent again, anywhere, the droplet is looked
// for by its tags. Once after a 429; over the window while uncertain (becomeUncertain).
void ProvisionJob::lookAfterRefusal()
{
    lookForDroplet(TaskDropletLookout::once(), [this](const TaskDropletLookout::Outcome &seen) {
        if (seen.droplet) {
            createHappenedAfterAll(*seen.droplet);
            return;
        }
        if (seen.lookFailed()) { // cannot tell: a create without an answer
            becomeUncertain();
            return;
        }
        recordFailure(m_createError);
        releaseSlot(false);
        failOver(CoreTr::tr("%1: %2").arg(m_account.name, m_createError.message));
    });
}

void ProvisionJob::becomeUncertain()
{
    m_task.status = TaskStatus::Uncertain;
    m_task.error =
        CoreTr::tr("DigitalOcean gave no clear answer to the create on account '%1' (%2); "
                   "looking for droplet tagged %3 for up to %4 s before anything else is tried")
            .arg(m_account.name, m_createError.message, m_task.tag,
                 QString::number(m_context.settings.uncertainWindowMs / 1000.0, 'f', 1));
    if (!save() && m_lost)
        return;
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1 UNCERTAIN: %2").arg(m_task.id, m_task.error);
    QElapsedTimer window;
    window.start();
    lookForDroplet(lookingPace([window, windowMs = m_context.settings.uncertainWindowMs] {
                       return windowMs - window.elapsed();
                   }),
                   [this](const TaskDropletLookout::Outcome &seen) {
                       if (seen.droplet) {
                           createHappenedAfterAll(*seen.droplet);
                           return;
                       }
                       leaveUncertain(seen.lastLook());
                   });
}

// The window ended without an answer. The task stays UNCERTAIN with its slot reserved (the
// droplet may still appear); later rounds settle it (UncertainTasks).
void ProvisionJob::leaveUncertain(const QString &lastLook)
{
    recordFailure(m_createError);
    m_reservation.reset(); // held until it expires: the droplet may exist
    fail(makeError(ErrorKind::Api,
                   CoreTr::tr("DigitalOcean gave no clear answer to the create of droplet %1 on "
                              "account '%2' (%3) and no droplet tagged %4 was found within %5 s "
                              "(%6). Task %7 is left UNCERTAIN and is not tried on another "
                              "account, so the order never gets two droplets; later rounds and "
                              "the next provision of this order look again, and it becomes "
                              "FAILED if nothing appears within %8 s of its start")
                       .arg(m_task.dropletName, m_account.name, m_createError.message, m_task.tag,
                            QString::number(m_context.settings.uncertainWindowMs / 1000.0, 'f', 1),
                            lastLook, m_task.id,
                            QString::number(m_context.settings.uncertainGraceSecs))),
         TaskStatus::Uncertain);
}

void ProvisionJob::failOver(const QString &reason)
{
    m_failures.append(reason);
    m_tried.insert(m_account.id);
    m_task.error = reason; // why the task moved on, visible while it does
    if (!save() && m_lost)
        return;
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1: %2; trying another account").arg(m_task.id, reason);
    attempt();
}

void ProvisionJob::adoptDroplet(const api::Droplet &droplet, qint64 actionId)
{
    releaseSlot(true);
    m_task.status = TaskStatus::Created;
    m_task.dropletId = droplet.id;
    m_task.error.clear();
    m_task.claimExpiresAt = QDateTime(); // done: nothing left to adopt
    if (!save() && m_lost)
        return;
    qCInfo(lcEngine).noquote() << CoreTr::tr("task %1: droplet %2 (id %3) created on account '%4'")
                                      .arg(m_task.id, m_task.dropletName,
                                           QString::number(droplet.id), m_account.name);
    m_dropletStatus = droplet.status;
    if (actionId <= 0 || !m_request.wait) { // found by tag, no action, or not waiting
        succeed();
        return;
    }
    followAction(actionId);
}

// Following the action only adds to a CREATED task: "errored" turns it FAILED; one still in
// progress at the timeout (or unreadable) leaves it CREATED with a note in its error field.
void ProvisionJob::followAction(qint64 actionId)
{
    auto *follower = new ActionFollower(m_context, this);
    follower->follow(m_account, actionId, [this, follower](ActionFollower::Outcome outcome) {
        follower->deleteLater();
        switch (outcome.ending) {
        case ActionFollower::Ending::Completed:
            m_dropletStatus = QStringLiteral("active");
            succeed();
            return;
        case ActionFollower::Ending::Errored:
            fail(makeError(
                ErrorKind::Api,
                CoreTr::tr("DigitalOcean reports the create action of droplet %1 (id "
                           "%2) on account '%3' as errored")
                    .arg(m_task.dropletName, QString::number(m_task.dropletId), m_account.name)));
            return;
        case ActionFollower::Ending::NotFollowed:
            m_task.error = outcome.note; // the droplet exists: CREATED, with the note
            succeed();
            return;
        }
    });
}

// No account can take the droplet now: back to the queue, unless it has waited long enough.
void ProvisionJob::waitForRoom(Error error)
{
    const QDateTime now = m_context.clock->now();
    const int maxWaitSecs = std::max(1, m_parts.waitRules.maxWaitSecs);
    const QDateTime deadline = m_task.createdAt.addSecs(maxWaitSecs);
    if (!m_task.createdAt.isValid() || now >= deadline) {
        fail(makeError(error.kind, CoreTr::tr("no account had room for %1 s: %2")
                                       .arg(QString::number(maxWaitSecs), error.message)));
        return;
    }
    releaseSlot(false);
    m_task.status = TaskStatus::Waiting;
    m_task.doAccountId = m_pinned; // on no account until it gets its droplet
    m_task.error = error.message;
    m_task.claimedBy.clear();
    m_task.claimExpiresAt = QDateTime();
    m_task.nextAttemptAt =
        std::min(now.addSecs(std::max(1, m_parts.waitRules.retrySecs)), deadline);
    if (!save() && m_lost)
        return;
    qCWarning(lcEngine).noquote() << CoreTr::tr("order %1 waits for capacity (task %2): %3")
                                         .arg(m_task.orderId, m_task.id, error.message);
    finish(ProvisionOutcome{m_task, false, QString()});
}

// A failed create counts against the account's health like a failed check: 401/403 make it
// UNHEALTHY at once, transient failures DEGRADED (UNHEALTHY after several in a row).
void ProvisionJob::recordFailure(const api::ApiError &error)
{
    const Result<Account> current = m_context.accounts->findAccount(m_account.id);
    const HealthVerdict verdict = judgeHealth(current ? *current : m_account, std::nullopt, error,
                                              m_context.settings.unhealthyAfterFailures);
    AccountObservation observation;
    observation.at = m_context.clock->now();
    observation.health = verdict.health;
    observation.healthReason = verdict.reason;
    observation.consecutiveFailures = verdict.consecutiveFailures;
    observation.lastError = verdict.lastError;
    if (Result<Account> r = m_context.capacity->recordObservation(m_account.id, observation); !r)
        qCWarning(lcEngine).noquote() << r.error().message;
}

void ProvisionJob::releaseSlot(bool created)
{
    if (!m_reservation)
        return;
    const Result<void> finished = m_context.capacity->finishReservation(m_reservation->id, created);
    if (!finished) {
        // Expired and purged meanwhile: the next sync counts the droplet from DO instead.
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("task %1: %2").arg(m_task.id, finished.error().message);
    }
    m_reservation.reset();
}

Result<QString> ProvisionJob::token()
{
    Result<QString> token = m_context.cipher->decrypt(m_account.encryptedToken);
    if (!token) {
        return makeError(token.error().kind,
                         CoreTr::tr("cannot decrypt the token of account '%1': %2")
                             .arg(m_account.name, token.error().message));
    }
    return token;
}

bool ProvisionJob::save()
{
    if (m_lost)
        return false;
    // Every save while working is progress: the lease runs from now.
    if (m_task.status == TaskStatus::InProgress && m_task.isClaimed())
        m_task.claimExpiresAt =
            m_context.clock->now().addSecs(std::max(1, m_context.settings.claimLeaseSecs));
    Result<ProvisioningTask> stored = m_context.tasks->updateTask(m_task);
    if (!stored) {
        qCWarning(lcEngine).noquote() << CoreTr::tr("cannot save provisioning task %1: %2")
                                             .arg(m_task.id, stored.error().message);
        if (stored.error().kind == ErrorKind::Conflict) {
            // Someone else has the row now (an adopter, the order-service, an admin): this
            // job stops here and writes nothing more. A held slot stays until it expires.
            m_lost = true;
            m_reservation.reset();
            finish(stored.error());
        }
        return false;
    }
    m_task = *stored;
    Q_EMIT taskUpdated(m_task);
    return true;
}

void ProvisionJob::succeed()
{
    if (!save()) {
        if (!m_lost)
            finish(makeError(ErrorKind::Store,
                             CoreTr::tr("droplet %1 (id %2) was created on account '%3' but task "
                                        "%4 could not be saved")
                                 .arg(m_task.dropletName, QString::number(m_task.dropletId),
                                      m_account.name, m_task.id)));
        return;
    }
    finish(ProvisionOutcome{m_task, false, m_dropletStatus});
}

void ProvisionJob::fail(Error error, TaskStatus status)
{
    releaseSlot(false);
    m_task.status = status;
    m_task.error = error.message;
    m_task.claimExpiresAt = QDateTime(); // settled, or left to the rounds (UNCERTAIN)
    if (!save() && m_lost)
        return;
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1 %2: %3").arg(m_task.id, taskStatusToDb(status), error.message);
    finish(std::move(error));
}

void ProvisionJob::finish(Result<ProvisionOutcome> outcome)
{
    if (!m_done)
        return; // ended already
    Done done = std::move(m_done);
    m_done = nullptr;
    Q_EMIT ending();
    // Off the provisioner first: done may destroy it, and this job must outlive the call.
    setParent(nullptr);
    deleteLater();
    done(std::move(outcome)); // last
}

} // namespace dopool::engine
