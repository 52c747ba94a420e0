// QtKeychainSecretStore against the real OS keychain. Run it inside scripts/test-env.sh (a
// private D-Bus session with gnome-keyring's secret service, unlocked). Without a secret
// service the real-keychain tests QSKIP, or FAIL when DOPOOL_REQUIRE_KEYRING=1 (CI).
//
// The "no secret service" cases run in a child process (this executable again, in probe
// mode): QtDBus/GDBus keep the session bus connection per process, so this process cannot
// lose its bus for one test.

#include "TestKeychain.h"
#include "crypto/QtKeychainSecretStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <optional>
#include <qt6keychain/keychain.h>

using namespace dopool;

namespace {

constexpr int KeychainWaitMs = 20000;
const char ProbeVariable[] = "DOPOOL_KEYCHAIN_PROBE";
const QString ProbeOutputPrefix = QStringLiteral("PROBE-RESULT: ");

// This test's own keychain service (ctest sets dopool-test-<test name>). Outside
// scripts/test-env.sh nothing is written (initTestCase checks), so a placeholder will do then.
QString testService()
{
    const QString service = qEnvironmentVariable("DOPOOL_KEYCHAIN_SERVICE");
    return service.startsWith(QLatin1String("dopool-test-"))
               ? service
               : QStringLiteral("dopool-test-tst_qtkeychainsecretstore");
}

std::optional<Result<std::optional<QString>>> readAndWait(SecretStore &store, const QString &key)
{
    QObject context;
    std::optional<Result<std::optional<QString>>> outcome;
    store.read(key, &context, [&](Result<std::optional<QString>> result) { outcome = result; });
    // On timeout context dies here, so a late answer cannot touch outcome.
    (void)QTest::qWaitFor([&] { return outcome.has_value(); }, KeychainWaitMs);
    return outcome;
}

std::optional<Result<void>> writeAndWait(SecretStore &store, const QString &key,
                                         const QString &value)
{
    QObject context;
    std::optional<Result<void>> outcome;
    store.write(key, value, &context, [&](Result<void> result) { outcome = result; });
    // On timeout context dies here, so a late answer cannot touch outcome.
    (void)QTest::qWaitFor([&] { return outcome.has_value(); }, KeychainWaitMs);
    return outcome;
}

std::optional<Result<void>> removeAndWait(SecretStore &store, const QString &key)
{
    QObject context;
    std::optional<Result<void>> outcome;
    store.remove(key, &context, [&](Result<void> result) { outcome = result; });
    // On timeout context dies here, so a late answer cannot touch outcome.
    (void)QTest::qWaitFor([&] { return outcome.has_value(); }, KeychainWaitMs);
    return outcome;
}

QString describe(const std::optional<Result<void>> &outcome)
{
    if (!outcome)
        return QStringLiteral("no answer from the keychain");
    return outcome->ok() ? QStringLiteral("ok") : outcome->error().message;
}

QString describe(const std::optional<Result<std::optional<QString>>> &outcome)
{
    if (!outcome)
        return QStringLiteral("no answer from the keychain");
    if (!outcome->ok())
        return outcome->error().message;
    return outcome->value() ? QStringLiteral("a value") : QStringLiteral("no entry");
}

// Probe mode (child process): one operation through QtKeychainSecretStore, the outcome on
// stdout as one line, exit code 0 whatever the keychain said.
int runProbe(const QByteArray &operation)
{
    QtKeychainSecretStore store(testService());
    QObject context;
    const QString entry = QStringLiteral("probe-entry");
    int exitCode = 0;
    auto report = [&](const QString &line) {
        QTextStream(stdout) << ProbeOutputPrefix << line << Qt::endl;
        QCoreApplication::exit(exitCode);
    };
    if (operation == "read") {
        store.read(entry, &context, [&](Result<std::optional<QString>> result) {
            if (!result)
                report(QStringLiteral("ERROR ") + result.error().message);
            else
                report(result.value() ? QStringLiteral("VALUE") : QStringLiteral("NOTFOUND"));
        });
    } else if (operation == "write") {
        store.write(entry, QStringLiteral("probe-value"), &context, [&](Result<void> result) {
            report(result ? QStringLiteral("OK")
                          : QStringLiteral("ERROR ") + result.error().message);
        });
    } else {
        QTextStream(stderr) << "unknown probe operation\n";
        return 2;
    }
    QTimer::singleShot(30000, &context, [&] {
        exitCode = 3;
        report(QStringLiteral("TIMEOUT"));
    });
    return QCoreApplication::exec();
}

} // namespace

