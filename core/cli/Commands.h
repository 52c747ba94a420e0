#pragma once

#include "CommandContext.h"

#include <QList>
#include <QStringList>

namespace dopool::cli {

// One dopool-cli command: "account add", "key import", "status", ...
struct Command
{
    QString name;     // words, space-separated
    QString synopsis; // arguments, for --help
    QString summary;
    std::function<void(CommandContext &, const QStringList &args)> run;
};

// Each returns its group's commands; CliApp dispatches on the longest matching name.
QList<Command> accountCommands();
QList<Command> keyCommands();
QList<Command> importEnvCommands();
QList<Command> dbCommands();
QList<Command> engineCommands();
QList<Command> statusCommands();
QList<Command> serveCommands();
QList<Command> auditCommands();
QList<Command> catalogCommands();
QList<Command> orderCommands();
QList<Command> backupCommands();
// `completion bash|zsh|fish`: scripts that complete the given commands (and itself).
QList<Command> completionCommands(const QList<Command> &others);

} // namespace dopool::cli
