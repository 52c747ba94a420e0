#pragma once

#include "DesktopTypes.h"
#include "PoolEvents.h"
#include "PoolHistory.h"
#include "backup/BackupWriter.h"
#include "backup/Restore.h"
#include "engine/AccountSelector.h"
#include "engine/AlertEvaluator.h"
#include "engine/CatalogService.h"
#include "engine/Provisioner.h"
#include "engine/SyncService.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

namespace dopool {
class SecretStore;
}

namespace dopool::desktop {

class PoolWorker;
class ThreadHopSecretStore;

// The GUI thread's handle on the pool: starts a PoolWorker in a thread of its own and posts
// every request there, so the event loop never waits for the database or DigitalOcean.
// Answers come back to the caller's context object in the GUI thread (dropped when the context
// is gone); what changed in the pool comes as events() signals. Destroying the client stops the
// worker: requests in flight are abandoned (writes are single transactions: all or nothing).
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

    void open(QObject *context, Done<PoolInfo> done);
    void addAccount(const AccountDraft &draft, QObject *context, Done<Account> done);
    void updateAccount(const AccountEdit &edit, QObject *context, Done<Account> done);
    void deleteAccount(const QString &id, QObject *context, Done<void> done);
    void verifyToken(const QString &token, QObject *context, Done<api::AccountInfo> done);
    void sync(engine::SyncService::Mode mode, const QStringList &ids, QObject *context,
              Done<SyncSummary> done);
    void previewSelection(QObject *context, Done<engine::Selection> done);
    // The order's droplet: an order that has an open task gets it back (existing).
    void provision(const engine::ProvisionRequest &request, QObject *context,
                   Done<engine::ProvisionOutcome> done);
    void loadDetail(const QString &id, QObject *context, Done<AccountDetail> done);
    void loadPoolHistory(int days, QObject *context, Done<QList<PoolHistoryPoint>> done);
    void liveIdentity(const QString &id, QObject *context, Done<api::AccountInfo> done);
    void listDroplets(const QString &id, int page, int perPage, QObject *context,
                      Done<api::DropletPage> done);
    void testDatabase(const QString &url, QObject *context, Done<void> done);
    // Pool -> Pool Key: export to a new file (mode 0600), import from one (checked against
    // the pool first). done gets the key's fingerprint.
    void exportKey(const QString &path, QObject *context, Done<QString> done);
    void importKey(const QString &path, QObject *context, Done<QString> done);
    // Pool -> Back Up... / the welcome panel's Restore... (see PoolWorker).
    void backupPool(const QString &path, QObject *context, Done<backup::BackupSummary> done);
    void restorePool(const QString &path, QObject *context, Done<backup::RestoreSummary> done);
    // Newest first; accountId empty: every account.
    void listAudit(const QString &accountId, int limit, QObject *context,
                   Done<QList<AuditEntry>> done);
    // DigitalOcean's regions, sizes and images for the Provision dialog (cached an hour in the
    // engine; refresh: read again).
    void catalog(bool refresh, QObject *context, Done<engine::Catalog> done);
    void reloadAccounts();
    // The Orders view: the task rows (newest first, at most limit), Cancel of an unclaimed
    // queued or waiting order, Retry of a failed or cancelled order.
    void listOrders(int limit, QObject *context, Done<QList<ProvisioningTask>> done);
    void cancelOrder(const QString &orderId, QObject *context, Done<ProvisioningTask> done);
    void retryOrder(const QString &orderId, QObject *context, Done<ProvisioningTask> done);

    // The pool's change signals (emitted in the engine thread, delivered queued).
    const PoolEvents *events() const;

private:
    // Runs work(worker, reply) in the worker's thread; reply(result) brings result back here
    // and hands it to done if context still exists.
    template <typename T>
    void post(QObject *context, Done<T> done, std::function<void(PoolWorker &, Done<T>)> work);

    DesktopConfig m_config;
    QThread m_thread;
    std::unique_ptr<ThreadHopSecretStore> m_keychain;
    PoolWorker *m_worker = nullptr; // lives in m_thread; deleted there when it finishes
};

} // namespace dopool::desktop
