#pragma once

#include "common/Error.h"

#include <QGroupBox>
#include <functional>

class QLabel;
class QPushButton;

namespace dopool::ui {

class StatusLabel;

// Pool -> Pool Key: the pool key's fingerprint (never the key), Export... to a new file
// (mode 0600, never over an existing one) for a recovery copy or the order-service's
// ENCRYPTION_KEY, and Import... of such a file into the keychain (checked against the pool
// first). The operations and the file chooser are injected: the engine does the work, tests
// script the choice.
class PoolKeyBox : public QGroupBox
{
    Q_OBJECT
public:
    using KeyFileAction = std::function<void(const QString &path, QObject *context,
                                             std::function<void(dopool::Result<QString>)> done)>;
    // Asks for a file: to create (save = true) or to read. Empty: cancelled.
    using FileChooser = std::function<QString(QWidget *parent, bool save)>;

    PoolKeyBox(const QString &fingerprint, KeyFileAction exportKey, KeyFileAction importKey,
               QWidget *parent = nullptr);

    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    QString statusText() const;

private:
    void run(bool exporting);

    KeyFileAction m_export;
    KeyFileAction m_import;
    FileChooser m_chooser;
    QLabel *m_fingerprint = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_importButton = nullptr;
    StatusLabel *m_status = nullptr;
};

} // namespace dopool::ui
