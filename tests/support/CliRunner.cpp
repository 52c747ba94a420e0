#include "CliRunner.h"

#include "TestKeychain.h"

#include <QProcess>
#include <QTest>
#include <memory>

namespace {

// Set on a QProcess whose failure to start start() already reported, so collect() does not
// fail the test a second time for it.
constexpr char kStartReported[] = "dopoolStartReported";

void failTest(const QProcess &process, const char *what, const QByteArray &detail)
{
    const QByteArray why = QByteArray(what) + " (" + process.program().toUtf8() + ' ' +
                           process.arguments().join(QLatin1Char(' ')).toUtf8().left(200) + ")\n" +
                           detail.right(2000);
    QTest::qFail(why.constData(), __FILE__, __LINE__);
}

} // namespace

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
    if (!TestKeychain::onTestEnvironmentBus())
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("disabled:"));
}

QProcess *CliRunner::launch(const QStringList &args, const QByteArray &stdinData) const
{
    auto *process = new QProcess;
    process->setProcessEnvironment(m_env);
    process->start(m_program, args);
    if (!process->waitForStarted(kStartTimeoutMs)) {
        const QByteArray detail = process->errorString().toUtf8();
        process->kill(); // a start slower than kStartTimeoutMs may still come
        process->waitForFinished(kStartTimeoutMs);
        process->setProperty(kStartReported, true);
        failTest(*process, "the child process did not start", detail);
        return process;
    }
    if (!stdinData.isEmpty())
        process->write(stdinData);
    process->closeWriteChannel();
    return process;
}

CliResult CliRunner::run(const QStringList &args, const QByteArray &stdinData, int timeoutMs) const
{
    std::unique_ptr<QProcess> process(launch(args, stdinData));
    const bool finished =
        process->state() == QProcess::NotRunning || process->waitForFinished(timeoutMs);
    return finish(*process, finished);
}

QProcess *CliRunner::start(const QStringList &args, const QByteArray &stdinData) const
{
    return launch(args, stdinData);
}

CliResult CliRunner::collect(QProcess &process)
{
    return finish(process, process.state() == QProcess::NotRunning);
}

CliResult CliRunner::finish(QProcess &process, bool finishedInTime)
{
    CliResult result;
    const bool started =
        process.error() != QProcess::FailedToStart && !process.property(kStartReported).toBool();
    if (started && !finishedInTime) {
        process.kill();
        process.waitForFinished(kStartTimeoutMs);
    }
    // A crashed child reports whatever exit code its signal maps to (SIGABRT under ASan is 6,
    // which is also a documented exit code): the status, not the code, says it crashed. A child
    // that never started reports a normal exit with code 0: the error says it did not run.
    result.crashed = !started || !finishedInTime || process.exitStatus() != QProcess::NormalExit;
    result.exitCode = result.crashed ? -1 : process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (process.property(kStartReported).toBool())
        return result; // launch() failed the test already
    if (!started)
        failTest(process, "the child process did not start", process.errorString().toUtf8());
    else if (!finishedInTime)
        failTest(process, "the child process did not finish in time", result.err);
    else if (result.crashed)
        failTest(process, "the child process crashed", result.err);
    return result;
}

CliResult CliRunner::runWithEventLoop(const QStringList &args, const QByteArray &stdinData,
                                      int timeoutMs) const
{
    std::unique_ptr<QProcess> process(launch(args, stdinData));
    const bool finished =
        QTest::qWaitFor([&] { return process->state() == QProcess::NotRunning; }, timeoutMs);
    return finish(*process, finished);
}
