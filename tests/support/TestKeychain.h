#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

// The throwaway keychain of scripts/test-env.sh (gnome-keyring in a private D-Bus session),
// seen from outside dopool through libsecret's secret-tool: what a test must check about the
// keychain without trusting dopool's own reading of it. Every call refuses (qFatal) outside
// that environment (DOPOOL_IN_TEST_ENV=1): an admin's real keychain holds their pool keys.
namespace TestKeychain {

// Whether a secret service answers in this session.
bool available();
// Every entry of service "dopool": entry name -> stored value.
QMap<QString, QString> entries();
// The names of the pool-key entries ("pool-key-<fingerprint>").
QStringList poolKeyEntries();
// Stores value under entry, as QtKeychain does (for layouts older dopool versions wrote).
void write(const QString &entry, const QString &value);
// Removes every entry of service "dopool".
void clear();

} // namespace TestKeychain
