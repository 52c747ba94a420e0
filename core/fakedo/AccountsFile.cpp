#include "AccountsFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dopool::fakedo {

namespace {

Error invalid(const QString &message)
{
    return makeError(ErrorKind::Validation, message);
}

Result<SeedAccount> parseEntry(const QJsonValue &value, qsizetype index)
{
    const QString where = QStringLiteral("accounts[%1]: ").arg(index);
    if (!value.isObject())
        return invalid(where + u"not an object");
    const QJsonObject o = value.toObject();
    SeedAccount seed;
    seed.token = o.value(QStringLiteral("token")).toString();
    if (seed.token.isEmpty())
        return invalid(where + u"\"token\" is missing");
    FakeAccount &a = seed.account;
    a.uuid = o.value(QStringLiteral("uuid")).toString();
    a.email = o.value(QStringLiteral("email")).toString();
    a.dropletLimit = o.value(QStringLiteral("dropletLimit")).toInt(a.dropletLimit);
    a.droplets = o.value(QStringLiteral("droplets")).toInt(0);
    a.status = o.value(QStringLiteral("status")).toString(a.status);
    a.statusMessage = o.value(QStringLiteral("statusMessage")).toString();
    if (a.dropletLimit < 0 || a.droplets < 0)
        return invalid(where + u"\"dropletLimit\" and \"droplets\" must not be negative");
    if (a.status != u"active" && a.status != u"warning" && a.status != u"locked")
        return invalid(where + u"\"status\" must be active, warning or locked");
    return seed;
}

} // namespace

Result<QList<SeedAccount>> parseAccountsJson(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("accounts file is not JSON: %1").arg(error.errorString()));
    if (!doc.isArray())
        return invalid(QStringLiteral("accounts file must hold a JSON array"));
    const QJsonArray array = doc.array();
    QList<SeedAccount> accounts;
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<SeedAccount> entry = parseEntry(array.at(i), i);
        if (!entry)
            return entry.error();
        accounts.append(std::move(entry).value());
    }
    return accounts;
}

Result<QList<SeedAccount>> loadAccountsFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return parseAccountsJson(file.readAll());
}

QString demoToken(int n)
{
    return QStringLiteral("dop_v1_demo%1").arg(n, 57, 10, QLatin1Char('0'));
}

QList<SeedAccount> demoAccounts()
{
    static constexpr int kDroplets[] = {20, 5, 25};
    QList<SeedAccount> accounts;
    for (int n = 1; n <= 3; ++n) {
        SeedAccount seed;
        seed.token = demoToken(n);
        seed.account.email = QStringLiteral("do%1@webrana.example").arg(n);
        seed.account.dropletLimit = 25;
        seed.account.droplets = kDroplets[n - 1];
        accounts.append(seed);
    }
    return accounts;
}

} // namespace dopool::fakedo
