#pragma once

#include "desktop/PoolClient.h"
#include "settings/PoolKeyBox.h"

#include <QDialog>
#include <QPointer>

namespace dopool::ui {

// Pool -> Pool Key: the PoolKeyBox (fingerprint, Export..., Import...) with a Close button.
// Its requests go to the pool it was opened on; once that pool is closed (the settings
// switched it) they answer "The pool is not open" in the box.
class PoolKeyDialog : public QDialog
{
    Q_OBJECT
public:
    PoolKeyDialog(QPointer<desktop::PoolClient> pool, const QString &fingerprint,
                  QWidget *parent = nullptr);

    PoolKeyBox *keyBox() const { return m_box; }

protected:
    // A wrapped status line (it names the file) can need more height than the dialog was
    // shown with: once the layout has taken the new text in, grow to it.
    bool event(QEvent *event) override;

private:
    PoolKeyBox *m_box = nullptr;
};

} // namespace dopool::ui
