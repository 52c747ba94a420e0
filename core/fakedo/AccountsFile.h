#pragma once

#include "FakeDoTypes.h"
#include "common/Error.h"

#include <QList>

namespace dopool::fakedo {

struct SeedAccount
{
    QString token; // made up, never a real DO token
    FakeAccount account;
};

// dopool-fake-do --accounts FILE.json:
//   [{"token": "...", "email": "...", "dropletLimit": 25, "droplets": 3, "status": "active",
//     "statusMessage": "...", "uuid": "..."}]   (only "token" is required)
Result<QList<SeedAccount>> parseAccountsJson(const QByteArray &json);
Result<QList<SeedAccount>> loadAccountsFile(const QString &path);

// The three demo accounts (docs/behaviour.md#the-demo-pool): limits 25, droplets 20 / 5 / 25,
// emails do<N>@webrana.example, tokens printf 'dop_v1_demo%057d' N (as scripts/run-demo.sh uses).
QList<SeedAccount> demoAccounts();
QString demoToken(int n);

} // namespace dopool::fakedo
