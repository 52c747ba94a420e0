#pragma once

#include "model/Account.h"

#include <QJsonObject>
#include <QList>

namespace dopool::cli {

// JSON in the Prisma model's camelCase; maskedToken added only when given (account show).
QJsonObject accountToJson(const Account &account, const QString &maskedToken = QString());
QString accountsToTable(const QList<Account> &accounts);
QString accountToText(const Account &account, const QString &maskedToken);
QString capacityText(const Account &account); // "20/25 (80%)"
QJsonValue timeToJson(const QDateTime &time); // ISO-8601 UTC or null
// Columns padded to their widest cell, two spaces apart; lines joined by '\n', none at the end.
QString textTable(const QStringList &headers, const QList<QStringList> &rows);

} // namespace dopool::cli
