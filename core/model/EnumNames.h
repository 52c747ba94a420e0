#pragma once

#include <QLatin1String>
#include <QString>
#include <cstddef>
#include <optional>

namespace dopool {

// One row of a table that names the values of an enum as they are stored in the database.
template <typename Enum> struct EnumName
{
    Enum value;
    const char *name;
};

// The stored name of `value`. A value missing from the table (a bad cast) gets the name of the
// table's last row, so the last row is the enum's fallback.
template <typename Enum, std::size_t N>
QString enumToName(const EnumName<Enum> (&table)[N], Enum value)
{
    for (const auto &row : table) {
        if (row.value == value)
            return QString::fromLatin1(row.name);
    }
    return QString::fromLatin1(table[N - 1].name);
}

// The value stored as `text` (case-sensitive), or nothing when no row has that name.
template <typename Enum, std::size_t N>
std::optional<Enum> enumFromName(const EnumName<Enum> (&table)[N], const QString &text)
{
    for (const auto &row : table) {
        if (text == QLatin1String(row.name))
            return row.value;
    }
    return std::nullopt;
}

} // namespace dopool
