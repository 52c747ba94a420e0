#include "OrderIntake.h"

#include "AlertEvaluator.h"
#include "CatalogService.h"
#include "EngineLogging.h"
#include "common/EnvNumbers.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/CapacityLedger.h"
#include "store/OrderQueue.h"
#include "store/TaskLog.h"

#include <algorithm>

namespace dopool::engine {

Result<OrderIntake::Options> OrderIntake::Options::fromEnvironment(const QProcessEnvironment &env)
{
    Options o;
    const struct
    {
        const char *name;
        int min;
        int max;
        int *target;
    } numbers[] = {
        {"DOPOOL_ORDER_CONCURRENCY", 1, 256, &o.concurrency},
        {"DOPOOL_ORDER_POLL_MS", 10, 3600000, &o.pollMs},
        {"DOPOOL_ORDER_MAX_WAIT_SECS", 1, 31536000, &o.maxWaitSecs},
        {"DOPOOL_ORDER_CLAIM_LEASE_SECS", 2, 3600, &o.leaseSecs},
    };
    for (const auto &n : numbers) {
        const QString name = QLatin1String(n.name);
        const auto value =
            boundedIntFromEnv(env, name, n.min, n.max,
                              CoreTr::tr("%1 must be a number from %2 to %3")
                                  .arg(name, QString::number(n.min), QString::number(n.max)));
        if (!value)
            return value.error();
        if (*value)
            *n.target = **value;
    }
    // A waiting order is looked at again at least this often (and whenever room appears).
    o.waitRetrySecs = std::clamp(o.maxWaitSecs / 10, 1, 60);
    return o;
}

namespace {

EngineContext withLease(EngineContext context, int leaseSecs)
{
    context.settings.claimLeaseSecs = leaseSecs;
    return context;
}

bool isNumber(const QString &text)
{
    bool ok = false;
    text.toLongLong(&ok);
    return ok;
}

} // namespace

OrderIntake::OrderIntake(EngineContext context, Options options, QObject *parent)
    : QObject(parent)
    , m_context(withLease(context, options.leaseSecs))
    , m_options(options)
    , m_orders(requiredRole(context.orders))
    , m_provisioner(new Provisioner(m_context, this))
{
    m_provisioner->setWaitRules(WaitRules{options.maxWaitSecs, options.waitRetrySecs});
    connect(m_provisioner, &Provisioner::taskUpdated, this, &OrderIntake::taskUpdated);
    m_poll.setInterval(std::max(10, options.pollMs));
    connect(&m_poll, &QTimer::timeout, this, &OrderIntake::pump);
}

void OrderIntake::start()
{
    m_running = true;
    m_poll.start();
    if (m_catalog) // read once ahead, so the first orders are checked against it
        m_catalog->catalog(CatalogService::Freshness::CachedOk, [](Result<Catalog>) {});
    QTimer::singleShot(0, this, &OrderIntake::pump);
}

void OrderIntake::stop()
{
    m_running = false;
    m_poll.stop();
    if (m_inFlight == 0)
        QTimer::singleShot(0, this, &OrderIntake::idle);
}

void OrderIntake::orderQueued()
{
    if (m_running)
        pump();
}

void OrderIntake::capacityChanged()
{
    if (!m_running)
        return;
    m_hadRoom = false; // whatever the numbers said before: look again now
    pump();
}

// Free slots by the stored numbers on an account selection could use: worth trying the
// WAITING orders (the selection confirms against DO before anything is reserved).
bool OrderIntake::roomNow()
{
    const Result<QList<Account>> accounts = m_context.accounts->listAccounts();
    const Result<QHash<QString, int>> held = m_context.capacity->openReservationCounts();
    if (!accounts || !held)
        return false;
    return std::any_of(accounts->cbegin(), accounts->cend(), [&](const Account &a) {
        return a.isActive && isSelectableHealth(a.healthStatus) &&
               a.availableSlots() > held->value(a.id);
    });
}

void OrderIntake::pump()
{
    if (!m_running || m_pumping)
        return;
    m_pumping = true;
    const bool room = roomNow();
    if (room && !m_hadRoom)
        m_tryAllWaiting = true; // capacity appeared: every WAITING order, now
    m_hadRoom = room;

    if (const auto unknown = m_orders.failUnknownStatuses(); unknown) {
        for (const ProvisioningTask &t : *unknown) {
            qCWarning(lcEngine).noquote()
                << CoreTr::tr("order %1 (task %2) FAILED: %3").arg(t.orderId, t.id, t.error);
            Q_EMIT taskUpdated(t);
            Q_EMIT orderDone(t);
        }
    }
    const QDateTime lease = m_context.clock->now().addSecs(m_options.leaseSecs);
    while (m_running && m_inFlight < m_options.concurrency) {
        const auto claimed = m_orders.claimNextOrder(
            m_context.claimer(), lease, m_tryAllWaiting ? WaitingRows::All : WaitingRows::Due);
        if (!claimed) {
            qCWarning(lcEngine).noquote() << claimed.error().message;
            break;
        }
        if (!claimed->has_value()) {
            m_tryAllWaiting = false;
            break;
        }
        launch(**claimed, Provisioner::Claim::Claimed);
    }
    while (m_running && m_inFlight < m_options.concurrency) {
        const auto adopted = m_orders.adoptExpiredClaim(m_context.claimer(), lease);
        if (!adopted || !adopted->has_value())
            break;
        launch(**adopted, Provisioner::Claim::Adopted);
    }
    m_pumping = false;
}

std::optional<QString> OrderIntake::notOffered(const ProvisioningTask &task)
{
    const std::optional<Catalog> catalog = m_catalog ? m_catalog->cached() : std::nullopt;
    if (!catalog || catalog->regions.isEmpty() || catalog->sizes.isEmpty())
        return std::nullopt;
    const QString region = task.region.isEmpty() ? m_context.settings.defaultRegion : task.region;
    const QString size = task.size.isEmpty() ? m_context.settings.defaultSize : task.size;
    const QString image = task.image.isEmpty() ? m_context.settings.defaultImage : task.image;
    const auto r = std::find_if(catalog->regions.cbegin(), catalog->regions.cend(),
                                [&](const api::Region &x) { return x.slug == region; });
    if (r == catalog->regions.cend() || !r->available)
        return CoreTr::tr("DigitalOcean does not offer region '%1'").arg(region);
    const auto s = std::find_if(catalog->sizes.cbegin(), catalog->sizes.cend(),
                                [&](const api::Size &x) { return x.slug == size; });
    if (s == catalog->sizes.cend())
        return CoreTr::tr("DigitalOcean does not offer size '%1'").arg(size);
    if (!sizeOfferedIn(*s, region))
        return CoreTr::tr("DigitalOcean does not offer size '%1' in region '%2'").arg(size, region);
    // Snapshots and custom images go by number and are not in the public list.
    if (!catalog->images.isEmpty() && !isNumber(image) &&
        std::none_of(catalog->images.cbegin(), catalog->images.cend(),
                     [&](const api::Image &x) { return x.slug == image; })) {
        return CoreTr::tr("DigitalOcean does not offer image '%1'").arg(image);
    }
    return std::nullopt;
}

void OrderIntake::launch(const ProvisioningTask &task, Provisioner::Claim how)
{
    ++m_inFlight;
    qCInfo(lcEngine).noquote()
        << (how == Provisioner::Claim::Adopted
                ? CoreTr::tr("order %1: adopted task %2 (its claimer stopped renewing)")
                : CoreTr::tr("order %1: claimed task %2"))
               .arg(task.orderId, task.id);
    Q_EMIT taskUpdated(task);
    // An adopted row may have a droplet on its way: only the tag look-up may settle it.
    const std::optional<QString> refused =
        how == Provisioner::Claim::Claimed ? notOffered(task) : std::nullopt;
    if (refused) {
        ProvisioningTask failed = task;
        failed.status = TaskStatus::Failed;
        failed.error = *refused;
        failed.claimExpiresAt = QDateTime();
        const Result<ProvisioningTask> saved = m_context.tasks->updateTask(failed);
        if (!saved)
            qCWarning(lcEngine).noquote() << saved.error().message;
        else
            qCWarning(lcEngine).noquote()
                << CoreTr::tr("order %1 FAILED: %2").arg(task.orderId, *refused);
        finished(saved ? *saved : task);
        return;
    }
    m_provisioner->provisionClaimed(task, how, [this, task](Result<ProvisionOutcome> outcome) {
        if (!outcome) {
            const Result<ProvisioningTask> now = m_context.tasks->findTask(task.id);
            finished(now ? *now : task);
            return;
        }
        if (outcome->task.status == TaskStatus::Waiting) {
            m_hadRoom = false; // learned just now: none
            if (m_alerts)
                // ALL_ACCOUNTS_FULL / NO_USABLE_ACCOUNT, at once (its own signal reports them).
                if (const auto evaluated = m_alerts->evaluate(); !evaluated)
                    qCWarning(lcEngine).noquote() << evaluated.error().message;
        }
        finished(outcome->task);
    });
}

void OrderIntake::finished(const ProvisioningTask &task)
{
    --m_inFlight;
    Q_EMIT orderDone(task);
    if (m_running)
        QTimer::singleShot(0, this, &OrderIntake::pump); // the freed place, and anything queued
    else if (m_inFlight == 0)
        Q_EMIT idle();
}

} // namespace dopool::engine
