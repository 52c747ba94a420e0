#pragma once

#include "EncryptionKey.h"

namespace dopool {

// The pool key as a file, for a recovery copy and for handing the key to the order-service
// (ENCRYPTION_KEY): comment lines naming the fingerprint, then the 64 hex characters.
// Written with mode 0600, never over an existing file.
Result<void> writeKeyFile(const QString &path, const EncryptionKey &key);
// Reads what writeKeyFile wrote, or any file whose only line that is not empty or a "#"
// comment is the 64-hex key. Errors never quote the file's content.
Result<EncryptionKey> readKeyFile(const QString &path);

} // namespace dopool
