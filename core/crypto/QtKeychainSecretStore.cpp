#include "QtKeychainSecretStore.h"

#include "common/Logging.h"
#include "common/Translate.h"

#include <QMetaObject>
#include <QRegularExpression>
#include <qt6keychain/keychain.h>
#include <utility>

namespace dopool {

namespace {

enum class Failure
{
    NotAvailable,
    Locked,
    Other
};

bool containsAny(const QString &text, std::initializer_list<QLatin1StringView> needles)
{
    for (const QLatin1StringView needle : needles) {
        if (text.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

Failure classify(int keychainError, const QString &errorString)
{
    // Locked collection, or no default collection to write to: libsecret reports
    // "Object does not exist at path “/org/freedesktop/secrets/collection/login”" (OtherError)
    // or "Cannot create an item in a locked collection" (IsLocked -> AccessDenied).
    if (containsAny(errorString,
                    {QLatin1StringView("does not exist at path"), QLatin1StringView("locked"),
                     QLatin1StringView("No such keyring")}))
        return Failure::Locked;

    switch (keychainError) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Failure::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Failure::NotAvailable;
    case QKeychain::OtherError:
        // No session bus, no secret service on it, libsecret not loadable ("Unknown error").
        if (errorString.trimmed().isEmpty() ||
            containsAny(errorString,
                        {QLatin1StringView("Unknown error"), QLatin1StringView("autolaunch"),
                         QLatin1StringView("D-Bus"), QLatin1StringView("DBus"),
                         QLatin1StringView("session bus"), QLatin1StringView("Could not connect"),
                         QLatin1StringView("org.freedesktop.secrets"),
                         QLatin1StringView(".service files"), QLatin1StringView("ServiceUnknown"),
                         QLatin1StringView("No keychain service"),
                         QLatin1StringView("No keyring daemon")}))
            return Failure::NotAvailable;
        return Failure::Other;
    default:
        return Failure::Other;
    }
}

QString withDetail(QString message, const QString &errorString)
{
    const QString detail = errorString.trimmed();
    if (!detail.isEmpty())
        message += QStringLiteral(" (") + detail + u')';
    return message;
}

// QtKeychain reports on the job's finished signal; the callback runs only while context
// lives (it is the connection's context). Without a context the job itself is used.
template <typename Handler>
void startJob(QKeychain::Job *job, const QString &key, QObject *context, Handler handler)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(
        job, &QKeychain::Job::finished, context ? context : job,
        [handler = std::move(handler)](QKeychain::Job *finished) mutable { handler(finished); });
    job->start();
}

} // namespace

Error QtKeychainSecretStore::errorFor(int keychainError, const QString &errorString)
{
    switch (classify(keychainError, errorString)) {
    case Failure::NotAvailable:
        return makeError(ErrorKind::Crypto,
                         withDetail(QStringLiteral("The OS keychain is not available (no secret "
                                                   "service on the session bus). Set "
                                                   "ENCRYPTION_KEY to the pool's 64-hex key, or "
                                                   "start a secret service such as "
                                                   "gnome-keyring."),
                                    errorString));
    case Failure::Locked:
        return makeError(ErrorKind::Crypto,
                         withDetail(QStringLiteral("The OS keychain is locked or has no default "
                                                   "keyring; unlock it (e.g. log in to the "
                                                   "desktop) or set ENCRYPTION_KEY."),
                                    errorString));
    case Failure::Other:
        break;
    }
    return makeError(ErrorKind::Crypto,
                     withDetail(QStringLiteral("The OS keychain failed. Set ENCRYPTION_KEY to the "
                                               "pool's 64-hex key, or check the secret service "
                                               "(e.g. gnome-keyring)."),
                                errorString));
}

Result<QString> QtKeychainSecretStore::serviceFromEnvironment(const QProcessEnvironment &env)
{
    const QString name = QStringLiteral("DOPOOL_KEYCHAIN_SERVICE");
    if (!env.contains(name))
        return defaultService();
    const QString value = env.value(name);
    static const QRegularExpression plausible(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!plausible.match(value).hasMatch())
        return makeError(ErrorKind::Usage,
                         CoreTr::tr("DOPOOL_KEYCHAIN_SERVICE must be 1 to 64 letters, digits, "
                                    "'.', '_' or '-' (or unset for the default \"dopool\")"));
    return value;
}

QtKeychainSecretStore::QtKeychainSecretStore(QString service)
    : m_service(std::move(service))
{}

void QtKeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    qCDebug(lcKeychain) << "reading keychain entry" << key << "of service" << m_service;
    startJob(job, key, context, [done = std::move(done), key](QKeychain::Job *finished) {
        const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        switch (readJob->error()) {
        case QKeychain::NoError:
            qCDebug(lcKeychain) << "keychain entry" << key << "found";
            done(std::optional<QString>(readJob->textData()));
            return;
        case QKeychain::EntryNotFound:
            qCDebug(lcKeychain) << "keychain entry" << key << "not found";
            done(std::optional<QString>());
            return;
        default:
            qCDebug(lcKeychain) << "reading keychain entry" << key << "failed:" << readJob->error()
                                << readJob->errorString();
            done(errorFor(readJob->error(), readJob->errorString()));
            return;
        }
    });
}

namespace {

// Answers a write or remove job. `doing` and `did` name the change in the log ("writing",
// "written"); with absentIsDone, an entry that is not there counts as removed.
auto writeAnswer(SecretStore::WriteCallback done, const QString &key, const char *doing,
                 const char *did, bool absentIsDone)
{
    return [done = std::move(done), key, doing, did, absentIsDone](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError || (absentIsDone && error == QKeychain::EntryNotFound)) {
            qCDebug(lcKeychain) << "keychain entry" << key << did;
            done(Result<void>());
            return;
        }
        qCDebug(lcKeychain) << doing << "keychain entry" << key << "failed:" << error
                            << finished->errorString();
        done(QtKeychainSecretStore::errorFor(error, finished->errorString()));
    };
}

} // namespace

