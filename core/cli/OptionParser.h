#pragma once

#include "common/Error.h"

#include <QHash>
#include <QStringList>

namespace dopool::cli {

// A command's options: "--name VALUE", "--name=VALUE" and flags; everything else is a
// positional argument. Unknown options are errors, and so is any attempt to pass a token
// on the command line (argv is visible to every user of the machine).
class ParsedOptions
{
public:
    bool has(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }
    const QStringList &positionals() const { return m_positionals; }

private:
    friend class OptionParser;
    QHash<QString, QString> m_values;
    QStringList m_positionals;
};

class OptionParser
{
public:
    OptionParser &flag(const QString &name);
    OptionParser &valued(const QString &name);

    Result<ParsedOptions> parse(const QStringList &args, int maxPositionals) const;

private:
    QStringList m_flags;
    QStringList m_valued;
};

} // namespace dopool::cli
