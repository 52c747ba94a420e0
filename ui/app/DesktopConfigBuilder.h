#pragma once

#include "desktop/DesktopTypes.h"
#include "settings/AppSettings.h"

namespace dopool::ui {

// What `dopool` was started with: [--db URL] [--api-base URL] [--demo].
struct LaunchOptions
{
    QString db;      // --db; else DOPOOL_DB; else the settings; else the default SQLite file
    QString apiBase; // --api-base; else DOPOOL_API_BASE; else DigitalOcean
    // --demo: the demo's backend (main() links it; nothing else in the GUI does).
    std::shared_ptr<const desktop::DemoBackend> demo;
};

// Combines the command line, the environment and the admin's settings into what the pool
// opens with (host::resolve*, the precedence the CLI shares). Errors (kind Validation) name
// the bad value: a malformed --db or --api-base.
Result<desktop::DesktopConfig> buildDesktopConfig(const LaunchOptions &launch,
                                                  const AppSettings &settings,
                                                  const QProcessEnvironment &env);

} // namespace dopool::ui
