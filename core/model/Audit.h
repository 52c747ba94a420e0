#pragma once

#include <QDateTime>
#include <QString>

namespace dopool {

// Who is changing the pool: the OS user and host of the process, and an id for this running
// instance (a desktop or a daemon). Written into every audit_log row.
struct Actor
{
    QString osUser;
    QString host;
    QString instanceId; // uuid of this process's pool session
    qint64 pid = 0;

    bool isValid() const { return !instanceId.isEmpty(); }
    // "alice@ops-laptop (pid 4242)", as shown to other admins.
    QString description() const
    {
        return QStringLiteral("%1@%2 (pid %3)").arg(osUser, host).arg(pid);
    }
};

// One row of audit_log: who changed what and when. Never holds a token or its ciphertext.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString osUser;
    QString host;
    QString instanceId;
    QString action;      // account.add, account.update, account.delete, account.primary, key.rotate
    QString accountId;   // empty for pool-wide actions
    QString accountName; // as it was at the time
    QString details;     // which fields changed ("email: a@x -> b@x; token replaced")
};

struct AuditFilter
{
    QString accountId; // empty: every account
};

} // namespace dopool
