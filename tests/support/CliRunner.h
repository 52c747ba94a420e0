#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

class QProcess;

// Runs the real dopool-cli executable, as scripts and admins do.
struct CliResult
{
    int exitCode = -1;
    bool crashed = false;
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
    CliRunner();

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
    static CliResult collect(QProcess &process);

private:
    QProcessEnvironment m_env;
};
