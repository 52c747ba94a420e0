#pragma once

#include "common/Clock.h"
#include "common/Error.h"
#include "pool/PoolSession.h"

#include <QIODevice>
#include <QJsonValue>
#include <QProcessEnvironment>
#include <QUrl>
#include <functional>

namespace dopool::cli {

// What every command gets: its arguments, the environment, where to print, the pool, and
// the one way to end (finish/fail) so each run prints exactly one result.
class CommandContext
{
public:
    struct Io
    {
        QIODevice *in = nullptr;
        QIODevice *out = nullptr;
        QIODevice *err = nullptr;
    };

    CommandContext(Io io, QProcessEnvironment env, bool json, std::function<void(int)> onFinished);

    bool json() const { return m_json; }
    const QProcessEnvironment &env() const { return m_env; }
    Io io() const { return m_io; }

    // Opens the pool (store, and key if asked); on failure reports and finishes. then() runs
    // only on success.
    void withPool(PoolSession::KeyUse keyUse, std::function<void(PoolSession &)> then);
    void setSessionOptions(PoolSession::Options options) { m_sessionOptions = std::move(options); }
    const PoolSession::Options &sessionOptions() const { return m_sessionOptions; }
    QObject *lifetime() const { return m_lifetime.get(); }
    // The DigitalOcean API base (--api-base / DOPOOL_API_BASE), already validated.
    void setApiBase(QUrl url) { m_apiBase = std::move(url); }
    const QUrl &apiBase() const { return m_apiBase; }

    // Success: with --json the document on stdout, else the text (newline added if missing).
    void succeed(const QJsonValue &document, const QString &text);
    // Failure: one line on stderr (and with --json an {"error":...} document on stdout).
    void fail(const Error &error);
    void finish(int exitCode);

    // A token from --token-stdin (one line) or --token-env VAR; never from argv. Checked
    // with validateToken().
    Result<QString> readToken(bool fromStdin, const QString &envVar);
    // Any secret from one line of standard input or an environment variable; `what` names it
    // in messages ("token", "password").
    Result<QString> readSecret(bool fromStdin, const QString &envVar, const QString &what);
    void printLine(const QString &line); // informational, to stderr so stdout stays parseable

    // Standard input read for a secret, at most: more is refused, never cut (a token is at
    // most kMaxTokenLength; a longer line is refused by that rule, naming it).
    static constexpr qsizetype kMaxSecretInputBytes = 1024 * 1024;

private:
    Result<QString> readSecretFromStdin(const QString &what);
    Io m_io;
    QProcessEnvironment m_env;
    bool m_json = false;
    bool m_finished = false;
    std::function<void(int)> m_onFinished;
    PoolSession::Options m_sessionOptions;
    QUrl m_apiBase;
    std::unique_ptr<QObject> m_lifetime;
    PoolSession *m_session = nullptr;
};

} // namespace dopool::cli
