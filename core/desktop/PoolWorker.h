#pragma once

#include "ChangeBatch.h"
#include "DesktopTypes.h"
#include "PoolEvents.h"
#include "PoolHistory.h"
#include "backup/BackupWriter.h"
#include "backup/Restore.h"
#include "common/Clock.h"
#include "engine/AccountSelector.h"
#include "engine/AlertEvaluator.h"
#include "engine/Provisioner.h"
#include "engine/SyncService.h"
#include "store/AccountStore.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QTemporaryDir;

namespace dopool {
class PoolSession;
class SecretStore;
class MemorySecretStore;
namespace engine {
class CatalogService;
struct Catalog;
} // namespace engine
namespace coord {
struct Change;
}
namespace host {
class EngineHost;
}
} // namespace dopool

namespace dopool::desktop {

// The desktop app's engine: the store, the DO client and the engine services, living in a
// thread of their own so that no database or network I/O ever runs in the GUI thread.
// Every method runs in the worker's thread (PoolClient::call posts them there) and answers
// through done, also in the worker's thread; its PoolEvents signals tell every window what changed,
// whoever caused it (the admin, the scheduler, a provisioning run).
class PoolWorker : public PoolEvents
{
    Q_OBJECT
public:
    template <typename T> using Done = std::function<void(Result<T>)>;

    // secrets must be usable from the worker's thread (see ThreadHopSecretStore); demo mode
    // uses an in-memory store instead. clock (null: the system's) is read in the worker's
    // thread and outlives the worker.
    PoolWorker(DesktopConfig config, SecretStore *secrets, const Clock *clock = nullptr);
    ~PoolWorker() override;

    void open(Done<PoolInfo> done);
    // PoolClient answers "not open" for every other request before this is true, so the
    // operations below can take the open pool for granted.
    bool isOpen() const { return m_host != nullptr; }

    void addAccount(const AccountDraft &draft, Done<Account> done);
    void updateAccount(const AccountEdit &edit, Done<Account> done);
    void deleteAccount(const QString &id, Done<void> done);
    void verifyToken(const QString &token, Done<api::AccountInfo> done);

    // ids empty: every account. Results arrive as accountChanged signals as they come.
    void sync(engine::SyncService::Mode mode, const QStringList &ids, Done<SyncSummary> done);
    void previewSelection(Done<engine::Selection> done);
    void provision(const engine::ProvisionRequest &request, Done<engine::ProvisionOutcome> done);

    void loadDetail(const QString &id, Done<AccountDetail> done);
    // The pool's capacity over the last days (PoolHistory.h), from every account's history.
    void loadPoolHistory(int days, Done<QList<PoolHistoryPoint>> done);
    void liveIdentity(const QString &id, Done<api::AccountInfo> done);
    void listDroplets(const QString &id, int page, int perPage, Done<api::DropletPage> done);
    // Opens (and migrates) the store at url once, to prove the settings work before saving.
    void testDatabase(const QString &url, Done<void> done);
    // The pool key (PoolWorkerKey.cpp): a recovery copy in a new 0600 file; a key file into the
    // keychain once it is shown to be the pool's key. Both answer the key's fingerprint.
    void exportKey(const QString &path, Done<QString> done);
    void importKey(const QString &path, Done<QString> done);
    // Pool -> Back Up... and the welcome panel's Restore... (PoolWorkerBackup.cpp): the same
    // file and rules as dopool-cli backup / restore, on a connection of their own.
    void backupPool(const QString &path, Done<backup::BackupSummary> done);
    void restorePool(const QString &path, Done<backup::RestoreSummary> done);

    void listAudit(const QString &accountId, int limit, Done<QList<AuditEntry>> done);
    // DigitalOcean's regions, sizes and images (PoolWorkerEngine.cpp), cached for an hour;
    // refresh: read them again now.
    void catalog(bool refresh, Done<engine::Catalog> done);

    void reloadAccounts();

    // The Orders view (PoolWorkerOrders.cpp). Every order's task rows, newest first.
    void listOrders(int limit, Done<QList<ProvisioningTask>> done);
    // Cancels the order's queued or waiting row if nobody has claimed it (Conflict, saying so,
    // when an instance claimed it meanwhile: a claimed order is never cancelled halfway).
    void cancelOrder(const QString &orderId, Done<ProvisioningTask> done);
    // Queues a failed or cancelled order again: a new PENDING row (Conflict when the order has
    // an open task already).
    void retryOrder(const QString &orderId, Done<ProvisioningTask> done);

private:
    // The demo's throwaway pool and API in place of the configured ones; the API base.
    Result<QUrl> prepareDemo(SecretStore *&secrets);
    // The engine host (PoolWorkerEngine.cpp) and the admin's own engine services on it.
    Result<void> startEngine(const QUrl &apiBase);
    void takeSyncOutcome(const engine::SyncOutcome &outcome);
    // The accounts' rows as the store has them now, as accountChanged: sent before the answer
    // of the admin's action, so every window shows the result when the answer arrives.
    void announceAccounts(const QStringList &ids);
    void takeSyncProgress(int finished, int total);
    void flushSyncEvents(); // accountsChanged + the latest syncProgress, if any
    // PoolWorkerShared.cpp: leadership, the change feed and the database's reachability.
    void followSharedPool();
    void takeChange(const coord::Change &change);
    void applyChanges();
    void emitSharedState();
    void notifyAlertOnce(const engine::AlertChange &change);
    // PoolWorkerOrders.cpp: the order queue's counts, read again after a burst of task changes
    // (and polled where no change feed tells: SQLite, written by other processes too).
    void followOrders();
    void taskChanged(const ProvisioningTask &task);
    void applyTaskChanges(const ChangeBatch::Work &work);
    void scheduleQueue();
    void announceQueue();
    void evaluateAlerts();
    // The account's token, decrypted just before a request.
    Result<QString> storedToken(const QString &id) const;
    AccountStore &store() const;
    const TokenCipher &cipher() const;

    DesktopConfig m_config;
    SecretStore *m_secrets;
    SystemClock m_systemClock;
    const Clock *m_clock;
    std::unique_ptr<MemorySecretStore> m_demoSecrets;
    std::unique_ptr<QTemporaryDir> m_demoDir;
    PoolSession *m_session = nullptr;
    host::EngineHost *m_host = nullptr;
    engine::SyncService *m_sync = nullptr;         // on demand: the admin's Sync / Check health
    engine::AccountSelector *m_selector = nullptr; // previews only (reserves nothing)
    engine::Provisioner *m_provisioner = nullptr;
    engine::CatalogService *m_catalog = nullptr;
    // Changes announced by other instances, applied in one go (a sync round of 1,000 accounts
    // announces 1,000 rows).
    QTimer *m_changeTimer = nullptr;
    ChangeBatch m_changes;
    QTimer *m_queueTimer = nullptr; // coalesces the queue's recount
    QTimer *m_queuePoll = nullptr;  // no change feed: look again now and then
    std::optional<QueueCounts> m_queue;
    QSet<QString> m_notifiedAlerts; // "id:raised|resolved": one notification per change
    // Sync outcomes and progress on their way to the windows (flushSyncEvents).
    static constexpr int kSyncEventMs = 50;
    QTimer *m_syncEventTimer = nullptr;
    QList<Account> m_syncedAccounts;
    std::optional<std::pair<int, int>> m_syncProgress;
};

} // namespace dopool::desktop
