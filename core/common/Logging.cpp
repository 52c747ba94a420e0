#include "Logging.h"

Q_LOGGING_CATEGORY(lcStore, "dopool.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "dopool.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "dopool.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "dopool.cli", QtInfoMsg)
