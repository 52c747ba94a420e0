#pragma once

#include "FakeDoTypes.h"

#include <QHash>
#include <QList>
#include <optional>

namespace dopool::fakedo {

// Faults armed per token. A request takes the first armed fault that matches its endpoint;
// a fault armed for N requests disarms itself after the N-th.
class FaultInjector
{
public:
    void inject(const QString &token, Fault fault);
    void clear(const QString &token);
    // The fault this request gets, if any; consumes one of its remaining uses.
    std::optional<Fault> take(const QString &token, Endpoint endpoint);

private:
    static bool matches(const Fault &fault, Endpoint endpoint);

    QHash<QString, QList<Fault>> m_faults; // by token
};

} // namespace dopool::fakedo
