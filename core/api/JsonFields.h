#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace dopool::api {

enum class Presence
{
    Required,
    Optional
};

// Reads typed fields out of one JSON object of a DO reply. The first missing required
// field or wrong type is remembered as a readable problem ("droplets[2].id is a string,
// expected a whole number"); later reads then return their fallbacks, so parsers read
// straight through and check ok() once. An optional field may be absent or null.
class FieldReader
{
public:
    FieldReader(QJsonObject object, QString path);

    // Every string DO sends is made safe here (safeFromApi, TextSafety.h): control characters
    // and bidi overrides escaped, token-shaped parts masked, and a value over maxChars cut
    // with a marker and noted in cutFields(). The limits are ApiTypes.h's FieldLimit.
    QString string(const char *key, Presence presence, qsizetype maxChars = 255);
    bool boolean(const char *key, Presence presence, bool fallback = false);
    // Whole number in [min, max]; fallback when optional and absent/null, or after a failure.
    qint64 integer(const char *key, Presence presence, qint64 min, qint64 max, qint64 fallback = 0);
    // Any finite number in [min, max] (prices); fallback as for integer().
    double number(const char *key, Presence presence, double min, double max, double fallback = 0);
    QDateTime dateTime(const char *key, Presence presence); // ISO 8601, UTC
    QStringList stringList(const char *key, Presence presence, qsizetype maxChars = 255);
    QJsonArray array(const char *key, Presence presence);
    // A nested object's reader; when absent (and optional) it reads like an empty object.
    FieldReader object(const char *key, Presence presence);

    // Take over a nested reader's problem, if it has one and this reader has none yet, and
    // its cut fields.
    void absorb(const FieldReader &nested);
    // The fields DO sent longer than their limit: "account.email (300 characters, at most
    // 255)". Their values were cut, not refused: a DO fault to record, not to fail on.
    const QStringList &cutFields() const { return m_cut; }
    void fail(const QString &problem);

    bool ok() const { return m_problem.isEmpty(); }
    const QString &problem() const { return m_problem; }
    const QString &path() const { return m_path; }
    bool has(const char *key) const;

private:
    // The value, or an undefined one when absent, null or after a failure (recording a
    // "missing" problem when required).
    QJsonValue take(const char *key, Presence presence);
    void wrongType(const char *key, const QJsonValue &value, const QString &expected);
    QString fieldPath(const char *key) const;
    QString safeText(const QString &path, const QString &text, qsizetype maxChars);

    QJsonObject m_object;
    QString m_path;
    QString m_problem;
    QStringList m_cut;
};

QString jsonTypeName(const QJsonValue &value);

} // namespace dopool::api
