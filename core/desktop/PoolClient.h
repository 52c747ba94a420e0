#pragma once

#include "DesktopTypes.h"
#include "PoolWorker.h"
#include "WorkerErrors.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>
#include <tuple>
#include <utility>

namespace dopool {
class SecretStore;
}

namespace dopool::desktop {

class ThreadHopSecretStore;
template <typename T> class PoolRequest;

namespace detail {
// T of a worker operation `void op(Args..., Done<T>)`: its last parameter says what it answers.
template <typename F> struct DoneResult;
template <typename T> struct DoneResult<std::function<void(Result<T>)>>
{
    using type = T;
};
template <typename... Params>
using OpResult = typename DoneResult<
    std::decay_t<std::tuple_element_t<sizeof...(Params) - 1, std::tuple<Params...>>>>::type;
} // namespace detail

// The GUI thread's handle on the pool: starts a PoolWorker in a thread of its own and posts
// every request there, so the event loop never waits for the database or DigitalOcean.
//
// A request names the worker's operation and its arguments; the answer comes back to a context
// object in the GUI thread:
//
//     client->call(&PoolWorker::addAccount, draft).then(dialog, [](Result<Account> added) {...});
//
// call() does, in one place, what every operation needs: the hop to the engine thread, the
// "pool not open" answer before the pool is open, the hop back, nothing delivered once the
// context is gone, and the "client gone" case - a request made through a PoolClient that has
// been destroyed (DesktopApp replaced it when the settings changed), or in flight when it was,
// answers poolNotOpen() instead of silently never answering.
// What changed in the pool comes as events() signals. Destroying the client stops the worker:
// requests in flight are abandoned (writes are single transactions: all or nothing).
class PoolClient : public QObject
{
    Q_OBJECT
public:
    template <typename T> using Done = std::function<void(Result<T>)>;

    // keychain lives in this (the GUI) thread; the worker reaches it through a thread hop.
    // clock (null: the system's) is read in the engine thread and outlives the client.
    PoolClient(DesktopConfig config, SecretStore *keychain, QObject *parent = nullptr,
               const Clock *clock = nullptr);
    ~PoolClient() override;

    const DesktopConfig &config() const { return m_config; }

    // An operation of the open pool: op is a PoolWorker member `void op(Params..., Done<T>)`,
    // args its arguments but the last (copied to the engine thread). A static function so that
    // a QPointer gone null is a request that answers "not open" (see PoolRequest).
    template <typename... Params, typename... Args>
    static PoolRequest<detail::OpResult<Params...>>
    call(const QPointer<PoolClient> &client, void (PoolWorker::*op)(Params...), Args &&...args);
    template <typename... Params, typename... Args>
    PoolRequest<detail::OpResult<Params...>> call(void (PoolWorker::*op)(Params...), Args &&...args)
    {
        return call(QPointer<PoolClient>(this), op, std::forward<Args>(args)...);
    }

    // The two requests that need no open pool: opening it, and proving that a database URL
    // opens (Settings -> Test connection).
    void open(QObject *context, Done<PoolInfo> done);
    void testDatabase(const QString &url, QObject *context, Done<void> done);
    void reloadAccounts();

    // The pool's change signals (emitted in the engine thread, delivered queued).
    const PoolEvents *events() const;

private:
    template <typename T> friend class PoolRequest;
    enum class Needs
    {
        OpenPool,
        Nothing
    };
    template <typename T> using Work = std::function<void(PoolWorker &, Done<T>)>;

    // Runs work(worker, reply) in the worker's thread; reply(result) brings result back here
    // and hands it to done if context still exists. The one path every request takes.
    template <typename T> void post(Needs needs, Work<T> work, QObject *context, Done<T> done);

    DesktopConfig m_config;
    QThread m_thread;
    std::unique_ptr<ThreadHopSecretStore> m_keychain;
    PoolWorker *m_worker = nullptr; // lives in m_thread; deleted there when it finishes
};

// One request, built by PoolClient::call and sent by then(context, done). Nothing is sent
// until then() is called.
template <typename T> class [[nodiscard]] PoolRequest
{
public:
    using Done = PoolClient::Done<T>;

    // done(result) runs in context's thread, never after context is destroyed.
    void then(QObject *context, Done done) &&
    {
        if (!m_client) {
            // The client is gone: answer like the worker would, and as late as it would.
            QMetaObject::invokeMethod(
                context, [done = std::move(done)] { done(poolNotOpen()); }, Qt::QueuedConnection);
            return;
        }
        m_client->template post<T>(PoolClient::Needs::OpenPool, std::move(m_work), context,
                                   std::move(done));
    }

private:
    friend class PoolClient;
    PoolRequest(QPointer<PoolClient> client, PoolClient::Work<T> work)
        : m_client(std::move(client))
        , m_work(std::move(work))
    {}

    QPointer<PoolClient> m_client;
    PoolClient::Work<T> m_work;
};

template <typename... Params, typename... Args>
PoolRequest<detail::OpResult<Params...>> PoolClient::call(const QPointer<PoolClient> &client,
                                                          void (PoolWorker::*op)(Params...),
                                                          Args &&...args)
{
    using T = detail::OpResult<Params...>;
    static_assert(sizeof...(Args) + 1 == sizeof...(Params),
                  "call(&PoolWorker::op, args...): every argument of op but its Done");
    auto work = [op, bound = std::make_tuple(std::decay_t<Args>(std::forward<Args>(args))...)](
                    PoolWorker &worker, Done<T> reply) {
        std::apply([&](const auto &...arg) { (worker.*op)(arg..., std::move(reply)); }, bound);
    };
    return PoolRequest<T>(client, std::move(work));
}

template <typename T>
void PoolClient::post(Needs needs, Work<T> work, QObject *context, Done<T> done)
{
    QPointer<QObject> guard(context);
    // Destroyed before the answer came back: the caller hears that the pool closed. Both
    // handlers run in this (the GUI) thread; whichever runs first disconnects the other.
    auto gone = std::make_shared<QMetaObject::Connection>();
    *gone = connect(this, &QObject::destroyed, context, [guard, done, gone] {
        QObject::disconnect(*gone);
        QMetaObject::invokeMethod(
            guard, [done] { done(poolNotOpen()); }, Qt::QueuedConnection);
    });
    auto reply = [this, guard, done = std::move(done), gone](Result<T> result) {
        QMetaObject::invokeMethod(
            this,
            [guard, done, gone, result = std::move(result)]() {
                QObject::disconnect(*gone);
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, needs, work = std::move(work), reply = std::move(reply)]() {
            if (needs == Needs::OpenPool && !worker->isOpen())
                return reply(poolNotOpen());
            work(*worker, reply);
        },
        Qt::QueuedConnection);
}

} // namespace dopool::desktop
