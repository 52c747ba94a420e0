#include "PoolKeyBox.h"

#include "dialogs/StatusLabel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace dopool::ui {

namespace {
QString chooseWithDialog(QWidget *parent, bool save)
{
    if (save)
        return QFileDialog::getSaveFileName(
            parent, PoolKeyBox::tr("Export the pool key"), QStringLiteral("dopool-pool-key.txt"),
            PoolKeyBox::tr("Key files (*.txt *.key);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
    return QFileDialog::getOpenFileName(parent, PoolKeyBox::tr("Import a pool key"), QString(),
                                        PoolKeyBox::tr("Key files (*.txt *.key);;All files (*)"));
}
} // namespace

PoolKeyBox::PoolKeyBox(const QString &fingerprint, KeyFileAction exportKey, KeyFileAction importKey,
                       QWidget *parent)
    : QGroupBox(tr("Pool key"), parent)
    , m_export(std::move(exportKey))
    , m_import(std::move(importKey))
    , m_chooser(chooseWithDialog)
{
    setObjectName(QStringLiteral("poolKeyBox"));
    setAccessibleName(title());
    m_fingerprint = new QLabel(fingerprint, this);
    m_fingerprint->setObjectName(QStringLiteral("keyFingerprint"));
    m_fingerprint->setAccessibleName(tr("Pool key fingerprint"));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportButton = new QPushButton(tr("E&xport…"), this);
    m_exportButton->setObjectName(QStringLiteral("exportKeyButton"));
    m_exportButton->setAccessibleName(tr("Export the pool key to a new file"));
    m_importButton = new QPushButton(tr("I&mport…"), this);
    m_importButton->setObjectName(QStringLiteral("importKeyButton"));
    m_importButton->setAccessibleName(tr("Import the pool key from a file"));
    m_status = new StatusLabel(this);
    m_status->setObjectName(QStringLiteral("keyStatus"));
    m_status->setAccessibleName(tr("Pool key status"));
    m_status->setWordWrap(true);

    // One row, and the why in a tooltip: the settings dialog must fit a small laptop screen.
    const QString why = tr("Keep an exported copy offline (a password manager): without the key "
                           "no token of this pool can be read. The order-service needs it as "
                           "ENCRYPTION_KEY.");
    setToolTip(why);
    m_exportButton->setToolTip(why);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Fingerprint:"), this));
    row->addWidget(m_fingerprint, 1);
    row->addWidget(m_exportButton);
    row->addWidget(m_importButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);

    connect(m_exportButton, &QPushButton::clicked, this, [this] { run(true); });
    connect(m_importButton, &QPushButton::clicked, this, [this] { run(false); });
}

QString PoolKeyBox::statusText() const
{
    return m_status->text();
}

void PoolKeyBox::run(bool exporting)
{
    const QString path = m_chooser(this, exporting);
    if (path.isEmpty())
        return;
    const KeyFileAction &action = exporting ? m_export : m_import;
    if (!action)
        return;
    m_exportButton->setEnabled(false);
    m_importButton->setEnabled(false);
    m_status->showMessage(exporting ? tr("Exporting…") : tr("Importing…"));
    action(path, this, [this, exporting, path](dopool::Result<QString> result) {
        m_exportButton->setEnabled(true);
        m_importButton->setEnabled(true);
        if (!result) {
            m_status->showMessage(result.error().message, StatusLabel::Tone::Error);
            return;
        }
        m_status->showMessage(
            exporting ? tr("Wrote the key %1 to %2 (readable by you only).").arg(*result, path)
                      : tr("Imported the key %1 into the OS keychain.").arg(*result),
            StatusLabel::Tone::Success);
    });
}

} // namespace dopool::ui
