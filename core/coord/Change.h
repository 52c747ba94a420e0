#pragma once

#include <QMetaType>
#include <QString>
#include <optional>

namespace dopool::coord {

// One row changed somewhere in the shared pool (by any instance, or the order-service), as
// announced by the database's triggers: which table, what happened and the row's id. A
// desktop reloads only that row. Never carries column values (tokens stay in the table).
struct Change
{
    enum class Op
    {
        Insert,
        Update,
        Delete
    };
    QString table; // do_accounts, alerts, provisioning_tasks, audit_log
    Op op = Op::Update;
    QString id; // the row's id (uuid, or the audit_log number)

    // Parses a dopool_changes payload ({"table":..,"op":"insert|update|delete","id":..}).
    static std::optional<Change> fromPayload(const QByteArray &json);
};

// LISTEN/NOTIFY channel the triggers of schema version 4 notify.
inline QString changeChannel()
{
    return QStringLiteral("dopool_changes");
}

// The order queue's channel (schema version 8): {"id","order_id","status"} per task inserted,
// status change and deletion; the order-service listens on it too (docs/order-service.md).
inline QString orderChannel()
{
    return QStringLiteral("dopool_orders");
}

} // namespace dopool::coord

Q_DECLARE_METATYPE(dopool::coord::Change)
