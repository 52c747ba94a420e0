#include "TokenCipher.h"

#include "common/Logging.h"

#include <QStringDecoder>
#include <climits>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <optional>

namespace dopool {

namespace {

// Node's order-service uses a 16-byte IV, not GCM's customary 12: both ends must agree.
constexpr int IvBytes = 16;
constexpr int TagBytes = 16;

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

unsigned char *bytesOf(QByteArray &a)
{
    return reinterpret_cast<unsigned char *>(a.data());
}

const unsigned char *bytesOf(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

Error cryptoError(const QString &message)
{
    return makeError(ErrorKind::Crypto, message);
}

// OpenSSL's failure detail names the failing routine, never data; it is useful in the log.
Error opensslFailure(const char *what)
{
    const unsigned long code = ERR_get_error();
    char detail[256] = {};
    ERR_error_string_n(code, detail, sizeof detail);
    ERR_clear_error();
    qCWarning(lcCrypto) << "OpenSSL failure in" << what << ":" << detail;
    return cryptoError(QStringLiteral("internal encryption error (%1)").arg(QLatin1String(what)));
}

Error malformed(const QString &why)
{
    return cryptoError(QStringLiteral("the stored token ciphertext is malformed: ") + why);
}

Error authenticationFailed()
{
    return cryptoError(QStringLiteral("the token could not be decrypted: wrong encryption key or "
                                      "the stored ciphertext was altered"));
}

// QByteArray::fromHex skips junk silently; a stored ciphertext must be exactly hex.
std::optional<QByteArray> decodeHex(QStringView field)
{
    if (field.size() % 2 != 0)
        return std::nullopt;
    for (QChar c : field) {
        const char16_t u = c.unicode();
        const bool hex =
            (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
        if (!hex)
            return std::nullopt;
    }
    return QByteArray::fromHex(field.toLatin1());
}

CipherCtx newGcmContext(const EncryptionKey &key, const QByteArray &iv, bool encrypt)
{
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return ctx;
    if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr,
                          encrypt ? 1 : 0) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, IvBytes, nullptr) != 1 ||
        EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, bytesOf(key.bytes()), bytesOf(iv), -1) != 1)
        ctx.reset();
    return ctx;
}

} // namespace

TokenCipher::TokenCipher(EncryptionKey key)
    : m_key(std::move(key))
{}

Result<QString> TokenCipher::encrypt(const QString &plaintext) const
{
    QByteArray iv(IvBytes, Qt::Uninitialized);
    if (RAND_bytes(bytesOf(iv), IvBytes) != 1)
        return opensslFailure("RAND_bytes");
    return encryptWithIv(plaintext, iv);
}

Result<QString> TokenCipher::encryptWithIv(const QString &plaintext, const QByteArray &iv) const
{
    if (!m_key.isValid())
        return cryptoError(QStringLiteral("cannot encrypt: no valid encryption key"));
    if (iv.size() != IvBytes)
        return cryptoError(QStringLiteral("cannot encrypt: the IV must be %1 bytes").arg(IvBytes));
    QByteArray clear = plaintext.toUtf8();
    if (clear.size() > INT_MAX - TagBytes)
        return cryptoError(QStringLiteral("cannot encrypt: the text is too long"));

    const CipherCtx ctx = newGcmContext(m_key, iv, true);
    if (!ctx)
        return opensslFailure("EVP_EncryptInit_ex");
    // GCM is a stream mode: ciphertext is exactly as long as the plaintext.
    QByteArray sealed(clear.size(), Qt::Uninitialized);
    int len = 0;
    int finalLen = 0;
    QByteArray tag(TagBytes, Qt::Uninitialized);
    const bool ok = EVP_EncryptUpdate(ctx.get(), bytesOf(sealed), &len, bytesOf(clear),
                                      int(clear.size())) == 1 &&
                    EVP_EncryptFinal_ex(ctx.get(), bytesOf(sealed) + len, &finalLen) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, tag.data()) == 1;
    OPENSSL_cleanse(clear.data(), size_t(clear.size()));
    if (!ok)
        return opensslFailure("EVP_Encrypt");
    sealed.truncate(len + finalLen);
    QByteArray out = iv.toHex();
    out += ':';
    out += tag.toHex();
    out += ':';
    out += sealed.toHex();
    return QString::fromLatin1(out);
}

Result<QString> TokenCipher::decrypt(const QString &ciphertext) const
{
    if (!m_key.isValid())
        return cryptoError(QStringLiteral("cannot decrypt: no valid encryption key"));
    const QList<QStringView> fields = QStringView(ciphertext).split(u':');
    if (fields.size() != 3)
        return malformed(
            QStringLiteral("expected 3 ':'-separated fields, found %1").arg(fields.size()));
    const std::optional<QByteArray> iv = decodeHex(fields[0]);
    std::optional<QByteArray> tag = decodeHex(fields[1]);
    const std::optional<QByteArray> sealed = decodeHex(fields[2]);
    if (!iv || !tag || !sealed)
        return malformed(QStringLiteral("a field is not an even-length hexadecimal string"));
    if (iv->size() != IvBytes)
        return malformed(
            QStringLiteral("the IV is %1 bytes, expected %2").arg(iv->size()).arg(IvBytes));
    if (tag->size() != TagBytes)
        return malformed(QStringLiteral("the authentication tag is %1 bytes, expected %2")
                             .arg(tag->size())
                             .arg(TagBytes));
    if (sealed->size() > INT_MAX)
        return malformed(QStringLiteral("the ciphertext is too long"));

    const CipherCtx ctx = newGcmContext(m_key, *iv, false);
    if (!ctx)
        return opensslFailure("EVP_DecryptInit_ex");
    const int sealedLen = int(sealed->size());
    QByteArray clear(sealedLen, Qt::Uninitialized);
    int len = 0;
    int finalLen = 0;
    if (EVP_DecryptUpdate(ctx.get(), bytesOf(clear), &len, bytesOf(*sealed), sealedLen) != 1)
        return opensslFailure("EVP_DecryptUpdate");
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, tag->data()) != 1)
        return opensslFailure("EVP_CTRL_GCM_SET_TAG");
    if (EVP_DecryptFinal_ex(ctx.get(), bytesOf(clear) + len, &finalLen) != 1) {
        // The update already wrote unauthenticated plaintext: wipe it rather than leave it.
        OPENSSL_cleanse(clear.data(), size_t(clear.size()));
        ERR_clear_error();
        qCDebug(lcCrypto) << "GCM authentication failed";
        return authenticationFailed();
    }
    clear.truncate(len + finalLen);

    // Keep a leading BOM as Node's utf8 decoding does: it is part of the token's text.
    QStringDecoder utf8(QStringDecoder::Utf8,
                        QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = utf8(clear);
    OPENSSL_cleanse(clear.data(), size_t(clear.size()));
    if (utf8.hasError())
        return cryptoError(QStringLiteral("the token decrypted to bytes that are not UTF-8 text"));
    return text;
}

} // namespace dopool
