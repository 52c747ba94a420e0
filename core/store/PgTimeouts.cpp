#include "PgTimeouts.h"

namespace dopool {

namespace {

struct Setting
{
    const char *name;
    int PgTimeouts::*field;
    int min;
    int max;
    const char *unit;
};

// keepalives is a bool and handled on its own.
constexpr int kDay = 86400;
const Setting kSettings[] = {
    {"statement_timeout", &PgTimeouts::statementMs, 0, kDay * 1000, "milliseconds"},
    {"lock_timeout", &PgTimeouts::lockMs, 0, kDay * 1000, "milliseconds"},
    {"idle_in_transaction_session_timeout", &PgTimeouts::idleInTransactionMs, 0, kDay * 1000,
     "milliseconds"},
    {"keepalives_idle", &PgTimeouts::keepalivesIdleSecs, 1, 3600, "seconds"},
    {"keepalives_interval", &PgTimeouts::keepalivesIntervalSecs, 1, 3600, "seconds"},
    {"keepalives_count", &PgTimeouts::keepalivesCount, 1, 100, "probes"},
    {"tcp_user_timeout", &PgTimeouts::tcpUserTimeoutMs, 0, kDay * 1000, "milliseconds"},
};

} // namespace

const QStringList &PgTimeouts::names()
{
    static const QStringList list = [] {
        QStringList n{QStringLiteral("keepalives")};
        for (const Setting &s : kSettings)
            n << QString::fromLatin1(s.name);
        return n;
    }();
    return list;
}

QString PgTimeouts::environmentName(const QString &name)
{
    return QStringLiteral("DOPOOL_PG_") + name.toUpper();
}

Result<void> PgTimeouts::set(const QString &name, const QString &value, const QString &source)
{
    const QString text = value.trimmed();
    if (name == QLatin1String("keepalives")) {
        if (text != QLatin1String("0") && text != QLatin1String("1"))
            return makeError(
                ErrorKind::Validation,
                QStringLiteral("keepalives in %1 must be 0 or 1, not \"%2\"").arg(source, value));
        keepalives = text == QLatin1String("1");
        return {};
    }
    for (const Setting &s : kSettings) {
        if (name != QLatin1String(s.name))
            continue;
        bool ok = false;
        const int number = text.toInt(&ok);
        if (!ok || number < s.min || number > s.max || text.isEmpty() || !text.front().isDigit())
            return makeError(ErrorKind::Validation,
                             QStringLiteral("%1 in %2 must be a whole number of %3 from %4 to "
                                            "%5, not \"%6\"")
                                 .arg(name, source, QString::fromLatin1(s.unit))
                                 .arg(s.min)
                                 .arg(s.max)
                                 .arg(value));
        this->*(s.field) = number;
        return {};
    }
    return makeError(ErrorKind::Validation,
                     QStringLiteral("unknown PostgreSQL setting \"%1\" in %2").arg(name, source));
}

Result<PgTimeouts> PgTimeouts::resolve(const QProcessEnvironment &env,
                                       const QMap<QString, QString> &fromUrl)
{
    PgTimeouts timeouts;
    for (const QString &name : names()) {
        const QString variable = environmentName(name);
        if (!env.contains(variable))
            continue;
        if (auto done = timeouts.set(name, env.value(variable), variable); !done)
            return done.error();
    }
    for (auto it = fromUrl.cbegin(); it != fromUrl.cend(); ++it) {
        if (auto done = timeouts.set(it.key(), it.value(), QStringLiteral("the database URL"));
            !done)
            return done.error();
    }
    return timeouts;
}

QStringList PgTimeouts::sessionStatements() const
{
    // Plain integers are milliseconds for all three. Values are ours (validated ints), not
    // user text, so the SET needs no binding.
    return {
        QStringLiteral("SET statement_timeout = %1").arg(statementMs),
        QStringLiteral("SET lock_timeout = %1").arg(lockMs),
        QStringLiteral("SET idle_in_transaction_session_timeout = %1").arg(idleInTransactionMs)};
}

QStringList PgTimeouts::connectOptions() const
{
    QStringList options{QStringLiteral("keepalives=%1").arg(keepalives ? 1 : 0)};
    if (keepalives) {
        options << QStringLiteral("keepalives_idle=%1").arg(keepalivesIdleSecs)
                << QStringLiteral("keepalives_interval=%1").arg(keepalivesIntervalSecs)
                << QStringLiteral("keepalives_count=%1").arg(keepalivesCount);
    }
    options << QStringLiteral("tcp_user_timeout=%1").arg(tcpUserTimeoutMs);
    return options;
}

} // namespace dopool
