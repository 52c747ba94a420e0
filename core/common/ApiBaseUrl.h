#pragma once

#include "common/Error.h"

#include <QUrl>

namespace dopool {

// The DigitalOcean API base URL (--api-base / DOPOOL_API_BASE). Tokens travel only over
// https, or plain http to a loopback host (the project's fake DO server in tests and demos).
Result<QUrl> parseApiBaseUrl(const QString &text);
QUrl defaultApiBaseUrl();
bool isLoopbackHost(const QString &host);
// The one rule for where the pool sends anything (API tokens, alerts): https, or plain http to
// a loopback host.
bool isSafeTransportUrl(const QUrl &url);

} // namespace dopool
