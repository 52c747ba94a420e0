#include "AccountSelector.h"

#include "EngineLogging.h"
#include "SyncService.h"
#include "common/Translate.h"
#include "store/AccountRecords.h"
#include "store/CapacityLedger.h"

#include <QCoreApplication>
#include <QTimer>
#include <algorithm>

namespace dopool::engine {

namespace {

// Slots in use as far as the store knows: the count DO gave last plus the reservations other
// provisioners hold (empty `held` for fresh numbers: reserveSlot counts those itself).
using HeldSlots = QHash<QString, int>;
int usedSlots(const Account &a, const HeldSlots &held)
{
    return a.activeDroplets + held.value(a.id);
}

bool looksFull(const Account &a, const HeldSlots &held)
{
    return usedSlots(a, held) >= a.dropletLimit;
}

// -1 / 0 / 1 as a's share of its limit is below / equal to / above b's. Exact for the usual
// case (cross-multiplied integers), so equal ratios such as 5/25 and 2/10 tie and the
// tie-breakers decide, not rounding.
int compareUtilisation(const Account &a, const Account &b, const HeldSlots &held)
{
    const int usedA = usedSlots(a, held);
    const int usedB = usedSlots(b, held);
    if (a.dropletLimit > 0 && b.dropletLimit > 0) {
        const qint64 left = qint64(usedA) * b.dropletLimit;
        const qint64 right = qint64(usedB) * a.dropletLimit;
        return left < right ? -1 : (left > right ? 1 : 0);
    }
    const double left = a.dropletLimit > 0 ? double(usedA) / a.dropletLimit : 1.0;
    const double right = b.dropletLimit > 0 ? double(usedB) / b.dropletLimit : 1.0;
    return left < right ? -1 : (left > right ? 1 : 0);
}

bool byName(const Account &a, const Account &b)
{
    return a.name != b.name ? a.name < b.name : a.id < b.id;
}

// plan-order (primary first, then fewest active droplets), or the least utilised first with
// the primary as tie-breaker; the name keeps the order stable and predictable
// (docs/behaviour.md#account-selection-order).
void sortByPolicy(QList<Account> &accounts, SelectionPolicy policy, const HeldSlots &held = {})
{
    if (policy == SelectionPolicy::LeastUtilised) {
        std::stable_sort(accounts.begin(), accounts.end(),
                         [&held](const Account &a, const Account &b) {
                             if (const int c = compareUtilisation(a, b, held); c != 0)
                                 return c < 0;
                             if (a.isPrimary != b.isPrimary)
                                 return a.isPrimary;
                             return byName(a, b);
                         });
        return;
    }
    std::stable_sort(accounts.begin(), accounts.end(), [&held](const Account &a, const Account &b) {
        if (a.isPrimary != b.isPrimary)
            return a.isPrimary;
        if (usedSlots(a, held) != usedSlots(b, held))
            return usedSlots(a, held) < usedSlots(b, held);
        return byName(a, b);
    });
}

// The candidates in the order they are confirmed: the policy's order by the stored numbers,
// with the accounts the store already knows to be full (count + open reservations) moved
// behind all the others - they are confirmed only when no other account has room.
void orderCandidates(QList<Account> &candidates, SelectionPolicy policy, const HeldSlots &held)
{
    sortByPolicy(candidates, policy, held);
    std::stable_partition(candidates.begin(), candidates.end(),
                          [&held](const Account &a) { return !looksFull(a, held); });
}

QString usage(const Account &a)
{
    return QStringLiteral("%1/%2").arg(a.activeDroplets).arg(a.dropletLimit);
}

QString whyNotCandidate(const Account &a, const QSet<QString> &excluded)
{
    if (excluded.contains(a.id))
        return CoreTr::tr("%1: already tried").arg(a.name);
    if (!a.isActive)
        return CoreTr::tr("%1: inactive").arg(a.name);
    QString text = CoreTr::tr("%1: %2").arg(a.name, healthToDb(a.healthStatus));
    if (!a.lastError.isEmpty())
        text.append(QStringLiteral(" (%1)").arg(a.lastError));
    return text;
}

QString whyChosen(const Account &a, SelectionPolicy policy)
{
    if (policy == SelectionPolicy::LeastUtilised) {
        return CoreTr::tr("least utilised, %1 of %2 used (%3%)")
            .arg(QString::number(a.activeDroplets), QString::number(a.dropletLimit),
                 QString::number(qRound(a.utilisation() * 100.0)));
    }
    const QString used = QString::number(a.activeDroplets);
    const QString limit = QString::number(a.dropletLimit);
    return a.isPrimary ? CoreTr::tr("primary account, %1 of %2 used").arg(used, limit)
                       : CoreTr::tr("fewest active droplets, %1 of %2 used").arg(used, limit);
}

} // namespace

// One select(): the candidates in policy order, how far the refresh waves got, and what was
// learnt about each account on the way (for the reason and the error message).
struct AccountSelector::Run
{
    bool reserve = false;
    QString taskId;
    std::function<void(Result<Selection>)> done;
    int poolSize = 0;
    QList<Account> candidates; // confirmation order (orderCandidates)
    HeldSlots held;            // open reservations per account when the run began
    qsizetype next = 0;        // first candidate not confirmed yet
    int waves = 0;             // waves started in this run (sizes 2, 4, 8...)
    QList<Account> usable;     // refreshed, still healthy, not yet ruled out
    int usableCount = 0;       // refreshed fine, in all waves
    QStringList skipped;       // every account passed over, with why
    QStringList unusable;      // failed the refresh or turned unhealthy
    QStringList full;
    int roundTrips = 0;
    QSet<QString> excluded;
    // Slots held by other provisioners' creates still in flight: DO's count may already
    // include those droplets, so "full" may be a double count that resolves in moments.
    bool heldByOthers = false;
    int retries = 0;
};

namespace {
constexpr int kHeldRetryMs = 250;
constexpr int kMaxHeldRetries = 12; // ~3 s: long enough for a create in flight to land
} // namespace

AccountSelector::AccountSelector(EngineContext context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_accounts(requiredRole(context.accounts))
    , m_capacity(requiredRole(context.capacity))
    , m_sync(new SyncService(m_context, this))
{}

void AccountSelector::select(Mode mode, const QString &taskId,
                             const QSet<QString> &excludeAccountIds,
                             std::function<void(Result<Selection>)> done)
{
    auto run = std::make_shared<Run>();
    run->reserve = mode == Mode::Reserve;
    run->taskId = taskId;
    run->done = std::move(done);
    run->excluded = excludeAccountIds;
    // Everything starts from the event loop: done never runs inside select().
    QTimer::singleShot(0, this, [this, run] { begin(run); });
}

void AccountSelector::begin(const std::shared_ptr<Run> &run)
{
    Result<QList<Account>> accounts = m_accounts.listAccounts();
    if (!accounts) {
        finish(run, accounts.error());
        return;
    }
    run->poolSize = int(accounts->size());
    for (const Account &account : std::as_const(*accounts)) {
        if (account.isActive && isSelectableHealth(account.healthStatus) &&
            !run->excluded.contains(account.id)) {
            run->candidates.append(account);
        } else {
            run->unusable.append(whyNotCandidate(account, run->excluded));
        }
    }
    run->skipped = run->unusable;
    if (run->candidates.isEmpty()) {
        choose(run); // nothing to refresh: straight to the NoAccount error
        return;
    }
    Result<HeldSlots> held = m_capacity.openReservationCounts();
    if (!held) {
        finish(run, held.error());
        return;
    }
    run->held = std::move(*held);
    orderCandidates(run->candidates, m_context.settings.policy, run->held);
    startWave(run);
}

// Wave n confirms the next 2^n candidates (2, 4, 8... at most the sync bound) at once. With
// one GET each (SyncService::Mode::Confirm) that keeps every selection within 2 x (k + 1) GETs
// when the first k candidates turn out full, and within 3 round trips up to k = 13.
qsizetype AccountSelector::waveSize(int wave) const
{
    const qsizetype bound =
        m_context.settings.syncConcurrency > 0 ? m_context.settings.syncConcurrency : kMaxWave;
    return std::max<qsizetype>(1, std::min<qsizetype>(qsizetype(1) << std::min(wave, 20), bound));
}

// The next wave of candidates, confirmed all at once: one round trip for the wave, not one
// per account.
void AccountSelector::startWave(const std::shared_ptr<Run> &run)
{
    const QList<Account> wave = run->candidates.mid(run->next, waveSize(++run->waves));
    run->next += wave.size();
    ++run->roundTrips;
    qCDebug(lcEngine).noquote() << QStringLiteral("selection: confirming %1 candidate(s), wave %2")
                                       .arg(wave.size())
                                       .arg(run->roundTrips);
    m_sync->run(SyncService::Mode::Confirm, wave, [this, run](QList<SyncOutcome> outcomes) {
        // Continued from the event loop, not inside the sync service's own call chain: the
        // caller's done may well destroy this selector, and the service with it.
        QTimer::singleShot(
            0, this, [this, run, outcomes = std::move(outcomes)] { takeWave(run, outcomes); });
    });
}

void AccountSelector::takeWave(const std::shared_ptr<Run> &run, const QList<SyncOutcome> &outcomes)
{
    for (const SyncOutcome &outcome : outcomes) {
        const Account &account = outcome.account;
        QString problem;
        if (outcome.apiError)
            problem = outcome.apiError->message;
        else if (outcome.storeError)
            problem = outcome.storeError->message;
        else if (!account.isActive)
            problem = CoreTr::tr("deactivated meanwhile");
        else if (!isSelectableHealth(account.healthStatus))
            problem = healthToDb(account.healthStatus);
        if (problem.isEmpty()) {
            ++run->usableCount;
            run->usable.append(account);
            continue;
        }
        QString line = CoreTr::tr("%1: %2").arg(account.name, problem);
        if (outcome.apiError && account.healthStatus != AccountHealth::Unknown)
            line.append(QStringLiteral(" (now %1)").arg(healthToDb(account.healthStatus)));
        run->unusable.append(line);
        run->skipped.append(line);
    }
    choose(run);
}

// In policy order with the fresh numbers, the first account with room; with reserve, the
// store reserves the slot atomically, and an account whose last slots went to concurrent
// provisioners in the meantime is passed over like a full one.
void AccountSelector::choose(const std::shared_ptr<Run> &run)
{
    sortByPolicy(run->usable, m_context.settings.policy);
    auto passOver = [&run](const Account &account, int held) {
        run->heldByOthers = run->heldByOthers || held > 0;
        const QString line = held > 0
                                 ? CoreTr::tr("%1: full (%2 used + %3 reserved)")
                                       .arg(account.name, usage(account), QString::number(held))
                                 : CoreTr::tr("%1: full (%2)").arg(account.name, usage(account));
        run->full.append(line);
        run->skipped.append(line);
    };
    while (!run->usable.isEmpty()) {
        const Account account = run->usable.takeFirst();
        if (account.isFull()) {
            passOver(account, 0);
            continue;
        }
        Selection selection;
        if (run->reserve) {
            const QDateTime expires =
                m_context.clock->now().addSecs(std::max(1, m_context.settings.reservationTtlSecs));
            Result<std::optional<Reservation>> reserved =
                m_capacity.reserveSlot(account.id, run->taskId, expires);
            if (!reserved) {
                finish(run, reserved.error());
                return;
            }
            if (!reserved->has_value()) { // the last slots went to concurrent provisioners
                const Result<int> open = m_capacity.openReservations(account.id);
                passOver(account, open ? *open : account.availableSlots());
                continue;
            }
            selection.reservation = **reserved;
        } else {
            // Only a report (nothing reserved), which still counts the slots others hold.
            const Result<int> open = m_capacity.openReservations(account.id);
            const int held = open ? *open : 0;
            if (account.activeDroplets + held >= account.dropletLimit) {
                passOver(account, held);
                continue;
            }
        }
        // The full accounts further down the order were passed over too: say so (those not
        // confirmed by the numbers the store has).
        for (const Account &other : std::as_const(run->usable)) {
            if (other.isFull())
                passOver(other, 0);
        }
        for (qsizetype i = run->next; i < run->candidates.size(); ++i) {
            const Account &other = run->candidates.at(i);
            if (looksFull(other, run->held))
                passOver(other, run->held.value(other.id));
        }
        selection.account = account;
        selection.reason = whyChosen(account, m_context.settings.policy);
        selection.skipped = run->skipped;
        selection.roundTrips = run->roundTrips;
        qCInfo(lcEngine).noquote()
            << CoreTr::tr("selected account '%1': %2%3")
                   .arg(account.name, selection.reason,
                        selection.reservation ? CoreTr::tr(", slot reserved") : QString());
        finish(run, std::move(selection));
        return;
    }
    if (run->next < run->candidates.size()) {
        startWave(run); // none of these had room: the next candidates
        return;
    }
    if (run->reserve && run->heldByOthers && run->retries < kMaxHeldRetries) {
        // Not full for sure: wait for the other creates to land, then look again afresh.
        auto again = std::make_shared<Run>();
        again->reserve = run->reserve;
        again->taskId = run->taskId;
        again->done = std::move(run->done);
        again->excluded = run->excluded;
        again->retries = run->retries + 1;
        again->roundTrips = run->roundTrips;
        qCDebug(lcEngine) << "selection: slots held by creates in flight; looking again";
        QTimer::singleShot(kHeldRetryMs, this, [this, again] { begin(again); });
        return;
    }
    const Error error = exhausted(*run);
    qCWarning(lcEngine).noquote() << error.message;
    finish(run, error);
}

// No account had room: NoAccount when not one candidate was usable (none active and healthy,
// or every refresh failed), else AllFull. Either way the message says why for each account.
Error AccountSelector::exhausted(const Run &run)
{
    if (run.usableCount == 0) {
        const QString why = run.poolSize == 0 ? CoreTr::tr("the pool is empty")
                                              : run.unusable.join(QStringLiteral("; "));
        return makeError(ErrorKind::NoAccount,
                         CoreTr::tr("no usable account: %1 accounts, none active and healthy (%2)")
                             .arg(QString::number(run.poolSize), why));
    }
    QStringList details = run.full;
    if (!run.unusable.isEmpty())
        details.append(CoreTr::tr("not usable: %1").arg(run.unusable.join(QStringLiteral(", "))));
    return makeError(ErrorKind::AllFull, CoreTr::tr("all %1 usable accounts are full (%2)")
                                             .arg(QString::number(run.usableCount),
                                                  details.join(QStringLiteral("; "))));
}

void AccountSelector::finish(const std::shared_ptr<Run> &run, Result<Selection> result)
{
    auto done = std::move(run->done);
    run->done = nullptr;
    if (done)
        done(std::move(result)); // last: it may destroy this selector
}

} // namespace dopool::engine
