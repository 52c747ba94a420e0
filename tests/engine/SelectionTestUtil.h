#pragma once

// Test-only, header-only: what tst_accountselector and tst_provisioner share on top of
// EngineTestFixture.h - adding an account with separate store and DO numbers, the demo
// three accounts, and a log capture proving no token ever reaches a log line.

#include "EngineTestFixture.h"

#include <QLoggingCategory>
#include <QStringList>

namespace dopool::testing {

// The fake server's names both selection tests speak in.
using fakedo::Endpoint;
using fakedo::Fault;
using fakedo::FaultKind;
using fakedo::RequestFilter;

inline QStringList g_selectionLogLines;
inline QtMessageHandler g_selectionPreviousHandler = nullptr;

inline void captureSelectionLog(QtMsgType type, const QMessageLogContext &context,
                                const QString &message)
{
    g_selectionLogLines.append(message);
    if (g_selectionPreviousHandler && (type == QtCriticalMsg || type == QtFatalMsg))
        g_selectionPreviousHandler(type, context, message);
}

inline void startLogCapture()
{
    QLoggingCategory::setFilterRules(QStringLiteral("dopool.*.debug=true"));
    g_selectionPreviousHandler = qInstallMessageHandler(captureSelectionLog);
}

inline void stopLogCapture()
{
    qInstallMessageHandler(g_selectionPreviousHandler);
}

// A fresh fixture for the selection tests, the log capture emptied: eight network managers
// (48 connections, a whole wave at once). Null when the set-up failed (that failure recorded).
inline std::unique_ptr<EngineFixture> startSelectionFixture()
{
    g_selectionLogLines.clear();
    auto f = std::make_unique<EngineFixture>();
    api::ClientOptions options = fastClientOptions();
    options.networkManagers = 8;
    if (!f->setUp(options))
        return nullptr;
    return f;
}

// Fails the current test if any of the first `tokens` test tokens was logged.
inline bool noTokenLogged(int tokens)
{
    for (const QString &line : std::as_const(g_selectionLogLines)) {
        for (int n = 0; n < tokens; ++n) {
            if (line.contains(fakeToken(n).mid(7))) {
                QTest::qFail(qPrintable(QStringLiteral("token in log: ") + line), __FILE__,
                             __LINE__);
                return false;
            }
        }
    }
    return true;
}

// One account: `stored` active droplets in our store (stale on purpose when it differs),
// `onDo` on the fake DO account, the same limit on both.
struct AccountSpec
{
    QString name;
    int onDo = 0;
    int limit = 25;
    int stored = -1; // -1: same as onDo
    bool primary = false;
    AccountHealth health = AccountHealth::Unknown;
    bool active = true;
};

inline Account addSpec(EngineFixture &f, const AccountSpec &spec, int tokenIndex)
{
    Account a;
    a.name = spec.name;
    a.dropletLimit = spec.limit;
    a.activeDroplets = spec.stored >= 0 ? spec.stored : spec.onDo;
    a.isPrimary = spec.primary;
    a.healthStatus = spec.health;
    a.isActive = spec.active;
    fakedo::FakeAccount fake;
    fake.email = spec.name.toLower().replace(u' ', u'-') + QStringLiteral("@example.com");
    fake.dropletLimit = spec.limit;
    fake.droplets = spec.onDo;
    return f.addAccount(a, fakeToken(tokenIndex), fake);
}

// The demo pool (docs/behaviour.md#the-demo-pool): Account 1 (primary) 20/25, Account 2 5/25,
// Account 3 25/25.
inline QList<Account> addPlanAccounts(EngineFixture &f)
{
    return {addSpec(f, {QStringLiteral("Account 1"), 20, 25, -1, true}, 1),
            addSpec(f, {QStringLiteral("Account 2"), 5, 25}, 2),
            addSpec(f, {QStringLiteral("Account 3"), 25, 25}, 3)};
}

} // namespace dopool::testing

Q_DECLARE_METATYPE(dopool::fakedo::FaultKind)
