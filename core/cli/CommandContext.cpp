#include "CommandContext.h"

#include "common/Logging.h"
#include "common/TextSafety.h"
#include "common/Translate.h"
#include "common/Validation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dopool::cli {

CommandContext::CommandContext(Io io, QProcessEnvironment env, bool json,
                               std::function<void(int)> onFinished)
    : m_io(io)
    , m_env(std::move(env))
    , m_json(json)
    , m_onFinished(std::move(onFinished))
    , m_lifetime(std::make_unique<QObject>())
{}

void CommandContext::withPool(PoolSession::KeyUse keyUse, std::function<void(PoolSession &)> then)
{
    m_session = new PoolSession(m_sessionOptions, m_lifetime.get());
    m_session->open(keyUse, [this, then = std::move(then)](Result<void> opened) {
        if (!opened) {
            fail(opened.error());
            return;
        }
        then(*m_session);
    });
}

void CommandContext::succeed(const QJsonValue &document, const QString &text)
{
    if (m_json) {
        const QJsonDocument doc = document.isArray() ? QJsonDocument(document.toArray())
                                                     : QJsonDocument(document.toObject());
        m_io.out->write(doc.toJson(QJsonDocument::Indented));
    } else if (!text.isEmpty()) {
        // Values are escaped where the text is laid out; this is the net under all of them:
        // no ESC, bell or bidi override reaches the terminal, whatever a formatter forgot.
        m_io.out->write(escapeKeepingLines(text).toUtf8());
        if (!text.endsWith(u'\n'))
            m_io.out->write("\n");
    }
    finish(0);
}

void CommandContext::fail(const Error &error)
{
    qCDebug(lcCli) << "command failed:" << errorKindName(error.kind);
    // Messages may quote what was typed; a secret pasted in the wrong place stays out of
    // stderr and the --json document (and so out of CI logs).
    // Control characters quoted from an argument or a reply are escaped: one line, inert.
    QString line = escapeForTerminal(redactSecrets(error.message));
    m_io.err->write(QStringLiteral("dopool-cli: %1\n").arg(line).toUtf8());
    if (m_json) {
        const QJsonObject doc{{QStringLiteral("error"),
                               QJsonObject{{QStringLiteral("kind"), errorKindName(error.kind)},
                                           {QStringLiteral("message"), line},
                                           {QStringLiteral("exitCode"), error.exitCode()}}}};
        m_io.out->write(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    }
    finish(error.exitCode());
}

void CommandContext::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_onFinished(exitCode);
}

void CommandContext::printLine(const QString &line)
{
    m_io.err->write(escapeKeepingLines(redactSecrets(line)).toUtf8() + '\n');
}

Result<QString> CommandContext::readToken(bool fromStdin, const QString &envVar)
{
    const auto token = readSecret(fromStdin, envVar, QStringLiteral("token"));
    if (!token)
        return token.error();
    return validateToken(*token);
}

Result<QString> CommandContext::readSecretFromStdin(const QString &what)
{
    // The whole input, to its end: nothing after a NUL or past a long line is silently
    // dropped. Bounded: more than kMaxSecretInputBytes is refused, not cut.
    QByteArray input;
    while (input.size() <= kMaxSecretInputBytes) {
        const QByteArray chunk = m_io.in->read(kMaxSecretInputBytes + 1 - input.size());
        if (chunk.isEmpty())
            break;
        input.append(chunk);
    }
    if (input.size() > kMaxSecretInputBytes)
        return makeError(ErrorKind::Validation,
                         CliTr::tr("--%1-stdin: standard input holds more than %2 bytes; that is "
                                   "no %1, and it is refused rather than cut")
                             .arg(what)
                             .arg(kMaxSecretInputBytes));
    // One line: the secret, optionally followed by one line break.
    if (input.endsWith('\n'))
        input.chop(input.endsWith("\r\n") ? 2 : 1);
    if (input.contains('\n') || input.contains('\r'))
        return makeError(ErrorKind::Validation,
                         CliTr::tr("--%1-stdin: standard input holds more than one line; give "
                                   "the %1 alone on one line")
                             .arg(what));
    if (input.isEmpty())
        return makeError(ErrorKind::Validation,
                         CliTr::tr("--%1-stdin: no %1 on standard input").arg(what));
    return QString::fromUtf8(input);
}

Result<QString> CommandContext::readSecret(bool fromStdin, const QString &envVar,
                                           const QString &what)
{
    if (fromStdin == !envVar.isEmpty()) {
        return makeError(
            ErrorKind::Usage,
            CliTr::tr("give the %1 with exactly one of --%1-stdin or --%1-env VAR").arg(what));
    }
    if (fromStdin) {
        if (!m_io.in)
            return makeError(ErrorKind::Usage,
                             CliTr::tr("--%1-stdin: standard input is not available").arg(what));
        return readSecretFromStdin(what);
    }
    if (!isPlausibleVariableName(envVar))
        return makeError(ErrorKind::Usage,
                         CliTr::tr("--%1-env takes the NAME of an environment variable, not the "
                                   "%1 itself (the value given is not shown)")
                             .arg(what));
    if (!m_env.contains(envVar))
        return makeError(
            ErrorKind::Validation,
            CliTr::tr("--%1-env: environment variable %2 is not set").arg(what, envVar));
    return m_env.value(envVar);
}

} // namespace dopool::cli
