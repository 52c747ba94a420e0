#include "OptionParser.h"

#include "common/Translate.h"
#include "common/Validation.h"

#include <QCoreApplication>

namespace dopool::cli {

OptionParser &OptionParser::flag(const QString &name)
{
    m_flags << name;
    return *this;
}

OptionParser &OptionParser::valued(const QString &name)
{
    m_valued << name;
    return *this;
}

Result<ParsedOptions> OptionParser::parse(const QStringList &args, int maxPositionals) const
{
    ParsedOptions parsed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!arg.startsWith(QLatin1String("--")) || arg == QLatin1String("--")) {
            // An empty ID or NAME (an unset shell variable) must never widen to "all".
            if (arg.trimmed().isEmpty())
                return makeError(ErrorKind::Usage,
                                 CliTr::tr("an empty argument was given where an id or a name "
                                           "belongs"));
            parsed.m_positionals << arg;
            continue;
        }
        QString name = arg.mid(2);
        QString inlineValue;
        bool hasInline = false;
        if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name.truncate(eq);
            hasInline = true;
        }
        if (name == QLatin1String("token") || name == QLatin1String("access-token")) {
            return makeError(
                ErrorKind::Usage,
                CliTr::tr(
                    "tokens are never accepted on the command line (other users can read it); "
                    "use --token-stdin or --token-env VAR"));
        }
        if (m_flags.contains(name)) {
            if (hasInline)
                return makeError(ErrorKind::Usage,
                                 CliTr::tr("option --%1 takes no value").arg(name));
            parsed.m_values.insert(name, QString());
        } else if (m_valued.contains(name)) {
            // The last of two values winning silently hides a typo or a pasted line.
            if (parsed.m_values.contains(name))
                return makeError(ErrorKind::Usage,
                                 CliTr::tr("option --%1 was given more than once").arg(name));
            if (hasInline) {
                parsed.m_values.insert(name, inlineValue);
            } else if (i + 1 < args.size()) {
                parsed.m_values.insert(name, args.at(++i));
            } else {
                return makeError(ErrorKind::Usage,
                                 CliTr::tr("option --%1 needs a value").arg(name));
            }
        } else {
            if (looksLikeSecret(name))
                return makeError(ErrorKind::Usage,
                                 CliTr::tr("unknown option (not shown: it looks like a secret)"));
            return makeError(ErrorKind::Usage, CliTr::tr("unknown option --%1").arg(name));
        }
    }
    if (parsed.m_positionals.size() > maxPositionals) {
        return makeError(ErrorKind::Usage,
                         CliTr::tr("unexpected argument %1")
                             .arg(quotedForMessage(parsed.m_positionals.at(maxPositionals))));
    }
    return parsed;
}

} // namespace dopool::cli
