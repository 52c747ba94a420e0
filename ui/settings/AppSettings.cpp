#include "AppSettings.h"

#include "common/ApiBaseUrl.h"
#include "desktop/EngineTypes.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace dopool::ui {

namespace {

int boundedInt(const QSettings &settings, const QString &key, int fallback, int min, int max)
{
    bool ok = false;
    const int value = settings.value(key, fallback).toInt(&ok);
    return ok && value >= min && value <= max ? value : fallback;
}

const QString kSyncInterval = QStringLiteral("schedule/syncIntervalSecs");
const QString kHealthInterval = QStringLiteral("schedule/healthIntervalSecs");
const QString kThreshold = QStringLiteral("alerts/utilisationThresholdPercent");
const QString kPolicy = QStringLiteral("selection/policy");
const QString kDatabase = QStringLiteral("database/url");
const QString kWebhook = QStringLiteral("alerts/webhookUrl");
const QString kNotifications = QStringLiteral("alerts/notifications");
const QString kLanguage = QStringLiteral("ui/language");
const QString kProvisionOrders = QStringLiteral("orders/provisionQueued");

} // namespace

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    s.syncIntervalSecs =
        boundedInt(settings, kSyncInterval, s.syncIntervalSecs, minIntervalSecs, maxIntervalSecs);
    s.healthIntervalSecs = boundedInt(settings, kHealthInterval, s.healthIntervalSecs,
                                      minIntervalSecs, maxIntervalSecs);
    s.utilisationThresholdPercent =
        boundedInt(settings, kThreshold, s.utilisationThresholdPercent, 1, 100);
    if (const auto policy = desktop::selectionPolicyFromName(settings.value(kPolicy).toString()))
        s.selectionPolicy = *policy;
    s.databaseUrl = settings.value(kDatabase).toString().trimmed();
    s.webhookUrl = settings.value(kWebhook).toString().trimmed();
    s.notificationsEnabled = settings.value(kNotifications, true).toBool();
    s.provisionOrders = settings.value(kProvisionOrders, false).toBool();
    const QString language = settings.value(kLanguage).toString();
    if (language == QLatin1String("en") || language == QLatin1String("id"))
        s.language = language;
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(kSyncInterval, syncIntervalSecs);
    settings.setValue(kHealthInterval, healthIntervalSecs);
    settings.setValue(kThreshold, utilisationThresholdPercent);
    settings.setValue(kPolicy, desktop::selectionPolicyName(selectionPolicy));
    settings.setValue(kDatabase, databaseUrl);
    settings.setValue(kWebhook, webhookUrl);
    settings.setValue(kNotifications, notificationsEnabled);
    settings.setValue(kProvisionOrders, provisionOrders);
    settings.setValue(kLanguage, language);
    settings.sync();
    restrictToOwner(settings);
}

void AppSettings::restrictToOwner(const QSettings &settings)
{
    // The webhook URL may carry the notification service's API key: owner only, like the
    // SQLite pool file.
    const QString path = settings.fileName();
    if (QFileInfo::exists(path))
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

Result<void> AppSettings::validate() const
{
    if (syncIntervalSecs < minIntervalSecs || syncIntervalSecs > maxIntervalSecs ||
        healthIntervalSecs < minIntervalSecs || healthIntervalSecs > maxIntervalSecs)
        return makeError(ErrorKind::Validation,
                         tr("Intervals must be from %1 seconds to 24 hours").arg(minIntervalSecs));
    if (utilisationThresholdPercent < 1 || utilisationThresholdPercent > 100)
        return makeError(ErrorKind::Validation,
                         tr("The utilisation threshold must be from 1 to 100 %"));
    if (!databaseUrl.isEmpty()) {
        if (const auto url = DatabaseUrl::parse(databaseUrl); !url)
            return url.error();
    }
    if (!webhookUrl.isEmpty()) {
        const QUrl url(webhookUrl, QUrl::StrictMode);
        if (!url.isValid() || !isSafeTransportUrl(url))
            return makeError(ErrorKind::Validation,
                             tr("The webhook URL must be https:// (or http:// to this machine)"));
    }
    if (!language.isEmpty() && language != QLatin1String("en") && language != QLatin1String("id"))
        return makeError(ErrorKind::Validation, tr("Unknown language: %1").arg(language));
    return {};
}

} // namespace dopool::ui
