#pragma once

#include "model/PoolRecords.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlQuery;

namespace dopool {

class SqlDialect;

// Helpers shared by the engine-state part of SqlStore (SqlStoreEngine.cpp, SqlStoreRecords.cpp).
namespace EngineRows {

// Lower-case, brace-less form of a uuid, or empty when text is not one.
QString canonicalUuid(const QString &text);
// Whether text is a uuid exactly in that form (how ids are stored): what an account look-up
// takes as an id. Anything else (upper case, braces) is a name, so a name can never pose as
// another account's id by its spelling.
bool isCanonicalUuid(const QString &text);
QString newUuid();
// What we store has millisecond precision; hand back exactly what a later read returns.
QDateTime toStoredTime(const QDateTime &time);
// " LIMIT ?" with limit appended to values, or nothing when limit <= 0 (no limit).
QString limitClause(int limit, QVariantList &values);

} // namespace EngineRows

// provisioning_tasks <-> ProvisioningTask.
namespace TaskRow {

// "SELECT <this> FROM provisioning_tasks ..." in the order read() expects.
QString selectList(const SqlDialect &dialect);
ProvisioningTask read(const QSqlQuery &query);

// The columns an insert or update writes besides id and created_at, in the order of
// writableValues().
const QStringList &writableColumns();
QVariantList writableValues(const ProvisioningTask &task, const SqlDialect &dialect);

} // namespace TaskRow

// alerts <-> Alert.
namespace AlertRow {

QString selectList(const SqlDialect &dialect);
// std::nullopt for a row of a kind or severity this dopool does not know (a newer one wrote it).
std::optional<Alert> read(const QSqlQuery &query);
// Compact JSON text, as stored in alerts.details.
QString detailsText(const QJsonObject &details);

} // namespace AlertRow

} // namespace dopool
