// dopool-cli: the headless front end of DO Account Pool (see core/cli).
#include "cli/CliApp.h"
#include "common/Clock.h"
#include "common/TextSafety.h"
#include "common/Translate.h"
#include "crypto/QtKeychainSecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("dopool"));
    QCoreApplication::setApplicationName(QStringLiteral("dopool"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOPOOL_VERSION));

    // Messages in the system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) or DOPOOL_LANG's
    // ("en", "id"); English when there is no translation. --json field names are never
    // translated.
    dopool::installTranslations(
        dopool::translationLocale(qEnvironmentVariable("DOPOOL_LANG").trimmed()), &app);

    // Every log line escaped: a CR/LF or an escape code in a value from DO cannot forge a line
    // or drive the terminal (docs/security.md).
    dopool::installSafeLogging();

    // Scripts read one result and at most one error line; only the daemon logs as it goes.
    const bool serving = app.arguments().contains(QStringLiteral("serve"));
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES") && !serving)
        QLoggingCategory::setFilterRules(
            QStringLiteral("dopool.*.info=false\ndopool.*.warning=false"));
    if (serving && !qEnvironmentVariableIsSet("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));

    QFile in;
    QFile out;
    QFile err;
    (void)in.open(stdin, QIODevice::ReadOnly);
    (void)out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    (void)err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);

    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto service = dopool::QtKeychainSecretStore::serviceFromEnvironment(env);
    if (!service) {
        err.write(QStringLiteral("dopool-cli: %1\n").arg(service.error().message).toUtf8());
        return dopool::exitCodeFor(service.error().kind);
    }
    dopool::SystemClock clock;
    dopool::QtKeychainSecretStore secrets(*service);
    dopool::cli::CliApp cli(app.arguments().mid(1), {env, {&in, &out, &err}, &secrets, &clock});
    QObject::connect(&cli, &dopool::cli::CliApp::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    cli.start();
    return QCoreApplication::exec();
}
