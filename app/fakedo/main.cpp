// dopool-fake-do: the project's fake DigitalOcean API as a process, for the demo script,
// manual testing and benchmarks. Loopback only; prints its URL, never a token.
#include "common/StopSignals.h"
#include "fakedo/AccountsFile.h"
#include "fakedo/FakeDoServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

using namespace dopool;
using namespace dopool::fakedo;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "dopool-fake-do: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dopool-fake-do"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOPOOL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fake DigitalOcean API on 127.0.0.1 for tests and demos."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0 = any free port)."),
                                        QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption latencyOption(QStringLiteral("latency-ms"),
                                           QStringLiteral("Delay every answer by N ms."),
                                           QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption accountsOption(
        QStringLiteral("accounts"),
        QStringLiteral("JSON array of {token, email, dropletLimit, droplets, status}."),
        QStringLiteral("FILE"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"), QStringLiteral("The three demo accounts (20/25, 5/25, 25/25)."));
    parser.addOptions({portOption, latencyOption, accountsOption, demoOption});
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port must be 0..65535"));
    const int latency = parser.value(latencyOption).toInt(&ok);
    if (!ok || latency < 0)
        return fail(QStringLiteral("--latency-ms must be a non-negative number"));
    if (parser.isSet(accountsOption) && parser.isSet(demoOption))
        return fail(QStringLiteral("use either --accounts or --demo"));

    QList<SeedAccount> accounts;
    if (parser.isSet(demoOption)) {
        accounts = demoAccounts();
    } else if (parser.isSet(accountsOption)) {
        Result<QList<SeedAccount>> loaded = loadAccountsFile(parser.value(accountsOption));
        if (!loaded)
            return fail(loaded.error().message);
        accounts = std::move(loaded).value();
    }

    FakeDoServer server;
    server.setLatencyMs(latency);
    for (const SeedAccount &seed : std::as_const(accounts)) {
        const QString uuid = server.addAccount(seed.token, seed.account);
        std::fprintf(stderr, "account %s <%s>: %d/%d droplets, %s\n", qPrintable(uuid),
                     qPrintable(seed.account.email), seed.account.droplets,
                     seed.account.dropletLimit, qPrintable(seed.account.status));
    }
    if (accounts.isEmpty())
        std::fprintf(stderr, "no accounts: every request will get 401\n");

    // SIGTERM/SIGINT (Ctrl+C on Windows) end the event loop normally, so the server closes its
    // connections.
    auto *stop = new StopSignals(&app);
    if (!stop->isInstalled())
        return fail(QStringLiteral("cannot install signal handlers"));
    QObject::connect(stop, &StopSignals::stopRequested, &app, &QCoreApplication::quit);
    if (!server.listen(QHostAddress::LocalHost, quint16(port)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port));

    std::printf("listening on %s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
