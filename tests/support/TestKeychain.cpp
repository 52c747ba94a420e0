#include "TestKeychain.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <unistd.h>

namespace {

void requireTestEnvironment()
{
    if (!TestKeychain::insideTestEnvironment())
        qFatal("TestKeychain: refusing to touch a keychain: the session bus is not the one "
               "scripts/test-env.sh started, or DOPOOL_KEYCHAIN_SERVICE (\"%s\") does not start "
               "with \"dopool-test-\"",
               qPrintable(qEnvironmentVariable("DOPOOL_KEYCHAIN_SERVICE")));
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

bool onTestEnvironmentBus()
{
    // The same test as scripts/test-env.sh's own_bus().
    const QString expected = qEnvironmentVariable("DOPOOL_TEST_BUS_ADDRESS");
    const QString actual = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    if (qEnvironmentVariable("DOPOOL_IN_TEST_ENV") != QLatin1String("1") || expected.isEmpty() ||
        (actual != expected && !actual.startsWith(expected + QLatin1Char(','))))
        return false;
    static const QRegularExpression ours(
        QStringLiteral("^unix:path=(/tmp/dopool-test-env\\.[A-Za-z0-9]+/bus)$"));
    const auto match = ours.match(expected);
    if (!match.hasMatch())
        return false;
    const QFileInfo socket(match.captured(1));
    return socket.exists() && !socket.isFile() && !socket.isDir() && !socket.isSymLink() &&
           socket.ownerId() == ::geteuid();
}

bool insideTestEnvironment()
{
    return onTestEnvironmentBus() && qEnvironmentVariable("DOPOOL_KEYCHAIN_SERVICE")
                                         .startsWith(QLatin1String("dopool-test-"));
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
