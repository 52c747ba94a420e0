#include "Provisioner.h"

#include "AccountSelector.h"
#include "EngineLogging.h"
#include "HealthPolicy.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTimer>
#include <algorithm>

namespace dopool::engine {

namespace {

const QString TagPrefix = QStringLiteral("dopool-task-");
const QString NamePrefix = QStringLiteral("webrana-");
constexpr qsizetype OrderIdChars = 8; // of the order id in the droplet name (the plan's)

// DO droplet names allow letters, digits, '.' and '-': anything else would be a 422 later.
bool isDropletNameText(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               c == u'.' || c == u'-';
    });
}

QString orDefault(const QString &value, const QString &fallback)
{
    const QString trimmed = value.trimmed();
    return trimmed.isEmpty() ? fallback : trimmed;
}

} // namespace

// One provision(): the task as last saved, the accounts tried so far and why each failed,
// and the account and slot of the current attempt.
struct Provisioner::Job
{
    ProvisioningTask task;
    std::function<void(Result<ProvisioningTask>)> done;
    QSet<QString> tried;  // account ids, excluded from later selections
    QStringList failures; // "<account>: <what DO answered>", one per tried account
    Account account;      // of the current attempt
    std::optional<Reservation> reservation;
    qint64 actionId = 0;
    QElapsedTimer polling;
    QObject *calls = nullptr; // owns this job's API calls and timers (child of the provisioner)
};

