#include "JsonFields.h"

#include "common/TextSafety.h"
#include "common/Translate.h"

#include <QCoreApplication>

namespace dopool::api {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

FieldReader::FieldReader(QJsonObject object, QString path)
    : m_object(std::move(object))
    , m_path(std::move(path))
{}

QString FieldReader::fieldPath(const char *key) const
{
    const QString name = QString::fromLatin1(key);
    if (m_path.isEmpty())
        return name;
    QString full = m_path;
    full.append(QLatin1Char('.'));
    full.append(name);
    return full;
}

bool FieldReader::has(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    return !value.isUndefined() && !value.isNull();
}

void FieldReader::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

void FieldReader::absorb(const FieldReader &nested)
{
    if (!nested.ok())
        fail(nested.problem());
    m_cut << nested.m_cut;
}

void FieldReader::wrongType(const char *key, const QJsonValue &value, const QString &expected)
{
    fail(CoreTr::tr("%1 is %2, expected %3").arg(fieldPath(key), jsonTypeName(value), expected));
}

QJsonValue FieldReader::take(const char *key, Presence presence)
{
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        if (presence == Presence::Required)
            fail(CoreTr::tr("%1 is missing").arg(fieldPath(key)));
        return QJsonValue(QJsonValue::Undefined);
    }
    return value;
}

QString FieldReader::string(const char *key, Presence presence, qsizetype maxChars)
{
    const QJsonValue value = take(key, presence);
    if (value.isUndefined())
        return {};
    if (!value.isString()) {
        wrongType(key, value, CoreTr::tr("a string"));
        return {};
    }
    return safeText(fieldPath(key), value.toString(), maxChars);
}

QString FieldReader::safeText(const QString &path, const QString &text, qsizetype maxChars)
{
    SafeText safe = safeFromApi(text, maxChars);
    if (safe.cut) {
        m_cut << CoreTr::tr("%1 (%2 characters, at most %3)")
                     .arg(path)
                     .arg(safe.originalChars)
                     .arg(maxChars);
    }
    return std::move(safe.text);
}

bool FieldReader::boolean(const char *key, Presence presence, bool fallback)
{
    const QJsonValue value = take(key, presence);
    if (value.isUndefined())
        return fallback;
    if (!value.isBool()) {
        wrongType(key, value, CoreTr::tr("true or false"));
        return fallback;
    }
    return value.toBool();
}

qint64 FieldReader::integer(const char *key, Presence presence, qint64 min, qint64 max,
                            qint64 fallback)
{
    const QJsonValue value = take(key, presence);
    if (value.isUndefined())
        return fallback;
    const QString expected = CoreTr::tr("a whole number from %1 to %2").arg(min).arg(max);
    // toInteger() answers its default for fractions and out-of-range numbers: two different
    // defaults agree only for a real whole number.
    const qint64 number = value.toInteger(0);
    if (!value.isDouble() || number != value.toInteger(1)) {
        wrongType(key, value, expected);
        return fallback;
    }
    if (number < min || number > max) {
        fail(CoreTr::tr("%1 is %2, expected %3").arg(fieldPath(key)).arg(number).arg(expected));
        return fallback;
    }
    return number;
}

double FieldReader::number(const char *key, Presence presence, double min, double max,
                           double fallback)
{
    const QJsonValue value = take(key, presence);
    if (value.isUndefined())
        return fallback;
    const QString expected = CoreTr::tr("a number from %1 to %2").arg(min).arg(max);
    if (!value.isDouble()) {
        wrongType(key, value, expected);
        return fallback;
    }
    const double number = value.toDouble();
    if (!(number >= min && number <= max)) {
        fail(CoreTr::tr("%1 is %2, expected %3").arg(fieldPath(key)).arg(number).arg(expected));
        return fallback;
    }
    return number;
}

QDateTime FieldReader::dateTime(const char *key, Presence presence)
{
    const QString text = string(key, presence);
    if (text.isEmpty())
        return {};
    const QDateTime when = QDateTime::fromString(text, Qt::ISODate);
    if (!when.isValid()) {
        fail(CoreTr::tr("%1 is not an ISO 8601 date and time").arg(fieldPath(key)));
        return {};
    }
    return when.toUTC();
}

QJsonArray FieldReader::array(const char *key, Presence presence)
{
    const QJsonValue value = take(key, presence);
    if (value.isUndefined())
        return {};
    if (!value.isArray()) {
        wrongType(key, value, CoreTr::tr("an array"));
        return {};
    }
    return value.toArray();
}

QStringList FieldReader::stringList(const char *key, Presence presence, qsizetype maxChars)
{
    const QJsonArray items = array(key, presence);
    QStringList list;
    list.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            fail(CoreTr::tr("%1[%2] is %3, expected a string")
                     .arg(fieldPath(key))
                     .arg(i)
                     .arg(jsonTypeName(items.at(i))));
            return {};
        }
        list.append(safeText(QStringLiteral("%1[%2]").arg(fieldPath(key)).arg(i),
                             items.at(i).toString(), maxChars));
    }
    return list;
}

FieldReader FieldReader::object(const char *key, Presence presence)
{
    const QJsonValue value = take(key, presence);
    FieldReader nested(value.isObject() ? value.toObject() : QJsonObject(), fieldPath(key));
    if (!value.isUndefined() && !value.isObject())
        wrongType(key, value, CoreTr::tr("an object"));
    return nested;
}

} // namespace dopool::api
