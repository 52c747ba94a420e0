#include "NamPool.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>
#include <utility>

namespace dopool::api {

NamPool::NamPool(int size, NamFactory factory, QObject *owner)
    : m_factory(std::move(factory))
    , m_owner(owner)
{
    if (!m_factory)
        m_factory = [](QObject *parent) {
            return new QNetworkAccessManager(parent);
        };
    m_managers.resize(std::max(1, size));
}

QNetworkAccessManager *NamPool::next()
{
    Slot *leastBusy = nullptr;
    Slot *unmade = nullptr;
    for (Slot &slot : m_managers) {
        if (!slot.manager) {
            if (!unmade)
                unmade = &slot;
            continue;
        }
        if (!leastBusy || *slot.inFlight < *leastBusy->inFlight)
            leastBusy = &slot;
    }
    if (leastBusy && (*leastBusy->inFlight < kConnectionsPerManager || !unmade))
        return leastBusy->manager;
    if (!unmade)
        return nullptr;
    unmade->manager = m_factory(m_owner);
    unmade->inFlight = std::make_shared<int>(0);
    if (unmade->manager && !unmade->manager->parent())
        unmade->manager->setParent(m_owner); // owned by the client whatever the factory did
    return unmade->manager;
}

void NamPool::track(QNetworkAccessManager *manager, QNetworkReply *reply)
{
    const auto slot = std::find_if(m_managers.begin(), m_managers.end(),
                                   [manager](const Slot &s) { return s.manager == manager; });
    if (slot == m_managers.end() || !reply)
        return;
    ++*slot->inFlight;
    // Once, when it finishes (or is destroyed unfinished). The counter is shared, not the
    // pool: the reply may outlive the client's members.
    auto release = [inFlight = slot->inFlight, counted = std::make_shared<bool>(true)] {
        if (std::exchange(*counted, false))
            --*inFlight;
    };
    QObject::connect(reply, &QNetworkReply::finished, manager, release);
    QObject::connect(reply, &QObject::destroyed, manager, release);
}

int NamPool::created() const
{
    return int(std::count_if(m_managers.cbegin(), m_managers.cend(),
                             [](const Slot &slot) { return !slot.manager.isNull(); }));
}

} // namespace dopool::api
