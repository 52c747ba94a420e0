#include "CliRunner.h"

#include <QProcess>
#include <QTest>
#include <memory>

CliRunner::CliRunner(const QString &program)
    : m_env(QProcessEnvironment::systemEnvironment())
    , m_program(program)
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
    process.start(m_program, args);
    if (!process.waitForStarted(timeoutMs)) {
        QTest::qFail("dopool-cli did not start", __FILE__, __LINE__);
        return CliResult{};
    }
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(timeoutMs);
    return finish(process, finished);
}

QProcess *CliRunner::start(const QStringList &args, const QByteArray &stdinData) const
{
    auto *process = new QProcess;
    process->setProcessEnvironment(m_env);
    process->start(m_program, args);
    if (process->waitForStarted(30000)) {
        if (!stdinData.isEmpty())
            process->write(stdinData);
        process->closeWriteChannel();
    }
    return process;
}

CliResult CliRunner::collect(QProcess &process)
{
    return finish(process, true);
}

CliResult CliRunner::finish(QProcess &process, bool finishedInTime)
{
    CliResult result;
    if (!finishedInTime) {
        process.kill();
        process.waitForFinished();
    }
    // A crashed child reports whatever exit code its signal maps to (SIGABRT under ASan is 6,
    // which is also a documented exit code): the status, not the code, says it crashed.
    result.crashed = !finishedInTime || process.exitStatus() != QProcess::NormalExit;
    result.exitCode = result.crashed ? -1 : process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (result.crashed) {
        const QByteArray why =
            (finishedInTime ? QByteArray("dopool-cli crashed (")
                            : QByteArray("dopool-cli did not finish in time (")) +
            process.arguments().join(QLatin1Char(' ')).toUtf8().left(200) + ")\n" +
            result.err.right(2000);
        QTest::qFail(why.constData(), __FILE__, __LINE__);
    }
    return result;
}

CliResult CliRunner::runWithEventLoop(const QStringList &args, const QByteArray &stdinData,
                                      int timeoutMs) const
{
    std::unique_ptr<QProcess> process(start(args, stdinData));
    const bool finished =
        QTest::qWaitFor([&] { return process->state() == QProcess::NotRunning; }, timeoutMs);
    return finish(*process, finished);
}
