#include "CoordLogging.h"

Q_LOGGING_CATEGORY(lcCoord, "dopool.coord", QtInfoMsg)
