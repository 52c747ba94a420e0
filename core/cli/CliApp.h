#pragma once

#include "CommandContext.h"
#include "Commands.h"

#include <QObject>
#include <memory>

namespace dopool::cli {

// dopool-cli: global options, command dispatch, exactly one exit code. Runs asynchronously on
// the caller's event loop and emits finished(exitCode).
class CliApp : public QObject
{
    Q_OBJECT
public:
    struct Dependencies
    {
        QProcessEnvironment env;
        CommandContext::Io io;
        SecretStore *secrets = nullptr;
        const Clock *clock = nullptr;
    };

    CliApp(QStringList args, Dependencies deps, QObject *parent = nullptr);
    ~CliApp() override;

    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void run();
    QString usage() const;

    QStringList m_args;
    Dependencies m_deps;
    QList<Command> m_commands;
    std::unique_ptr<CommandContext> m_context;
};

} // namespace dopool::cli
