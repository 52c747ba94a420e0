#pragma once

#include "DesktopConfigBuilder.h"
#include "common/Clock.h"

#include <QObject>
#include <QSettings>
#include <memory>

class QTemporaryDir;

namespace dopool {
class SecretStore;
namespace desktop {
class PoolClient;
}
} // namespace dopool

namespace dopool::ui {

class MainWindow;
class TrayController;

// The running desktop app: settings, keychain, tray, window and the pool client, and what
// happens when the admin saves new settings (the pool is reopened with them).
class DesktopApp : public QObject
{
    Q_OBJECT
public:
    DesktopApp(LaunchOptions launch, QProcessEnvironment env, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Shows the window and starts opening the pool; an error for a bad command line.
    Result<void> start();

    MainWindow *window() const { return m_window.get(); }
    desktop::PoolClient *client() const { return m_client.get(); }
    QSettings &settings() { return *m_settings; }

private:
    void reopen(const AppSettings &settings);

    LaunchOptions m_launch;
    QProcessEnvironment m_env;
    SystemClock m_clock;
    std::unique_ptr<QTemporaryDir> m_demoSettingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_keychain;
    TrayController *m_tray = nullptr;
    std::unique_ptr<desktop::PoolClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace dopool::ui
