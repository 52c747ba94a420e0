#include "ThreadHopSecretStore.h"

#include <QMetaObject>

namespace dopool::desktop {

ThreadHopSecretStore::ThreadHopSecretStore(SecretStore *target, QObject *home)
    : m_target(target)
    , m_home(home)
{}

template <typename R>
void ThreadHopSecretStore::hop(
    QObject *context, std::function<void(R)> done,
    std::function<void(SecretStore &, QObject *home, std::function<void(R)> answer)> call)
{
    // The answer runs in context's thread; it is dropped if context is gone by then (Qt
    // discards events posted to a deleted object).
    std::function<void(R)> answer = [context, done = std::move(done)](R result) {
        QMetaObject::invokeMethod(
            context, [done, result = std::move(result)]() { done(result); }, Qt::QueuedConnection);
    };
    QObject *home = m_home.data();
    if (!home) {
        answer(makeError(ErrorKind::Crypto, QStringLiteral("The keychain is no longer available")));
        return;
    }
    QMetaObject::invokeMethod(
        home,
        [target = m_target, home, answer, call = std::move(call)]() {
            call(*target, home, answer);
        },
        Qt::QueuedConnection);
}

void ThreadHopSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    hop<Result<std::optional<QString>>>(
        context, std::move(done), [key](SecretStore &target, QObject *home, ReadCallback answer) {
            target.read(key, home, std::move(answer));
        });
}

void ThreadHopSecretStore::write(const QString &key, const QString &value, QObject *context,
                                 WriteCallback done)
{
    hop<Result<void>>(context, std::move(done),
                      [key, value](SecretStore &target, QObject *home, WriteCallback answer) {
                          target.write(key, value, home, std::move(answer));
                      });
}

void ThreadHopSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    hop<Result<void>>(context, std::move(done),
                      [key](SecretStore &target, QObject *home, WriteCallback answer) {
                          target.remove(key, home, std::move(answer));
                      });
}

} // namespace dopool::desktop
