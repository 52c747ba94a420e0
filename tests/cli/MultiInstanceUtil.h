#pragma once

// Shared by the multi-instance tests: several dopool-cli serve processes on one PostgreSQL
// pool, their logs, the leader's OS pid and the sync rounds seen by the fake DO API.

#include "CliRunner.h"
#include "TestKeys.h"
#include "fakedo/FakeDoServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <memory>
#include <vector>

namespace dopool::testing {

inline const QString kKey =
    QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

inline QByteArray token(int n)
{
    return dopool::testkeys::numberedToken(n, '6');
}

// A serve process and everything it printed so far.
struct Serve
{
    std::unique_ptr<QProcess> process;
    std::shared_ptr<QByteArray> log = std::make_shared<QByteArray>();

    qint64 pid() const { return process->processId(); }
    bool running() const { return process->state() == QProcess::Running; }
    bool logged(const char *text) const { return log->contains(text); }
};

// The fake DO API on loopback and the CLI pointed at it and at one pool database, with the
// encryption key in its environment: what every multi-instance test starts from.
struct PoolCli
{
    dopool::fakedo::FakeDoServer fakeDo;
    CliRunner cli;
    // The --db and --api-base options every command of the test takes.
    QStringList common;

    bool start(const QString &db)
    {
        if (!fakeDo.listen())
            return false;
        cli.setEnv(QStringLiteral("ENCRYPTION_KEY"), kKey);
        common = QStringList{QStringLiteral("--db"), db, QStringLiteral("--api-base"),
                             fakeDo.baseUrl().toString()};
        return true;
    }
};

inline Serve startServe(const CliRunner &cli, const QStringList &common, int syncSecs)
{
    Serve serve;
    serve.process.reset(cli.start(
        common + QStringList{QStringLiteral("serve"), QStringLiteral("--sync-interval"),
                             QString::number(syncSecs), QStringLiteral("--health-interval"),
                             QStringLiteral("3600")}));
    QProcess *p = serve.process.get();
    auto log = serve.log;
    QObject::connect(p, &QProcess::readyReadStandardError, p,
                     [p, log] { log->append(p->readAllStandardError()); });
    return serve;
}

// OS pid of the instance holding the leader's lease in db (unexpired, its session alive), 0
// when nobody does.
inline qint64 leaderPid(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "SELECT i.pid FROM leader_lease l JOIN pool_instances i ON i.instance_id = "
            "l.instance_id WHERE l.id = 1 AND l.expires_at > now() AND EXISTS (SELECT 1 FROM "
            "pg_stat_activity a WHERE a.pid = l.backend_pid)")) ||
        !query.next())
        return 0;
    return query.value(0).toLongLong();
}

// When (ms on timer) each sync round reached the fake DO API for one account: a sync round
// lists that account's droplets exactly once.
struct RoundLog
{
    QElapsedTimer timer;
    QList<qint64> at;

    void attach(dopool::fakedo::FakeDoServer &fakeDo, const QString &accountUuid)
    {
        timer.start();
        QObject::connect(&fakeDo, &dopool::fakedo::FakeDoServer::requestReceived, &fakeDo,
                         [this, accountUuid](const dopool::fakedo::RequestRecord &r) {
                             if (r.method == QLatin1String("GET") &&
                                 r.path == QLatin1String("/v2/droplets") &&
                                 r.account == accountUuid)
                                 at << timer.elapsed();
                         });
    }
    int countAfter(qint64 ms) const
    {
        return int(std::count_if(at.begin(), at.end(), [ms](qint64 t) { return t > ms; }));
    }
    qint64 minSpacing() const
    {
        qint64 spacing = std::numeric_limits<qint64>::max();
        for (qsizetype i = 1; i < at.size(); ++i)
            spacing = std::min(spacing, at.at(i) - at.at(i - 1));
        return spacing;
    }
    // Never two rounds in one interval, as far as arrival times at the fake DO API can tell.
    // The database spaces the claims themselves (due_at = claim + interval, 250 ms early at
    // most); what reaches the fake adds each round's own scheduling delay, which a loaded CI
    // machine stretches by seconds. So the bound here is half an interval: a second round in
    // the same interval from a second instance would come in far closer, and the exact check
    // is the caller's: the database's run count equals the rounds the fake saw.
    bool neverTwoInOneInterval(int intervalSecs) const
    {
        return minSpacing() >= qint64(intervalSecs) * 500;
    }
    QString describe() const
    {
        QStringList ms;
        for (qint64 t : at)
            ms << QString::number(t);
        return QStringLiteral("rounds at ms: ") + ms.join(QLatin1Char(' '));
    }
};

// Account token(n) at the fake (with email) and in the pool through dopool-cli add; the new
// account's id, empty (with a warning) when the add failed.
inline QString addPoolAccount(const CliRunner &cli, const QStringList &common,
                              dopool::fakedo::FakeDoServer &fakeDo, int n, const QString &name,
                              const QString &email, int droplets = 0)
{
    dopool::fakedo::FakeAccount account;
    account.email = email;
    account.droplets = droplets;
    fakeDo.addAccount(QString::fromLatin1(token(n)), account);
    const CliResult r = cli.runWithEventLoop(
        common + QStringList{QStringLiteral("--json"), QStringLiteral("account"),
                             QStringLiteral("add"), QStringLiteral("--name"), name,
                             QStringLiteral("--token-stdin")},
        token(n) + '\n');
    if (r.exitCode != 0)
        qWarning("account add failed: %s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("id")).toString();
}

// Starts `count` serve processes on the test's pool, syncing every syncSecs; true once
// `rounds` has seen two sync rounds (within 30 s).
inline bool startServesUntilTwoRounds(const PoolCli &setup, std::vector<Serve> &serves, int count,
                                      int syncSecs, const RoundLog &rounds)
{
    for (int i = 0; i < count; ++i)
        serves.push_back(startServe(setup.cli, setup.common, syncSecs));
    return QTest::qWaitFor([&rounds] { return rounds.at.size() >= 2; }, 30000);
}

inline bool stopAll(std::vector<Serve> &serves, int timeoutMs)
{
    for (Serve &s : serves) {
        if (s.running())
            s.process->terminate();
    }
    QElapsedTimer timer;
    timer.start();
    for (Serve &s : serves) {
        QProcess *p = s.process.get();
        if (!QTest::qWaitFor([p] { return p->state() == QProcess::NotRunning; },
                             int(std::max<qint64>(1, timeoutMs - timer.elapsed()))))
            return false;
        s.log->append(s.process->readAllStandardError());
        // SIGTERM is a clean stop: a crash on the way out is a failure, whatever its code.
        if (s.process->exitStatus() != QProcess::NormalExit) {
            qWarning("a serve instance crashed while stopping: %s", s.log->right(2000).constData());
            return false;
        }
    }
    return true;
}

} // namespace dopool::testing
