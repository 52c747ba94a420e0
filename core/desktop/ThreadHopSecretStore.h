#pragma once

#include "crypto/SecretStore.h"

#include <QPointer>

namespace dopool::desktop {

// Lets the engine thread use a SecretStore that lives in another thread (the OS keychain,
// whose D-Bus/libsecret jobs belong to the GUI thread): each call hops to home's thread, runs
// there, and its answer hops back to the caller's context object.
class ThreadHopSecretStore final : public SecretStore
{
public:
    ThreadHopSecretStore(SecretStore *target, QObject *home);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &value, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

private:
    SecretStore *m_target;
    QPointer<QObject> m_home;
};

} // namespace dopool::desktop
