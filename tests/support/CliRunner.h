#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QProcess;

// Runs the real dopool-cli executable, as scripts and admins do.
struct CliResult
{
    int exitCode = -1; // -1 when the child crashed, timed out or did not start
    // The child did not start, did not finish (killed after its timeout), or crashed: the
    // running test has already failed.
    bool crashed = false;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

class CliRunner
{
public:
    // How long a child may take to start, on any path: generous, since a loaded CI machine
    // (two cores, four builds) can take seconds to fork and exec. A test's own timeout is for
    // how long the child runs, never for its start.
    static constexpr int kStartTimeoutMs = 30000;

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
    // Starts the CLI and returns once it runs (failing the running test when it did not
    // start); the caller owns the process.
    QProcess *start(const QStringList &args, const QByteArray &stdinData = QByteArray()) const;
    // The result of a process the caller saw finish. Every way to a result fails the running
    // test when the child did not start, has not finished (it is killed then), crashed or had
    // to be killed, whatever exit code it reported (exitCode is then -1): Qt reports a child
    // that never ran as a normal exit with code 0.
    static CliResult collect(QProcess &process);

private:
    static CliResult finish(QProcess &process, bool finishedInTime);
    QProcess *launch(const QStringList &args, const QByteArray &stdinData) const;

    QProcessEnvironment m_env;
    QString m_program;
};
