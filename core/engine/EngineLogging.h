#pragma once

#include <QLoggingCategory>

// Logging category of core/engine (sync, health, selection, provisioning, scheduling,
// alerts). Lines name accounts by name or id, never by token.
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
