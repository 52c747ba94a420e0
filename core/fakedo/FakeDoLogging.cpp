#include "FakeDoLogging.h"

Q_LOGGING_CATEGORY(lcFakeDo, "dopool.fakedo", QtInfoMsg)
