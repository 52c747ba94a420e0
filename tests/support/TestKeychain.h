#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTest>

// The throwaway keychain of scripts/test-env.sh (gnome-keyring in a private D-Bus session),
// seen from outside dopool through libsecret's secret-tool: what a test must check about the
// keychain without trusting dopool's own reading of it. Every call refuses (qFatal) outside
// that environment: the session bus must be the one scripts/test-env.sh started (its address,
// not only an exported flag) and the service a test's own "dopool-test-<test name>" (ctest
// sets it per test): an admin's real keychain holds their pool keys, and a test running
// beside this one holds entries of its own.
namespace TestKeychain {

// The D-Bus session is the one scripts/test-env.sh started: DBUS_SESSION_BUS_ADDRESS is the
// DOPOOL_TEST_BUS_ADDRESS it exported, a socket of ours in one of its /tmp folders.
bool onTestEnvironmentBus();
// On that bus, with a test-only keychain service ("dopool-test-...").
bool insideTestEnvironment();
// The test-only service every entry of this test (and of the dopool-cli it runs) lives under.
QString service();

// Whether a secret service answers in this session.
bool available();
// DOPOOL_REQUIRE_KEYRING=1 (CI): a test that cannot reach the keychain fails, never skips.
inline bool required()
{
    return qEnvironmentVariableIntValue("DOPOOL_REQUIRE_KEYRING") == 1;
}
// Every entry of the test service: entry name -> stored value.
QMap<QString, QString> entries();
// The names of the pool-key entries ("pool-key-<fingerprint>").
QStringList poolKeyEntries();
// Stores value under entry, as QtKeychain does (for layouts older dopool versions wrote).
void write(const QString &entry, const QString &value);
// Removes every entry of the test service.
void clear();

} // namespace TestKeychain

// First statement of a test (or initTestCase) that touches a keychain, directly or through a
// dopool-cli child: outside scripts/test-env.sh it does not run (a failure when
// DOPOOL_REQUIRE_KEYRING=1, so CI cannot pass without it); inside, a secret service must answer.
#define DOPOOL_REQUIRE_TEST_KEYCHAIN()                                                             \
    do {                                                                                           \
        if (!TestKeychain::insideTestEnvironment()) {                                              \
            if (TestKeychain::required())                                                          \
                QFAIL("DOPOOL_REQUIRE_KEYRING=1 but this is not scripts/test-env.sh's throwaway "  \
                      "keychain: a test never touches another one");                               \
            QSKIP("touches the OS keychain: runs only inside scripts/test-env.sh");                \
        }                                                                                          \
        if (!TestKeychain::available()) {                                                          \
            if (TestKeychain::required())                                                          \
                QFAIL("DOPOOL_REQUIRE_KEYRING=1 but no secret service answers");                   \
            QSKIP("needs a secret service (run through scripts/test-env.sh)");                     \
        }                                                                                          \
    } while (false)
