#pragma once

#include "common/Error.h"
#include "model/Account.h"

#include <QList>
#include <QString>

namespace dopool {

// The provisioning tasks: one per droplet an order asked for, from PENDING to its outcome.
class TaskLog
{
public:
    virtual ~TaskLog() = default;

    // Assigns id and timestamps. An order has at most one open task (PENDING, IN_PROGRESS,
    // UNCERTAIN or CREATED) that is not an extra: inserting or updating into a second one is a
    // Conflict, enforced by a unique index, so atomic across processes. A task's account, when
    // set, must exist (NotFound).
    virtual Result<ProvisioningTask> insertTask(const ProvisioningTask &task) = 0;
    // Writes every field of task (by id) and its updated_at; NotFound when there is no such task.
    virtual Result<ProvisioningTask> updateTask(const ProvisioningTask &task) = 0;
    virtual Result<ProvisioningTask> findTask(const QString &id) = 0;
    virtual Result<QList<ProvisioningTask>> listTasks(int limit) = 0; // newest first
    // Every task of the order, oldest first.
    virtual Result<QList<ProvisioningTask>> orderTasks(const QString &orderId) = 0;
    // The tasks in status, oldest first (limit <= 0: all).
    virtual Result<QList<ProvisioningTask>> tasksWithStatus(TaskStatus status, int limit) = 0;
};

} // namespace dopool
