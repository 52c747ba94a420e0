#pragma once

// Shared by the benchmarks (header only): the fake DO API as a separate process on loopback,
// made-up tokens, and a pool seeded with N accounts.

#include "crypto/TokenCipher.h"
#include "store/AccountStore.h"
#include "store/DatabaseUrl.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>
#include <functional>
#include <memory>

namespace dopool::bench {

inline QString benchKeyHex()
{
    return QStringLiteral("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
}

inline QString token(int n)
{
    return QStringLiteral("dop_v1_bench%1").arg(n, 57, 10, QLatin1Char('0'));
}

// accounts.json for dopool-fake-do --accounts: account n has dropletsOf(n) of 25 droplets.
inline void writeAccountsFile(const QString &path, int accounts,
                              const std::function<int(int)> &dropletsOf)
{
    QJsonArray seed;
    for (int n = 0; n < accounts; ++n) {
        seed.append(
            QJsonObject{{QStringLiteral("token"), token(n)},
                        {QStringLiteral("email"), QStringLiteral("bench%1@webrana.example").arg(n)},
                        {QStringLiteral("dropletLimit"), 25},
                        {QStringLiteral("droplets"), dropletsOf(n)}});
    }
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(QJsonDocument(seed).toJson());
}

struct FakeDoProcess
{
    QProcess process;
    QUrl url;
    ~FakeDoProcess()
    {
        process.kill();
        process.waitForFinished(5000);
    }
};

inline std::unique_ptr<FakeDoProcess> startFakeDo(const QString &accountsFile, int latencyMs)
{
    auto fake = std::make_unique<FakeDoProcess>();
    fake->process.start(QStringLiteral(DOPOOL_FAKE_DO_PATH),
                        {QStringLiteral("--accounts"), accountsFile, QStringLiteral("--latency-ms"),
                         QString::number(latencyMs)});
    if (!fake->process.waitForReadyRead(10000))
        qFatal("dopool-fake-do did not start");
    const QString line = QString::fromUtf8(fake->process.readLine()).trimmed();
    const auto match =
        QRegularExpression(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+)")).match(line);
    if (!match.hasMatch())
        qFatal("unexpected dopool-fake-do output: %s", qPrintable(line));
    fake->url = QUrl(match.captured(1));
    return fake;
}

// "Bench 000".."Bench N-1" with the fake's tokens, encrypted; account 0 is the primary.
inline void seedAccounts(AccountStore &store, const TokenCipher &cipher, int accounts,
                         const std::function<int(int)> &cachedDropletsOf)
{
    (void)store.setMetaIfAbsent(AccountStore::keyFingerprintMeta(), cipher.key().fingerprint());
    for (int n = 0; n < accounts; ++n) {
        Account a;
        a.name = QStringLiteral("Bench %1").arg(n, 3, 10, QLatin1Char('0'));
        a.email = QStringLiteral("bench%1@webrana.example").arg(n);
        a.encryptedToken = *cipher.encrypt(token(n));
        a.isPrimary = n == 0;
        a.activeDroplets = cachedDropletsOf(n);
        if (!store.insertAccount(a))
            qFatal("insert failed");
    }
}

// The PostgreSQL server a benchmark creates its database on: --db URL, else the one
// scripts/test-env.sh started (DOPOOL_TEST_PG_URL).
inline DatabaseUrl adminUrl(const QStringList &args)
{
    QString text = qEnvironmentVariable("DOPOOL_TEST_PG_URL");
    const qsizetype at = args.indexOf(QStringLiteral("--db"));
    if (at >= 0 && at + 1 < args.size())
        text = args.at(at + 1);
    if (text.isEmpty())
        qFatal("needs PostgreSQL: run inside scripts/test-env.sh or pass --db postgresql://...");
    auto url = DatabaseUrl::parse(text);
    if (!url || url->kind != DatabaseUrl::Kind::Postgres)
        qFatal("--db must be a postgresql:// URL");
    return *url;
}

// The p-th percentile (0..1) of values, nearest rank; 0 for none.
inline double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size()));
    return double(values.at(index));
}

} // namespace dopool::bench
