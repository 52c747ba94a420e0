#pragma once

#include <QLoggingCategory>

// Logging categories of core/. Never log a token, a key or a password: log masked values.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
