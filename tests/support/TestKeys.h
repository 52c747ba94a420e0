#pragma once

// Test-only, header-only: made-up pool keys (64 hex digits, AES-256) and DigitalOcean-shaped
// tokens. Built from a short pattern so a test's constants say how they differ from each
// other instead of being 64 digits of noise; none of them is a real secret.

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace dopool::testkeys {

// Bytes 00, 01, ... 1f: the key the crypto tests share with Node's reference implementation.
inline const QString kSequentialKeyHex =
    QStringLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

// A 64-hex key: `pattern` repeated, cut at 64 digits.
inline QString hexKey(QStringView pattern)
{
    QString key;
    while (key.size() < 64)
        key += pattern;
    return key.left(64);
}

// A token in DigitalOcean's shape: "dop_v1_" and 64 hex digits of `pattern`.
inline QString doToken(QStringView pattern)
{
    return QStringLiteral("dop_v1_") + hexKey(pattern);
}

// Test token number `n`: "dop_v1_", then n right-aligned in 64 digits padded with `fill`
// (each test file its own fill digit, so tokens of different tests never collide).
inline QByteArray numberedToken(int n, char fill)
{
    return QByteArray("dop_v1_") + QByteArray::number(n).rightJustified(64, fill);
}

} // namespace dopool::testkeys
