#pragma once

#include "common/Error.h"
#include "model/Account.h"

#include <QString>
#include <optional>

namespace dopool::engine {

struct ProvisionRequest
{
    QString orderId; // required
    QString region;  // empty: settings.defaultRegion
    QString size;    // empty: settings.defaultSize
    QString image;   // empty: settings.defaultImage
    // A deliberate further droplet for an order that has one already (CLI --another).
    bool another = false;
    // Follow DO's create action until the droplet is active (CLI --wait); otherwise return as
    // soon as DO accepted the droplet (status "new"), as doctl does.
    bool wait = false;
};

// What becomes of a queued order no account has room for (OrderIntake's options).
struct WaitRules
{
    int maxWaitSecs = 86400; // FAILED once it has waited this long since created_at
    int retrySecs = 60;      // next_attempt_at, unless capacity appears sooner
};

struct ProvisionOutcome
{
    ProvisioningTask task;
    // The order's open task, found instead of creating a second droplet for the order.
    bool existing = false;
    QString dropletStatus; // DO's status when last seen ("new", "active"); empty: not seen
};

// How a queued task came to this instance (OrderQueue).
enum class TaskClaim
{
    Claimed, // taken from the queue (PENDING/WAITING): provisioned from the start
    Adopted, // its claimer stopped renewing: its droplet is looked for by tags before anything
};

// Why no droplet name can be made of the order id, or nothing: empty, or its first 8
// characters (the name's part) are not letters, digits, '.' or '-'.
std::optional<Error> orderIdProblem(const QString &orderId);
// "webrana-<first 8 of the order id>".
QString dropletNameOf(const QString &orderId);
// value trimmed, or fallback when that is empty.
QString orDefault(const QString &value, const QString &fallback);

} // namespace dopool::engine
