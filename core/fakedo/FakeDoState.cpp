#include "FakeDoState.h"

#include <QCryptographicHash>
#include <algorithm>

namespace dopool::fakedo {

namespace {

const auto kUnknown = QStringLiteral("unknown");
constexpr qint64 kRateWindowSecs = 3600; // DO's ratelimit-limit is per hour

// DO uuids are 40 hex characters. Derived from a counter, not from the token, so nothing
// about a token can be read back from what the fake reports.
QString makeUuid(int n)
{
    const QByteArray seed = "dopool-fakedo-account-" + QByteArray::number(n);
    return QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha1).toHex());
}

} // namespace

FakeDoState::FakeDoState(const Clock &clock)
    : m_clock(clock)
{}

QString FakeDoState::addAccount(const QString &token, FakeAccount account)
{
    ++m_accountsAdded;
    if (account.uuid.isEmpty())
        account.uuid = makeUuid(m_accountsAdded);
    AccountState state;
    state.info = std::move(account);
    for (int i = 0; i < state.info.droplets; ++i)
        seedDroplet(state);
    const QString uuid = state.info.uuid;
    m_accounts.insert(token, std::move(state));
    return uuid;
}

bool FakeDoState::hasAccount(const QString &token) const
{
    return find(token) != nullptr;
}

QString FakeDoState::accountId(const QString &token) const
{
    const AccountState *state = find(token);
    return state ? state->info.uuid : kUnknown;
}

std::optional<FakeAccount> FakeDoState::account(const QString &token) const
{
    const AccountState *state = find(token);
    if (!state)
        return std::nullopt;
    FakeAccount result = state->info;
    result.droplets = int(state->droplets.size());
    return result;
}

bool FakeDoState::setDropletCount(const QString &token, int count)
{
    AccountState *state = find(token);
    if (!state || count < 0)
        return false;
    while (state->droplets.size() > count)
        state->droplets.removeLast(); // newest first, as an admin cleaning up would
    while (state->droplets.size() < count)
        seedDroplet(*state);
    return true;
}

int FakeDoState::dropletCount(const QString &token) const
{
    const AccountState *state = find(token);
    return state ? int(state->droplets.size()) : -1;
}

bool FakeDoState::setAccountStatus(const QString &token, const QString &status,
                                   const QString &message)
{
    AccountState *state = find(token);
    if (!state)
        return false;
    state->info.status = status;
    state->info.statusMessage = message;
    return true;
}

bool FakeDoState::setDropletLimit(const QString &token, int limit)
{
    AccountState *state = find(token);
    if (!state || limit < 0)
        return false;
    state->info.dropletLimit = limit;
    return true;
}

QList<FakeDroplet> FakeDoState::droplets(const QString &token) const
{
    QList<FakeDroplet> result;
    if (const AccountState *state = find(token)) {
        result.reserve(state->droplets.size());
        for (const FakeDroplet &d : state->droplets)
            result.append(live(*state, d));
    }
    return result;
}

QList<FakeDroplet> FakeDoState::createdDroplets(const QString &token) const
{
    const AccountState *state = find(token);
    return state ? state->created : QList<FakeDroplet>{};
}

QStringList FakeDoState::duplicateNames(const QString &token) const
{
    QStringList duplicates;
    const AccountState *state = find(token);
    if (!state)
        return duplicates;
    QHash<QString, int> seen;
    for (const FakeDroplet &d : state->droplets) {
        if (++seen[d.name] == 2)
            duplicates.append(d.name);
    }
    return duplicates;
}

std::optional<FakeDoState::Created> FakeDoState::createDroplet(const QString &token,
                                                               const CreateRequest &request)
{
    AccountState *state = find(token);
    if (!state)
        return std::nullopt;
    if (state->droplets.size() >= state->info.dropletLimit) {
        ++state->overLimitAttempts;
        return std::nullopt;
    }
    const QDateTime now = m_clock.now();
    FakeAction action;
    action.id = m_nextActionId++;
    action.startedAt = now;
    action.regionSlug = request.region;

    FakeDroplet droplet;
    droplet.id = m_nextDropletId++;
    droplet.name = request.name;
    droplet.region = request.region;
    droplet.size = request.size;
    droplet.image = request.image;
    droplet.tags = request.tags;
    droplet.status = QStringLiteral("new");
    droplet.createdAt = now;
    droplet.createActionId = action.id;
    action.resourceId = droplet.id;

    state->droplets.append(droplet);
    state->created.append(droplet);
    state->actions.insert(action.id, action);
    return Created{droplet, action};
}

