#include "ChangeFeed.h"

#include "CoordLogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>

namespace dopool::coord {

ChangeFeed::ChangeFeed(std::unique_ptr<SqlSession> session, Options options, QObject *parent)
    : QObject(parent)
    , m_session(std::move(session))
    , m_options(options)
{
    qRegisterMetaType<dopool::coord::Change>();
    m_timer.setInterval(std::max(50, m_options.pingMs));
    connect(&m_timer, &QTimer::timeout, this, &ChangeFeed::ping);
}

ChangeFeed::~ChangeFeed()
{
    stop();
}

void ChangeFeed::start()
{
    if (!subscribe())
        setUp(false, QStringLiteral("cannot listen for changes on %1").arg(m_session->target()));
    m_timer.start();
}

void ChangeFeed::stop()
{
    m_timer.stop();
    if (m_listening && m_session->database().isOpen()) {
        m_session->database().driver()->unsubscribeFromNotification(changeChannel());
        m_session->database().driver()->unsubscribeFromNotification(orderChannel());
    }
    m_listening = false;
}

bool ChangeFeed::subscribe()
{
    QSqlDriver *driver = m_session->database().driver();
    // The driver object survives a reconnect (close + open), and so does this connection.
    connect(driver, &QSqlDriver::notification, this, &ChangeFeed::onNotification,
            Qt::UniqueConnection);
    // After a reconnect the driver has forgotten its subscriptions (close() clears them).
    for (const QString &channel : {changeChannel(), orderChannel()}) {
        if (driver->subscribedToNotifications().contains(channel))
            driver->unsubscribeFromNotification(channel);
    }
    m_listening = driver->subscribeToNotification(changeChannel()) &&
                  driver->subscribeToNotification(orderChannel());
    m_listeningEpoch = m_session->connectionEpoch();
    return m_listening;
}

void ChangeFeed::ping()
{
    auto alive = m_session->exec(QStringLiteral("SELECT 1"), {},
                                 QStringLiteral("checking the change feed's connection"));
    if (!alive) {
        setUp(false, alive.error().message);
        return;
    }
    if (!m_listening || m_session->connectionEpoch() != m_listeningEpoch) {
        if (!subscribe()) {
            setUp(false,
                  QStringLiteral("cannot listen for changes on %1").arg(m_session->target()));
            return;
        }
        setUp(true, QString());
        // Whatever changed while we were away was announced to nobody.
        qCInfo(lcCoord) << "change feed listening again after a reconnect";
        Q_EMIT resyncNeeded();
        return;
    }
    setUp(true, QString());
}

void ChangeFeed::setUp(bool up, const QString &error)
{
    if (m_reachability.record(up, error, "change feed"))
        Q_EMIT connectionChanged(up, up ? QString() : error);
}

void ChangeFeed::onNotification(const QString &name, QSqlDriver::NotificationSource,
                                const QVariant &payload)
{
    if (name == orderChannel()) {
        const QJsonObject order = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
        Q_EMIT orderNotified(order.value(QStringLiteral("id")).toString(),
                             order.value(QStringLiteral("status")).toString());
        return;
    }
    if (name != changeChannel())
        return;
    const auto change = Change::fromPayload(payload.toString().toUtf8());
    if (!change) {
        qCDebug(lcCoord) << "ignoring a malformed change notification";
        return;
    }
    Q_EMIT changed(*change);
}

} // namespace dopool::coord
