#include "PoolKeyWatch.h"

#include "common/Logging.h"

namespace dopool {

PoolKeyWatch::PoolKeyWatch(PoolSession &session, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &PoolKeyWatch::check);
}

void PoolKeyWatch::start()
{
    m_timer.start();
}

void PoolKeyWatch::check()
{
    if (m_checking)
        return; // a keychain look-up is under way
    const auto before = m_session.poolKeyFingerprint();
    if (!before)
        return; // the database is away: the store's own errors say so
    const QString ours = m_session.cipher().key().fingerprint();
    if (*before == ours) {
        if (m_outOfDate) {
            m_outOfDate = false;
            Q_EMIT upToDate();
        }
        return;
    }
    m_checking = true;
    m_session.refreshKey([this, ours](Result<void> refreshed) {
        m_checking = false;
        if (refreshed) {
            qCInfo(lcCrypto) << "pool key rotated; this instance now uses"
                             << m_session.cipher().key().fingerprint();
            Q_EMIT rekeyed();
            if (m_outOfDate) {
                m_outOfDate = false;
                Q_EMIT upToDate();
            }
            return;
        }
        if (refreshed.error().kind != ErrorKind::KeyMismatch || m_outOfDate)
            return;
        m_outOfDate = true;
        qCWarning(lcCrypto).noquote() << refreshed.error().message;
        Q_EMIT outOfDate(refreshed.error().message);
    });
}

} // namespace dopool
