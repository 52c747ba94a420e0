#include "Provisioner.h"

#include "AccountSelector.h"
#include "EngineLogging.h"
#include "HealthPolicy.h"
#include "TaskDroplets.h"
#include "UncertainTasks.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/CapacityLedger.h"
#include "store/OrderQueue.h"
#include "store/TaskLog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTimer>
#include <algorithm>

namespace dopool::engine {

namespace {

const QString NamePrefix = QStringLiteral("webrana-");
// Of the order id in the droplet name (docs/behaviour.md#one-droplet-per-order).
constexpr qsizetype OrderIdChars = 8;

// DO droplet names allow letters, digits, '.' and '-': anything else would be a 422 later.
bool isDropletNameText(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               c == u'.' || c == u'-';
    });
}

// Why no droplet name can be made of orderId, or nothing.
std::optional<Error> badOrderId(const QString &orderId)
{
    if (orderId.isEmpty())
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("an order id is required to provision a droplet"));
    if (!isDropletNameText(orderId.left(OrderIdChars)))
        return makeError(ErrorKind::Validation,
                         CoreTr::tr("order id '%1' cannot name a droplet: its first %2 "
                                    "characters may only be letters, digits, '.' and '-'")
                             .arg(orderId, QString::number(OrderIdChars)));
    return std::nullopt;
}

QString orDefault(const QString &value, const QString &fallback)
{
    const QString trimmed = value.trimmed();
    return trimmed.isEmpty() ? fallback : trimmed;
}

// The order's open task that is not an extra (at most one: the store's unique index), else
// its newest open extra.
std::optional<ProvisioningTask> openTaskOf(const QList<ProvisioningTask> &tasks)
{
    std::optional<ProvisioningTask> found;
    for (const ProvisioningTask &t : tasks) {
        if (!isOpenTaskStatus(t.status))
            continue;
        if (!t.extra)
            return t;
        found = t;
    }
    return found;
}

// A create whose answer says nothing about whether it happened.
bool isAmbiguous(api::ApiErrorKind kind)
{
    return kind == api::ApiErrorKind::ServerError || kind == api::ApiErrorKind::Timeout ||
           kind == api::ApiErrorKind::Network || kind == api::ApiErrorKind::MalformedReply;
}

} // namespace

// One provision(): the task as last saved, the accounts tried so far and why each failed,
// and the account and slot of the current attempt.
struct Provisioner::Job
{
    ProvisionRequest request;
    ProvisioningTask task;
    std::function<void(Result<ProvisionOutcome>)> done;
    QSet<QString> tried;  // account ids, excluded from later selections
    QStringList failures; // "<account>: <what DO answered>", one per tried account
    Account account;      // of the current attempt
    std::optional<Reservation> reservation;
    qint64 actionId = 0;
    QString dropletStatus;
    QElapsedTimer polling;
    api::ApiError createError; // of the create whose outcome is unknown
    bool uncertain = false;    // looking for the droplet over the window
    QElapsedTimer window;
    int nextLookMs = 0;
    QObject *calls = nullptr; // owns this job's API calls and timers (child of the provisioner)
    bool queued = false;      // a queued order: no room makes it WAITING, not FAILED
    bool lost = false;        // the row changed under us (compare-and-set): hands off
    QString pinned;           // the account the order named (do_account_id), if any
};

