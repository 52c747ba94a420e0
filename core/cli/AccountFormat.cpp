#include "AccountFormat.h"

#include "common/TextSafety.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <cmath>

namespace dopool::cli {

namespace {
QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : CliTr::tr("never");
}

// A stored value as printed: token-shaped parts masked (a token pasted into an email, or
// echoed by a server into a status message), control characters and bidi overrides escaped.
QString shown(const QString &value)
{
    return escapeForTerminal(maskTokenShaped(value));
}

QString yesNo(bool value)
{
    return value ? CliTr::tr("yes") : CliTr::tr("no");
}
} // namespace

QJsonValue timeToJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QString capacityText(const Account &account)
{
    // No limit at all (an empty pool): nothing is used, as the desktop shows it; droplets
    // without a limit are full.
    const int percent =
        account.dropletLimit > 0
            ? int(std::lround(100.0 * account.activeDroplets / account.dropletLimit))
            : (account.activeDroplets > 0 ? 100 : 0);
    return QStringLiteral("%1/%2 (%3%)")
        .arg(account.activeDroplets)
        .arg(account.dropletLimit)
        .arg(percent);
}

QJsonObject accountToJson(const Account &a, const QString &maskedToken)
{
    QJsonObject o{
        {QStringLiteral("id"), a.id},
        {QStringLiteral("name"), a.name},
        {QStringLiteral("email"), maskTokenShaped(a.email)},
        {QStringLiteral("dropletLimit"), a.dropletLimit},
        {QStringLiteral("activeDroplets"), a.activeDroplets},
        {QStringLiteral("availableSlots"), a.availableSlots()},
        {QStringLiteral("isActive"), a.isActive},
        {QStringLiteral("isPrimary"), a.isPrimary},
        {QStringLiteral("healthStatus"), healthToDb(a.healthStatus)},
        {QStringLiteral("lastHealthCheck"), timeToJson(a.lastHealthCheck)},
        {QStringLiteral("createdAt"), timeToJson(a.createdAt)},
        {QStringLiteral("updatedAt"), timeToJson(a.updatedAt)},
        {QStringLiteral("doUuid"),
         a.doUuid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.doUuid)},
        {QStringLiteral("doStatus"),
         a.doStatus.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.doStatus)},
        {QStringLiteral("doStatusMessage"), maskTokenShaped(a.doStatusMessage)},
        {QStringLiteral("lastSyncAt"), timeToJson(a.lastSyncAt)},
        {QStringLiteral("lastError"), a.lastError.isEmpty()
                                          ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(maskTokenShaped(a.lastError))},
        {QStringLiteral("consecutiveFailures"), a.consecutiveFailures},
        {QStringLiteral("version"), a.version},
    };
    if (!maskedToken.isNull())
        o.insert(QStringLiteral("tokenMasked"), maskedToken);
    return o;
}

QString accountsToTable(const QList<Account> &accounts)
{
    if (accounts.isEmpty())
        return CliTr::tr(
            "No accounts in the pool. Add one with: dopool-cli account add --name NAME "
            "--token-stdin");
    const QStringList headers{CliTr::tr("NAME"),   CliTr::tr("EMAIL"),  CliTr::tr("CAPACITY"),
                              CliTr::tr("HEALTH"), CliTr::tr("ACTIVE"), CliTr::tr("ID")};
    QList<QStringList> rows;
    int totalUsed = 0;
    int totalLimit = 0;
    for (const Account &a : accounts) {
        rows << QStringList{(a.isPrimary ? QStringLiteral("* ") : QStringLiteral("  ")) +
                                shown(a.name),
                            shown(a.email),
                            capacityText(a),
                            healthLabel(a.healthStatus),
                            yesNo(a.isActive),
                            shown(a.id)};
        if (a.isActive) {
            totalUsed += a.activeDroplets;
            totalLimit += a.dropletLimit;
        }
    }
    // The header's first cell lines up with the names after the primary marker.
    QStringList header = headers;
    header[0] = QStringLiteral("  ") + header[0];
    QString text = textTable(header, rows) + u'\n';
    Account total;
    total.activeDroplets = totalUsed;
    total.dropletLimit = totalLimit;
    text +=
        CliTr::tr("Total capacity (active accounts): %1    * = primary").arg(capacityText(total));
    return text;
}

QString textTable(const QStringList &headers, const QList<QStringList> &givenRows)
{
    // Every cell one inert line: a line break or an escape code in a value from DO or from
    // another program's row cannot forge a row or drive the terminal.
    QList<QStringList> rows;
    rows.reserve(givenRows.size());
    for (const QStringList &row : givenRows) {
        QStringList cells;
        for (const QString &cell : row)
            cells << escapeForTerminal(cell);
        rows << cells;
    }
    QList<qsizetype> widths;
    for (qsizetype c = 0; c < headers.size(); ++c) {
        qsizetype w = headers.at(c).size();
        for (const QStringList &row : rows)
            w = std::max(w, row.at(c).size());
        widths << w;
    }
    auto line = [&](const QStringList &cells) {
        QString out;
        for (qsizetype c = 0; c < cells.size(); ++c)
            out += c + 1 < cells.size() ? cells.at(c).leftJustified(widths.at(c) + 2) : cells.at(c);
        return out;
    };
    QStringList lines{line(headers)};
    for (const QStringList &row : rows)
        lines << line(row);
    return lines.join(u'\n');
}

QString accountToText(const Account &a, const QString &maskedToken)
{
    QString text;
    auto row = [&text](const QString &label, const QString &value) {
        text += label.leftJustified(22) + value + u'\n';
    };
    row(CliTr::tr("Name:"), shown(a.name));
    row(CliTr::tr("ID:"), shown(a.id));
    row(CliTr::tr("Email:"), shown(a.email));
    row(CliTr::tr("Token:"), maskedToken);
    row(CliTr::tr("Capacity:"), capacityText(a));
    row(CliTr::tr("Primary:"), yesNo(a.isPrimary));
    row(CliTr::tr("Active:"), yesNo(a.isActive));
    row(CliTr::tr("Health:"), healthLabel(a.healthStatus));
    row(CliTr::tr("Last health check:"), timeText(a.lastHealthCheck));
    row(CliTr::tr("Last sync:"), timeText(a.lastSyncAt));
    if (!a.doUuid.isEmpty())
        row(CliTr::tr("DO account uuid:"), shown(a.doUuid));
    if (!a.doStatus.isEmpty())
        row(CliTr::tr("DO status:"),
            shown(a.doStatusMessage.isEmpty()
                      ? a.doStatus
                      : a.doStatus + QStringLiteral(" — ") + a.doStatusMessage));
    if (!a.lastError.isEmpty())
        row(CliTr::tr("Last error:"), shown(a.lastError));
    row(CliTr::tr("Created:"), timeText(a.createdAt));
    row(CliTr::tr("Updated:"), timeText(a.updatedAt));
    return text;
}

} // namespace dopool::cli
