#include "CliRunner.h"

#include <QProcess>

CliRunner::CliRunner()
    : m_env(QProcessEnvironment::systemEnvironment())
{
    for (const char *name : {"ENCRYPTION_KEY", "DOPOOL_DB", "DOPOOL_API_BASE", "DO_ACCESS_TOKEN", "PGPASSWORD"})
        m_env.remove(QString::fromLatin1(name));
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
