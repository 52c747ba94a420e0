#pragma once

#include "CoordLogging.h"

#include <QString>

namespace dopool::coord {

// Whether the database answered the last time one of its users asked, and why not if it did
// not. ChangeFeed and Leadership each keep one and say so (log + signal) only on a change.
class Reachability
{
public:
    // Records the outcome; true when it turned (up <-> down). The turn is logged, named by who.
    bool record(bool up, const QString &error, const char *who)
    {
        if (!up)
            m_lastError = error;
        if (up == m_up)
            return false;
        m_up = up;
        if (up)
            qCInfo(lcCoord, "%s: database reachable again", who);
        else
            qCWarning(lcCoord, "%s: database unreachable: %s", who, qUtf8Printable(error));
        return true;
    }
    bool isUp() const { return m_up; }
    QString lastError() const { return m_lastError; }

private:
    bool m_up = true;
    QString m_lastError;
};

} // namespace dopool::coord
