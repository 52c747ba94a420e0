#include "ThreadHopSecretStore.h"

#include <QMetaObject>

namespace dopool::desktop {

namespace {

// Runs answer(result) in context's thread; dropped if context is gone by then (Qt discards
// events posted to a deleted object).
template <typename R>
std::function<void(R)> backTo(QObject *context, std::function<void(R)> done)
{
    return [context, done = std::move(done)](R result) {
        QMetaObject::invokeMethod(
            context, [done, result = std::move(result)]() { done(result); },
            Qt::QueuedConnection);
    };
}

Error homeGone()
{
    return makeError(ErrorKind::Crypto, QStringLiteral("The keychain is no longer available"));
}

} // namespace

ThreadHopSecretStore::ThreadHopSecretStore(SecretStore *target, QObject *home)
    : m_target(target)
    , m_home(home)
{}

void ThreadHopSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto answer = backTo<Result<std::optional<QString>>>(context, std::move(done));
    QObject *home = m_home.data();
    if (!home) {
        answer(homeGone());
        return;
    }
    QMetaObject::invokeMethod(
        home, [target = m_target, home, key, answer]() { target->read(key, home, answer); },
        Qt::QueuedConnection);
}

void ThreadHopSecretStore::write(const QString &key, const QString &value, QObject *context,
                                 WriteCallback done)
{
    auto answer = backTo<Result<void>>(context, std::move(done));
    QObject *home = m_home.data();
    if (!home) {
        answer(homeGone());
        return;
    }
    QMetaObject::invokeMethod(
        home,
        [target = m_target, home, key, value, answer]() {
            target->write(key, value, home, answer);
        },
        Qt::QueuedConnection);
}

void ThreadHopSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    auto answer = backTo<Result<void>>(context, std::move(done));
    QObject *home = m_home.data();
    if (!home) {
        answer(homeGone());
        return;
    }
    QMetaObject::invokeMethod(
        home, [target = m_target, home, key, answer]() { target->remove(key, home, answer); },
        Qt::QueuedConnection);
}

} // namespace dopool::desktop
