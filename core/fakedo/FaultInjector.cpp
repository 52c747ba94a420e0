#include "FaultInjector.h"

namespace dopool::fakedo {

void FaultInjector::inject(const QString &token, Fault fault)
{
    if (fault.times == 0)
        return;
    m_faults[token].append(fault);
}

void FaultInjector::clear(const QString &token)
{
    m_faults.remove(token);
}

std::optional<Fault> FaultInjector::take(const QString &token, Endpoint endpoint)
{
    const auto it = m_faults.find(token);
    if (it == m_faults.end())
        return std::nullopt;
    QList<Fault> &faults = *it;
    for (qsizetype i = 0; i < faults.size(); ++i) {
        if (!matches(faults.at(i), endpoint))
            continue;
        const Fault fault = faults.at(i);
        if (fault.times > 0 && --faults[i].times == 0)
            faults.removeAt(i);
        if (faults.isEmpty())
            m_faults.erase(it);
        return fault;
    }
    return std::nullopt;
}

bool FaultInjector::matches(const Fault &fault, Endpoint endpoint)
{
    // "Create then ..." only makes sense for a create, whatever endpoint it was armed for.
    if (fault.kind == FaultKind::CreateThenHang || fault.kind == FaultKind::CreateThenReset ||
        fault.kind == FaultKind::LateCreate504 || fault.kind == FaultKind::LateCreateHang)
        return endpoint == Endpoint::DropletCreate;
    return fault.endpoint == Endpoint::Any || fault.endpoint == endpoint;
}

} // namespace dopool::fakedo
