#include "CommandContext.h"

#include "common/Logging.h"
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
        m_io.out->write(text.toUtf8());
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
    QString line = redactSecrets(error.message);
    line.replace(u'\n', u' ');
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
    m_io.err->write(redactSecrets(line).toUtf8() + '\n');
}

Result<QString> CommandContext::readToken(bool fromStdin, const QString &envVar)
{
    const auto token = readSecret(fromStdin, envVar, QStringLiteral("token"));
    if (!token)
        return token.error();
    return validateToken(*token);
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
        // One line: the secret, optionally followed by a line break.
        QByteArray line = m_io.in->readLine(64 * 1024);
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            return makeError(ErrorKind::Validation,
                             CliTr::tr("--%1-stdin: no %1 on standard input").arg(what));
        return QString::fromUtf8(line);
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
