#pragma once

#include "EncryptionKey.h"

namespace dopool {

// AES-256-GCM in the order-service's EncryptionService format:
//   hex(iv 16 bytes) ":" hex(auth tag 16 bytes) ":" hex(ciphertext)
// lower-case hex, UTF-8 plaintext, no AAD. Byte-compatible with Node's crypto both ways.
class TokenCipher
{
public:
    explicit TokenCipher(EncryptionKey key);

    Result<QString> encrypt(const QString &plaintext) const;
    // Errors (kind Crypto), each distinct:
    //  - malformed ciphertext (not three hex fields, wrong IV/tag length)
    //  - authentication failed: wrong key or tampered ciphertext (GCM cannot tell which;
    //    callers that know the pool's key check value say which it is)
    Result<QString> decrypt(const QString &ciphertext) const;

    const EncryptionKey &key() const { return m_key; }

    // Test seam: a fixed IV so vectors are reproducible. Never used by product code.
    Result<QString> encryptWithIv(const QString &plaintext, const QByteArray &iv) const;

private:
    EncryptionKey m_key;
};

} // namespace dopool
