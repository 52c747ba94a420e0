#include "RequestLog.h"

#include <algorithm>

namespace dopool::fakedo {

int RequestLog::count(const RequestFilter &filter) const
{
    return int(std::count_if(m_records.cbegin(), m_records.cend(),
                             [&filter](const RequestRecord &r) { return matches(r, filter); }));
}

bool RequestLog::matches(const RequestRecord &record, const RequestFilter &filter)
{
    if (!filter.method.isEmpty() && record.method.compare(filter.method, Qt::CaseInsensitive) != 0)
        return false;
    if (!filter.pathPrefix.isEmpty() && !record.path.startsWith(filter.pathPrefix))
        return false;
    return filter.account.isEmpty() || record.account == filter.account;
}

} // namespace dopool::fakedo
