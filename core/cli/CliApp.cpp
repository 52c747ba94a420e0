#include "CliApp.h"

#include "CommandSupport.h"
#include "common/Translate.h"
#include "common/Validation.h"
#include "crypto/EncryptionKey.h"
#include "host/PoolConfig.h"

#include <QJsonObject>
#include <QTimer>

namespace dopool::cli {

CliApp::CliApp(QStringList args, Dependencies deps, QObject *parent)
    : QObject(parent)
    , m_args(std::move(args))
    , m_deps(std::move(deps))
{
    m_commands << accountCommands() << keyCommands() << importEnvCommands() << dbCommands()
               << engineCommands() << catalogCommands() << orderCommands() << statusCommands()
               << serveCommands() << auditCommands() << backupCommands();
    m_commands << completionCommands(m_commands); // last: it completes all the others
}

CliApp::~CliApp() = default;

void CliApp::start()
{
    QTimer::singleShot(0, this, &CliApp::run);
}

QString CliApp::usage() const
{
    QString text =
        CliTr::tr("Usage: dopool-cli [--db URL] [--api-base URL] [--json] COMMAND [ARGS]\n\n"
                  "  --db URL         sqlite:PATH or postgresql://user@host:port/db?sslmode=... "
                  "(env DOPOOL_DB; default: a SQLite file in your app-data folder)\n"
                  "  --api-base URL   DigitalOcean API base (env DOPOOL_API_BASE; default "
                  "https://api.digitalocean.com)\n"
                  "  --json           print one JSON document on stdout\n"
                  "  --version        print the version\n\nCommands:\n");
    for (const Command &c : m_commands) {
        text += QStringLiteral("  %1 %2\n      %3\n").arg(c.name, c.synopsis, c.summary);
    }
    text += CliTr::tr(
        "\nTokens are read only from standard input (--token-stdin) or an environment variable "
        "(--token-env VAR), never from the command line.\n"
        "Exit codes: 0 ok, 2 usage/validation, 3 no available account, 4 DigitalOcean API/auth "
        "failure, 5 store failure, 6 key/crypto failure.\n");
    return text;
}

void CliApp::run()
{
    // Global options may stand before or after the command words.
    bool json = false;
    host::ConfigSources sources;
    sources.frontEnd = host::FrontEnd::Cli;
    sources.env = m_deps.env;
    QStringList rest;
    bool wantVersion = false;
    bool wantHelp = false;
    QString usageError;
    for (qsizetype i = 0; i < m_args.size(); ++i) {
        const QString &arg = m_args.at(i);
        auto takeValue = [&](const QString &option, std::optional<QString> &target) {
            if (target) {
                usageError = CliTr::tr("option %1 was given more than once").arg(option);
                ++i; // its value is no command word
                return;
            }
            if (arg.startsWith(option + u'=')) {
                target = arg.mid(option.size() + 1);
            } else if (i + 1 < m_args.size()) {
                target = m_args.at(++i);
            } else {
                usageError = CliTr::tr("option %1 needs a value").arg(option);
            }
        };
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("--db") || arg.startsWith(QLatin1String("--db="))) {
            takeValue(QStringLiteral("--db"), sources.commandLine.database);
        } else if (arg == QLatin1String("--api-base") ||
                   arg.startsWith(QLatin1String("--api-base="))) {
            takeValue(QStringLiteral("--api-base"), sources.commandLine.apiBase);
        } else if (arg == QLatin1String("--version")) {
            wantVersion = true;
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            wantHelp = true;
        } else {
            rest << arg;
        }
    }

    m_context = std::make_unique<CommandContext>(m_deps.io, m_deps.env, json,
                                                 [this](int code) { Q_EMIT finished(code); });
    CommandContext &ctx = *m_context;
    if (!usageError.isEmpty()) {
        ctx.fail(makeError(ErrorKind::Usage, usageError));
        return;
    }
    if (wantVersion) {
        ctx.succeed(QJsonObject{{QStringLiteral("version"), QStringLiteral(DOPOOL_VERSION)}},
                    QStringLiteral("dopool-cli %1").arg(QStringLiteral(DOPOOL_VERSION)));
        return;
    }
    if (wantHelp || rest.isEmpty()) {
        if (rest.isEmpty() && !wantHelp) {
            m_deps.io.err->write(usage().toUtf8());
            ctx.finish(2);
            return;
        }
        m_deps.io.out->write(usage().toUtf8());
        ctx.finish(0);
        return;
    }

    // Longest command name that prefixes the arguments.
    const Command *command = nullptr;
    qsizetype words = 0;
    for (const Command &c : m_commands) {
        const QStringList name = c.name.split(u' ');
        if (name.size() > words && rest.mid(0, name.size()) == name) {
            command = &c;
            words = name.size();
        }
    }
    if (!command) {
        ctx.fail(makeError(ErrorKind::Usage, CliTr::tr("unknown command %1 (see dopool-cli --help)")
                                                 .arg(quotedForMessage(rest.join(u' ')))));
        return;
    }

    // A malformed ENCRYPTION_KEY is refused by every command before anything else happens.
    if (m_deps.env.contains(QStringLiteral("ENCRYPTION_KEY"))) {
        if (const auto key =
                EncryptionKey::fromHex(m_deps.env.value(QStringLiteral("ENCRYPTION_KEY")));
            !key) {
            ctx.fail(
                makeError(ErrorKind::Crypto,
                          CliTr::tr("ENCRYPTION_KEY is malformed: %1").arg(key.error().message)));
            return;
        }
    }
    const auto url = host::resolveDatabase(sources);
    if (!succeeded(ctx, url))
        return;
    const auto api = host::resolveApiBase(sources);
    if (!succeeded(ctx, api))
        return;
    ctx.setApiBase(*api);
    ctx.setSessionOptions(PoolSession::Options{*url, m_deps.env, m_deps.clock, m_deps.secrets});
    command->run(ctx, rest.mid(words));
}

} // namespace dopool::cli
