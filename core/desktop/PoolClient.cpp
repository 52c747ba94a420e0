#include "PoolClient.h"

#include "PoolWorker.h"
#include "ThreadHopSecretStore.h"

#include <QMetaObject>

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

template <typename T>
void PoolClient::post(QObject *context, Done<T> done,
                      std::function<void(PoolWorker &, Done<T>)> work)
{
    QPointer<QObject> guard(context);
    auto reply = [this, guard, done = std::move(done)](Result<T> result) {
        QMetaObject::invokeMethod(
            this,
            [guard, done, result = std::move(result)]() {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, work = std::move(work), reply]() { work(*worker, reply); },
        Qt::QueuedConnection);
}

void PoolClient::open(QObject *context, Done<PoolInfo> done)
{
    post<PoolInfo>(context, std::move(done),
                   [](PoolWorker &worker, Done<PoolInfo> reply) { worker.open(reply); });
}

void PoolClient::addAccount(const AccountDraft &draft, QObject *context, Done<Account> done)
{
    post<Account>(context, std::move(done), [draft](PoolWorker &worker, Done<Account> reply) {
        worker.addAccount(draft, reply);
    });
}

void PoolClient::updateAccount(const AccountEdit &edit, QObject *context, Done<Account> done)
{
    post<Account>(context, std::move(done), [edit](PoolWorker &worker, Done<Account> reply) {
        worker.updateAccount(edit, reply);
    });
}

void PoolClient::exportKey(const QString &path, QObject *context, Done<QString> done)
{
    post<QString>(context, std::move(done), [path](PoolWorker &worker, Done<QString> reply) {
        worker.exportKey(path, reply);
    });
}

void PoolClient::importKey(const QString &path, QObject *context, Done<QString> done)
{
    post<QString>(context, std::move(done), [path](PoolWorker &worker, Done<QString> reply) {
        worker.importKey(path, reply);
    });
}

void PoolClient::backupPool(const QString &path, QObject *context, Done<backup::BackupSummary> done)
{
    post<backup::BackupSummary>(context, std::move(done),
                                [path](PoolWorker &worker, Done<backup::BackupSummary> reply) {
                                    worker.backupPool(path, reply);
                                });
}

void PoolClient::restorePool(const QString &path, QObject *context,
                             Done<backup::RestoreSummary> done)
{
    post<backup::RestoreSummary>(context, std::move(done),
                                 [path](PoolWorker &worker, Done<backup::RestoreSummary> reply) {
                                     worker.restorePool(path, reply);
                                 });
}

void PoolClient::deleteAccount(const QString &id, QObject *context, Done<void> done)
{
    post<void>(context, std::move(done),
               [id](PoolWorker &worker, Done<void> reply) { worker.deleteAccount(id, reply); });
}

void PoolClient::verifyToken(const QString &token, QObject *context, Done<api::AccountInfo> done)
{
    post<api::AccountInfo>(context, std::move(done),
                           [token](PoolWorker &worker, Done<api::AccountInfo> reply) {
                               worker.verifyToken(token, reply);
                           });
}

void PoolClient::sync(engine::SyncService::Mode mode, const QStringList &ids, QObject *context,
                      Done<SyncSummary> done)
{
    post<SyncSummary>(context, std::move(done),
                      [mode, ids](PoolWorker &worker, Done<SyncSummary> reply) {
                          worker.sync(mode, ids, reply);
                      });
}

void PoolClient::previewSelection(QObject *context, Done<engine::Selection> done)
{
    post<engine::Selection>(
        context, std::move(done),
        [](PoolWorker &worker, Done<engine::Selection> reply) { worker.previewSelection(reply); });
}

void PoolClient::provision(const engine::ProvisionRequest &request, QObject *context,
                           Done<engine::ProvisionOutcome> done)
{
    post<engine::ProvisionOutcome>(
        context, std::move(done),
        [request](PoolWorker &worker, Done<engine::ProvisionOutcome> reply) {
            worker.provision(request, reply);
        });
}

void PoolClient::loadDetail(const QString &id, QObject *context, Done<AccountDetail> done)
{
    post<AccountDetail>(
        context, std::move(done),
        [id](PoolWorker &worker, Done<AccountDetail> reply) { worker.loadDetail(id, reply); });
}

void PoolClient::loadPoolHistory(int days, QObject *context, Done<QList<PoolHistoryPoint>> done)
{
    post<QList<PoolHistoryPoint>>(context, std::move(done),
                                  [days](PoolWorker &worker, Done<QList<PoolHistoryPoint>> reply) {
                                      worker.loadPoolHistory(days, reply);
                                  });
}

void PoolClient::liveIdentity(const QString &id, QObject *context, Done<api::AccountInfo> done)
{
    post<api::AccountInfo>(
        context, std::move(done),
        [id](PoolWorker &worker, Done<api::AccountInfo> reply) { worker.liveIdentity(id, reply); });
}

void PoolClient::listDroplets(const QString &id, int page, int perPage, QObject *context,
                              Done<api::DropletPage> done)
{
    post<api::DropletPage>(context, std::move(done),
                           [id, page, perPage](PoolWorker &worker, Done<api::DropletPage> reply) {
                               worker.listDroplets(id, page, perPage, reply);
                           });
}

void PoolClient::testDatabase(const QString &url, QObject *context, Done<void> done)
{
    post<void>(context, std::move(done),
               [url](PoolWorker &worker, Done<void> reply) { worker.testDatabase(url, reply); });
}

const PoolEvents *PoolClient::events() const
{
    return m_worker;
}

void PoolClient::listAudit(const QString &accountId, int limit, QObject *context,
                           Done<QList<AuditEntry>> done)
{
    post<QList<AuditEntry>>(context, std::move(done),
                            [accountId, limit](PoolWorker &worker, Done<QList<AuditEntry>> reply) {
                                worker.listAudit(accountId, limit, reply);
                            });
}

void PoolClient::catalog(bool refresh, QObject *context, Done<engine::Catalog> done)
{
    post<engine::Catalog>(context, std::move(done),
                          [refresh](PoolWorker &worker, Done<engine::Catalog> reply) {
                              worker.catalog(refresh, reply);
                          });
}

void PoolClient::listOrders(int limit, QObject *context, Done<QList<ProvisioningTask>> done)
{
    post<QList<ProvisioningTask>>(context, std::move(done),
                                  [limit](PoolWorker &worker, Done<QList<ProvisioningTask>> reply) {
                                      worker.listOrders(limit, reply);
                                  });
}

void PoolClient::cancelOrder(const QString &orderId, QObject *context, Done<ProvisioningTask> done)
{
    post<ProvisioningTask>(context, std::move(done),
                           [orderId](PoolWorker &worker, Done<ProvisioningTask> reply) {
                               worker.cancelOrder(orderId, reply);
                           });
}

void PoolClient::retryOrder(const QString &orderId, QObject *context, Done<ProvisioningTask> done)
{
    post<ProvisioningTask>(context, std::move(done),
                           [orderId](PoolWorker &worker, Done<ProvisioningTask> reply) {
                               worker.retryOrder(orderId, reply);
                           });
}

void PoolClient::reloadAccounts()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker]() { worker->reloadAccounts(); }, Qt::QueuedConnection);
}

} // namespace dopool::desktop
