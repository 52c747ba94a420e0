#pragma once

#include "FakeDoTypes.h"

#include <QList>

namespace dopool::fakedo {

// Every request the fake answered (or deliberately did not), for tests to assert on.
class RequestLog
{
public:
    void append(RequestRecord record) { m_records.append(std::move(record)); }
    const QList<RequestRecord> &records() const { return m_records; }
    int count(const RequestFilter &filter) const;
    void clear() { m_records.clear(); }

    static bool matches(const RequestRecord &record, const RequestFilter &filter);

private:
    QList<RequestRecord> m_records;
};

} // namespace dopool::fakedo
