#include "EncryptionKey.h"

#include "common/Logging.h"

#include <QCryptographicHash>
#include <algorithm>
#include <openssl/rand.h>

namespace dopool {

namespace {

constexpr qsizetype KeyBytes = 32;

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

} // namespace

Result<EncryptionKey> EncryptionKey::fromHex(const QString &hex)
{
    const QString trimmed = hex.trimmed();
    if (trimmed.size() != KeyBytes * 2) {
        return makeError(ErrorKind::Crypto,
                         QStringLiteral("ENCRYPTION_KEY must be 64 hexadecimal characters (32 "
                                        "bytes); got %1 characters")
                             .arg(trimmed.size()));
    }
    const auto nonHex =
        std::count_if(trimmed.cbegin(), trimmed.cend(), [](QChar c) { return !isHexDigit(c); });
    if (nonHex > 0) {
        // The count and nothing else: the position or the character would leak key material.
        return makeError(ErrorKind::Crypto,
                         QStringLiteral("ENCRYPTION_KEY must contain only hexadecimal characters "
                                        "(0-9, a-f); it has %1 other character(s)")
                             .arg(nonHex));
    }
    return fromBytes(QByteArray::fromHex(trimmed.toLatin1()));
}

Result<EncryptionKey> EncryptionKey::generate()
{
    QByteArray bytes(KeyBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(KeyBytes)) != 1) {
        qCWarning(lcCrypto) << "RAND_bytes failed while generating a key";
        return makeError(ErrorKind::Crypto,
                         QStringLiteral("could not generate an encryption key: the system's "
                                        "random number generator failed"));
    }
    return fromBytes(bytes);
}

EncryptionKey EncryptionKey::fromBytes(const QByteArray &bytes)
{
    EncryptionKey key;
    if (bytes.size() != KeyBytes) {
        qCWarning(lcCrypto) << "rejected an encryption key of" << bytes.size() << "bytes";
        return key;
    }
    key.m_bytes = bytes;
    return key;
}

QString EncryptionKey::toHex() const
{
    return QString::fromLatin1(m_bytes.toHex());
}

QString EncryptionKey::fingerprint() const
{
    if (!isValid())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("dopool key check v1"));
    hash.addData(m_bytes);
    const QByteArray hex = hash.result().left(8).toHex();
    QString out;
    for (qsizetype i = 0; i < hex.size(); i += 4) {
        if (i > 0)
            out += u'-';
        out += QLatin1String(hex.mid(i, 4));
    }
    return out;
}

} // namespace dopool
