#include "Change.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace dopool::coord {

std::optional<Change> Change::fromPayload(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    Change change;
    change.table = object.value(QStringLiteral("table")).toString();
    change.id = object.value(QStringLiteral("id")).toString();
    const QString op = object.value(QStringLiteral("op")).toString();
    if (op == QLatin1String("insert"))
        change.op = Op::Insert;
    else if (op == QLatin1String("update"))
        change.op = Op::Update;
    else if (op == QLatin1String("delete"))
        change.op = Op::Delete;
    else
        return std::nullopt;
    if (change.table.isEmpty())
        return std::nullopt;
    return change;
}

} // namespace dopool::coord
