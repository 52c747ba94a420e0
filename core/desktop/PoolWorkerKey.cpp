// PoolWorker and the pool key: Pool -> Pool Key's export and import, in the engine thread.
#include "PoolWorker.h"
#include "crypto/KeyFile.h"
#include "host/EngineHost.h"
#include "pool/PoolKeyResolver.h"
#include "pool/PoolKeyWatch.h"
#include "pool/PoolSession.h"

namespace dopool::desktop {

void PoolWorker::exportKey(const QString &path, Done<QString> done)
{
    const EncryptionKey &key = m_session->cipher().key();
    // A stale key exported as "the pool key" would be a recovery copy that recovers nothing.
    const auto pool = m_session->poolKeyFingerprint();
    if (!pool) {
        done(pool.error());
        return;
    }
    if (*pool != key.fingerprint()) {
        done(makeError(ErrorKind::KeyMismatch,
                       tr("This desktop's key (%1) is not the pool's key (%2) any more; import "
                          "the new key before exporting it")
                           .arg(key.fingerprint(), *pool)));
        return;
    }
    if (auto written = writeKeyFile(path, key); !written) {
        done(written.error());
        return;
    }
    done(key.fingerprint());
}

void PoolWorker::importKey(const QString &path, Done<QString> done)
{
    const auto key = readKeyFile(path);
    if (!key) {
        done(key.error());
        return;
    }
    const EncryptionKey imported = *key;
    importPoolKey(m_session->store(), m_session->keyProvider(), imported, this,
                  [this, imported, done](Result<void> stored) {
                      if (!stored) {
                          done(stored.error());
                          return;
                      }
                      m_host->keyWatch().check(); // an out-of-date desktop adopts it at once
                      done(imported.fingerprint());
                  });
}

} // namespace dopool::desktop
