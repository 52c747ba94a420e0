#pragma once

#include "EngineContext.h"

#include <QObject>
#include <functional>
#include <optional>

namespace dopool::engine {

// The DO tags a provisioned droplet carries, and how a task's droplet is found again by them.
// DO has no idempotency key: these tags are what makes "did that create happen?" answerable.

// "dopool-task-<task id>": this task's droplet.
QString taskTag(const QString &taskId);
// "dopool-order-<order id>": every droplet made for the order. DO tags allow letters, digits,
// ':', '-' and '_' (at most 255): an order id with anything else is written with '_' for each
// such character and a short hash of the real id, so two orders never share a tag.
QString orderTag(const QString &orderId);

struct DropletSearch
{
    std::optional<api::Droplet> droplet; // the task's droplet, when found
    QString error;                       // non-empty: the look-up itself failed (nothing known)
    bool failed() const { return !error.isEmpty(); }
};

// Lists the droplets of task's order on the account (GET /v2/droplets?tag_name=<order tag>)
// and picks the task's: the one carrying its task tag. For a task that is not an extra, a
// droplet of the order whose task tag belongs to no open task of the order (its task was
// given up as FAILED before it landed) is the order's droplet too, unless another task
// already records it. Uses context's api and tasks. done runs from the event loop, never
// after callContext is destroyed.
void findTaskDroplet(const EngineContext &context, const QString &token,
                     const ProvisioningTask &task, QObject *callContext,
                     std::function<void(DropletSearch)> done);

} // namespace dopool::engine
