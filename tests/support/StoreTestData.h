#pragma once

// The records the store tests write and compare: sample accounts, tasks and alerts with every
// field set, and the comparisons of what the caller controls; DOPOOL_VERIFY_OK (VerifyOk.h)
// checks a Result. Header-only (the support library does not link the store).

#include "VerifyOk.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTest>

Q_DECLARE_METATYPE(dopool::AccountObservation)

namespace dopool::testing {

using namespace Qt::StringLiterals;

inline QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

// Every field set to something other than its default.
inline Account sampleAccount(const QString &name, bool primary = false)
{
    Account a;
    a.name = name;
    a.email = name + u"@example.com"_s;
    a.encryptedToken = u"00112233445566778899aabb:00112233445566778899aabbccddeeff:"_s +
                       QString::fromLatin1(name.toUtf8().toHex());
    a.dropletLimit = 10;
    a.activeDroplets = 3;
    a.isActive = true;
    a.isPrimary = primary;
    a.lastHealthCheck = utc(2025, 12, 31, 23, 59, 58, 123);
    a.healthStatus = AccountHealth::Degraded;
    a.doUuid = u"5fc7cb5e-6d38-4c41-a0e6-000000000001"_s;
    a.doStatus = u"warning"_s;
    a.doStatusMessage = u"billing overdue"_s;
    a.lastSyncAt = utc(2025, 12, 31, 23, 0, 0, 5);
    a.lastError = u"HTTP 429"_s;
    a.consecutiveFailures = 2;
    a.rateLimitLimit = 5000;
    a.rateLimitRemaining = 4321;
    a.rateLimitReset = utc(2026, 1, 1, 0, 5, 0, 0);
    return a;
}

// Compares what the caller controls (everything but id, timestamps we assign and version).
inline void compareContent(const Account &actual, const Account &expected)
{
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.email, expected.email);
    QCOMPARE(actual.encryptedToken, expected.encryptedToken);
    QCOMPARE(actual.dropletLimit, expected.dropletLimit);
    QCOMPARE(actual.activeDroplets, expected.activeDroplets);
    QCOMPARE(actual.isActive, expected.isActive);
    QCOMPARE(actual.isPrimary, expected.isPrimary);
    QCOMPARE(actual.lastHealthCheck, expected.lastHealthCheck);
    QCOMPARE(actual.healthStatus, expected.healthStatus);
    QCOMPARE(actual.doUuid, expected.doUuid);
    QCOMPARE(actual.doStatus, expected.doStatus);
    QCOMPARE(actual.doStatusMessage, expected.doStatusMessage);
    QCOMPARE(actual.lastSyncAt, expected.lastSyncAt);
    QCOMPARE(actual.lastError, expected.lastError);
    QCOMPARE(actual.consecutiveFailures, expected.consecutiveFailures);
    QCOMPARE(actual.rateLimitLimit, expected.rateLimitLimit);
    QCOMPARE(actual.rateLimitRemaining, expected.rateLimitRemaining);
    QCOMPARE(actual.rateLimitReset, expected.rateLimitReset);
}

// An account with the given capacity (sampleAccount otherwise).
inline Account capacityAccount(const QString &name, int limit, int active, bool isActive = true)
{
    Account a = sampleAccount(name);
    a.dropletLimit = limit;
    a.activeDroplets = active;
    a.isActive = isActive;
    return a;
}

inline ProvisioningTask sampleTask(const QString &orderId)
{
    ProvisioningTask t;
    t.orderId = orderId;
    t.status = TaskStatus::Pending;
    t.region = u"nyc3"_s;
    t.size = u"s-1vcpu-1gb"_s;
    t.image = u"ubuntu-24-04-x64"_s;
    t.dropletName = u"webrana-"_s + orderId.left(8);
    t.tag = u"dopool-task-"_s + orderId;
    return t;
}

// Everything the caller controls (all but id and timestamps).
inline void compareTask(const ProvisioningTask &actual, const ProvisioningTask &expected)
{
    QCOMPARE(actual.orderId, expected.orderId);
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.doAccountId, expected.doAccountId);
    QCOMPARE(actual.region, expected.region);
    QCOMPARE(actual.size, expected.size);
    QCOMPARE(actual.image, expected.image);
    QCOMPARE(actual.dropletName, expected.dropletName);
    QCOMPARE(actual.tag, expected.tag);
    QCOMPARE(actual.dropletId, expected.dropletId);
    QCOMPARE(actual.error, expected.error);
    QCOMPARE(actual.attempts, expected.attempts);
}

inline Alert sampleAlert(AlertKind kind, const QString &accountId, const QString &message)
{
    Alert a;
    a.kind = kind;
    a.severity = AlertSeverity::Warning;
    a.accountId = accountId;
    a.message = message;
    a.details = QJsonObject{{u"used"_s, 25}, {u"limit"_s, 25}};
    return a;
}

} // namespace dopool::testing
