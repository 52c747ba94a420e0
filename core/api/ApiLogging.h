#pragma once

#include <QLoggingCategory>

// Logging category of core/api. Lines name the method, path, status and attempt; never a
// token (it travels only in the Authorization header, which is never logged).
Q_DECLARE_LOGGING_CATEGORY(lcApi)