Provisioner::Provisioner(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_selector(new AccountSelector(m_context, this))
{}

void Provisioner::provision(const ProvisionRequest &request,
                            std::function<void(Result<ProvisioningTask>)> done)
{
    auto job = std::make_shared<Job>();
    job->done = std::move(done);
    // From the event loop: done never runs inside provision().
    QTimer::singleShot(0, this, [this, job, request] {
        const QString orderId = request.orderId.trimmed();
        const QString namePart = orderId.left(OrderIdChars);
        if (orderId.isEmpty() || !isDropletNameText(namePart)) {
            auto finish = std::move(job->done);
            finish(makeError(ErrorKind::Validation,
                             orderId.isEmpty()
                                 ? CoreTr::tr("an order id is required to provision a droplet")
                                 : CoreTr::tr("order id '%1' cannot name a droplet: its first %2 "
                                              "characters may only be letters, digits, '.' and '-'")
                                       .arg(orderId, QString::number(OrderIdChars))));
            return;
        }
        ProvisioningTask task;
        task.orderId = orderId;
        task.status = TaskStatus::Pending;
        task.region = orDefault(request.region, m_context.settings.defaultRegion);
        task.size = orDefault(request.size, m_context.settings.defaultSize);
        task.image = orDefault(request.image, m_context.settings.defaultImage);
        task.dropletName = NamePrefix + namePart;
        // The row first, so even a crash right after leaves a trace of the order.
        Result<ProvisioningTask> inserted = m_context.store->insertTask(task);
        if (!inserted) {
            auto finish = std::move(job->done);
            finish(inserted.error());
            return;
        }
        job->task = *inserted;
        // The tag needs the id the store assigned; it is how the droplet is found again.
        job->task.tag = TagPrefix + job->task.id;
        if (!save(job)) {
            auto finish = std::move(job->done);
            finish(makeError(ErrorKind::Store,
                             CoreTr::tr("cannot save provisioning task %1").arg(job->task.id)));
            return;
        }
        job->calls = new QObject(this);
        attempt(job);
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
    save(job);
    qCInfo(lcEngine).noquote() << CoreTr::tr(
                                      "task %1: creating droplet %2 on account '%3' (attempt %4)")
                                      .arg(job->task.id, job->task.dropletName, job->account.name,
                                           QString::number(job->task.attempts));
    api::CreateDropletRequest create;
    create.name = job->task.dropletName;
    create.region = job->task.region;
    create.size = job->task.size;
    create.image = job->task.image;
    create.tags = {job->task.tag};
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
        if (Result<Account> r = m_context.store->recordObservation(job->account.id, full); !r)
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
    lookUpByTag(job, error); // 429 / 5xx / timeout / network / unreadable: outcome unknown
}

// DO has no idempotency key: after a create whose outcome is unknown, the droplet is looked
// for by the task's tag before anything is sent again, anywhere.
void Provisioner::lookUpByTag(const std::shared_ptr<Job> &job, const api::ApiError &createError)
{
    auto unknown = [this, job, createError](const QString &lookupError) {
        // The slot stays reserved until it expires: the droplet may well exist.
        job->reservation.reset();
        fail(job,
             makeError(ErrorKind::Api,
                       CoreTr::tr("could not tell whether DigitalOcean created droplet %1 on "
                                  "account '%2' (create: %3; looking it up by tag %4: %5); not "
                                  "tried again anywhere so it is never created twice - look for "
                                  "a droplet tagged %4")
                           .arg(job->task.dropletName, job->account.name, createError.message,
                                job->task.tag, lookupError)));
    };
    const Result<QString> token = this->token(job);
    if (!token) {
        unknown(token.error().message);
        return;
    }
    api::DropletQuery query;
    query.tagName = job->task.tag;
    m_context.api->listDroplets(
        *token, query, job->calls,
        [this, job, createError, unknown](api::ApiResult<api::DropletPage> page) {
            if (!page.ok()) {
                unknown(page.error().message);
                return;
            }
            if (!page->droplets.isEmpty()) {
                if (page->total > 1) {
                    qCWarning(lcEngine).noquote()
                        << CoreTr::tr("task %1: %2 droplets carry tag %3; using the first")
                               .arg(job->task.id, QString::number(page->total), job->task.tag);
                }
                qCInfo(lcEngine).noquote()
                    << CoreTr::tr("task %1: the create on '%2' failed (%3) but the droplet exists "
                                  "(found by its tag)")
                           .arg(job->task.id, job->account.name, createError.message);
                adoptDroplet(job, page->droplets.first(), 0);
                return;
            }
            recordFailure(job, createError);
            releaseSlot(job, false);
            failOver(job, CoreTr::tr("%1: %2").arg(job->account.name, createError.message));
        });
}

void Provisioner::failOver(const std::shared_ptr<Job> &job, const QString &reason)
{
    job->failures.append(reason);
    job->tried.insert(job->account.id);
    job->task.error = reason; // why the task moved on, visible while it does
    save(job);
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
    save(job);
    qCInfo(lcEngine).noquote() << CoreTr::tr("task %1: droplet %2 (id %3) created on account '%4'")
                                      .arg(job->task.id, job->task.dropletName,
                                           QString::number(droplet.id), job->account.name);
    job->actionId = actionId;
    if (actionId <= 0) { // found by tag, or DO sent no action: nothing to follow
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
    const Result<Account> current = m_context.store->findAccount(job->account.id);
    const HealthVerdict verdict = judgeHealth(current ? *current : job->account, std::nullopt,
                                              error, m_context.settings.unhealthyAfterFailures);
    AccountObservation observation;
    observation.at = m_context.clock->now();
    observation.health = verdict.health;
    observation.healthReason = verdict.reason;
    observation.consecutiveFailures = verdict.consecutiveFailures;
    observation.lastError = verdict.lastError;
    if (Result<Account> r = m_context.store->recordObservation(job->account.id, observation); !r)
        qCWarning(lcEngine).noquote() << r.error().message;
}

void Provisioner::releaseSlot(const std::shared_ptr<Job> &job, bool created)
{
    if (!job->reservation)
        return;
    const Result<void> finished = m_context.store->finishReservation(job->reservation->id, created);
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
    Result<ProvisioningTask> stored = m_context.store->updateTask(job->task);
    if (!stored) {
        qCWarning(lcEngine).noquote() << CoreTr::tr("cannot save provisioning task %1: %2")
                                             .arg(job->task.id, stored.error().message);
        return false;
    }
    job->task = *stored;
    Q_EMIT taskUpdated(job->task);
    return true;
}

void Provisioner::succeed(const std::shared_ptr<Job> &job)
{
    const bool saved = save(job);
    if (job->calls)
        job->calls->deleteLater();
    auto done = std::move(job->done);
    job->done = nullptr;
    if (!done)
        return;
    if (!saved) {
        done(makeError(
            ErrorKind::Store,
            CoreTr::tr("droplet %1 (id %2) was created on account '%3' but task %4 could not "
                       "be saved")
                .arg(job->task.dropletName, QString::number(job->task.dropletId), job->account.name,
                     job->task.id)));
        return;
    }
    done(job->task); // last: it may destroy this provisioner
}

void Provisioner::fail(const std::shared_ptr<Job> &job, Error error)
{
    releaseSlot(job, false);
    job->task.status = TaskStatus::Failed;
    job->task.error = error.message;
    save(job);
    qCWarning(lcEngine).noquote()
        << CoreTr::tr("task %1 FAILED: %2").arg(job->task.id, error.message);
    if (job->calls)
        job->calls->deleteLater();
    auto done = std::move(job->done);
    job->done = nullptr;
    if (done)
        done(std::move(error)); // last: it may destroy this provisioner
}

} // namespace dopool::engine
