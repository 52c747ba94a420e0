// Engine benchmarks against the project's fake DO API (a separate dopool-fake-do process on
// loopback) with 50 ms injected latency:
//   1. sync-all of 200 accounts (SyncService) vs the plan's sequential algorithm on the same
//   client;
//   2. selection when the first 10 accounts in order turned out full (round trips, requests, time);
//   3. peak RSS of `dopool-cli sync --all` on the same pool.
// Prints figures; asserts nothing (targets: sync-all <= 1.0 s, select <= 3 round trips, RSS <= 60
// MB).
#include "BenchSupport.h"
#include "engine/AccountSelector.h"
#include "engine/SyncService.h"
#include "store/StoreFactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

using namespace dopool;

namespace {

constexpr int kAccounts = 200;
constexpr int kLatencyMs = 50;
// Runs until done() is called; the benchmark's only event loop.
void runUntil(const std::function<void(std::function<void()>)> &work)
{
    bool finished = false;
    work([&finished] { finished = true; });
    while (!finished)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

// Peak RSS (KiB) of a child process, read from wait4's rusage.
long peakRssOf(const QStringList &args, const QStringList &extraEnv)
{
    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    for (const QString &a : args)
        storage.push_back(a.toLocal8Bit());
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envStorage;
    std::vector<char *> envp;
    for (char **e = environ; *e; ++e)
        envp.push_back(*e);
    for (const QString &e : extraEnv)
        envStorage.push_back(e.toLocal8Bit());
    for (QByteArray &e : envStorage)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0)
        return -1;
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    // The fake DO server runs in another process, so blocking here is fine.
    if (wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -WEXITSTATUS(status) - 1;
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    SystemClock clock;
    const TokenCipher cipher(*EncryptionKey::fromHex(bench::benchKeyHex()));

    // 200 accounts at DO: the first 10 in the plan's order are full, the rest have room.
    const QString accountsFile = dir.filePath(QStringLiteral("accounts.json"));
    bench::writeAccountsFile(accountsFile, kAccounts, [](int n) { return n < 10 ? 25 : 10; });
    auto fakeDo = bench::startFakeDo(accountsFile, kLatencyMs);

    StoreOptions storeOptions;
    storeOptions.url = *DatabaseUrl::parse(QStringLiteral("sqlite:") +
                                           dir.filePath(QStringLiteral("pool.sqlite")));
    storeOptions.clock = &clock;
    auto opened = openStore(storeOptions);
    if (!opened.store)
        qFatal("store: %s", qPrintable(opened.failure.error.message));
    AccountStore &store = *opened.store;
    // The pool's cache says the first 10 are empty.
    bench::seedAccounts(store, cipher, kAccounts, [](int n) { return n < 10 ? 0 : 10; });

    api::DoApiClient client(fakeDo->url);
    engine::EngineContext context{&store, &client, &cipher, &clock, {}};
    const auto accounts = *store.listAccounts();

    // 1a. The plan's sequential algorithm (getAccountCapacity per account, one after another).
    QElapsedTimer timer;
    timer.start();
    runUntil([&](std::function<void()> done) {
        auto next = std::make_shared<std::function<void(int)>>();
        *next = [&, next, done](int i) {
            if (i == accounts.size()) {
                done();
                return;
            }
            const QString plain = *cipher.decrypt(accounts.at(i).encryptedToken);
            client.getAccount(plain, &app, [&, next, i, plain](api::ApiResult<api::AccountInfo>) {
                client.countDroplets(plain, &app,
                                     [next, i](api::ApiResult<int>) { (*next)(i + 1); });
            });
        };
        (*next)(0);
    });
    const double sequentialSecs = timer.elapsed() / 1000.0;

    // 1b. SyncService: every account concurrently under the bound.
    engine::SyncService sync(context);
    int failures = 0;
    timer.restart();
    runUntil([&](std::function<void()> done) {
        sync.runAll(engine::SyncService::Mode::Sync,
                    [&, done](Result<QList<engine::SyncOutcome>> outcomes) {
                        if (!outcomes)
                            qFatal("sync-all: %s", qPrintable(outcomes.error().message));
                        for (const auto &o : *outcomes)
                            failures += o.ok() ? 0 : 1;
                        done();
                    });
    });
    const double syncAllSecs = timer.elapsed() / 1000.0;

    // 2. Selection: reset the cache so the first 10 in order look empty but are full at DO.
    for (int n = 0; n < 10; ++n) {
        AccountObservation reset;
        reset.at = clock.now();
        reset.activeDroplets = 0;
        (void)store.recordObservation(accounts.at(n).id, reset);
    }
    engine::AccountSelector selector(context);
    QString chosen;
    int roundTrips = -1;
    timer.restart();
    runUntil([&](std::function<void()> done) {
        selector.select(false, QString(), {}, [&, done](Result<engine::Selection> selection) {
            if (selection) {
                chosen = selection->account.name;
                roundTrips = selection->roundTrips;
            } else {
                chosen = selection.error().message;
            }
            done();
        });
    });
    const double selectSecs = timer.elapsed() / 1000.0;

    // 3. Peak RSS of the CLI doing the same sync-all.
    const long rssKiB =
        peakRssOf({QStringLiteral(DOPOOL_CLI_PATH), QStringLiteral("--db"),
                   QStringLiteral("sqlite:") + storeOptions.url.path, QStringLiteral("--api-base"),
                   fakeDo->url.toString(), QStringLiteral("sync"), QStringLiteral("--all")},
                  {QStringLiteral("ENCRYPTION_KEY=") + bench::benchKeyHex()});

    fakeDo->process.terminate();
    fakeDo->process.waitForFinished(5000);

    std::printf("DO Account Pool engine benchmarks (fake DO API, %d ms latency, %d accounts)\n",
                kLatencyMs, kAccounts);
    std::printf("  sequential (plan's algorithm) sync of %d accounts: %8.3f s\n", kAccounts,
                sequentialSecs);
    std::printf("  SyncService sync-all of %d accounts:              %8.3f s  (target <= 1.0 s; %d "
                "failures)\n",
                kAccounts, syncAllSecs, failures);
    std::printf("  speed-up:                                          %8.1fx\n",
                sequentialSecs / syncAllSecs);
    std::printf("  select with the first 10 accounts full:            %8.3f s, %d round trip(s) "
                "(target <= 3) -> %s\n",
                selectSecs, roundTrips, qPrintable(chosen));
    std::printf("  peak RSS of dopool-cli sync --all:                 %8.1f MB (target <= 60 MB)\n",
                rssKiB / 1024.0);
    return 0;
}
