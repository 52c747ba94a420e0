#pragma once

#include "common/Error.h"
#include "engine/EngineContext.h"
#include "store/DatabaseUrl.h"

#include <QProcessEnvironment>
#include <QUrl>
#include <optional>

namespace dopool::host {

// Which front end resolves: each documents its own settings (README "Configuration",
// docs/cli.md, docs/user-guide.md "Settings"), and the resolver keeps each one's rules.
enum class FrontEnd
{
    Cli,     // dopool-cli: the environment and the command line
    Desktop, // dopool: the command line, the environment and the saved Settings
};

// Everything a setting may come from. Unset optionals mean "not given"; an option given
// empty on the command line (dopool-cli --db=) still counts as given.
struct ConfigSources
{
    FrontEnd frontEnd = FrontEnd::Cli;
    QProcessEnvironment env;

    struct CommandLine
    {
        std::optional<QString> database;           // --db
        std::optional<QString> apiBase;            // --api-base
        std::optional<QString> syncIntervalSecs;   // serve --sync-interval
        std::optional<QString> healthIntervalSecs; // serve --health-interval
    } commandLine;

    // The desktop's Settings dialog (checked by AppSettings::validate when saved).
    struct Saved
    {
        QString database; // empty: none saved
        engine::SelectionPolicy policy = engine::SelectionPolicy::PlanOrder;
        int utilisationThresholdPercent = 80;
        int syncIntervalSecs = 300;
        int healthIntervalSecs = 60;
        QString webhookUrl; // empty: none saved
    };
    std::optional<Saved> saved;
};

// What the engine works with, and the DO client's per-request timeout.
struct EngineConfig
{
    engine::EngineSettings settings;
    int apiTimeoutMs = 15000;
};

// The scheduled rounds: how often, and where alerts are POSTed.
struct RoundsConfig
{
    int syncIntervalSecs = 300;
    int healthIntervalSecs = 60;
    QString webhookUrl; // as given (checked by checkedWebhook); empty: none
};

// The precedence, per setting (first given wins):
//   database   --db, DOPOOL_DB, saved, the default SQLite file
//   API base   --api-base, DOPOOL_API_BASE, https://api.digitalocean.com
//   policy, utilisation threshold   saved, DOPOOL_SELECTION_POLICY / _UTILISATION_THRESHOLD,
//              the default (the desktop's Settings always hold a value)
//   region, degraded alert, sync concurrency   the environment, the default
//   API timeout, uncertain-create window/grace   the environment (dopool-cli only), the default
//   intervals  --sync-interval/--health-interval, saved, 300/60 s
//   webhook    saved, DOPOOL_WEBHOOK_URL, none
// Every bad value is a Validation (Usage for an option) error naming it; nothing is guessed.
Result<DatabaseUrl> resolveDatabase(const ConfigSources &sources);
Result<QUrl> resolveApiBase(const ConfigSources &sources);
Result<EngineConfig> resolveEngine(const ConfigSources &sources);
Result<RoundsConfig> resolveRounds(const ConfigSources &sources);

// The webhook as a URL (invalid: none), refused unless https or plain http to loopback. The
// message says where the front end takes it from.
Result<QUrl> checkedWebhook(const QString &url, FrontEnd frontEnd);

} // namespace dopool::host
