#pragma once

#include "SecretStore.h"

namespace dopool {

// SecretStore on the OS keychain through QtKeychain's asynchronous jobs
// (libsecret/KWallet on Linux, Keychain on macOS, Credential Manager on Windows).
class QtKeychainSecretStore final : public SecretStore
{
public:
    explicit QtKeychainSecretStore(QString service = QStringLiteral("dopool"));

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

private:
    QString m_service;
};

// In-memory SecretStore for unit tests; can be told to fail like a missing secret service.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    QHash<QString, QString> entries;

private:
    bool m_unavailable = false;
};

} // namespace dopool
