#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QProcess;

// Runs the real dopool-cli executable, as scripts and admins do.
struct CliResult
{
    int exitCode = -1;    // -1 when the child crashed, timed out or did not start
    bool crashed = false; // crashed or killed after a timeout: the running test has failed
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

class CliRunner
{
public:
    // env: the process environment of the test minus anything that could leak in from the
    // developer's shell (ENCRYPTION_KEY, DOPOOL_DB, DOPOOL_API_BASE, DO_ACCESS_TOKEN), with
    // DOPOOL_LANG=en: messages in English whatever the locale; outside scripts/test-env.sh, no
    // D-Bus session (so never the developer's real keychain).
    // program: the executable to run; dopool-cli unless a test of the runner itself says otherwise.
    explicit CliRunner(const QString &program = QStringLiteral(DOPOOL_CLI_PATH));

    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    void unsetEnv(const QString &name) { m_env.remove(name); }
    QProcessEnvironment &env() { return m_env; }

    CliResult run(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                  int timeoutMs = 60000) const;
    // Same, but keeps this process's event loop running while the CLI works: needed when the
    // CLI talks to a server living in the test process (the fake DO API).
    CliResult runWithEventLoop(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                               int timeoutMs = 60000) const;
    // Starts the CLI and returns at once; the caller owns the process.
    QProcess *start(const QStringList &args, const QByteArray &stdinData = QByteArray()) const;
    // The result of a finished process. Every way to a result fails the running test when the
    // child crashed or had to be killed, whatever exit code it reported (exitCode is then -1).
    static CliResult collect(QProcess &process);

private:
    static CliResult finish(QProcess &process, bool finishedInTime);

    QProcessEnvironment m_env;
    QString m_program;
};