// QSKIP must be in the test function itself: it returns from the function it is in.
#define REQUIRE_KEYRING()                                                                          \
    do {                                                                                           \
        if (!m_keyringAvailable)                                                                   \
            QSKIP(qPrintable(skipReason()));                                                       \
    } while (false)

class TestQtKeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void serviceFromEnvironment_data();
    void serviceFromEnvironment();
    void errorMessages_data();
    void errorMessages();

    void roundTrip();
    void readMissingEntryIsNullopt();
    void removeMissingEntryIsSuccess();
    void callbackIsAsynchronous();
    void destroyedContextSuppressesCallback();

    void noSecretService_data();
    void noSecretService();

private:
    QString skipReason() const;

    QtKeychainSecretStore m_store{testService()};
    QString m_entry;
    bool m_keyringAvailable = false;
    QString m_keyringProblem;
};

void TestQtKeychainSecretStore::initTestCase()
{
    m_entry = QStringLiteral("tst-%1-%2-%3")
                  .arg(QCoreApplication::applicationPid())
                  .arg(QDateTime::currentMSecsSinceEpoch())
                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));

    // Never a keychain other than scripts/test-env.sh's throwaway one.
    if (!TestKeychain::insideTestEnvironment()) {
        if (qEnvironmentVariableIntValue("DOPOOL_REQUIRE_KEYRING") == 1)
            QFAIL("DOPOOL_REQUIRE_KEYRING=1 but this is not scripts/test-env.sh's throwaway "
                  "keychain");
        m_keyringProblem = QStringLiteral("not inside scripts/test-env.sh");
        return;
    }
    // Is there a usable secret service? Decide from a real write (a read of a missing entry
    // succeeds even on a locked keyring).
    const QString probe = m_entry + QStringLiteral("-probe");
    const auto written = writeAndWait(m_store, probe, QStringLiteral("probe"));
    m_keyringAvailable = written && written->ok();
    if (m_keyringAvailable) {
        const auto removed = removeAndWait(m_store, probe);
        QVERIFY2(removed && removed->ok(), qPrintable(describe(removed)));
    } else {
        m_keyringProblem = describe(written);
        if (qEnvironmentVariable("DOPOOL_REQUIRE_KEYRING") == QStringLiteral("1"))
            QFAIL(qPrintable(QStringLiteral("DOPOOL_REQUIRE_KEYRING=1 but the OS keychain is "
                                            "not usable (run under scripts/test-env.sh): ") +
                             m_keyringProblem));
        qWarning("OS keychain not usable; real-keychain tests will be skipped: %s",
                 qPrintable(m_keyringProblem));
    }
}

void TestQtKeychainSecretStore::cleanupTestCase()
{
    if (m_keyringAvailable)
        (void)removeAndWait(m_store, m_entry);
}

QString TestQtKeychainSecretStore::skipReason() const
{
    return QStringLiteral("no usable OS keychain (run under scripts/test-env.sh; "
                          "DOPOOL_REQUIRE_KEYRING=1 makes this a failure): ") +
           m_keyringProblem;
}

void TestQtKeychainSecretStore::serviceFromEnvironment_data()
{
    QTest::addColumn<bool>("set");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("unset") << false << QString() << QStringLiteral("dopool");
    QTest::newRow("test profile") << true << QStringLiteral("dopool-test")
                                  << QStringLiteral("dopool-test");
    QTest::newRow("dots and underscores")
        << true << QStringLiteral("acme.pool_2") << QStringLiteral("acme.pool_2");
    QTest::newRow("empty") << true << QString() << QString();
    QTest::newRow("space") << true << QStringLiteral("my pool") << QString();
    QTest::newRow("leading dash") << true << QStringLiteral("-x") << QString();
    QTest::newRow("65 characters") << true << QString(65, QLatin1Char('a')) << QString();
}

void TestQtKeychainSecretStore::serviceFromEnvironment()
{
    QFETCH(bool, set);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    if (set)
        env.insert(QStringLiteral("DOPOOL_KEYCHAIN_SERVICE"), value);
    const auto service = QtKeychainSecretStore::serviceFromEnvironment(env);
    if (expected.isEmpty()) {
        QVERIFY(!service);
        QCOMPARE(service.error().kind, ErrorKind::Usage);
        QVERIFY(service.error().message.contains(QStringLiteral("DOPOOL_KEYCHAIN_SERVICE")));
    } else {
        QVERIFY(service.ok());
        QCOMPARE(*service, expected);
    }
}

