#include "Provisioner.h"

#include "AccountSelector.h"
#include "EngineLogging.h"
#include "ProvisionJob.h"
#include "TaskDroplets.h"
#include "UncertainTasks.h"
#include "common/Translate.h"
#include "store/OrderQueue.h"
#include "store/TaskLog.h"

#include <QTimer>
#include <algorithm>

namespace dopool::engine {

namespace {

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

} // namespace

Provisioner::Provisioner(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_tasks(requiredRole(context.tasks))
    , m_selector(new AccountSelector(m_context, this))
    , m_uncertain(new UncertainTasks(m_context, this))
{
    (void)requiredRole(context.accounts); // its jobs use them
    (void)requiredRole(context.capacity);
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

ProvisionJob *Provisioner::newJob(const ProvisionRequest &request,
                                  std::function<void(Result<ProvisionOutcome>)> done)
{
    auto *job =
        new ProvisionJob({m_context, m_selector, m_waitRules}, request, std::move(done), this);
    connect(job, &ProvisionJob::taskUpdated, this, &Provisioner::taskUpdated);
    connect(job, &ProvisionJob::ending, this, [this] {
        if (--m_jobs == 0)
            m_renewal->stop();
    });
    ++m_jobs;
    if (!m_renewal->isActive())
        m_renewal->start();
    return job;
}

void Provisioner::provision(const ProvisionRequest &request,
                            std::function<void(Result<ProvisionOutcome>)> done)
{
    // From the event loop: done never runs inside provision().
    QTimer::singleShot(0, this, [this, request, done = std::move(done)]() mutable {
        const QString orderId = request.orderId.trimmed();
        if (const std::optional<Error> bad = orderIdProblem(orderId)) {
            done(*bad);
            return;
        }
        ProvisioningTask draft;
        draft.orderId = orderId;
        draft.status = TaskStatus::Pending;
        draft.region = orDefault(request.region, m_context.settings.defaultRegion);
        draft.size = orDefault(request.size, m_context.settings.defaultSize);
        draft.image = orDefault(request.image, m_context.settings.defaultImage);
        draft.dropletName = dropletNameOf(orderId);
        draft.extra = request.another;
        start(request, draft, std::move(done), kInsertTries);
    });
}

// One droplet per order: the order's open task is the answer, unless another is asked for.
// Two provisioners racing past the check meet at the store's unique index: the loser finds
// the winner's task on its next try.
void Provisioner::start(const ProvisionRequest &request, const ProvisioningTask &draft,
                        std::function<void(Result<ProvisionOutcome>)> done, int triesLeft)
{
    if (!request.another) {
        const Result<QList<ProvisioningTask>> tasks = m_tasks.orderTasks(draft.orderId);
        if (!tasks) {
            done(tasks.error());
            return;
        }
        if (const std::optional<ProvisioningTask> open = openTaskOf(*tasks)) {
            takeExisting(request, draft, *open, std::move(done), triesLeft);
            return;
        }
    }
    ProvisioningTask fresh = draft;
    // Ours from the first moment: claimed, under a lease the renewal keeps.
    fresh.status = TaskStatus::InProgress;
    fresh.claimedBy = m_context.claimer();
    fresh.claimExpiresAt = m_context.clock->now().addSecs(m_context.settings.claimLeaseSecs);
    // The row first, so even a crash right after leaves a trace of the order.
    Result<ProvisioningTask> inserted = m_tasks.insertTask(fresh);
    if (!inserted) {
        if (inserted.error().kind == ErrorKind::Conflict && triesLeft > 1) {
            start(request, draft, std::move(done), triesLeft - 1);
            return;
        }
        done(inserted.error());
        return;
    }
    ProvisioningTask task = *inserted;
    // The tag needs the id the store assigned; it is how the droplet is found again.
    task.tag = taskTag(task.id);
    newJob(request, std::move(done))->begin(task);
}

void Provisioner::takeExisting(const ProvisionRequest &request, const ProvisioningTask &draft,
                               const ProvisioningTask &task,
                               std::function<void(Result<ProvisionOutcome>)> done, int triesLeft)
{
    qCInfo(lcEngine).noquote()
        << CoreTr::tr("order %1 already has task %2 (%3): not creating another droplet")
               .arg(task.orderId, task.id, taskStatusToDb(task.status));
    const bool abandoned =
        UncertainTasks::isAbandoned(task, m_context.settings, m_context.clock->now());
    if (task.status != TaskStatus::Uncertain && !abandoned) {
        done(ProvisionOutcome{task, true, QString()});
        return;
    }
    // Looked for once more before the admin hears "uncertain" again.
    m_uncertain->resolve(task, [this, request, draft, done = std::move(done),
                                triesLeft](Result<ProvisioningTask> settled) mutable {
        if (!settled) {
            done(settled.error());
            return;
        }
        switch (settled->status) {
        case TaskStatus::Failed: // given up: the order may have its droplet now
            if (triesLeft > 1) {
                start(request, draft, std::move(done), triesLeft - 1);
                return;
            }
            break;
        case TaskStatus::Uncertain:
            done(makeError(ErrorKind::Api,
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
        done(ProvisionOutcome{*settled, true, QString()});
    });
}

void Provisioner::provisionClaimed(const ProvisioningTask &task, Claim how,
                                   std::function<void(Result<ProvisionOutcome>)> done)
{
    ProvisionRequest request;
    request.orderId = task.orderId;
    ProvisionJob *job = newJob(request, std::move(done));
    // From the event loop: done never runs inside provisionClaimed().
    QTimer::singleShot(0, job, [job, task, how] { job->beginClaimed(task, how); });
}

} // namespace dopool::engine
