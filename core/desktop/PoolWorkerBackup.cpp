// PoolWorker and backups: Pool -> Back Up... and the welcome panel's Restore..., in the engine
// thread, with the same code and rules as dopool-cli backup and restore.
#include "PoolWorker.h"
#include "pool/PoolKeyResolver.h"
#include "pool/PoolSession.h"

namespace dopool::desktop {

void PoolWorker::backupPool(const QString &path, Done<backup::BackupSummary> done)
{
    // A connection of its own: the snapshot transaction never holds up the engine's store.
    SessionResult opened = openSession(m_session->storeOptions());
    if (!opened.session) {
        done(opened.failure.error);
        return;
    }
    done(backup::writeBackup(*opened.session, path));
}

void PoolWorker::restorePool(const QString &path, Done<backup::RestoreSummary> done)
{
    const auto header = backup::readBackupHeader(path);
    if (!header) {
        done(header.error());
        return;
    }
    auto restore = [this, path, done](const QString &keyFingerprint) {
        SessionResult opened = openSession(m_session->storeOptions());
        if (!opened.session) {
            done(opened.failure.error);
            return;
        }
        backup::RestoreOptions options;
        options.keyFingerprint = keyFingerprint;
        auto restored = backup::restoreBackup(*opened.session, path, options);
        opened.session.reset();
        if (!restored) {
            done(restored.error());
            return;
        }
        // The restored pool may have another key than the empty one had: adopt it from the
        // keychain (where it was found), then show the restored accounts.
        m_session->refreshKey([this, done, summary = *restored](Result<void> refreshed) {
            reloadAccounts();
            if (!refreshed)
                done(refreshed.error());
            else
                done(summary);
        });
    };
    if (header->keyFingerprint.isEmpty()) {
        restore(QString());
        return;
    }
    findPoolKey(m_session->keyProvider(), header->keyFingerprint, this,
                [restore, done](Result<KeyProvider::Resolved> key) {
                    if (!key) {
                        done(key.error());
                        return;
                    }
                    restore(key->key.fingerprint());
                });
}

} // namespace dopool::desktop
