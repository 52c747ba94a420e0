#include "NamPool.h"

#include <QNetworkAccessManager>
#include <algorithm>

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
    QPointer<QNetworkAccessManager> &slot = m_managers[m_next];
    m_next = (m_next + 1) % int(m_managers.size());
    if (!slot) {
        slot = m_factory(m_owner);
        if (slot && !slot->parent())
            slot->setParent(m_owner); // owned by the client whatever the factory did
    }
    return slot;
}

int NamPool::created() const
{
    return int(
        std::count_if(m_managers.cbegin(), m_managers.cend(),
                      [](const QPointer<QNetworkAccessManager> &nam) { return !nam.isNull(); }));
}

} // namespace dopool::api
