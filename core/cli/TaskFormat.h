#pragma once

#include "model/Account.h"

#include <QJsonObject>
#include <QString>

namespace dopool::cli {

// How dopool-cli shows a provisioning task (an order's row): `tasks`, `orders`, `provision`
// and `enqueue` share it, so a task reads the same everywhere.
QJsonObject taskToJson(const ProvisioningTask &task); // EngineCommands.cpp
QString taskLine(const ProvisioningTask &task);       // StatusCommands.cpp

} // namespace dopool::cli