std::optional<FakeDroplet> FakeDoState::droplet(const QString &token, qint64 id) const
{
    const AccountState *state = find(token);
    if (!state)
        return std::nullopt;
    for (const FakeDroplet &d : state->droplets) {
        if (d.id == id)
            return live(*state, d);
    }
    return std::nullopt;
}

bool FakeDoState::deleteDroplet(const QString &token, qint64 id)
{
    AccountState *state = find(token);
    if (!state)
        return false;
    return state->droplets.removeIf([id](const FakeDroplet &d) { return d.id == id; }) > 0;
}

std::optional<FakeAction> FakeDoState::readAction(const QString &token, qint64 id)
{
    AccountState *state = find(token);
    if (!state)
        return std::nullopt;
    const auto it = state->actions.find(id);
    if (it == state->actions.end())
        return std::nullopt;
    FakeAction &action = *it;
    ++action.reads;
    if (action.status != u"completed" && actionDone(action)) {
        action.status = QStringLiteral("completed");
        action.completedAt =
            m_actionDelayMs ? action.startedAt.addMSecs(*m_actionDelayMs) : m_clock.now();
    }
    return action;
}

int FakeDoState::overLimitAttempts(const QString &token) const
{
    const AccountState *state = find(token);
    return state ? state->overLimitAttempts : 0;
}

int FakeDoState::totalOverLimitAttempts() const
{
    int total = 0;
    for (const AccountState &state : m_accounts)
        total += state.overLimitAttempts;
    return total;
}

void FakeDoState::clearOverLimitAttempts()
{
    for (AccountState &state : m_accounts)
        state.overLimitAttempts = 0;
}

void FakeDoState::setActionCompletionDelay(std::optional<qint64> msecs)
{
    m_actionDelayMs = msecs;
}

FakeDoState::RateLimit FakeDoState::consumeRequest(const QString &token)
{
    AccountState *state = find(token);
    RateWindow &window = state ? state->rate : m_anonymousRate;
    const QDateTime now = m_clock.now();
    if (!window.start.isValid() || window.start.secsTo(now) >= kRateWindowSecs) {
        window.start = now;
        window.used = 0;
    }
    ++window.used;
    RateLimit result;
    result.limit = m_rateLimit;
    result.remaining = std::max(0, m_rateLimit - window.used);
    result.resetEpoch = window.start.toSecsSinceEpoch() + kRateWindowSecs;
    result.exceeded = window.used > m_rateLimit;
    return result;
}

void FakeDoState::setRateLimit(int perHour)
{
    m_rateLimit = std::max(0, perHour);
}

FakeDoState::AccountState *FakeDoState::find(const QString &token)
{
    if (token.isEmpty())
        return nullptr;
    const auto it = m_accounts.find(token);
    return it == m_accounts.end() ? nullptr : &*it;
}

const FakeDoState::AccountState *FakeDoState::find(const QString &token) const
{
    if (token.isEmpty())
        return nullptr;
    const auto it = m_accounts.constFind(token);
    return it == m_accounts.cend() ? nullptr : &*it;
}

void FakeDoState::seedDroplet(AccountState &state)
{
    ++state.seeded;
    FakeDroplet droplet;
    droplet.id = m_nextDropletId++;
    droplet.name = QStringLiteral("existing-%1").arg(state.seeded);
    droplet.region = QStringLiteral("sgp1");
    droplet.size = QStringLiteral("s-1vcpu-1gb");
    droplet.image = QStringLiteral("ubuntu-22-04-x64");
    droplet.status = QStringLiteral("active");
    droplet.createdAt = m_clock.now();
    state.droplets.append(droplet);
}

bool FakeDoState::actionDone(const FakeAction &action) const
{
    if (action.status == u"completed")
        return true;
    if (m_actionDelayMs)
        return action.startedAt.msecsTo(m_clock.now()) >= *m_actionDelayMs;
    return action.reads >= 2; // the first read still says "in-progress"
}

// A created droplet turns "active" when its create action completes.
FakeDroplet FakeDoState::live(const AccountState &state, FakeDroplet droplet) const
{
    if (droplet.createActionId != 0 && droplet.status == u"new") {
        const auto it = state.actions.constFind(droplet.createActionId);
        if (it != state.actions.cend() && actionDone(*it))
            droplet.status = QStringLiteral("active");
    }
    return droplet;
}

} // namespace dopool::fakedo
