#include "ApiLogging.h"

Q_LOGGING_CATEGORY(lcApi, "dopool.api", QtInfoMsg)
