#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QString>

namespace dopool {

// The pool's 32-byte AES-256 key. Never printed: only its fingerprint is.
class EncryptionKey
{
public:
    EncryptionKey() = default;

    // Parses 64 hex characters (surrounding white space ignored). Error kind Crypto with a
    // message that says what is wrong with it (length, non-hex) without echoing it.
    static Result<EncryptionKey> fromHex(const QString &hex);
    // 32 bytes from the OS's CSPRNG (OpenSSL RAND_bytes).
    static Result<EncryptionKey> generate();
    static EncryptionKey fromBytes(const QByteArray &bytes); // must be 32 bytes

    bool isValid() const { return m_bytes.size() == 32; }
    const QByteArray &bytes() const { return m_bytes; }
    QString toHex() const; // for writing to the keychain only

    // Key check value: a public, one-way identifier of the key, "ab12-cd34-ef56-7890"
    // (first 8 bytes of SHA-256("dopool key check v1" || key)). Stored in the pool and shown
    // to people so they can compare keys without revealing them.
    QString fingerprint() const;

    friend bool operator==(const EncryptionKey &, const EncryptionKey &) = default;

private:
    QByteArray m_bytes;
};

} // namespace dopool
