// dopool: the desktop app. Everything is in ui/ and core/; this only reads the command line.
#include "app/DesktopApp.h"
#include "common/TextSafety.h"
#include "common/Translate.h"
#include "demo/DemoPool.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    dopool::installSafeLogging(); // no log line forged by a value from DO
    QApplication::setApplicationName(QStringLiteral("dopool"));
    QApplication::setOrganizationName(QStringLiteral("dopool"));
    QApplication::setApplicationDisplayName(QStringLiteral("DO Account Pool"));
    QApplication::setApplicationVersion(QStringLiteral(DOPOOL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.dopool.DoAccountPool"));
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/dopool-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    // --help speaks the system's language; once started, the window follows the Settings
    // override (DesktopApp installs that translator, so this one goes first).
    QTranslator *helpTranslator = dopool::installTranslations(QLocale::system(), &app);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "DO Account Pool: DigitalOcean accounts as one pool."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QApplication::translate("main",
                                "Pool database: sqlite:PATH or postgresql://user@host:port/db "
                                "(default: DOPOOL_DB, then Settings, then a SQLite file)."),
        QStringLiteral("URL"));
    const QCommandLineOption apiOption(
        QStringLiteral("api-base"),
        QApplication::translate("main", "DigitalOcean API base URL (default: DOPOOL_API_BASE, "
                                        "then https://api.digitalocean.com)."),
        QStringLiteral("URL"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Demo: a throwaway pool on the built-in fake DigitalOcean "
                                        "API with three accounts."));
    const QCommandLineOption quitAfterOption(
        QStringLiteral("quit-after-ms"),
        QApplication::translate("main", "Quit after N milliseconds (smoke tests)."),
        QStringLiteral("N"));
    parser.addOptions({dbOption, apiOption, demoOption, quitAfterOption});
    parser.process(app);
    if (helpTranslator) {
        QCoreApplication::removeTranslator(helpTranslator);
        delete helpTranslator;
    }

    dopool::ui::LaunchOptions launch;
    launch.db = parser.value(dbOption);
    launch.apiBase = parser.value(apiOption);
    if (parser.isSet(demoOption))
        launch.demo = dopool::demo::backend();

    dopool::ui::DesktopApp desktop(launch, QProcessEnvironment::systemEnvironment());
    if (const auto started = desktop.start(); !started) {
        std::fprintf(stderr, "dopool: %s\n", qPrintable(started.error().message));
        return started.error().exitCode();
    }
    if (parser.isSet(quitAfterOption)) {
        bool ok = false;
        const int ms = parser.value(quitAfterOption).toInt(&ok);
        if (!ok || ms < 0) {
            std::fprintf(stderr, "dopool: --quit-after-ms needs a number of milliseconds\n");
            return 2;
        }
        QTimer::singleShot(ms, &app, &QCoreApplication::quit);
    }
    return app.exec();
}
