#pragma once

#include "model/Account.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlQuery;

namespace dopool {

class SqlDialect;

// The mapping between Account and a do_accounts row, written once for both backends.
namespace AccountRow {

// "SELECT <this> FROM do_accounts ..." in the order read() expects.
QString selectList(const SqlDialect &dialect);
Account read(const QSqlQuery &query);

// The columns an insert or update writes besides id, created_at and version, in the order of
// writableValues().
const QStringList &writableColumns();
QVariantList writableValues(const Account &account, const SqlDialect &dialect);

} // namespace AccountRow

} // namespace dopool
