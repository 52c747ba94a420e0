#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

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
    // developer's shell (ENCRYPTION_KEY, DOPOOL_DB, DOPOOL_API_BASE, DO_ACCESS_TOKEN).
    CliRunner();

    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    void unsetEnv(const QString &name) { m_env.remove(name); }
    QProcessEnvironment &env() { return m_env; }

    CliResult run(const QStringList &args, const QByteArray &stdinData = QByteArray(), int timeoutMs = 60000) const;

private:
    QProcessEnvironment m_env;
};