void TestQtKeychainSecretStore::errorMessages_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorString");
    QTest::addColumn<QString>("expectStart");

    const QString notAvailable = QStringLiteral(
        "The OS keychain is not available (no secret service on the session bus). Set "
        "ENCRYPTION_KEY to the pool's 64-hex key, or start a secret service such as "
        "gnome-keyring.");
    const QString locked = QStringLiteral(
        "The OS keychain is locked or has no default keyring; unlock it (e.g. log in to the "
        "desktop) or set ENCRYPTION_KEY.");
    const QString other = QStringLiteral("The OS keychain failed.");

    QTest::newRow("no X11 autolaunch")
        << int(QKeychain::OtherError)
        << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY") << notAvailable;
    QTest::newRow("no bus socket")
        << int(QKeychain::OtherError)
        << QStringLiteral("Could not connect: No such file or directory") << notAvailable;
    QTest::newRow("no service")
        << int(QKeychain::OtherError)
        << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files")
        << notAvailable;
    QTest::newRow("libsecret missing")
        << int(QKeychain::OtherError) << QStringLiteral("Unknown error") << notAvailable;
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable)
                                << QStringLiteral("No keychain service available") << notAvailable;
    QTest::newRow("no backend, no text")
        << int(QKeychain::NoBackendAvailable) << QString() << notAvailable;
    QTest::newRow("no default collection")
        << int(QKeychain::OtherError)
        << QStringLiteral(
               "Object does not exist at path “/org/freedesktop/secrets/collection/login”")
        << locked;
    QTest::newRow("locked") << int(QKeychain::AccessDenied)
                            << QStringLiteral("Cannot create an item in a locked collection")
                            << locked;
    QTest::newRow("denied by user") << int(QKeychain::AccessDeniedByUser)
                                    << QStringLiteral("Access to keychain denied") << locked;
    QTest::newRow("something else")
        << int(QKeychain::CouldNotDeleteEntry) << QStringLiteral("Could not delete entry") << other;
}

void TestQtKeychainSecretStore::errorMessages()
{
    QFETCH(int, code);
    QFETCH(QString, errorString);
    QFETCH(QString, expectStart);

    const Error error = QtKeychainSecretStore::errorFor(code, errorString);
    QCOMPARE(error.kind, ErrorKind::Crypto);
    QVERIFY2(error.message.startsWith(expectStart), qPrintable(error.message));
    QVERIFY(error.message.contains(QStringLiteral("ENCRYPTION_KEY")));
    if (errorString.isEmpty())
        QCOMPARE(error.message, expectStart);
    else
        QVERIFY2(error.message.endsWith(QStringLiteral(" (") + errorString + u')'),
                 qPrintable(error.message));
    QVERIFY(!error.message.contains(u'\n'));
}

void TestQtKeychainSecretStore::roundTrip()
{
    REQUIRE_KEYRING();

    const QString first = QStringLiteral("first secret ü ✓ %1").arg(m_entry);
    const QString second = QStringLiteral("second secret %1").arg(m_entry);

    auto read = readAndWait(m_store, m_entry);
    QVERIFY2(read && read->ok() && !read->value().has_value(), qPrintable(describe(read)));

    auto written = writeAndWait(m_store, m_entry, first);
    QVERIFY2(written && written->ok(), qPrintable(describe(written)));
    read = readAndWait(m_store, m_entry);
    QVERIFY2(read && read->ok(), qPrintable(describe(read)));
    QCOMPARE(read->value(), std::optional<QString>(first));

    // Overwrite.
    written = writeAndWait(m_store, m_entry, second);
    QVERIFY2(written && written->ok(), qPrintable(describe(written)));
    read = readAndWait(m_store, m_entry);
    QVERIFY2(read && read->ok(), qPrintable(describe(read)));
    QCOMPARE(read->value(), std::optional<QString>(second));

    // Another service does not see it.
    QtKeychainSecretStore otherService(testService() + QStringLiteral("-other"));
    read = readAndWait(otherService, m_entry);
    QVERIFY2(read && read->ok() && !read->value().has_value(), qPrintable(describe(read)));

    // Remove.
    auto removed = removeAndWait(m_store, m_entry);
    QVERIFY2(removed && removed->ok(), qPrintable(describe(removed)));
    read = readAndWait(m_store, m_entry);
    QVERIFY2(read && read->ok() && !read->value().has_value(), qPrintable(describe(read)));
}

