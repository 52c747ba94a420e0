#include "DesktopLogging.h"

Q_LOGGING_CATEGORY(lcDesktop, "dopool.desktop", QtInfoMsg)