Provisioner::Provisioner(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_accounts(requiredRole(context.accounts))
    , m_capacity(requiredRole(context.capacity))
    , m_tasks(requiredRole(context.tasks))
    , m_selector(new AccountSelector(m_context, this))
    , m_uncertain(new UncertainTasks(m_context, this))
{
    connect(m_uncertain, &UncertainTasks::taskUpdated, this, &Provisioner::taskUpdated);
    m_renewal = new QTimer(this);
    m_renewal->setInterval(std::max(1, m_context.settings.claimLeaseSecs) * 1000 / 3);
    connect(m_renewal, &QTimer::timeout, this, &Provisioner::renewClaims);
}

// The leases of every task this instance works on, so no other instance adopts one while a
// slow create or look-up is under way.
void Provisioner::renewClaims()
{
    if (!m_context.orders)
        return;
    const Result<int> renewed = m_context.orders->renewClaims(
        m_context.claimer(),
        m_context.clock->now().addSecs(std::max(1, m_context.settings.claimLeaseSecs)));
    if (!renewed)
        qCWarning(lcEngine).noquote() << renewed.error().message;
}

void Provisioner::provision(const ProvisionRequest &request,
                            std::function<void(Result<ProvisionOutcome>)> done)
{
    auto job = std::make_shared<Job>();
    job->done = std::move(done);
    job->request = request;
    // From the event loop: done never runs inside provision().
    QTimer::singleShot(0, this, [this, job] {
        const QString orderId = job->request.orderId.trimmed();
        const QString namePart = orderId.left(OrderIdChars);
        if (const std::optional<Error> bad = badOrderId(orderId)) {
            finish(job, *bad);
            return;
        }
        job->task.orderId = orderId;
        job->task.status = TaskStatus::Pending;
        job->task.region = orDefault(job->request.region, m_context.settings.defaultRegion);
        job->task.size = orDefault(job->request.size, m_context.settings.defaultSize);
        job->task.image = orDefault(job->request.image, m_context.settings.defaultImage);
        job->task.dropletName = NamePrefix + namePart;
        job->task.extra = job->request.another;
        start(job, 3);
    });
}

// One droplet per order: the order's open task is the answer, unless another is asked for.
// Two provisioners racing past the check meet at the store's unique index: the loser finds
// the winner's task on its next try.
void Provisioner::start(const std::shared_ptr<Job> &job, int triesLeft)
{
    if (!job->request.another) {
        const Result<QList<ProvisioningTask>> tasks = m_tasks.orderTasks(job->task.orderId);
        if (!tasks) {
            finish(job, tasks.error());
            return;
        }
        if (const std::optional<ProvisioningTask> open = openTaskOf(*tasks)) {
            takeExisting(job, *open, triesLeft);
            return;
        }
    }
    ProvisioningTask fresh = job->task;
    fresh.id.clear();
    fresh.tag.clear();
    // Ours from the first moment: claimed, under a lease this provisioner renews.
    fresh.status = TaskStatus::InProgress;
    fresh.claimedBy = m_context.claimer();
    fresh.claimExpiresAt = m_context.clock->now().addSecs(m_context.settings.claimLeaseSecs);
    // The row first, so even a crash right after leaves a trace of the order.
    Result<ProvisioningTask> inserted = m_tasks.insertTask(fresh);
    if (!inserted) {
        if (inserted.error().kind == ErrorKind::Conflict && triesLeft > 1) {
            start(job, triesLeft - 1);
            return;
        }
        finish(job, inserted.error());
        return;
    }
    job->task = *inserted;
    // The tag needs the id the store assigned; it is how the droplet is found again.
    job->task.tag = taskTag(job->task.id);
    begin(job);
}

// The task is ours (inserted or claimed, tag set): save that, then the first attempt.
void Provisioner::begin(const std::shared_ptr<Job> &job)
{
    job->calls = new QObject(this);
    ++m_jobs;
    if (!m_renewal->isActive())
        m_renewal->start();
    if (!save(job)) {
        if (!job->lost)
            finish(job,
                   makeError(ErrorKind::Store,
                             CoreTr::tr("cannot save provisioning task %1").arg(job->task.id)));
        return;
    }
    attempt(job);
}

void Provisioner::provisionClaimed(const ProvisioningTask &task, Claim how,
                                   std::function<void(Result<ProvisionOutcome>)> done)
{
    auto job = std::make_shared<Job>();
    job->done = std::move(done);
    job->queued = true;
    job->task = task;
    job->request.orderId = task.orderId;
    QTimer::singleShot(0, this, [this, job, how] {
        ProvisioningTask &t = job->task;
        const QString orderId = t.orderId.trimmed();
        t.region = orDefault(t.region, m_context.settings.defaultRegion);
        t.size = orDefault(t.size, m_context.settings.defaultSize);
        t.image = orDefault(t.image, m_context.settings.defaultImage);
        if (t.tag.isEmpty())
            t.tag = taskTag(t.id);
        job->calls = new QObject(this);
        ++m_jobs;
        if (!m_renewal->isActive())
            m_renewal->start();
        if (const std::optional<Error> bad = badOrderId(orderId)) {
            fail(job, *bad);
            return;
        }
        if (t.dropletName.isEmpty())
            t.dropletName = NamePrefix + orderId.left(OrderIdChars);
        if (how == Claim::Adopted && !t.doAccountId.isEmpty() && t.attempts > 0) {
            resumeAdopted(job);
            return;
        }
        // The order-service's choice of account pins the order there.
        if (!t.doAccountId.isEmpty()) {
            const Result<Account> pinned = m_accounts.findAccount(t.doAccountId);
            if (!pinned || !pinned->isActive) {
                fail(job, makeError(ErrorKind::Validation,
                                    pinned ? CoreTr::tr("the order names account '%1', which is "
                                                        "not active")
                                                 .arg(pinned->name)
                                           : CoreTr::tr("the order names account %1, which is "
                                                        "not in the pool")
                                                 .arg(t.doAccountId)));
                return;
            }
            job->pinned = pinned->id;
            const Result<QList<Account>> all = m_accounts.listAccounts();
            if (all) {
                for (const Account &a : *all) {
                    if (a.id != pinned->id)
                        job->tried.insert(a.id);
                }
            }
        }
        if (!save(job)) {
            if (!job->lost)
                fail(job, makeError(ErrorKind::Store,
                                    CoreTr::tr("cannot save provisioning task %1").arg(t.id)));
            return;
        }
        attempt(job);
    });
}

// Its claimer died after choosing an account (maybe after the create went out): the droplet
// is looked for by its tags first. Found: CREATED. Not found: provisioned afresh. The look
// failed: UNCERTAIN, for the rounds to settle (never a second create on a guess).
void Provisioner::resumeAdopted(const std::shared_ptr<Job> &job)
{
    const Result<Account> account = m_accounts.findAccount(job->task.doAccountId);
    if (account)
        job->account = *account;
    const Result<QString> token = account ? this->token(job) : Result<QString>(account.error());
    if (!token) {
        fail(job, token.error(), TaskStatus::Uncertain);
        return;
    }
    qCInfo(lcEngine).noquote()
        << CoreTr::tr("task %1: adopted from an instance that stopped renewing its claim; "
                      "looking for its droplet by tags on '%2'")
               .arg(job->task.id, job->account.name);
    findTaskDroplet(m_context, *token, job->task, job->calls, [this, job](DropletSearch search) {
        if (search.droplet) {
            (void)m_capacity.finishTaskReservations(job->task.id, true); // the dead one's slot
            adoptDroplet(job, *search.droplet, 0);
            return;
        }
        if (search.failed()) {
            fail(job,
                 makeError(ErrorKind::Api,
                           CoreTr::tr("adopted task: looking for its droplet failed (%1); left "
                                      "UNCERTAIN for the next rounds")
                               .arg(search.error)),
                 TaskStatus::Uncertain);
            return;
        }
        (void)m_capacity.finishTaskReservations(job->task.id, false); // a fresh start
        job->task.doAccountId.clear();
        if (!save(job))
            return;
        attempt(job);
    });
}

void Provisioner::takeExisting(const std::shared_ptr<Job> &job, const ProvisioningTask &task,
                               int triesLeft)
{
    qCInfo(lcEngine).noquote()
        << CoreTr::tr("order %1 already has task %2 (%3): not creating another droplet")
               .arg(task.orderId, task.id, taskStatusToDb(task.status));
    const bool abandoned =
        UncertainTasks::isAbandoned(task, m_context.settings, m_context.clock->now());
    if (task.status != TaskStatus::Uncertain && !abandoned) {
        finish(job, ProvisionOutcome{task, true, QString()});
        return;
    }
    // Looked for once more before the admin hears "uncertain" again.
    m_uncertain->resolve(task, [this, job, triesLeft](Result<ProvisioningTask> settled) {
        if (!settled) {
            finish(job, settled.error());
            return;
        }
        switch (settled->status) {
        case TaskStatus::Failed: // given up: the order may have its droplet now
            if (triesLeft > 1) {
                start(job, triesLeft - 1);
                return;
            }
            break;
        case TaskStatus::Uncertain:
            finish(job,
                   makeError(ErrorKind::Api,
                             CoreTr::tr("order %1 has task %2 whose create got no clear answer "
                                        "from DigitalOcean; still no droplet tagged %3 on its "
                                        "account. It stays UNCERTAIN and no other droplet is "
                                        "created; it is FAILED if nothing appears within %4 s "
                                        "of its start")
                                 .arg(settled->orderId, settled->id, settled->tag,
                                      QString::number(m_context.settings.uncertainGraceSecs))));
            return;
        default:
            break;
        }
        finish(job, ProvisionOutcome{*settled, true, QString()});
    });
}

void Provisioner::attempt(const std::shared_ptr<Job> &job)
{
    m_selector->select(true, job->task.id, job->tried, [this, job](Result<Selection> selection) {
        onSelected(job, std::move(selection));
    });
}

void Provisioner::onSelected(const std::shared_ptr<Job> &job, Result<Selection> selection)
{
    if (!selection) {
        Error error = selection.error();
        if (!job->failures.isEmpty()) {
            error.message.append(
                CoreTr::tr("; tried before: %1").arg(job->failures.join(QStringLiteral("; "))));
        }
        const bool noRoom = error.kind == ErrorKind::NoAccount || error.kind == ErrorKind::AllFull;
        if (job->queued && noRoom) {
            waitForRoom(job, std::move(error));
            return;
        }
        fail(job, std::move(error));
        return;
    }
    job->account = selection->account;
    job->reservation = selection->reservation;
    job->task.status = TaskStatus::InProgress;
    job->task.doAccountId = job->account.id;

    // Decrypted just before use, handed to the client (Authorization header only), dropped.
    const Result<QString> token = this->token(job);
    if (!token) {
        releaseSlot(job, false);
        failOver(job, CoreTr::tr("%1: %2").arg(job->account.name, token.error().message));
        return;
    }
    ++job->task.attempts;
    if (!save(job) && job->lost)
        return; // not ours any more: nothing is sent
    qCInfo(lcEngine).noquote() << CoreTr::tr(
                                      "task %1: creating droplet %2 on account '%3' (attempt %4)")
                                      .arg(job->task.id, job->task.dropletName, job->account.name,
                                           QString::number(job->task.attempts));
    api::CreateDropletRequest create;
    create.name = job->task.dropletName;
    create.region = job->task.region;
    create.size = job->task.size;
    create.image = job->task.image;
    create.tags = {job->task.tag, orderTag(job->task.orderId)};
    m_context.api->createDroplet(*token, create, job->calls,
                                 [this, job](api::ApiResult<api::CreatedDroplet> result) {
                                     if (result.ok())
                                         adoptDroplet(job, result->droplet, result->actionId);
                                     else
                                         onCreateFailed(job, result.error(), result.attempts());
                                 });
}

void Provisioner::onCreateFailed(const std::shared_ptr<Job> &job, const api::ApiError &error,
                                 int sent)
{
    const QString reason = CoreTr::tr("%1: %2").arg(job->account.name, error.message);
    switch (error.kind) {
    case api::ApiErrorKind::DropletLimitExceeded: {
        // DO knows better than our numbers: mark it full so nobody else picks it now.
        AccountObservation full;
        full.at = m_context.clock->now();
        full.activeDroplets = std::max(job->account.dropletLimit, job->account.activeDroplets);
        if (Result<Account> r = m_capacity.recordObservation(job->account.id, full); !r)
            qCWarning(lcEngine).noquote() << r.error().message;
        releaseSlot(job, false);
        failOver(job, reason);
        return;
    }
    case api::ApiErrorKind::Unauthorized:
    case api::ApiErrorKind::Forbidden:
        recordFailure(job, error); // UNHEALTHY
        releaseSlot(job, false);
        failOver(job, reason);
        return;
    case api::ApiErrorKind::Unprocessable:
    case api::ApiErrorKind::NotFound:
        // The request itself is wrong (region, size, image): every account would refuse it.
        releaseSlot(job, false);
        fail(job,
             makeError(ErrorKind::Api, CoreTr::tr("DigitalOcean refused the droplet on account "
                                                  "'%1': %2")
                                           .arg(job->account.name, error.message)));
        return;
    default:
        break;
    }
    if (sent == 0) { // refused before sending: nothing can exist
        releaseSlot(job, false);
        failOver(job, reason);
        return;
    }
    job->createError = error;
    if (isAmbiguous(error.kind)) { // 5xx / timeout / reset / unreadable: outcome unknown
        becomeUncertain(job);
        return;
    }
    lookUp(job); // 429: refused, but nothing is sent elsewhere before a look
}

// DO has no idempotency key: before anything is sent again, anywhere, the droplet is looked
// for by its tags (findTaskDroplet). Once: after a 429. Over the window: while uncertain.
void Provisioner::lookUp(const std::shared_ptr<Job> &job)
{
    const Result<QString> token = this->token(job);
    if (!token) {
        if (job->uncertain)
            leaveUncertain(job, token.error().message);
        else
            becomeUncertain(job);
        return;
    }
    findTaskDroplet(m_context, *token, job->task, job->calls, [this, job](DropletSearch search) {
        if (search.droplet) {
            qCInfo(lcEngine).noquote()
                << CoreTr::tr("task %1: the create on '%2' failed (%3) but the droplet exists "
                              "(found by its tags)")
                       .arg(job->task.id, job->account.name, job->createError.message);
            adoptDroplet(job, *search.droplet, 0);
            return;
        }
        if (!job->uncertain) {
            if (search.failed()) { // cannot tell: treated as a create without an answer
                becomeUncertain(job);
                return;
            }
            recordFailure(job, job->createError);
            releaseSlot(job, false);
            failOver(job, CoreTr::tr("%1: %2").arg(job->account.name, job->createError.message));
            return;
        }
        const qint64 left = m_context.settings.uncertainWindowMs - job->window.elapsed();
        const QString look = search.failed()
                                 ? CoreTr::tr("the last look failed: %1").arg(search.error)
                                 : CoreTr::tr("not found");
        if (left <= 0) {
            leaveUncertain(job, look);
            return;
        }
        const int pause = int(std::min<qint64>(job->nextLookMs, left));
        job->nextLookMs =
            std::min(job->nextLookMs * 2, std::max(1, m_context.settings.uncertainMaxIntervalMs));
        qCDebug(lcEngine).noquote()
            << CoreTr::tr("task %1: droplet tagged %2 %3; looking again in %4 ms")
                   .arg(job->task.id, job->task.tag, look, QString::number(pause));
        QTimer::singleShot(pause, job->calls, [this, job] { lookUp(job); });
    });
}

void Provisioner::becomeUncertain(const std::shared_ptr<Job> &job)
{
    job->uncertain = true;
    job->window.start();
    job->nextLookMs = std::max(1, m_context.settings.uncertainIntervalMs);
    job->task.status = TaskStatus::Uncertain;
    job->task.error =
        CoreTr::tr("DigitalOcean gave no clear answer to the create on account '%1' (%2); "
                   "looking for droplet tagged %3 for up to %4 s before anything else is tried")
            .arg(job->account.name, job->createError.message, job->task.tag,
                 QString::number(m_context.settings.uncertainWindowMs / 1000.0, 'f', 1));
    if (!save(job) && job->lost)
        return;
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1 UNCERTAIN: %2").arg(job->task.id, job->task.error);
    lookUp(job);
}

// The window ended without an answer. The task stays UNCERTAIN with its slot reserved (the
// droplet may still appear); later rounds settle it.
void Provisioner::leaveUncertain(const std::shared_ptr<Job> &job, const QString &lastLook)
{
    recordFailure(job, job->createError);
    job->reservation.reset(); // held until it expires: the droplet may exist
    fail(job,
         makeError(ErrorKind::Api,
                   CoreTr::tr("DigitalOcean gave no clear answer to the create of droplet %1 on "
                              "account '%2' (%3) and no droplet tagged %4 was found within %5 s "
                              "(%6). Task %7 is left UNCERTAIN and is not tried on another "
                              "account, so the order never gets two droplets; later rounds and "
                              "the next provision of this order look again, and it becomes "
                              "FAILED if nothing appears within %8 s of its start")
                       .arg(job->task.dropletName, job->account.name, job->createError.message,
                            job->task.tag,
                            QString::number(m_context.settings.uncertainWindowMs / 1000.0, 'f', 1),
                            lastLook, job->task.id,
                            QString::number(m_context.settings.uncertainGraceSecs))),
         TaskStatus::Uncertain);
}

void Provisioner::failOver(const std::shared_ptr<Job> &job, const QString &reason)
{
    job->failures.append(reason);
    job->tried.insert(job->account.id);
    job->task.error = reason; // why the task moved on, visible while it does
    if (!save(job) && job->lost)
        return;
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1: %2; trying another account").arg(job->task.id, reason);
    attempt(job);
}

void Provisioner::adoptDroplet(const std::shared_ptr<Job> &job, const api::Droplet &droplet,
                               qint64 actionId)
{
    releaseSlot(job, true);
    job->task.status = TaskStatus::Created;
    job->task.dropletId = droplet.id;
    job->task.error.clear();
    job->task.claimExpiresAt = QDateTime(); // done: nothing left to adopt
    if (!save(job) && job->lost)
        return;
    qCInfo(lcEngine).noquote() << CoreTr::tr("task %1: droplet %2 (id %3) created on account '%4'")
                                      .arg(job->task.id, job->task.dropletName,
                                           QString::number(droplet.id), job->account.name);
    job->actionId = actionId;
    job->dropletStatus = droplet.status;
    if (actionId <= 0 || !job->request.wait) { // found by tag, no action, or not waiting
        succeed(job);
        return;
    }
    job->polling.start();
    QTimer::singleShot(std::max(1, m_context.settings.actionPollIntervalMs), job->calls,
                       [this, job] { pollAction(job); });
}

void Provisioner::pollAction(const std::shared_ptr<Job> &job)
{
    const int interval = std::max(1, m_context.settings.actionPollIntervalMs);
    auto stopWith = [this, job](const QString &note) {
        job->task.error = note; // the droplet exists: the task stays CREATED, with the note
        succeed(job);
    };
    const Result<QString> token = this->token(job);
    if (!token) {
        stopWith(token.error().message);
        return;
    }
    m_context.api->getAction(
        *token, job->actionId, job->calls,
        [this, job, interval, stopWith](api::ApiResult<api::Action> result) {
            const bool timeLeft =
                job->polling.elapsed() + interval < m_context.settings.actionPollTimeoutMs;
            if (result.ok() && result->status == QLatin1String("completed")) {
                job->dropletStatus = QStringLiteral("active");
                succeed(job);
                return;
            }
            if (result.ok() && result->status == QLatin1String("errored")) {
                fail(job,
                     makeError(ErrorKind::Api,
                               CoreTr::tr("DigitalOcean reports the create action of droplet %1 "
                                          "(id %2) on account '%3' as errored")
                                   .arg(job->task.dropletName, QString::number(job->task.dropletId),
                                        job->account.name)));
                return;
            }
            const bool retry = result.ok() || result.error().isTransient();
            if (retry && timeLeft) {
                QTimer::singleShot(interval, job->calls, [this, job] { pollAction(job); });
                return;
            }
            stopWith(
                result.ok()
                    ? CoreTr::tr("droplet created; its create action was still in progress after "
                                 "%1 s and is no longer followed")
                          .arg(QString::number(job->polling.elapsed() / 1000.0, 'f', 1))
                    : CoreTr::tr("droplet created; its create action could not be followed: %1")
                          .arg(result.error().message));
        });
}

// A failed create counts against the account's health like a failed check: 401/403 make it
// UNHEALTHY at once, transient failures DEGRADED (UNHEALTHY after several in a row).
void Provisioner::recordFailure(const std::shared_ptr<Job> &job, const api::ApiError &error)
{
    const Result<Account> current = m_accounts.findAccount(job->account.id);
    const HealthVerdict verdict = judgeHealth(current ? *current : job->account, std::nullopt,
                                              error, m_context.settings.unhealthyAfterFailures);
    AccountObservation observation;
    observation.at = m_context.clock->now();
    observation.health = verdict.health;
    observation.healthReason = verdict.reason;
    observation.consecutiveFailures = verdict.consecutiveFailures;
    observation.lastError = verdict.lastError;
    if (Result<Account> r = m_capacity.recordObservation(job->account.id, observation); !r)
        qCWarning(lcEngine).noquote() << r.error().message;
}

void Provisioner::releaseSlot(const std::shared_ptr<Job> &job, bool created)
{
    if (!job->reservation)
        return;
    const Result<void> finished = m_capacity.finishReservation(job->reservation->id, created);
    if (!finished) {
        // Expired and purged meanwhile: the next sync counts the droplet from DO instead.
        qCWarning(lcEngine).noquote()
            << CoreTr::tr("task %1: %2").arg(job->task.id, finished.error().message);
    }
    job->reservation.reset();
}

Result<QString> Provisioner::token(const std::shared_ptr<Job> &job)
{
    Result<QString> token = m_context.cipher->decrypt(job->account.encryptedToken);
    if (!token) {
        return makeError(token.error().kind,
                         CoreTr::tr("cannot decrypt the token of account '%1': %2")
                             .arg(job->account.name, token.error().message));
    }
    return token;
}

bool Provisioner::save(const std::shared_ptr<Job> &job)
{
    if (job->lost)
        return false;
    // Every save while working is progress: the lease runs from now.
    if (job->task.status == TaskStatus::InProgress && job->task.isClaimed())
        job->task.claimExpiresAt =
            m_context.clock->now().addSecs(std::max(1, m_context.settings.claimLeaseSecs));
    Result<ProvisioningTask> stored = m_tasks.updateTask(job->task);
    if (!stored) {
        qCWarning(lcEngine).noquote() << CoreTr::tr("cannot save provisioning task %1: %2")
                                             .arg(job->task.id, stored.error().message);
        if (stored.error().kind == ErrorKind::Conflict) {
            // Someone else has the row now (an adopter, the order-service, an admin): this
            // job stops here and writes nothing more. A held slot stays until it expires.
            job->lost = true;
            job->reservation.reset();
            finish(job, stored.error());
        }
        return false;
    }
    job->task = *stored;
    Q_EMIT taskUpdated(job->task);
    return true;
}

void Provisioner::succeed(const std::shared_ptr<Job> &job)
{
    const bool saved = save(job);
    if (!saved) {
        finish(job, makeError(ErrorKind::Store,
                              CoreTr::tr("droplet %1 (id %2) was created on account '%3' but task "
                                         "%4 could not be saved")
                                  .arg(job->task.dropletName, QString::number(job->task.dropletId),
                                       job->account.name, job->task.id)));
        return;
    }
    finish(job, ProvisionOutcome{job->task, false, job->dropletStatus});
}

void Provisioner::fail(const std::shared_ptr<Job> &job, Error error, TaskStatus status)
{
    releaseSlot(job, false);
    job->task.status = status;
    job->task.error = error.message;
    job->task.claimExpiresAt = QDateTime(); // settled, or left to the rounds (UNCERTAIN)
    if (!save(job) && job->lost)
        return;
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1 %2: %3").arg(job->task.id, taskStatusToDb(status), error.message);
    finish(job, std::move(error));
}

// No account can take the droplet now: back to the queue, unless it has waited long enough.
void Provisioner::waitForRoom(const std::shared_ptr<Job> &job, Error error)
{
    const QDateTime now = m_context.clock->now();
    const QDateTime deadline = job->task.createdAt.addSecs(std::max(1, m_waitRules.maxWaitSecs));
    if (!job->task.createdAt.isValid() || now >= deadline) {
        fail(job, makeError(error.kind,
                            CoreTr::tr("no account had room for %1 s: %2")
                                .arg(QString::number(m_waitRules.maxWaitSecs), error.message)));
        return;
    }
    releaseSlot(job, false);
    job->task.status = TaskStatus::Waiting;
    job->task.doAccountId = job->pinned; // on no account until it gets its droplet
    job->task.error = error.message;
    job->task.claimedBy.clear();
    job->task.claimExpiresAt = QDateTime();
    job->task.nextAttemptAt = std::min(now.addSecs(std::max(1, m_waitRules.retrySecs)), deadline);
    if (!save(job) && job->lost)
        return;
    qCWarning(lcEngine).noquote() << CoreTr::tr("order %1 waits for capacity (task %2): %3")
                                         .arg(job->task.orderId, job->task.id, error.message);
    finish(job, ProvisionOutcome{job->task, false, QString()});
}

void Provisioner::finish(const std::shared_ptr<Job> &job, Result<ProvisionOutcome> outcome)
{
    if (job->calls) {
        job->calls->deleteLater();
        job->calls = nullptr;
        if (--m_jobs == 0)
            m_renewal->stop();
    }
    auto done = std::move(job->done);
    job->done = nullptr;
    if (done)
        done(std::move(outcome)); // last: it may destroy this provisioner
}

} // namespace dopool::engine