void QtKeychainSecretStore::write(const QString &key, const QString &value, QObject *context,
                                  WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(value);
    qCDebug(lcKeychain) << "writing keychain entry" << key << "of service" << m_service;
    startJob(job, key, context, writeAnswer(std::move(done), key, "writing", "written", false));
}

void QtKeychainSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    qCDebug(lcKeychain) << "removing keychain entry" << key << "of service" << m_service;
    startJob(job, key, context, writeAnswer(std::move(done), key, "removing", "removed", true));
}

namespace {

Error memoryUnavailableError()
{
    return QtKeychainSecretStore::errorFor(QKeychain::NoBackendAvailable,
                                           QStringLiteral("MemorySecretStore set unavailable"));
}

// Runs f from the event loop, on context's thread, unless context is gone by then.
template <typename F> void deliverLater(QObject *context, F f)
{
    Q_ASSERT(context);
    QMetaObject::invokeMethod(context, std::move(f), Qt::QueuedConnection);
}

} // namespace

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    ++reads;
    Result<std::optional<QString>> result = memoryUnavailableError();
    if (!m_unavailable) {
        const auto it = entries.constFind(key);
        result = it == entries.cend() ? std::optional<QString>() : std::optional<QString>(*it);
    }
    deliverLater(context, [done = std::move(done), result = std::move(result)] { done(result); });
}

void MemorySecretStore::write(const QString &key, const QString &value, QObject *context,
                              WriteCallback done)
{
    ++writes;
    Result<void> result;
    if (m_unavailable) {
        result = memoryUnavailableError();
    } else if (m_writesFail) {
        result = QtKeychainSecretStore::errorFor(
            QKeychain::OtherError,
            QStringLiteral(
                "Object does not exist at path “/org/freedesktop/secrets/collection/login”"));
    } else {
        entries.insert(key, value);
        if (afterWrite)
            afterWrite(key);
    }
    deliverLater(context, [done = std::move(done), result = std::move(result)] { done(result); });
}

void MemorySecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    ++removes;
    Result<void> result;
    if (m_unavailable)
        result = memoryUnavailableError();
    else
        entries.remove(key);
    deliverLater(context, [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace dopool
