#include "PoolClient.h"

#include "ThreadHopSecretStore.h"

namespace dopool::desktop {

PoolClient::PoolClient(DesktopConfig config, SecretStore *keychain, QObject *parent,
                       const Clock *clock)
    : QObject(parent)
    , m_config(config)
    , m_keychain(std::make_unique<ThreadHopSecretStore>(keychain, this))
{
    m_thread.setObjectName(QStringLiteral("dopool-engine"));
    m_worker = new PoolWorker(std::move(config), m_keychain.get(), clock);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    m_thread.start();
}

PoolClient::~PoolClient()
{
    // The worker's objects (store connection, sockets) are destroyed in their own thread
    // (deleteLater on finished) before the thread ends.
    m_thread.quit();
    m_thread.wait();
}

void PoolClient::open(QObject *context, Done<PoolInfo> done)
{
    post<PoolInfo>(
        Needs::Nothing, [](PoolWorker &worker, Done<PoolInfo> reply) { worker.open(reply); },
        context, std::move(done));
}

void PoolClient::testDatabase(const QString &url, QObject *context, Done<void> done)
{
    post<void>(
        Needs::Nothing,
        [url](PoolWorker &worker, Done<void> reply) { worker.testDatabase(url, reply); }, context,
        std::move(done));
}

void PoolClient::reloadAccounts()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker]() { worker->reloadAccounts(); }, Qt::QueuedConnection);
}

const PoolEvents *PoolClient::events() const
{
    return m_worker;
}

} // namespace dopool::desktop
