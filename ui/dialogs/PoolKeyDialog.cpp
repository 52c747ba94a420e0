#include "PoolKeyDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace dopool::ui {

namespace {

PoolKeyBox::KeyFileAction
keyAction(QPointer<desktop::PoolClient> pool,
          void (desktop::PoolWorker::*op)(const QString &, desktop::PoolWorker::Done<QString>))
{
    return [pool, op](const QString &path, QObject *context,
                      std::function<void(Result<QString>)> done) {
        desktop::PoolClient::call(pool, op, path).then(context, std::move(done));
    };
}

} // namespace

PoolKeyDialog::PoolKeyDialog(QPointer<desktop::PoolClient> pool, const QString &fingerprint,
                             QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("poolKeyDialog"));
    setWindowTitle(tr("Pool Key"));
    setMinimumWidth(520);
    m_box = new PoolKeyBox(fingerprint, keyAction(pool, &desktop::PoolWorker::exportKey),
                           keyAction(pool, &desktop::PoolWorker::importKey), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_box);
    layout->addWidget(buttons);
}

bool PoolKeyDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    if (event->type() == QEvent::LayoutRequest) {
        const int needed = layout()->totalHeightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
    return handled;
}

} // namespace dopool::ui
