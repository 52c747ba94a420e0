#include "DesktopApp.h"

#include "common/Translate.h"
#include "desktop/DesktopKeychain.h"
#include "desktop/PoolClient.h"
#include "mainwindow/MainWindow.h"
#include "settings/AppSettings.h"
#include "tray/TrayController.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTemporaryDir>
#include <QTranslator>

namespace dopool::ui {

DesktopApp::DesktopApp(LaunchOptions launch, QProcessEnvironment env, QObject *parent)
    : QObject(parent)
    , m_launch(std::move(launch))
    , m_env(std::move(env))
{
    if (m_launch.demo) {
        // The demo leaves the admin's real settings alone.
        m_demoSettingsDir = std::make_unique<QTemporaryDir>();
        m_settings = std::make_unique<QSettings>(
            QDir(m_demoSettingsDir->path()).filePath(QStringLiteral("demo.ini")),
            QSettings::IniFormat);
    } else {
        m_settings = std::make_unique<QSettings>();
    }
    AppSettings::restrictToOwner(*m_settings); // also a file written by an older version
}

DesktopApp::~DesktopApp()
{
    m_window.reset();
    m_client.reset(); // stops the engine thread
}

Result<void> DesktopApp::start()
{
    const AppSettings settings = AppSettings::load(*m_settings);
    const auto config = buildDesktopConfig(m_launch, settings, m_env);
    if (!config)
        return config.error();
    auto keychain = desktop::openKeychain(m_env);
    if (!keychain)
        return keychain.error();
    m_keychain = std::move(keychain).value();
    installTranslators(settings.language);

    m_tray = new TrayController(TrayController::Availability::Detect, this);
    m_window = std::make_unique<MainWindow>(m_clock, settings, m_tray);
    m_window->restoreLayout(m_settings.get());
    // Closing the window saves the layout too; quitting from the tray does not close it.
    connect(qApp, &QCoreApplication::aboutToQuit, m_window.get(), &MainWindow::saveLayout);
    connect(m_window.get(), &MainWindow::quitRequested, qApp, &QCoreApplication::quit,
            Qt::QueuedConnection);
    connect(m_window.get(), &MainWindow::settingsSaved, this, [this](const AppSettings &saved) {
        saved.save(*m_settings);
        reopen(saved);
    });
    // Without a tray, closing the window is quitting; with one, Quit is in its menu.
    QApplication::setQuitOnLastWindowClosed(!m_tray->hasTray());

    m_client = std::make_unique<desktop::PoolClient>(*config, m_keychain.get());
    m_window->attachClient(m_client.get(), m_env.value(QStringLiteral("DO_ACCESS_TOKEN")));
    m_window->show();
    return {};
}

void DesktopApp::installTranslators(const QString &language)
{
    // The Settings override, else the system's languages; English source strings otherwise.
    const QLocale locale = translationLocale(language);
    installTranslations(locale, this);
    auto *qt = new QTranslator(this);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    QLocale::setDefault(locale);
}

void DesktopApp::reopen(const AppSettings &settings)
{
    const auto config = buildDesktopConfig(m_launch, settings, m_env);
    if (!config)
        return; // the dialog validated it; the old pool stays open
    if (m_client) {
        const desktop::DesktopConfig &old = m_client->config();
        const bool same = old.database.displayString() == config->database.displayString() &&
                          old.database.path == config->database.path &&
                          old.engine.policy == config->engine.policy &&
                          old.engine.utilisationThreshold == config->engine.utilisationThreshold &&
                          old.syncIntervalSecs == config->syncIntervalSecs &&
                          old.healthIntervalSecs == config->healthIntervalSecs &&
                          old.webhookUrl == config->webhookUrl &&
                          old.provisionOrders == config->provisionOrders;
        if (same)
            return;
    }
    // The engine is rebuilt with the new settings; a demo pool stays the same demo only in
    // name (it is throwaway by design).
    auto next = std::make_unique<desktop::PoolClient>(*config, m_keychain.get());
    m_window->attachClient(next.get(), m_env.value(QStringLiteral("DO_ACCESS_TOKEN")));
    m_client = std::move(next);
}

} // namespace dopool::ui
