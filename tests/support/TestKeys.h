#pragma once

// Test-only, header-only: made-up pool keys (64 hex digits, AES-256) and DigitalOcean-shaped
// tokens. Built from a short pattern so a test's constants say how they differ from each
// other instead of being 64 digits of noise; none of them is a real secret.

#include <QString>
#include <QStringView>

namespace dopool::testkeys {

// Bytes 00, 01, ... 1f: the key the crypto tests share with Node's reference implementation.
inline const QString kSequentialKeyHex =
    QStringLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

// A 64-hex key: `pattern` (a length that divides 64) repeated.
inline QString hexKey(QStringView pattern)
{
    QString key;
    while (key.size() < 64)
        key += pattern;
    return key;
}

// A token in DigitalOcean's shape: "dop_v1_" and 64 hex digits of `pattern`.
inline QString doToken(QStringView pattern)
{
    return QStringLiteral("dop_v1_") + hexKey(pattern);
}

} // namespace dopool::testkeys
