#include "KeyFile.h"

#include "common/Translate.h"

#include <QFile>
#include <QFileInfo>

namespace dopool {

namespace {
constexpr qint64 MaxKeyFileBytes = 4096; // a key file is a few lines; anything else is not one
}

Result<void> writeKeyFile(const QString &path, const EncryptionKey &key)
{
    if (!key.isValid())
        return makeError(ErrorKind::Crypto, CoreTr::tr("there is no valid key to export"));
    QFile file(path);
    // NewOnly: a recovery copy never replaces another file (perhaps another pool's key).
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (QFileInfo::exists(path))
            return makeError(ErrorKind::Usage,
                             CoreTr::tr("%1 already exists; the key is never written over a file. "
                                        "Choose a new file name")
                                 .arg(path));
        // A file system failure (no such folder, no permission, disk full) is a storage
        // failure (exit 5), not a key problem.
        return makeError(ErrorKind::Store,
                         CoreTr::tr("cannot create %1: %2").arg(path, file.errorString()));
    }
    const QByteArray text = "# DO Account Pool key, fingerprint " + key.fingerprint().toLatin1() +
                            "\n# The order-service's ENCRYPTION_KEY. Keep this file offline.\n" +
                            key.toHex().toLatin1() + '\n';
    if (file.write(text) != text.size() || !file.flush()) {
        const QString why = file.errorString();
        file.close();
        file.remove(); // half a key file is worse than none
        return makeError(ErrorKind::Store, CoreTr::tr("cannot write %1: %2").arg(path, why));
    }
    file.close();
    return {};
}

Result<EncryptionKey> readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorKind::Usage,
            CoreTr::tr("cannot read the key file %1: %2").arg(path, file.errorString()));
    const QByteArray content = file.read(MaxKeyFileBytes + 1);
    if (content.size() > MaxKeyFileBytes)
        return makeError(ErrorKind::Crypto,
                         CoreTr::tr("%1 is not a key file (too large)").arg(path));
    QStringList lines;
    for (const QByteArray &raw : content.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#'))
            lines << line;
    }
    if (lines.size() != 1)
        return makeError(ErrorKind::Crypto,
                         CoreTr::tr("%1 is not a key file: it must hold exactly one line with the "
                                    "64-hex key")
                             .arg(path));
    auto key = EncryptionKey::fromHex(lines.first());
    if (!key)
        return makeError(
            ErrorKind::Crypto,
            CoreTr::tr("the key in %1 is malformed: %2").arg(path, key.error().message));
    return key;
}

} // namespace dopool
