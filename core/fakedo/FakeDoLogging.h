#pragma once

#include <QLoggingCategory>

// The fake DO server's own category ("dopool.fakedo"). It logs requests by the fake
// account's uuid; tokens are never logged.
Q_DECLARE_LOGGING_CATEGORY(lcFakeDo)
