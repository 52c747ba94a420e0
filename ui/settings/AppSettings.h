#pragma once

#include "common/Error.h"
#include "desktop/EngineTypes.h"

#include <QCoreApplication>
#include <QSettings>
#include <QString>

namespace dopool::ui {

// What an admin sets in the Settings dialog, persisted with QSettings. Never a secret: tokens,
// the pool key and PostgreSQL passwords live in the keychain (or the environment), not here.
struct AppSettings
{
    int syncIntervalSecs = 300;  // docs/behaviour.md#sync-and-health-schedule
    int healthIntervalSecs = 60; // and check health every minute
    int utilisationThresholdPercent = 80;
    desktop::SelectionPolicy selectionPolicy = desktop::SelectionPolicy::PlanOrder;
    QString databaseUrl; // "sqlite:PATH" or "postgresql://user@host:port/db"; empty: default file
    QString webhookUrl;  // empty: no webhook
    bool notificationsEnabled = true;
    // Claim and provision the orders queued in the pool (issue #20), as `dopool-cli serve`
    // does. Off by default: a laptop that sleeps or leaves the network is not a server.
    bool provisionOrders = false;
    QString language; // empty: follow the system locale; else "en" or "id"

    static constexpr int minIntervalSecs = 10;
    static constexpr int maxIntervalSecs = 24 * 3600;

    // Reads what is stored, falling back to the defaults above for missing or unreadable
    // values (a hand-edited file never stops the app from starting).
    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    // Mode 0600 for the settings file (it may hold a webhook URL with a secret in it).
    static void restrictToOwner(const QSettings &settings);

    // Validation error naming the field, or nothing when every value is usable.
    Result<void> validate() const;

    bool operator==(const AppSettings &other) const = default;

    // Last: the macro ends in "private:".
    Q_DECLARE_TR_FUNCTIONS(dopool::ui::AppSettings)
};

} // namespace dopool::ui
