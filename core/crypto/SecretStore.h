#pragma once

#include "common/Error.h"

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace dopool {

// Asynchronous secret storage (the OS keychain in production, memory in unit tests).
// Callbacks are invoked from the event loop, never synchronously from the call.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // value: std::nullopt when no such entry exists; Error when the store itself failed
    // (no secret service, locked keyring...) with a message naming the fix.
    using ReadCallback = std::function<void(Result<std::optional<QString>>)>;
    using WriteCallback = std::function<void(Result<void>)>;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &value, QObject *context,
                       WriteCallback done) = 0;
    virtual void remove(const QString &key, QObject *context, WriteCallback done) = 0;
};

} // namespace dopool
