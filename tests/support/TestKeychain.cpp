#include "TestKeychain.h"

#include <QProcess>
#include <QRegularExpression>

namespace {

void requireTestEnvironment()
{
    if (!TestKeychain::insideTestEnvironment())
        qFatal("TestKeychain: refusing to touch a keychain outside scripts/test-env.sh (or with "
               "DOPOOL_KEYCHAIN_SERVICE unset or \"dopool\")");
}

QByteArray secretTool(const QStringList &args, const QByteArray &input = {}, bool *ok = nullptr,
                      QByteArray *errors = nullptr)
{
    requireTestEnvironment();
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), args);
    if (!tool.waitForStarted(10000))
        qFatal("TestKeychain: secret-tool is missing (apt-get install libsecret-tools)");
    tool.write(input);
    tool.closeWriteChannel();
    if (!tool.waitForFinished(30000))
        qFatal("TestKeychain: secret-tool did not finish");
    if (ok)
        *ok = tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0;
    if (errors)
        *errors = tool.readAllStandardError();
    return tool.readAllStandardOutput();
}

} // namespace

namespace TestKeychain {

bool insideTestEnvironment()
{
    const QString service = qEnvironmentVariable("DOPOOL_KEYCHAIN_SERVICE");
    return qEnvironmentVariable("DOPOOL_IN_TEST_ENV") == QLatin1String("1") && !service.isEmpty() &&
           service != QLatin1String("dopool");
}

QString service()
{
    requireTestEnvironment();
    return qEnvironmentVariable("DOPOOL_KEYCHAIN_SERVICE");
}

bool available()
{
    bool ok = false;
    secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                QStringLiteral("dopool-probe")},
               {}, &ok);
    return ok;
}

QMap<QString, QString> entries()
{
    // secret-tool search prints each item's secret on stdout ("secret = VALUE") and its
    // attributes on stderr ("attribute.user = NAME"), items in the same order on both.
    QByteArray attributes;
    const QByteArray secrets =
        secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("--unlock"),
                    QStringLiteral("server"), service()},
                   {}, nullptr, &attributes);
    static const QRegularExpression line(QStringLiteral("^(\\S+) = (.*)$"));
    auto values = [](const QByteArray &text, const QString &field) {
        QStringList found;
        for (const QString &raw : QString::fromUtf8(text).split(u'\n')) {
            const auto m = line.match(raw.trimmed());
            if (m.hasMatch() && m.captured(1) == field)
                found << m.captured(2);
        }
        return found;
    };
    const QStringList names = values(attributes, QStringLiteral("attribute.user"));
    const QStringList stored = values(secrets, QStringLiteral("secret"));
    if (names.size() != stored.size())
        qFatal("TestKeychain: secret-tool listed %d names but %d secrets", int(names.size()),
               int(stored.size()));
    QMap<QString, QString> found;
    for (qsizetype i = 0; i < names.size(); ++i)
        found.insert(names.at(i), stored.at(i));
    return found;
}

QStringList poolKeyEntries()
{
    QStringList names;
    for (const QString &name : entries().keys()) {
        if (name.startsWith(QLatin1String("pool-key-")))
            names << name;
    }
    return names;
}

void write(const QString &entry, const QString &value)
{
    bool ok = false;
    const QByteArray out = secretTool({QStringLiteral("store"), QStringLiteral("--label"),
                                       QStringLiteral("dopool test"), QStringLiteral("user"), entry,
                                       QStringLiteral("server"), service(), QStringLiteral("type"),
                                       QStringLiteral("plaintext")},
                                      value.toUtf8(), &ok);
    if (!ok)
        qFatal("TestKeychain: secret-tool store failed: %s", out.constData());
}

void clear()
{
    secretTool({QStringLiteral("clear"), QStringLiteral("server"), service()});
}

} // namespace TestKeychain