void TestQtKeychainSecretStore::readMissingEntryIsNullopt()
{
    REQUIRE_KEYRING();
    const auto read = readAndWait(m_store, m_entry + QStringLiteral("-never-written"));
    QVERIFY2(read && read->ok(), qPrintable(describe(read)));
    QVERIFY(!read->value().has_value());
}

void TestQtKeychainSecretStore::removeMissingEntryIsSuccess()
{
    REQUIRE_KEYRING();
    const auto removed = removeAndWait(m_store, m_entry + QStringLiteral("-never-written"));
    QVERIFY2(removed && removed->ok(), qPrintable(describe(removed)));
}

void TestQtKeychainSecretStore::callbackIsAsynchronous()
{
    REQUIRE_KEYRING();
    QObject context;
    bool called = false;
    m_store.read(m_entry + QStringLiteral("-async"), &context,
                 [&](Result<std::optional<QString>>) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(called, KeychainWaitMs);
}

void TestQtKeychainSecretStore::destroyedContextSuppressesCallback()
{
    REQUIRE_KEYRING();
    const QString entry = m_entry + QStringLiteral("-ctx");
    bool called = false;
    {
        QObject context;
        m_store.write(entry, QStringLiteral("value"), &context,
                      [&](Result<void>) { called = true; });
    }
    // The job still runs to its end: wait until the service has the entry, then one more
    // round trip so the write's own answer has surely been dispatched too.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto read = readAndWait(m_store, entry);
            return read && read->ok() && read->value() == QStringLiteral("value");
        }(),
        KeychainWaitMs);
    const auto again = readAndWait(m_store, entry);
    QVERIFY2(again && again->ok(), qPrintable(describe(again)));
    QCoreApplication::processEvents();
    QVERIFY(!called);
    const auto removed = removeAndWait(m_store, entry);
    QVERIFY2(removed && removed->ok(), qPrintable(describe(removed)));
}

void TestQtKeychainSecretStore::noSecretService_data()
{
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<bool>("busAddressNowhere"); // else: no address, no $DISPLAY -> no autolaunch

    QTest::newRow("read, bus address points nowhere") << QByteArray("read") << true;
    QTest::newRow("write, bus address points nowhere") << QByteArray("write") << true;
    QTest::newRow("read, no bus address and no DISPLAY") << QByteArray("read") << false;
}

void TestQtKeychainSecretStore::noSecretService()
{
    QFETCH(QByteArray, operation);
    QFETCH(bool, busAddressNowhere);

    QTemporaryDir runtimeDir; // an XDG_RUNTIME_DIR without a "bus" socket
    QVERIFY(runtimeDir.isValid());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(ProbeVariable), QString::fromLatin1(operation));
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                             "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID",
                             "DBUS_SESSION_BUS_ADDRESS", "DBUS_STARTER_ADDRESS"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir.path());
    if (busAddressNowhere)
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/dopool-test-bus"));

    QProcess child;
    child.setProcessEnvironment(env);
    child.setProgram(QCoreApplication::applicationFilePath());
    QSignalSpy finished(&child, &QProcess::finished);
    child.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);

    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    const QString err = QString::fromUtf8(child.readAllStandardError());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit,
             qPrintable(QStringLiteral("probe crashed; stderr: ") + err));
    QVERIFY2(child.exitCode() == 0,
             qPrintable(QStringLiteral("probe exit code %1; stdout: %2; stderr: %3")
                            .arg(child.exitCode())
                            .arg(out, err)));

    const qsizetype at = out.indexOf(ProbeOutputPrefix);
    QVERIFY2(at >= 0, qPrintable(QStringLiteral("no probe result; stdout: ") + out));
    const QString line = out.mid(at + ProbeOutputPrefix.size()).section(u'\n', 0, 0).trimmed();
    qInfo("probe said: %s", qPrintable(line));
    QVERIFY2(line.startsWith(QStringLiteral("ERROR The OS keychain is not available")),
             qPrintable(line));
    QVERIFY(line.contains(QStringLiteral("Set ENCRYPTION_KEY to the pool's 64-hex key")));
    QVERIFY(line.contains(QStringLiteral("start a secret service such as gnome-keyring")));
}

int main(int argc, char **argv)
{
    const QByteArray probe = qgetenv(ProbeVariable);
    QCoreApplication app(argc, argv);
    if (!probe.isEmpty())
        return runProbe(probe);
    TestQtKeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_qtkeychainsecretstore.moc"
