#include "CliRunner.h"

#include <QProcess>
#include <QTest>

CliRunner::CliRunner()
    : m_env(QProcessEnvironment::systemEnvironment())
{
    for (const char *name :
         {"ENCRYPTION_KEY", "DOPOOL_DB", "DOPOOL_API_BASE", "DO_ACCESS_TOKEN", "PGPASSWORD"})
        m_env.remove(QString::fromLatin1(name));
    // The tests compare English messages, whatever the machine's locale (tst_clilanguage
    // checks the other languages).
    m_env.insert(QStringLiteral("DOPOOL_LANG"), QStringLiteral("en"));
    // Outside scripts/test-env.sh the session bus is the developer's, and with it their real
    // keychain (rotate-key stores the new key there): no bus at all then.
    if (qEnvironmentVariable("DOPOOL_IN_TEST_ENV") != QLatin1String("1"))
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("disabled:"));
}

CliResult CliRunner::run(const QStringList &args, const QByteArray &stdinData, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(m_env);
    process.start(QStringLiteral(DOPOOL_CLI_PATH), args);
    CliResult result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.crashed = true;
    }
    result.crashed = result.crashed || process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QProcess *CliRunner::start(const QStringList &args, const QByteArray &stdinData) const
{
    auto *process = new QProcess;
    process->setProcessEnvironment(m_env);
    process->start(QStringLiteral(DOPOOL_CLI_PATH), args);
    if (process->waitForStarted(30000)) {
        if (!stdinData.isEmpty())
            process->write(stdinData);
        process->closeWriteChannel();
    }
    return process;
}

CliResult CliRunner::collect(QProcess &process)
{
    CliResult result;
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CliResult CliRunner::runWithEventLoop(const QStringList &args, const QByteArray &stdinData,
                                      int timeoutMs) const
{
    std::unique_ptr<QProcess> process(start(args, stdinData));
    if (!QTest::qWaitFor([&] { return process->state() == QProcess::NotRunning; }, timeoutMs)) {
        process->kill();
        process->waitForFinished();
        CliResult timedOut = collect(*process);
        timedOut.crashed = true;
        return timedOut;
    }
    return collect(*process);
}
